using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Edge.Host.Platform;

namespace Edge.Host.Cli
{
    /// <summary>
    /// The options of every verb that names a broker (simulate, replay, listen, selftest, run): where it is
    /// (--broker), who the client is (--username, --password-file; --cert and --key for mutual TLS), which server
    /// certificates it believes (--ca; --insecure-skip-verify for development). Each value is checked as the command
    /// line is parsed, files included, so a wrong one is a usage error of one line naming the option and the file,
    /// and never the password. A password is never taken on the command line (it would stay in the shell history
    /// and show in the process list): --password exists only to say so.
    /// </summary>
    public sealed class BrokerConnectionOptions
    {
        private BrokerConnectionOptions(Option<BrokerAddress?> broker)
        {
            Broker = broker;
            Username = new Option<string?>("--username") { Description = "MQTT user name" };
            Username.Validators.Add(result =>
            {
                string? text = result.GetValueOrDefault<string?>();
                if (text is not null && !IsUsername(text))
                {
                    result.AddError($"--username '{CliOptions.Printable(text)}' is not an MQTT user name; expected 1 to {BrokerFiles.MaxPasswordBytes} bytes of UTF-8 without NUL (MQTT 3.1.1 section 1.5.3)");
                }
            });
            PasswordFile = new Option<PasswordFileValue?>("--password-file")
            {
                Description = "File whose first line is the MQTT password (with --username); the password is never taken on the command line",
                CustomParser = result =>
                {
                    string path = result.Tokens[0].Value;
                    if (BrokerFiles.TryReadPassword(path, out string password, out string problem))
                    {
                        return new PasswordFileValue(path, password);
                    }

                    result.AddError("--password-file " + problem);
                    return null;
                },
            };
            Ca = new Option<TrustAnchorFile?>("--ca")
            {
                Description = "PEM file of the CA certificate(s) the broker's certificate must chain to (mqtts://); given, it is the only trust anchor, the system's are not used",
                CustomParser = result =>
                {
                    string path = result.Tokens[0].Value;
                    if (BrokerFiles.TryReadCa(path, out X509Certificate2Collection anchors, out string problem))
                    {
                        return new TrustAnchorFile(path, anchors);
                    }

                    result.AddError("--ca " + problem);
                    return null;
                },
            };
            Cert = ExistingFile("--cert", "PEM client certificate for mutual TLS (with --key)", "a PEM client certificate");
            Cert.Validators.Add(result =>
            {
                // RFC 7468 section 5: a certificate's PEM label is CERTIFICATE. Read to say which file is wrong: a
                // certificate that does not load with its key is the key's fault, said by the rule between them.
                string? path = result.GetValueOrDefault<string?>();
                if (path is not null && System.IO.File.Exists(path) && !HoldsCertificate(path))
                {
                    result.AddError($"--cert '{CliOptions.Printable(path)}' holds no PEM certificate; expected a file with a -----BEGIN CERTIFICATE----- block");
                }
            });
            Key = ExistingFile("--key", "Unencrypted PEM private key of --cert", "a PEM private key");
            InsecureSkipVerify = CliOptions.Flag(
                "--insecure-skip-verify",
                "DEVELOPMENT ONLY: accept any broker certificate without checking it (each connection warns); never on a real site");
            Password = new Option<string?>("--password") { Description = "Not accepted: use --password-file", Hidden = true };
            Password.Validators.Add(result => result.AddError(
                "--password is not accepted: a password on the command line stays in the shell history and shows in the process list; put it on the first line of a file and give --password-file FILE"));
        }

        public Option<BrokerAddress?> Broker { get; }

        public Option<string?> Username { get; }

        public Option<PasswordFileValue?> PasswordFile { get; }

        public Option<TrustAnchorFile?> Ca { get; }

        public Option<string?> Cert { get; }

        public Option<string?> Key { get; }

        public Option<bool> InsecureSkipVerify { get; }

        public Option<string?> Password { get; }

        /// <summary>The options besides --broker, in the order the help lists them.</summary>
        private Option[] Others => [Username, PasswordFile, Ca, Cert, Key, InsecureSkipVerify, Password];

        /// <summary>The broker's options, --broker described by <paramref name="description"/>.</summary>
        public static BrokerConnectionOptions Create(string description, bool required = false) =>
            new(CliOptions.Broker("--broker", description, required));

        /// <summary>Adds the options and the rules between them to <paramref name="command"/>. With
        /// <paramref name="brokerImplied"/> they may be given without --broker (edge run: the config names the
        /// broker); else they need it.</summary>
        public void AddTo(Command command, bool brokerImplied = false)
        {
            command.Options.Add(Broker);
            foreach (Option option in Others)
            {
                command.Options.Add(option);
            }

            command.Validators.Add(result => Check(result, brokerImplied));
        }

        /// <summary>The first of the options besides --broker given on the command line, or null.</summary>
        public Option? FirstGiven(CommandResult command) => Array.Find(Others, o => CliOptions.IsGiven(command, o));

        /// <summary>What the command line says about the broker.</summary>
        public BrokerConnectionChoice Read(ParseResult parse)
        {
            X509Certificate2? certificate = null;
            string? cert = parse.GetValue(Cert);
            if (cert is not null && !BrokerFiles.TryReadClientCertificate(cert, parse.GetValue(Key), null, out certificate, out string problem))
            {
                // Checked as the command line was parsed: the files changed since.
                throw new InvalidOperationException("--key " + problem);
            }

            return new BrokerConnectionChoice
            {
                Address = parse.GetValue(Broker),
                Username = parse.GetValue(Username),
                Password = parse.GetValue(PasswordFile)?.Password,
                TrustAnchors = parse.GetValue(Ca)?.Anchors,
                ClientCertificate = certificate,
                SkipVerify = parse.GetValue(InsecureSkipVerify),
            };
        }

        private void Check(CommandResult result, bool brokerImplied)
        {
            bool brokerGiven = CliOptions.TryGetValue<BrokerAddress?>(result, Broker, out BrokerAddress? broker) && broker is not null;
            if (!brokerGiven && !brokerImplied && FirstGiven(result) is Option orphan && orphan != Password)
            {
                result.AddError($"{orphan.Name} is an option of --broker: give the broker as --broker mqtt[s]://HOST:PORT");
                return;
            }

            if (CliOptions.IsGiven(result, PasswordFile) && !CliOptions.IsGiven(result, Username))
            {
                result.AddError("--password-file is given without --username: MQTT sends a password only with a user name (MQTT 3.1.1 section 3.1.2.9)");
                return;
            }

            bool certGiven = CliOptions.IsGiven(result, Cert);
            bool keyGiven = CliOptions.IsGiven(result, Key);
            if (certGiven != keyGiven)
            {
                result.AddError(certGiven
                    ? "--cert is given without --key: a client certificate goes with its private key"
                    : "--key is given without --cert: the private key goes with its client certificate");
                return;
            }

            if (CliOptions.IsGiven(result, InsecureSkipVerify) && result.GetValue(InsecureSkipVerify) && CliOptions.IsGiven(result, Ca))
            {
                result.AddError("--insecure-skip-verify is given with --ca: a CA to verify against and no verification contradict each other; drop one");
                return;
            }

            if (brokerGiven && !broker!.Tls)
            {
                foreach (Option tlsOnly in new Option[] { Ca, Cert, Key, InsecureSkipVerify })
                {
                    if (CliOptions.IsGiven(result, tlsOnly))
                    {
                        result.AddError($"{tlsOnly.Name} is for a TLS broker, and {broker} is plain MQTT: give it as mqtts://{(broker.Host.Contains(':', StringComparison.Ordinal) ? "[" + broker.Host + "]" : broker.Host)}:PORT");
                        return;
                    }
                }
            }

            // The pair is loaded here only to be checked (Read loads it again for the run).
            // (A file that is missing is said by its own option.)
            if (certGiven && CliOptions.TryGetValue<string?>(result, Cert, out string? cert) && CliOptions.TryGetValue<string?>(result, Key, out string? key)
                && System.IO.File.Exists(cert) && System.IO.File.Exists(key) && HoldsCertificate(cert!))
            {
                if (BrokerFiles.TryReadClientCertificate(cert!, key, null, out X509Certificate2? loaded, out string problem))
                {
                    loaded!.Dispose();
                }
                else
                {
                    result.AddError("--key " + problem);
                }
            }
        }

        private static bool HoldsCertificate(string path)
        {
            try
            {
                return System.IO.File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>MQTT 3.1.1 section 1.5.3: a UTF-8 string of at most 65535 bytes, without U+0000.</summary>
        private static bool IsUsername(string text) =>
            text.Length > 0 && text.IndexOf('\0') < 0 && Encoding.UTF8.GetByteCount(text) <= BrokerFiles.MaxPasswordBytes;

        private static Option<string?> ExistingFile(string name, string description, string expected)
        {
            var option = new Option<string?>(name) { Description = description };
            option.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string?>();
                if (path is not null && !System.IO.File.Exists(path))
                {
                    result.AddError(System.IO.Directory.Exists(path)
                        ? $"{name} '{CliOptions.Printable(path)}' is a directory; expected {expected}"
                        : $"{name} '{CliOptions.Printable(path)}' does not exist; expected {expected}");
                }
            });
            return option;
        }
    }

    /// <summary>A password file as read: its path (what may be shown) and its first line (what may not).</summary>
    public sealed class PasswordFileValue(string path, string password)
    {
        public string Path { get; } = path;

        public string Password { get; } = password;

        public override string ToString() => Path;
    }

    /// <summary>A --ca file as read: its path and its certificates.</summary>
    public sealed record TrustAnchorFile(string Path, X509Certificate2Collection Anchors);

    /// <summary>What the command line says about the broker, each part null (or false) when not given.</summary>
    public sealed class BrokerConnectionChoice
    {
        public BrokerAddress? Address { get; init; }

        public string? Username { get; init; }

        public string? Password { get; init; }

        public X509Certificate2Collection? TrustAnchors { get; init; }

        public X509Certificate2? ClientCertificate { get; init; }

        public bool SkipVerify { get; init; }

        /// <summary>The connection to <paramref name="address"/> with what the command line gives.</summary>
        public BrokerConnection For(BrokerAddress address) => new(address)
        {
            Username = Username,
            Password = Password,
            TrustAnchors = TrustAnchors,
            ClientCertificate = ClientCertificate,
            SkipVerify = SkipVerify,
        };

        /// <summary>The connection to the broker of --broker, for a verb where it is required.</summary>
        public BrokerConnection ForGiven() => For(Address ?? throw new InvalidOperationException("--broker is required and was checked as the command line was parsed"));

        public override string ToString() => Address?.ToString() ?? "(the config's broker)";
    }
}
