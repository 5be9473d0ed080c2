using System;
using System.IO;
using Edge.Core.Setup;

namespace Edge.Host.Cli
{
    /// <summary>A node's config.json, its secrets (given, or secrets.json beside it) and its board profile (given,
    /// or the one the config names), read from disk as `edge run` needs them.</summary>
    public sealed record SetupFileSet(string ConfigPath, string? SecretsPath, string? BoardNameOrFile)
    {
        /// <summary>Reads the three files; false with <paramref name="problem"/> (one line) when one is missing or
        /// the config names no board. The contents are checked later, by the node's own reader.</summary>
        public bool TryRead(out byte[] config, out byte[]? secrets, out byte[] board, out string nodeId, out string problem)
        {
            config = [];
            secrets = null;
            board = [];
            nodeId = string.Empty;
            string beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ConfigPath)) ?? ".", SetupFiles.Secrets);
            string? secretsFile = SecretsPath ?? (File.Exists(beside) ? beside : null);
            try
            {
                config = File.ReadAllBytes(ConfigPath);
                secrets = secretsFile is null ? null : File.ReadAllBytes(secretsFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = "cannot read the setup: " + e.Message;
                return false;
            }

            var problems = new SetupProblems();
            NodeSetup setup = NodeSetupReader.Read(config, config.Length, secrets, secrets?.Length ?? 0, problems);
            nodeId = setup?.Node?.NodeId ?? "gateway";
            string? boardName = BoardNameOrFile ?? setup?.Board;
            if (boardName is null)
            {
                problem = $"{ConfigPath} names no board profile and --board is not given";
                return false;
            }

            if (!BoardProfileFiles.TryLocate(boardName, out string boardPath, out string locateError))
            {
                problem = locateError;
                return false;
            }

            try
            {
                board = File.ReadAllBytes(boardPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = "cannot read the setup: " + e.Message;
                return false;
            }

            problem = string.Empty;
            return true;
        }
    }
}
