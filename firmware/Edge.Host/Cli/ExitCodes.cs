namespace Edge.Host.Cli
{
    /// <summary>What `edge` exits with; the README lists them. 2 for a usage error follows the convention of
    /// POSIX utilities (and of sh's builtins), so scripts can tell a wrong command line from a failed run.</summary>
    public static class ExitCodes
    {
        public const int Success = 0;

        /// <summary>The run failed: a file could not be read, a broker could not be reached or did not take
        /// everything, the embedded broker could not start (listen: a message broke the contract).</summary>
        public const int Failure = 1;

        /// <summary>The command line is wrong: unknown command or option, bad value, missing or nonexistent file.</summary>
        public const int Usage = 2;

        /// <summary>decode: the input held no complete valid frame.</summary>
        public const int NothingDecoded = 3;

        /// <summary>config validate: the node's setup files have problems (each printed with its path).</summary>
        public const int InvalidSetup = 4;

        /// <summary>selftest: the node's report has a failed check (each printed as its console shows it); i2c-scan: no
        /// device answered on the bus.</summary>
        public const int SelfTestFailed = 5;

        /// <summary>selftest: the node did not answer in time (offline, or not subscribed to its commands).</summary>
        public const int NoAnswer = 6;

        /// <summary>run, capture, i2c-scan: a serial device, GPIO line or I2C bus of the gateway could not be opened (the line
        /// printed names it and the likely cause: permissions, a wrong or missing device).</summary>
        public const int DeviceUnavailable = 7;
    }
}
