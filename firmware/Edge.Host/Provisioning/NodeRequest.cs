namespace Edge.Host.Provisioning
{
    /// <summary>What an installer asks `edge provision` for one node: the command line's options, or one row of a
    /// --batch file. Paths are as given (relative to the current folder, or to the batch file's); a password file
    /// of "-" is standard input. Null where the option is not given.</summary>
    public sealed record NodeRequest
    {
        public string? NodeId { get; init; }

        public string? Board { get; init; }

        public string[] Meters { get; init; } = [];

        public string? Broker { get; init; }

        public string? Username { get; init; }

        public string? PasswordFile { get; init; }

        public string? WifiSsid { get; init; }

        public string? WifiPasswordFile { get; init; }

        public string? Ca { get; init; }

        public string? Cert { get; init; }

        public string? Key { get; init; }

        public string? Profile { get; init; }

        public string? Format { get; init; }

        public string? Prefix { get; init; }
    }
}
