using System;
using System.IO;

namespace Edge.Host.Provisioning
{
    /// <summary>Where the board profiles are when --boards is not given: hardware/boards of the repository, found
    /// from the current folder (edge run from the repository root, as the README does) or from the program's own
    /// folder upwards (a build output inside the repository).</summary>
    public static class BoardsDirectory
    {
        public static readonly string RelativePath = Path.Combine("hardware", "boards");

        public static string Default()
        {
            string? fromCurrent = Above(Directory.GetCurrentDirectory());
            return fromCurrent ?? Above(AppContext.BaseDirectory) ?? Path.GetFullPath(RelativePath);
        }

        private static string? Above(string start)
        {
            for (DirectoryInfo? dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, RelativePath);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
