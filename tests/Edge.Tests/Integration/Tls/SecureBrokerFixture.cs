using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Edge.Host.Platform;
using Edge.Tests.Integration.Faults;
using Xunit;

namespace Edge.Tests.Integration.Tls
{
    /// <summary>
    /// A real mosquitto set up as a site broker is: TLS only, a user and password for each node (made with
    /// mosquitto_passwd) and an ACL by which a node writes only under its own topics and reads only its commands.
    /// Its listeners, all on 127.0.0.1:
    /// <list type="bullet">
    /// <item><see cref="Port"/>: certificate for localhost and 127.0.0.1 from <see cref="Ca"/>, user name and password;</item>
    /// <item><see cref="MutualPort"/>: the same, and a client certificate from the CA required (require_certificate);</item>
    /// <item><see cref="ExpiredPort"/>: a certificate from the CA that expired yesterday;</item>
    /// <item><see cref="OtherHostPort"/>: a certificate from the CA for broker.example only.</item>
    /// </list>
    /// There is no embedded fallback (MQTTnet's broker would not test mosquitto's TLS and ACL): without mosquitto
    /// the tests fail, in CI and everywhere else, saying what to install.
    /// </summary>
    public sealed class SecureBrokerFixture : IAsyncLifetime
    {
        public const string NodeId = "n1";
        public const string NodePassword = "n1-secret-8ac2";
        public const string OtherNodeId = "n2";
        public const string Operator = "operator";
        public const string OperatorPassword = "operator-secret-51f0";
        public const string OtherHostName = "broker.example";

        /// <summary>The Linux gateway's node (GatewayRig's config) and its password.</summary>
        public const string GatewayId = "gw-0001";
        public const string GatewayPassword = "gw-secret-0d41";

        private MosquittoProcess? _mosquitto;

        public TestPki Pki { get; } = new();

        public X509Certificate2 Ca { get; private set; } = null!;

        public string Host => "127.0.0.1";

        public int Port { get; private set; }

        public int MutualPort { get; private set; }

        public int ExpiredPort { get; private set; }

        public int OtherHostPort { get; private set; }

        public string Kind => _mosquitto?.Kind ?? "mosquitto (not started)";

        /// <summary>The CA's PEM file, for --ca.</summary>
        public string CaFile => Pki.PathOf("ca.pem");

        /// <summary>A CA that issued none of the broker's certificates.</summary>
        public string OtherCaFile => Pki.PathOf("other-ca.pem");

        /// <summary>The client certificate of node n1 and its key, from the CA.</summary>
        public string ClientCertificateFile => Pki.PathOf("client.pem");

        public string ClientKeyFile => Pki.PathOf("client.key");

        /// <summary>mosquitto's log so far, for a failing assertion's message.</summary>
        public string Log => _mosquitto?.Log ?? string.Empty;

        public async Task InitializeAsync()
        {
            string passwd = MosquittoPasswd.FindExecutable() ?? throw new InvalidOperationException(
                "mosquitto_passwd is not installed (looked on PATH and in /usr/bin, /usr/sbin); the TLS and ACL tests need a real mosquitto: apt-get install -y mosquitto");
            if (MosquittoProcess.FindExecutable() is null)
            {
                throw new InvalidOperationException("mosquitto is not installed (looked on PATH and in /usr/sbin); the TLS and ACL tests need a real mosquitto: apt-get install -y mosquitto");
            }

            Ca = Pki.CreateCa("ca");
            using (Pki.CreateCa("other-ca"))
            {
            }

            DateTimeOffset now = DateTimeOffset.UtcNow;
            Pki.IssueServer(Ca, "server", "localhost", IPAddress.Loopback, now.AddDays(-1), now.AddYears(1)).Dispose();
            Pki.IssueServer(Ca, "expired", "localhost", IPAddress.Loopback, now.AddDays(-30), now.AddDays(-1)).Dispose();
            Pki.IssueServer(Ca, "other-host", OtherHostName, null, now.AddDays(-1), now.AddYears(1)).Dispose();
            Pki.IssueClient(Ca, "client", NodeId).Dispose();

            string passwordFile = Pki.PathOf("passwd");
            MosquittoPasswd.Add(passwd, passwordFile, NodeId, NodePassword, create: true);
            MosquittoPasswd.Add(passwd, passwordFile, OtherNodeId, "n2-secret-77d0", create: false);
            MosquittoPasswd.Add(passwd, passwordFile, Operator, OperatorPassword, create: false);
            MosquittoPasswd.Add(passwd, passwordFile, GatewayId, GatewayPassword, create: false);

            // mosquitto.conf(5) "acl_file": "pattern" lines apply to every user, %u being the user name; the lines
            // after "user" to that user only. A node writes under edge/<its name>/ and reads its commands.
            string aclFile = Pki.PathOf("acl");
            File.WriteAllText(aclFile, string.Join('\n',
                "pattern write edge/%u/#",
                "pattern read edge/%u/cmd/#",
                string.Empty,
                $"user {Operator}",
                "topic readwrite #",
                string.Empty));

            Port = EmbeddedBroker.FreeLoopbackPort();
            MutualPort = EmbeddedBroker.FreeLoopbackPort();
            ExpiredPort = EmbeddedBroker.FreeLoopbackPort();
            OtherHostPort = EmbeddedBroker.FreeLoopbackPort();
            var listeners = new StringBuilder();

            // Each listener its own security settings (mosquitto.conf(5) "per_listener_settings").
            listeners.AppendLine("per_listener_settings true");
            Listener(listeners, Port, "server", passwordFile, aclFile, requireCertificate: false);
            Listener(listeners, MutualPort, "server", passwordFile, aclFile, requireCertificate: true);
            Listener(listeners, ExpiredPort, "expired", passwordFile, aclFile, requireCertificate: false);
            Listener(listeners, OtherHostPort, "other-host", passwordFile, aclFile, requireCertificate: false);
            _mosquitto = await MosquittoProcess.StartAsync(new MosquittoOptions { Port = Port, Persistence = false, Listeners = listeners.ToString() });
        }

        /// <summary>A connection as a node or a tool of the site makes it: TLS to localhost:<paramref name="port"/>
        /// (the certificate's name), trusting the test CA only, with <paramref name="username"/> and its password.</summary>
        public BrokerConnection Connection(int port, string? username = NodeId, string? password = NodePassword, string? caFile = null, bool clientCertificate = false, string host = "localhost")
        {
            BrokerFiles.TryReadCa(caFile ?? CaFile, out X509Certificate2Collection anchors, out _);
            X509Certificate2? certificate = null;
            if (clientCertificate)
            {
                BrokerFiles.TryReadClientCertificate(ClientCertificateFile, ClientKeyFile, null, out certificate, out _);
            }

            return new BrokerConnection(new BrokerAddress(host, port, Tls: true))
            {
                Username = username,
                Password = password,
                TrustAnchors = anchors,
                ClientCertificate = certificate,
            };
        }

        public async Task DisposeAsync()
        {
            if (_mosquitto is not null)
            {
                await _mosquitto.DisposeAsync();
            }

            Ca?.Dispose();
            Pki.Dispose();
        }

        private void Listener(StringBuilder config, int port, string certificate, string passwordFile, string aclFile, bool requireCertificate)
        {
            config.AppendLine($"listener {port} 127.0.0.1");
            config.AppendLine("cafile " + CaFile);
            config.AppendLine("certfile " + Pki.PathOf(certificate + ".pem"));
            config.AppendLine("keyfile " + Pki.PathOf(certificate + ".key"));
            config.AppendLine(requireCertificate ? "require_certificate true" : "require_certificate false");
            config.AppendLine("allow_anonymous false");
            config.AppendLine("password_file " + passwordFile);
            config.AppendLine("acl_file " + aclFile);
        }
    }

    /// <summary>mosquitto_passwd, which writes mosquitto's password file (salted hashes).</summary>
    internal static class MosquittoPasswd
    {
        public static string? FindExecutable()
        {
            string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            foreach (string directory in (string[])[.. directories, "/usr/bin", "/usr/sbin", "/usr/local/bin"])
            {
                string candidate = Path.Combine(directory, "mosquitto_passwd");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>mosquitto_passwd -b [-c] FILE USER PASSWORD (-c: a new file).</summary>
        public static void Add(string executable, string file, string user, string password, bool create)
        {
            var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (create)
            {
                start.ArgumentList.Add("-c");
            }

            foreach (string argument in new[] { "-b", file, user, password })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
            string said = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd exited with {process.ExitCode}: {said}");
            }
        }
    }

    [CollectionDefinition(Name)]
    public sealed class SecureBrokerCollection : ICollectionFixture<SecureBrokerFixture>
    {
        public const string Name = "secure broker";
    }
}
