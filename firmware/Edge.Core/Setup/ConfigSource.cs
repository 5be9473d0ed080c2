#nullable disable
using Edge.Core.Platform;

namespace Edge.Core.Setup
{
    /// <summary>How a node's setup was found at start, for the start-up to show (status LED pattern, console).</summary>
    public enum SetupStatus : byte
    {
        /// <summary>Not loaded yet.</summary>
        None = 0,

        /// <summary>config.json, secrets.json and board.json read good: the node runs on them.</summary>
        Current = 1,

        /// <summary>The files have problems (logged one by one): the node runs on the last setup that read good.</summary>
        LastGood = 2,

        /// <summary>There is no config.json and no last good setup: a node never provisioned.</summary>
        Missing = 3,

        /// <summary>The files have problems and there is no last good setup to fall back on: the node cannot run.</summary>
        Unusable = 4,
    }

    /// <summary>
    /// Where a node takes its setup from at start: config.json, secrets.json and board.json in its store (on the
    /// device <c>I:\edge\</c>, a <see cref="ReplacingStore"/>). A setup that reads good and differs from the last good
    /// one is kept as the new last good (one file, replaced atomically); a setup with problems is refused, each
    /// problem logged with its file and path (never a secret's value, see <see cref="SetupJson"/>), and the last good
    /// one used instead. <see cref="Status"/> says which happened.
    /// </summary>
    public sealed class ConfigSource
    {
        /// <summary>Largest setup file read: a configuration is about 1 KB and a board profile 5 KB; the cap keeps a
        /// stray large file from taking the device heap.</summary>
        public const int MaxFileBytes = 16384;

        private const string Tag = "setup";

        // The last good file: "ES1" and a zero, then the lengths of the config, secrets and board texts (4 bytes each,
        // little-endian), then the three texts.
        private const int HeaderBytes = 16;

        private readonly IStore _store;
        private readonly ILog _log;

        /// <summary>Setup files of <paramref name="store"/>; problems and fallbacks written to <paramref name="log"/>
        /// (null: not written).</summary>
        public ConfigSource(IStore store, ILog log)
        {
            _store = store;
            _log = log;
            Problems = new SetupProblems();
        }

        /// <summary>Which setup <see cref="Load"/> found.</summary>
        public SetupStatus Status { get; private set; }

        /// <summary>The problems of the current files (empty when they read good).</summary>
        public SetupProblems Problems { get; private set; }

        /// <summary>The node's setup: the current files when they read good, otherwise the last good one; null when
        /// there is neither (<see cref="Status"/> is then <see cref="SetupStatus.Missing"/> or
        /// <see cref="SetupStatus.Unusable"/>).</summary>
        public NodeSetup Load()
        {
            Problems = new SetupProblems();
            byte[] config = ReadFile(SetupFiles.Config);
            byte[] secrets = ReadFile(SetupFiles.Secrets);
            byte[] board = ReadFile(SetupFiles.Board);
            bool present = config != null;
            if (!present && !Problems.Has(SetupFiles.Config, "$"))
            {
                Problems.Add(SetupFiles.Config, "$", "missing from the node's storage", "a node configuration (docs/configuration.md)");
            }

            if (board == null && !Problems.Has(SetupFiles.Board, "$"))
            {
                Problems.Add(SetupFiles.Board, "$", "missing from the node's storage", "the board profile of hardware/boards");
            }

            NodeSetup setup = null;
            if (config != null && board != null)
            {
                setup = NodeSetupReader.Read(config, config.Length, secrets, secrets == null ? 0 : secrets.Length, board, board.Length, Problems);
            }

            if (Problems.Count == 0)
            {
                Status = SetupStatus.Current;
                Write(LogLevel.Info, "setup read: node " + setup.Node.NodeId + " on " + setup.Board + ", " + setup.Meters.Length.ToString() + " meter(s)");
                KeepAsLastGood(config, secrets, board);
                return setup;
            }

            for (int i = 0; i < Problems.Count; i++)
            {
                Write(LogLevel.Error, Problems.At(i).ToString());
            }

            NodeSetup lastGood = ReadLastGood();
            if (lastGood != null)
            {
                Status = SetupStatus.LastGood;
                Write(LogLevel.Warning, Problems.Count.ToString() + " problem(s) in the setup files: running on the last good setup (node " + lastGood.Node.NodeId + ")");
                return lastGood;
            }

            Status = present ? SetupStatus.Unusable : SetupStatus.Missing;
            Write(LogLevel.Error, present
                ? Problems.Count.ToString() + " problem(s) in the setup files and no last good setup: the node cannot start"
                : "no setup: provision config.json, secrets.json and board.json");
            return null;
        }

        private byte[] ReadFile(string name)
        {
            int length = _store.Length(name);
            if (length < 0)
            {
                return null;
            }

            if (length > MaxFileBytes)
            {
                Problems.Add(name, "$", "too large (" + length.ToString() + " bytes)", "at most " + MaxFileBytes.ToString() + " bytes");
                return null;
            }

            var text = new byte[length];
            int read = _store.Read(name, text, 0);
            if (read != length)
            {
                Problems.Add(name, "$", "could not be read in full (" + read.ToString() + " of " + length.ToString() + " bytes)", "a readable file");
                return null;
            }

            return text;
        }

        private void KeepAsLastGood(byte[] config, byte[] secrets, byte[] board)
        {
            int secretsLength = secrets == null ? 0 : secrets.Length;
            var copy = new byte[HeaderBytes + config.Length + secretsLength + board.Length];
            copy[0] = (byte)'E';
            copy[1] = (byte)'S';
            copy[2] = (byte)'1';
            PutLength(copy, 4, config.Length);
            PutLength(copy, 8, secretsLength);
            PutLength(copy, 12, board.Length);
            int at = HeaderBytes;
            at = Append(copy, at, config);
            at = Append(copy, at, secrets);
            Append(copy, at, board);
            if (SameAsStored(copy))
            {
                return;
            }

            _store.Write(SetupFiles.LastGood, copy, 0, copy.Length);
            Write(LogLevel.Info, "setup kept as the last good one");
        }

        private bool SameAsStored(byte[] copy)
        {
            if (_store.Length(SetupFiles.LastGood) != copy.Length)
            {
                return false;
            }

            var stored = new byte[copy.Length];
            if (_store.Read(SetupFiles.LastGood, stored, 0) != copy.Length)
            {
                return false;
            }

            for (int i = 0; i < copy.Length; i++)
            {
                if (stored[i] != copy[i])
                {
                    return false;
                }
            }

            return true;
        }

        private NodeSetup ReadLastGood()
        {
            int length = _store.Length(SetupFiles.LastGood);
            if (length < HeaderBytes)
            {
                return null;
            }

            var copy = new byte[length];
            int configLength = 0;
            int secretsLength = 0;
            int boardLength = 0;
            if (_store.Read(SetupFiles.LastGood, copy, 0) == length && copy[0] == 'E' && copy[1] == 'S' && copy[2] == '1')
            {
                configLength = GetLength(copy, 4);
                secretsLength = GetLength(copy, 8);
                boardLength = GetLength(copy, 12);
            }

            if (configLength <= 0 || boardLength <= 0 || secretsLength < 0 || HeaderBytes + configLength + secretsLength + boardLength != length)
            {
                Write(LogLevel.Error, SetupFiles.LastGood + " is not a setup copy: ignored");
                return null;
            }

            byte[] config = Slice(copy, HeaderBytes, configLength);
            byte[] secrets = Slice(copy, HeaderBytes + configLength, secretsLength);
            byte[] board = Slice(copy, HeaderBytes + configLength + secretsLength, boardLength);
            var problems = new SetupProblems();
            NodeSetup setup = NodeSetupReader.Read(config, configLength, secrets, secretsLength, board, boardLength, problems);
            if (problems.Count == 0)
            {
                return setup;
            }

            // Kept only after reading good: a copy that no longer does was written by a firmware with other rules.
            Write(LogLevel.Error, SetupFiles.LastGood + " no longer reads good (" + problems.At(0).ToString() + "): ignored");
            return null;
        }

        private void Write(LogLevel level, string message)
        {
            if (_log != null && _log.IsEnabled(level))
            {
                _log.Write(level, Tag, message);
            }
        }

        private static int Append(byte[] copy, int at, byte[] text)
        {
            if (text == null)
            {
                return at;
            }

            for (int i = 0; i < text.Length; i++)
            {
                copy[at + i] = text[i];
            }

            return at + text.Length;
        }

        private static byte[] Slice(byte[] copy, int at, int length)
        {
            var part = new byte[length];
            for (int i = 0; i < length; i++)
            {
                part[i] = copy[at + i];
            }

            return part;
        }

        private static void PutLength(byte[] copy, int at, int length)
        {
            copy[at] = (byte)length;
            copy[at + 1] = (byte)(length >> 8);
            copy[at + 2] = (byte)(length >> 16);
            copy[at + 3] = (byte)(length >> 24);
        }

        private static int GetLength(byte[] copy, int at)
        {
            return copy[at] | (copy[at + 1] << 8) | (copy[at + 2] << 16) | (copy[at + 3] << 24);
        }
    }
}
