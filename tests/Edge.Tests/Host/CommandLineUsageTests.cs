using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Host
{
    /// <summary>Every user input error of every verb: exit 2, nothing on stdout, one line on stderr naming the option.</summary>
    public class CommandLineUsageTests
    {
        private static readonly string Capture = Path.Combine(AppContext.BaseDirectory, "TestData", "tic", "tic_std_1P_linky_lains_frame1.bin");

        /// <summary>A PEM certificate (self-signed, made here), for a --key of the wrong kind beside a right --cert.</summary>
        private static readonly string Certificate = WriteCertificate();

        /// <summary>verb, the option or argument at fault, and the command line after the verb.</summary>
        public static readonly TheoryData<string, string, string[]> BadValues = new()
        {
            { "simulate", "--port", ["--port", "70000"] },
            { "simulate", "--port", ["--port", "-1"] },
            { "simulate", "--port", ["--port", "http"] },
            { "simulate", "--listen", ["--listen", "localhost"] },
            { "simulate", "--listen", ["--listen", "127.0.0.1", "--listen", "10.0.0.1"] },
            { "simulate", "--listen", ["--listen", "::", "--broker", "mqtt://127.0.0.1:1883"] },
            { "simulate", "--port", ["--port", "1884", "--broker", "mqtt://127.0.0.1:1883"] },
            { "simulate", "--broker", ["--broker", "http://127.0.0.1:1883"] },
            { "simulate", "--window", ["--window", "7"] },
            { "simulate", "--speed", ["--speed", "0"] },
            { "simulate", "--speed", ["--speed", "fast"] },
            { "simulate", "--speed", ["--speed", "2", "--speed", "3"] },
            { "simulate", "--node-id", ["--node-id", "a/b"] },
            { "simulate", "--node-id", ["--node-id", ""] },
            { "simulate", "--node-id", ["--node-id", "a+b"] },
            { "simulate", "--node-id", ["--node-id", "a\0b"] },
            { "simulate", "--prefix", ["--prefix", "a#"] },
            { "simulate", "--prefix", ["--prefix", "city/district"] },
            { "simulate", "--duration", ["--duration", "forever"] },
            { "simulate", "--seed", ["--seed", "-1"] },
            { "simulate", "--meter", ["--meter", "gas"] },
            { "simulate", "--profile", ["--profile", "monthly"] },
            { "simulate", "--format", ["--format", "xml"] },
            { "simulate", "--pulses-per-kwh", ["--pulses-per-kwh", "0"] },
            { "simulate", "--pulses-per-kwh", ["--pulses-per-kwh", "100001"] },
            { "simulate", "--store", ["--store", ""] },
            { "simulate", "--store", ["--store", Capture] },
            { "simulate", "--faults", ["--faults", "--format", "senml"] },
            { "simulate", "--fault-seed", ["--fault-seed", "3"] },
            { "simulate", "--fault-seed", ["--faults", "--fault-seed", "-1"] },
            { "simulate", "--bogus", ["--bogus"] },
            { "decode", "--protocol", ["--protocol", "dsmr", Capture] },
            { "decode", "--protocol", [Capture] },
            { "decode", "--mode", ["--protocol", "tic", "--mode", "fast", Capture] },
            { "decode", "--mode", ["--protocol", "tic", "--mode", "auto", "--mode", "standard", Capture] },
            { "decode", "--meter-id", ["--protocol", "tic", "--meter-id", "hide", Capture] },
            { "decode", "--meter-id-key", ["--protocol", "tic", "--meter-id", "pseudonymise", "--meter-id-key", "short", Capture] },
            { "decode", "FILE", ["--protocol", "tic"] },
            { "decode", "FILE", ["--protocol", "tic", "/nonexistent/capture.bin"] },
            { "replay", "--protocol", ["--protocol", "s0", Capture] },
            { "replay", "--mode", ["--protocol", "tic", "--mode", "7e1", Capture] },
            { "replay", "--mode", ["--protocol", "TIC", "--mode", "auto", "--mode", "auto", Capture] },
            { "replay", "--window", ["--protocol", "tic", "--window", "7m", Capture] },
            { "replay", "--profile", ["--protocol", "tic", "--profile", "hourly", Capture] },
            { "replay", "--node-id", ["--protocol", "tic", "--node-id", "a/b", Capture] },
            { "replay", "--prefix", ["--protocol", "tic", "--prefix", "", Capture] },
            { "replay", "--start", ["--protocol", "tic", "--start", "yesterday", Capture] },
            { "replay", "--broker", ["--protocol", "tic", "--broker", "127.0.0.1:1883", Capture] },
            { "replay", "FILE", ["--protocol", "tic", AppContext.BaseDirectory] },
            { "listen", "--broker", [] },
            { "listen", "--broker", ["--broker", "mqtt://host:1883/topic"] },
            { "listen", "--broker", ["--broker", "mqtt://user:pw@127.0.0.1:1"] },
            { "selftest", "--broker", ["--broker", "mqtts://user:pw@127.0.0.1:1", "--node", "n1"] },
            { "listen", "--prefix", ["--broker", "mqtt://127.0.0.1:1", "--prefix", "+"] },
            { "listen", "--json", ["--broker", "mqtt://127.0.0.1:1", "--json=maybe"] },
            { "listen", "--duration", ["--broker", "mqtt://127.0.0.1:1", "--duration", "0"] },
            { "selftest", "--broker", ["--node", "n1"] },
            { "selftest", "--broker", ["--broker", "tcp://127.0.0.1:1883", "--node", "n1"] },
            { "selftest", "--node", ["--broker", "mqtt://127.0.0.1:1"] },
            { "selftest", "--node", ["--broker", "mqtt://127.0.0.1:1", "--node", "a/b"] },
            { "selftest", "--prefix", ["--broker", "mqtt://127.0.0.1:1", "--node", "n1", "--prefix", "#"] },
            { "selftest", "--timeout", ["--broker", "mqtt://127.0.0.1:1", "--node", "n1", "--timeout", "soon"] },
            { "selftest", "--json", ["--broker", "mqtt://127.0.0.1:1", "--node", "n1", "--json=yes"] },
            { "config validate", "FILE", ["/nonexistent/config.json"] },
            { "config validate", "--secrets", [Capture, "--secrets", "/nonexistent/secrets.json"] },
            { "config validate", "--board", [Capture, "--board", "esp32-nosuch"] },
            { "config validate", "--board", [Capture, "--board", "../esp32"] },
            { "provision", "--node-id", ["--node-id", "a/b", "--out", "nodes"] },
            { "provision", "--node-id", ["--out", "nodes"] },
            { "provision", "--board", ["--node-id", "n1", "--board", "../secrets", "--out", "nodes"] },
            { "provision", "--meter", ["--node-id", "n1", "--meter", "gas", "--out", "nodes"] },
            { "provision", "--broker", ["--node-id", "n1", "--broker", "http://b", "--out", "nodes"] },
            { "provision", "--username", ["--node-id", "n1", "--username", "", "--out", "nodes"] },
            { "provision", "--password-file", ["--node-id", "n1", "--password-file", "/nonexistent/mqtt.txt", "--out", "nodes"] },
            { "provision", "--wifi-ssid", ["--node-id", "n1", "--wifi-ssid", new string('w', 33), "--out", "nodes"] },
            { "provision", "--wifi-password-file", ["--node-id", "n1", "--wifi-password-file", AppContext.BaseDirectory, "--out", "nodes"] },
            { "provision", "--ca", ["--node-id", "n1", "--ca", "/nonexistent/ca.pem", "--out", "nodes"] },
            { "provision", "--cert", ["--node-id", "n1", "--cert", "/nonexistent/client.pem", "--out", "nodes"] },
            { "provision", "--key", ["--node-id", "n1", "--key", "/nonexistent/client.key", "--out", "nodes"] },
            { "provision", "--profile", ["--node-id", "n1", "--profile", "monthly", "--out", "nodes"] },
            { "provision", "--format", ["--node-id", "n1", "--format", "xml", "--out", "nodes"] },
            { "provision", "--prefix", ["--node-id", "n1", "--prefix", "city/district", "--out", "nodes"] },
            { "provision", "--out", ["--node-id", "n1"] },
            { "provision", "--out", ["--node-id", "n1", "--out", Capture] },
            { "provision", "--batch", ["--batch", "/nonexistent/nodes.csv", "--out", "nodes"] },
            { "provision", "--batch", ["--batch", Capture, "--node-id", "n1", "--out", "nodes"] },
            { "provision", "--boards", ["--node-id", "n1", "--boards", Capture, "--out", "nodes"] },
            { "provision", "--force", ["--node-id", "n1", "--out", "nodes", "--force=maybe"] },
            { "provision", "--password", ["--node-id", "n1", "--password", "hunter22", "--out", "nodes"] },
            { "provision", "--wifi-password", ["--node-id", "n1", "--wifi-password", "hunter22", "--out", "nodes"] },
            { "run", "--config", ["--state", "state"] },
            { "run", "--config", ["--config", "/nonexistent/config.json"] },
            { "run", "--secrets", ["--config", Capture, "--secrets", "/nonexistent/secrets.json"] },
            { "run", "--board", ["--config", Capture, "--board", "../secrets"] },
            { "run", "--broker", ["--config", Capture, "--broker", "http://b"] },
            { "run", "--state", ["--config", Capture, "--state", Capture] },
            { "run", "--gpio-chip", ["--config", Capture, "--gpio-chip", "-1"] },
            { "run", "--serial", ["--config", Capture, "--serial", "/dev/ttyUSB0"] },
            { "simulate", "--username", ["--broker", "mqtts://127.0.0.1:1", "--username", ""] },
            { "simulate", "--password-file", ["--broker", "mqtts://127.0.0.1:1", "--username", "u", "--password-file", "/nonexistent/password.txt"] },
            { "simulate", "--ca", ["--broker", "mqtts://127.0.0.1:1", "--ca", Capture] },
            { "simulate", "--cert", ["--broker", "mqtts://127.0.0.1:1", "--cert", "/nonexistent/client.pem", "--key", Capture] },
            { "simulate", "--key", ["--broker", "mqtts://127.0.0.1:1", "--cert", Certificate, "--key", Capture] },
            { "simulate", "--insecure-skip-verify", ["--broker", "mqtts://127.0.0.1:1", "--insecure-skip-verify=maybe"] },
            { "simulate", "--password", ["--broker", "mqtts://127.0.0.1:1", "--password", "hunter22"] },
            { "replay", "--username", ["--protocol", "tic", "--broker", "mqtts://127.0.0.1:1", "--username", "", Capture] },
            { "replay", "--password-file", ["--protocol", "tic", "--broker", "mqtts://127.0.0.1:1", "--username", "u", "--password-file", "/nonexistent/password.txt", Capture] },
            { "replay", "--ca", ["--protocol", "tic", "--broker", "mqtts://127.0.0.1:1", "--ca", Capture, Capture] },
            { "replay", "--cert", ["--protocol", "tic", "--broker", "mqtts://127.0.0.1:1", "--cert", "/nonexistent/client.pem", "--key", Capture, Capture] },
            { "replay", "--key", ["--protocol", "tic", "--broker", "mqtts://127.0.0.1:1", "--cert", Certificate, "--key", Capture, Capture] },
            { "replay", "--password", ["--protocol", "tic", "--broker", "mqtts://127.0.0.1:1", "--password", "hunter22", Capture] },
            { "listen", "--username", ["--broker", "mqtts://127.0.0.1:1", "--username", ""] },
            { "listen", "--password-file", ["--broker", "mqtts://127.0.0.1:1", "--username", "u", "--password-file", "/nonexistent/password.txt"] },
            { "listen", "--ca", ["--broker", "mqtts://127.0.0.1:1", "--ca", Capture] },
            { "listen", "--cert", ["--broker", "mqtts://127.0.0.1:1", "--cert", "/nonexistent/client.pem", "--key", Capture] },
            { "listen", "--key", ["--broker", "mqtts://127.0.0.1:1", "--cert", Certificate, "--key", Capture] },
            { "listen", "--insecure-skip-verify", ["--broker", "mqtts://127.0.0.1:1", "--insecure-skip-verify=maybe"] },
            { "listen", "--password", ["--broker", "mqtts://127.0.0.1:1", "--password", "hunter22"] },
            { "selftest", "--username", ["--broker", "mqtts://127.0.0.1:1", "--node", "n1", "--username", ""] },
            { "selftest", "--password-file", ["--broker", "mqtts://127.0.0.1:1", "--node", "n1", "--username", "u", "--password-file", "/nonexistent/password.txt"] },
            { "selftest", "--ca", ["--broker", "mqtts://127.0.0.1:1", "--node", "n1", "--ca", Capture] },
            { "selftest", "--cert", ["--broker", "mqtts://127.0.0.1:1", "--node", "n1", "--cert", "/nonexistent/client.pem", "--key", Capture] },
            { "selftest", "--key", ["--broker", "mqtts://127.0.0.1:1", "--node", "n1", "--cert", Certificate, "--key", Capture] },
            { "selftest", "--insecure-skip-verify", ["--broker", "mqtts://127.0.0.1:1", "--node", "n1", "--insecure-skip-verify=maybe"] },
            { "selftest", "--password", ["--broker", "mqtts://127.0.0.1:1", "--node", "n1", "--password", "hunter22"] },
            { "run", "--username", ["--config", Capture, "--username", ""] },
            { "run", "--password-file", ["--config", Capture, "--username", "u", "--password-file", "/nonexistent/password.txt"] },
            { "run", "--ca", ["--config", Capture, "--ca", Capture] },
            { "run", "--cert", ["--config", Capture, "--cert", "/nonexistent/client.pem", "--key", Capture] },
            { "run", "--key", ["--config", Capture, "--cert", Certificate, "--key", Capture] },
            { "run", "--insecure-skip-verify", ["--config", Capture, "--insecure-skip-verify=maybe"] },
            { "run", "--password", ["--config", Capture, "--password", "hunter22"] },
            { "simulate", "--username", ["--username", "u"] },
            { "listen", "--password-file", ["--broker", "mqtts://127.0.0.1:1", "--password-file", Capture] },
            { "selftest", "--ca", ["--broker", "mqtt://127.0.0.1:1", "--node", "n1", "--ca", Capture] },
            { "listen", "--cert", ["--broker", "mqtts://127.0.0.1:1", "--cert", Capture] },
            { "run", "--key", ["--config", Capture, "--key", Capture] },
            { "listen", "--cert", ["--broker", "mqtts://127.0.0.1:1", "--cert", Capture, "--key", Capture] },
            { "replay", "--insecure-skip-verify", ["--protocol", "tic", "--broker", "mqtt://127.0.0.1:1", "--insecure-skip-verify", Capture] },
            { "simulate", "--ca", ["--faults", "--broker", "mqtts://127.0.0.1:1", "--ca", Capture] },
            { "capture", "--port", ["--protocol", "tic", "--out", "linky.bin"] },
            { "capture", "--port", ["--port", " ", "--protocol", "tic", "--out", "linky.bin"] },
            { "capture", "--protocol", ["--port", "/dev/ttyUSB0", "--protocol", "modbus", "--out", "linky.bin"] },
            { "capture", "--out", ["--port", "/dev/ttyUSB0", "--protocol", "tic", "--out", AppContext.BaseDirectory] },
            { "capture", "--duration", ["--port", "/dev/ttyUSB0", "--protocol", "tic", "--out", "linky.bin", "--duration", "forever"] },
            { "i2c-scan", "--bus", ["--bus", "256"] },
        };

        private static string WriteCertificate()
        {
            using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=usage", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            string path = Path.Combine(AppContext.BaseDirectory, "usage-client.pem");
            File.WriteAllText(path, certificate.ExportCertificatePem());
            return path;
        }

        [Theory]
        [MemberData(nameof(BadValues))]
        public async Task Refuses_a_bad_value_with_exit_2_and_one_line_naming_the_option(string verb, string option, string[] rest)
        {
            var output = new StringWriter();
            var error = new StringWriter();

            int exit = await EdgeCli.RunAsync([.. verb.Split(' '), .. rest], output, error, interactive: false).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, output.ToString());
            string line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches("^" + Regex.Escape(option) + "[ :]", line);
        }

        [Fact]
        public void The_table_has_a_bad_value_for_every_option_and_argument_of_every_verb()
        {
            RootCommand root = EdgeCli.Create(TextWriter.Null, TextWriter.Null, interactive: false);
            var covered = BadValues.Select(row => ((string)row[0], (string)row[1])).ToHashSet();

            var missing = new List<string>();
            // A verb with verbs of its own (config validate) is covered through them.
            foreach ((string name, Command verb) in root.Subcommands.SelectMany(v => v.Subcommands.Count == 0 ? [(v.Name, v)] : v.Subcommands.Select(sub => (v.Name + " " + sub.Name, sub))))
            {
                IEnumerable<string> names = verb.Options.Where(o => o is not HelpOption).Select(o => o.Name).Concat(verb.Arguments.Select(a => a.Name));
                missing.AddRange(names.Where(option => !covered.Contains((name, option))).Select(option => $"{name} {option}"));
            }

            Assert.Equal(["simulate", "decode", "replay", "listen", "selftest", "config", "provision", "run", "capture", "i2c-scan"], root.Subcommands.Select(c => c.Name));
            Assert.Empty(missing);
        }

        [Theory]
        [InlineData(new[] { "simulate", "--node-id", "a/b" }, "--node-id 'a/b' is not allowed; expected a non-empty MQTT topic level, without '/', '+', '#' or NUL (MQTT 3.1.1 section 4.7)")]
        [InlineData(new[] { "simulate", "--node-id", "a\0b" }, "--node-id 'a\\u0000b' is not allowed; expected a non-empty MQTT topic level, without '/', '+', '#' or NUL (MQTT 3.1.1 section 4.7)")]
        [InlineData(new[] { "simulate", "--port", "70000" }, "--port '70000' is not a TCP port; expected a whole number from 0 to 65535")]
        [InlineData(new[] { "simulate", "--pulses-per-kwh", "0" }, "--pulses-per-kwh '0' is not a meter constant; expected a whole number from 1 to 100000")]
        [InlineData(new[] { "simulate", "--store", "" }, "--store '' is not a directory; expected a directory (created if missing) or none")]
        [InlineData(new[] { "simulate", "--bogus" }, "--bogus is not an option of edge simulate (edge simulate --help lists them)")]
        [InlineData(new[] { "listen", "--broker", "mqtt://127.0.0.1:1", "--json=maybe" }, "--json takes no value, not 'maybe'")]
        [InlineData(new[] { "decode", "--protocol", "tic" }, "FILE is missing: Raw capture as read from the serial port, or - for standard input")]
        [InlineData(new[] { "decod" }, "'decod' is not a command; expected simulate, decode, replay, listen, selftest, config, provision, run, capture or i2c-scan")]
        [InlineData(new string[0], "no command given; expected simulate, decode, replay, listen, selftest, config, provision, run, capture or i2c-scan (edge --help says more)")]
        public async Task Says_what_is_wrong_and_what_is_allowed(string[] args, string message)
        {
            var error = new StringWriter();

            int exit = await EdgeCli.RunAsync(args, new StringWriter(), error, interactive: false);

            Assert.Equal(2, exit);
            Assert.Equal(message + Environment.NewLine, error.ToString());
        }
    }
}
