using System;
using System.IO;

namespace Edge.Host.Cli
{
    /// <summary>
    /// Where a simulated node keeps what the device keeps in flash (its sequence-number blocks, the settings changed
    /// by config/set): a directory of a <see cref="Edge.Host.Platform.FileStore"/>, or nowhere (<see cref="None"/>,
    /// RAM only, so numbering starts at 1 at every run). Given as --store DIR or --store none.
    /// </summary>
    public sealed record StoreLocation(string? Directory)
    {
        /// <summary>The word that asks for no store.</summary>
        public const string NoneName = "none";

        public static StoreLocation None { get; } = new((string?)null);

        public bool IsNone => Directory is null;

        /// <summary>
        /// The store of a node when --store is not given: edge/&lt;nodeId&gt; in the user's local application data
        /// (on Linux $XDG_DATA_HOME, by default ~/.local/share; %LOCALAPPDATA% on Windows; ~/Library/Application Support
        /// on macOS). Per user and per node, the same whatever the current directory, and outside any source tree; where
        /// the system has no such folder (no home), edge-store/&lt;nodeId&gt; under the current directory.
        /// </summary>
        public static StoreLocation DefaultFor(string nodeId)
        {
            string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return new StoreLocation(data.Length > 0
                ? Path.Combine(data, "edge", nodeId)
                : Path.Combine(Environment.CurrentDirectory, "edge-store", nodeId));
        }

        /// <summary>Reads "none" (any case) or a directory, which may not exist yet but must not be a file.</summary>
        public static bool TryParse(string text, out StoreLocation? location, out string error)
        {
            location = null;
            if (string.Equals(text, NoneName, StringComparison.OrdinalIgnoreCase))
            {
                location = None;
                error = string.Empty;
                return true;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                error = $"'{text}' is not a directory; expected a directory (created if missing) or {NoneName}";
                return false;
            }

            if (File.Exists(text))
            {
                error = $"'{text}' is a file; expected a directory (created if missing) or {NoneName}";
                return false;
            }

            string full;
            try
            {
                full = Path.GetFullPath(text);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                error = $"'{text}' is not a directory path ({e.Message}); expected a directory (created if missing) or {NoneName}";
                return false;
            }

            location = new StoreLocation(full);
            error = string.Empty;
            return true;
        }

        public override string ToString() => Directory ?? NoneName;
    }
}
