using System.IO;
using System.Text.Json;

namespace Edge.Tests.Tooling
{
    /// <summary>The board profiles of the repository's hardware/boards, as the tests read them: the profile list for
    /// a theory is <see cref="BoardProfileTests.Profiles"/>.</summary>
    internal static class RepoBoards
    {
        public static string Directory => Path.Combine(ScriptRunner.RepoRoot, "hardware", "boards");

        public static string File(string board) => Path.Combine(Directory, board + ".json");

        /// <summary>"wifi" or "ethernet".</summary>
        public static string Network(string board) => Field(board, "network");

        public static string Target(string board) => Field(board, "nanoFrameworkTarget");

        private static string Field(string board, string name)
        {
            using JsonDocument doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(File(board)));
            return doc.RootElement.GetProperty(name).GetString()!;
        }
    }
}
