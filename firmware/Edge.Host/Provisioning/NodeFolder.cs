using System;
using System.Collections.Generic;
using System.IO;
using Edge.Core.Meters;

namespace Edge.Host.Provisioning
{
    /// <summary>One file of a node's provisioning folder. <paramref name="Secret"/>: readable by its owner only;
    /// <paramref name="Deployed"/>: uploaded to the node (listed in deploy.json).</summary>
    public sealed record NodeFile(string Name, byte[] Bytes, bool Secret, bool Deployed);

    /// <summary>
    /// A node's provisioning folder as <see cref="NodeProvisioning.Prepare"/> made it: its files, or the problems
    /// that keep it from being written. <see cref="WriteInto"/> writes it whole or not at all.
    /// </summary>
    public sealed record NodeFolder(string NodeId, string Board, MeterSpec[] Meters, string Broker, IReadOnlyList<NodeFile> Files, IReadOnlyList<ConfigProblem> Problems)
    {
        private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        public bool IsValid => Problems.Count == 0;

        /// <summary>
        /// Writes the files into <c>OUT/&lt;nodeId&gt;/</c>: first into a hidden folder beside it, then renamed into
        /// place, so that a node's folder is never half written. The folder and the secrets are readable by their
        /// owner only on Unix (they hold the Wi-Fi and broker passwords and the client key); a secret is created with
        /// that mode, never readable by others even for a moment. An existing folder is replaced only with
        /// <paramref name="replace"/>. Returns the folder, or null and why.
        /// </summary>
        public string? WriteInto(string outDirectory, bool replace, out string error)
        {
            if (!IsValid)
            {
                throw new InvalidOperationException("a node with problems is never written");
            }

            string target = Path.Combine(Path.GetFullPath(outDirectory), NodeId);
            if (Directory.Exists(target) && !replace)
            {
                error = $"{target} already exists; remove it, or give --force to replace it";
                return null;
            }

            Directory.CreateDirectory(outDirectory);
            string staging = Path.Combine(Path.GetFullPath(outDirectory), $".{NodeId}.partial-{Guid.NewGuid():N}");
            try
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(staging);
                }
                else
                {
                    Directory.CreateDirectory(staging, OwnerOnlyFolder);
                }

                foreach (NodeFile file in Files)
                {
                    Write(Path.Combine(staging, file.Name), file.Bytes, file.Secret, FileMode.CreateNew);
                }

                string? previous = null;
                if (Directory.Exists(target))
                {
                    previous = Path.Combine(Path.GetFullPath(outDirectory), $".{NodeId}.replaced-{Guid.NewGuid():N}");
                    Directory.Move(target, previous);
                }

                Directory.Move(staging, target);
                if (previous is not null)
                {
                    Directory.Delete(previous, recursive: true);
                }

                error = string.Empty;
                return target;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }

                error = $"cannot write {target}: {e.Message}";
                return null;
            }
        }

        /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; a <paramref name="secret"/> is created
        /// readable by its owner only on Unix, with that mode from the start.</summary>
        internal static void Write(string path, byte[] bytes, bool secret, FileMode mode)
        {
            var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
            if (secret && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            using var stream = new FileStream(path, options);
            stream.Write(bytes);
        }
    }
}
