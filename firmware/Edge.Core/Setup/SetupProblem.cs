#nullable disable
namespace Edge.Core.Setup
{
    /// <summary>
    /// One thing wrong with a node's setup files: where (the file and the JSON path of the value, e.g.
    /// <c>$.meters[1].pulsesPerKwh</c>), what is wrong and what would be allowed. A problem of the secrets file never
    /// carries the secret's value, only what is wrong with it.
    /// </summary>
    public sealed class SetupProblem
    {
        /// <summary>A problem of <paramref name="file"/> at <paramref name="path"/>.</summary>
        public SetupProblem(string file, string path, string problem, string allowed)
        {
            File = file;
            Path = path;
            Problem = problem;
            Allowed = allowed;
        }

        /// <summary>The file the value is in: <see cref="SetupFiles.Config"/>, <see cref="SetupFiles.Secrets"/> or
        /// <see cref="SetupFiles.Board"/>.</summary>
        public string File { get; private set; }

        /// <summary>JSON path of the value in its file, "$" for the whole file.</summary>
        public string Path { get; private set; }

        /// <summary>What is wrong, e.g. "GPIO6 is a flash pin".</summary>
        public string Problem { get; private set; }

        /// <summary>What would be accepted there, or null when nothing can be said.</summary>
        public string Allowed { get; private set; }

        /// <summary>"PATH: problem (allowed: ...)", the path preceded by the file name unless the file is the
        /// configuration.</summary>
        public override string ToString()
        {
            string where = File == SetupFiles.Config ? Path : File + " " + Path;
            return Allowed == null ? where + ": " + Problem : where + ": " + Problem + " (allowed: " + Allowed + ")";
        }
    }
}
