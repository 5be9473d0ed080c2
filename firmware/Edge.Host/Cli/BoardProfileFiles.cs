using System;
using System.IO;

namespace Edge.Host.Cli
{
    /// <summary>
    /// Where the board profiles are on the host: hardware/boards of the repository, found from the executable's folder
    /// up and then from the current directory up (so `edge` works from a build output and from a checkout), or a file
    /// given by path.
    /// </summary>
    public static class BoardProfileFiles
    {
        /// <summary>The profiles' folder, relative to the repository's root.</summary>
        public static readonly string Folder = Path.Combine("hardware", "boards");

        /// <summary>The first hardware/boards above the executable or the current directory, or null.</summary>
        public static string? FindFolder()
        {
            foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            {
                for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
                {
                    string candidate = Path.Combine(directory.FullName, Folder);
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        /// <summary>The file of a profile given by name (e.g. esp32-devkitc, looked up in <see cref="FindFolder"/>) or
        /// by path (anything with a directory separator or ending in .json).</summary>
        public static bool TryLocate(string nameOrFile, out string path, out string error)
        {
            path = string.Empty;
            if (nameOrFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrFile.IndexOfAny(['/', '\\']) >= 0)
            {
                path = nameOrFile;
                error = $"board profile '{CliOptions.Printable(nameOrFile)}' does not exist";
                return File.Exists(path);
            }

            // hardware/boards/README.md: a profile name is letters, digits, '.', '_' and '-'.
            foreach (char c in nameOrFile)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-')
                {
                    error = $"'{CliOptions.Printable(nameOrFile)}' is not a board profile name; expected letters, digits, '.', '_', '-' (e.g. esp32-devkitc) or a .json file";
                    return false;
                }
            }

            string? folder = FindFolder();
            if (folder is null)
            {
                error = $"no {Folder} folder above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}: give the board profile as a .json file";
                return false;
            }

            path = Path.Combine(folder, nameOrFile + ".json");
            if (File.Exists(path))
            {
                error = string.Empty;
                return true;
            }

            string[] known = Array.ConvertAll(Directory.GetFiles(folder, "*.json"), file => Path.GetFileNameWithoutExtension(file));
            Array.Sort(known, StringComparer.Ordinal);
            error = $"no board profile '{nameOrFile}' in {folder}; expected one of {CliOptions.List(known)}";
            return false;
        }
    }
}
