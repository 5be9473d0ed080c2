using System;
using System.CommandLine;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Edge.Core.Setup;
using Edge.Host.Cli;
using Edge.Host.Gateway;
using Edge.Host.Platform;
using Edge.Tests.Integration.Tls;
using Xunit;

namespace Edge.Tests.Host
{
    /// <summary>The broker options every broker verb shares, the files they read and how `edge run` merges them with the node's config.</summary>
    public sealed class BrokerConnectionOptionsTests : IDisposable
    {
        private readonly TestPki _pki = new();

        public void Dispose() => _pki.Dispose();

        [Theory]
        [InlineData("s3cret\n", "s3cret")]
        [InlineData("s3cret\r\nsecond line", "s3cret")]
        [InlineData("pass word with spaces", "pass word with spaces")]
        public void The_password_is_the_first_line_of_its_file_without_the_line_break(string text, string password)
        {
            string file = Write("password.txt", text);

            Assert.True(BrokerFiles.TryReadPassword(file, out string read, out string problem), problem);
            Assert.Equal(password, read);
        }

        [Fact]
        public void A_password_file_with_an_empty_first_line_or_too_long_a_password_is_refused_without_showing_it()
        {
            string empty = Write("empty.txt", "\nhunter22");
            string tooLong = Write("long.txt", new string('p', BrokerFiles.MaxPasswordBytes + 1));

            Assert.False(BrokerFiles.TryReadPassword(empty, out _, out string emptyProblem));
            Assert.False(BrokerFiles.TryReadPassword(tooLong, out _, out string longProblem));

            Assert.Equal($"'{empty}' has an empty first line; expected the password on its first line", emptyProblem);
            Assert.Equal($"'{tooLong}' holds a password longer than 65535 bytes (MQTT 3.1.1 section 3.1.3.5)", longProblem);
        }

        [Theory]
        [InlineData(new[] { "listen", "--broker", "mqtts://127.0.0.1:1", "--username", "u", "--password-file", "/nonexistent/password.txt" }, "--password-file '/nonexistent/password.txt' does not exist; expected a file holding the password on its first line")]
        [InlineData(new[] { "listen", "--broker", "mqtts://127.0.0.1:1", "--password", "hunter22" }, "--password is not accepted: a password on the command line stays in the shell history and shows in the process list; put it on the first line of a file and give --password-file FILE")]
        [InlineData(new[] { "listen", "--broker", "mqtts://127.0.0.1:1", "--ca", "/nonexistent/ca.pem" }, "--ca '/nonexistent/ca.pem' does not exist; expected a PEM file of CA certificates")]
        [InlineData(new[] { "listen", "--broker", "mqtts://127.0.0.1:1", "--username", "" }, "--username '' is not an MQTT user name; expected 1 to 65535 bytes of UTF-8 without NUL (MQTT 3.1.1 section 1.5.3)")]
        [InlineData(new[] { "simulate", "--username", "n1" }, "--username is an option of --broker: give the broker as --broker mqtt[s]://HOST:PORT")]
        public async Task Says_what_is_wrong_with_a_broker_option(string[] args, string message)
        {
            var error = new StringWriter();

            int exit = await EdgeCli.RunAsync(args, new StringWriter(), error, interactive: false);

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Equal(message + Environment.NewLine, error.ToString());
        }

        [Fact]
        public async Task Says_what_is_wrong_with_a_password_file_without_user_a_ca_for_plain_mqtt_and_a_key_of_another_certificate()
        {
            string password = Write("password.txt", "hunter22\n");
            string notPem = Write("not.pem", "hello");
            var ca = _pki.CreateCa("ca");
            _pki.IssueClient(ca, "client", "n1").Dispose();
            _pki.IssueClient(ca, "other", "n2").Dispose();
            string cert = _pki.PathOf("client.pem");
            string otherKey = _pki.PathOf("other.key");

            string withoutUser = await Usage("listen", "--broker", "mqtts://127.0.0.1:1", "--password-file", password);
            string plainCa = await Usage("listen", "--broker", "mqtt://127.0.0.1:1", "--ca", _pki.PathOf("ca.pem"));
            string notCertificates = await Usage("listen", "--broker", "mqtts://127.0.0.1:1", "--ca", notPem);
            string wrongKey = await Usage("listen", "--broker", "mqtts://127.0.0.1:1", "--cert", cert, "--key", otherKey);
            string bothTrusts = await Usage("listen", "--broker", "mqtts://127.0.0.1:1", "--ca", _pki.PathOf("ca.pem"), "--insecure-skip-verify");

            Assert.Equal("--password-file is given without --username: MQTT sends a password only with a user name (MQTT 3.1.1 section 3.1.2.9)", withoutUser);
            Assert.Equal("--ca is for a TLS broker, and mqtt://127.0.0.1:1 is plain MQTT: give it as mqtts://127.0.0.1:PORT", plainCa);
            Assert.Equal($"--ca '{notPem}' holds no PEM certificate; expected a file with -----BEGIN CERTIFICATE----- blocks", notCertificates);
            Assert.Equal($"--key '{otherKey}' is not the unencrypted PEM private key of the certificate '{cert}' (The provided key does not match the public key for this certificate. (Parameter 'privateKey'))", wrongKey);
            Assert.Equal("--insecure-skip-verify is given with --ca: a CA to verify against and no verification contradict each other; drop one", bothTrusts);
            Assert.DoesNotContain("hunter22", withoutUser);
        }

        [Fact]
        public void The_options_give_the_connection_with_the_password_of_the_file_the_ca_and_the_client_certificate()
        {
            var ca = _pki.CreateCa("ca");
            _pki.IssueClient(ca, "client", "n1").Dispose();
            string password = Write("password.txt", "hunter22\n");
            BrokerConnectionOptions options = BrokerConnectionOptions.Create("the broker", required: true);
            var command = new Command("probe");
            options.AddTo(command);

            ParseResult parse = command.Parse(["--broker", "mqtts://localhost:8883", "--username", "n1", "--password-file", password, "--ca", _pki.PathOf("ca.pem"), "--cert", _pki.PathOf("client.pem"), "--key", _pki.PathOf("client.key")]);
            BrokerConnection connection = options.Read(parse).ForGiven();

            Assert.Empty(parse.Errors);
            Assert.Equal(new BrokerAddress("localhost", 8883, Tls: true), connection.Address);
            Assert.Equal(("n1", "hunter22", false), (connection.Username, connection.Password, connection.SkipVerify));
            Assert.Equal(ca.Thumbprint, Assert.Single(connection.TrustAnchors!).Thumbprint);
            Assert.True(connection.ClientCertificate!.HasPrivateKey);
            Assert.Equal("CN=n1", connection.ClientCertificate.Subject);
            Assert.Equal("mqtts://localhost:8883", connection.ToString());
        }

        [Theory]
        [InlineData(@"I:\edge\ca.pem", "ca.pem")]
        [InlineData("certs/ca.pem", "certs/ca.pem")]
        [InlineData("/nonexistent/dir/ca.pem", "ca.pem")]
        public void A_node_path_of_the_config_is_looked_for_beside_it(string nodePath, string beside)
        {
            Assert.Equal(Path.Combine("/site/n1", beside), GatewayBroker.LocalPath(nodePath, "/site/n1"));
        }

        [Fact]
        public void A_path_of_this_machine_that_exists_is_taken_as_it_is()
        {
            string file = Write("ca.pem", "x");

            Assert.Equal(file, GatewayBroker.LocalPath(file, "/site/n1"));
        }

        [Fact]
        public void Run_takes_the_configs_tls_files_and_credentials_and_the_command_line_replaces_each()
        {
            var ca = _pki.CreateCa("ca");
            var other = _pki.CreateCa("other-ca");
            _pki.IssueClient(ca, "client", "n1").Dispose();
            NodeSetup setup = TlsSetup();
            setup.Broker.ClientCertificateFile = @"I:\edge\client.pem";
            setup.Broker.ClientKeyPem = File.ReadAllText(_pki.PathOf("client.key"));

            Assert.True(GatewayBroker.TryResolve(setup, new BrokerConnectionChoice(), _pki.Directory, out BrokerConnection? fromConfig, out string problem), problem);
            var commandLine = new BrokerConnectionChoice { Address = new BrokerAddress("other.example", 9883, Tls: true), Username = "ops", TrustAnchors = [other] };
            Assert.True(GatewayBroker.TryResolve(setup, commandLine, _pki.Directory, out BrokerConnection? replaced, out problem), problem);

            Assert.Equal(new BrokerAddress("broker.example", 8883, Tls: true), fromConfig!.Address);
            Assert.Equal(("n1", "from-secrets"), (fromConfig.Username, fromConfig.Password));
            Assert.Equal(ca.Thumbprint, Assert.Single(fromConfig.TrustAnchors!).Thumbprint);
            Assert.Equal("CN=n1", fromConfig.ClientCertificate!.Subject);
            Assert.Equal(new BrokerAddress("other.example", 9883, Tls: true), replaced!.Address);

            // A user name of the command line comes with its own password (none here), never the config's.
            Assert.Equal(("ops", null), (replaced.Username, replaced.Password));
            Assert.Equal(other.Thumbprint, Assert.Single(replaced.TrustAnchors!).Thumbprint);
            Assert.Equal("CN=n1", replaced.ClientCertificate!.Subject);
        }

        [Fact]
        public void Run_refuses_a_missing_ca_of_the_config_and_a_ca_for_a_plain_broker_naming_the_field()
        {
            NodeSetup tls = TlsSetup();
            NodeSetup plain = TlsSetup();
            plain.Broker.Tls = false;
            plain.Broker.CaFile = null;
            var ca = _pki.CreateCa("other-ca");

            Assert.False(GatewayBroker.TryResolve(tls, new BrokerConnectionChoice(), _pki.Directory, out _, out string missing));
            Assert.False(GatewayBroker.TryResolve(plain, new BrokerConnectionChoice { TrustAnchors = [ca] }, _pki.Directory, out _, out string plainCa));

            Assert.Equal($"config.json $.broker.ca: '{Path.Combine(_pki.Directory, "ca.pem")}' does not exist; expected a PEM file of CA certificates", missing);
            Assert.Equal("--ca is for a TLS broker, and the broker mqtt://broker.example:8883 is plain MQTT", plainCa);
        }

        private NodeSetup TlsSetup()
        {
            var setup = new NodeSetup();
            setup.Broker.Host = "broker.example";
            setup.Broker.Port = 8883;
            setup.Broker.Tls = true;
            setup.Broker.CaFile = @"I:\edge\ca.pem";
            setup.Node.MqttUserName = "n1";
            setup.Node.MqttPassword = "from-secrets";
            return setup;
        }

        private static async Task<string> Usage(params string[] args)
        {
            var error = new StringWriter();
            int exit = await EdgeCli.RunAsync(args, new StringWriter(), error, interactive: false);
            Assert.Equal(ExitCodes.Usage, exit);
            return error.ToString().TrimEnd();
        }

        private string Write(string name, string text)
        {
            string path = _pki.PathOf(name);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
