using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Edge.Host.Cli;
using Edge.Host.Protocols;
using Edge.Host.Protocols.S0;
using Edge.Host.Protocols.Tic;
using Edge.Tests.Tooling;
using Xunit;

namespace Edge.Tests.Host
{
    /// <summary>The registry is the one list of host protocols: each has its folder, and its names reach the command line.</summary>
    public class ProtocolRegistryTests
    {
        [Fact]
        public void Lists_the_protocols_and_their_simulated_meters_in_command_line_order()
        {
            Assert.Equal(["s0", "tic", "modbus", "p1"], ProtocolRegistry.All.Select(p => p.Name));
            Assert.Equal(["s0", "tic-standard", "tic-historique", "sdm630", "p1"], ProtocolRegistry.SimulatedMeters.Select(m => m.Name));
            Assert.Equal(["tic", "modbus", "p1"], ProtocolRegistry.CaptureProtocols.Select(p => p.Name));
            Assert.Same(S0Protocol.PulseOutput, ProtocolRegistry.DefaultMeter);
            Assert.Same(TicProtocol.Historique, ProtocolRegistry.Meter("TIC-Historique"));
        }

        [Fact]
        public void Every_registered_protocol_has_its_folder_with_a_readme()
        {
            string protocols = Path.Combine(ScriptRunner.RepoRoot, "firmware", "Edge.Host", "Protocols");
            foreach (HostProtocol protocol in ProtocolRegistry.All)
            {
                // The folder is the last part of the protocol class's namespace: Edge.Host.Protocols.Tic is Protocols/Tic.
                string ns = protocol.GetType().Namespace!;
                Assert.StartsWith("Edge.Host.Protocols.", ns);
                string folder = Path.Combine(protocols, ns["Edge.Host.Protocols.".Length..]);
                Assert.True(File.Exists(Path.Combine(folder, protocol.GetType().Name + ".cs")), $"{protocol.GetType().Name}.cs is not in {folder}");
                Assert.True(File.Exists(Path.Combine(folder, "README.md")), $"{folder} has no README.md");
            }
        }

        [Fact]
        public void Names_are_unique_and_in_lower_case()
        {
            string[] protocols = [.. ProtocolRegistry.All.Select(p => p.Name), .. ProtocolRegistry.Planned.Select(p => p.Name)];
            string[] meters = [.. ProtocolRegistry.SimulatedMeters.Select(m => m.Name)];
            string[] modes = [.. ProtocolRegistry.CaptureProtocols.SelectMany(p => p.Captures!.Modes)];

            Assert.All(protocols.Concat(meters).Concat(modes), name => Assert.Equal(name.ToLowerInvariant(), name));
            Assert.Equal(protocols.Length, protocols.Distinct().Count());
            Assert.Equal(meters.Length, meters.Distinct().Count());
        }

        [Fact]
        public async Task The_simulator_refuses_a_meter_naming_every_registered_one()
        {
            var error = new StringWriter();

            int exit = await EdgeCli.RunAsync(["simulate", "--meter", "gas"], new StringWriter(), error, interactive: false);

            Assert.Equal(2, exit);
            Assert.Equal("--meter 'gas' is not a simulated meter; expected s0, tic-standard, tic-historique, sdm630 or p1" + Environment.NewLine, error.ToString());
        }

        [Theory]
        [InlineData("decode", "--protocol s0", "--protocol 's0' is not supported; supported: tic, modbus or p1")]
        [InlineData("replay", "--protocol p1 --mode auto", "--mode 'auto' is not a DSMR line; expected dsmr5 or dsmr22")]
        [InlineData("decode", "--protocol tic --mode fast", "--mode 'fast' is not a TIC mode; expected auto, historique or standard")]
        public async Task Capture_commands_take_the_protocols_and_modes_of_the_registry(string verb, string options, string message)
        {
            string capture = Path.Combine(AppContext.BaseDirectory, "TestData", "tic", "tic_std_1P_linky_lains_frame1.bin");
            var error = new StringWriter();

            int exit = await EdgeCli.RunAsync([verb, .. options.Split(' '), capture], new StringWriter(), error, interactive: false);

            Assert.Equal(2, exit);
            Assert.Equal(message + Environment.NewLine, error.ToString());
        }

        [Theory]
        [InlineData("s0", "virtual household meter with S0 output (800 imp/kWh)")]
        [InlineData("tic-standard", "virtual Linky meter, TIC standard mode (9600 baud 7E1), read in auto mode")]
        [InlineData("tic-historique", "virtual Linky meter, TIC historique mode (1200 baud 7E1), read in auto mode")]
        [InlineData("p1", "virtual DSMR 5 three-phase meter with gas on M-Bus channel 1, P1 port at 115200 baud 8N1, a telegram a second")]
        public void Each_simulated_meter_says_what_it_is(string meter, string description)
        {
            var options = new Edge.Host.Simulation.SimulationOptions { Meter = ProtocolRegistry.Meter(meter), PulsesPerKwh = 800 };

            Assert.Equal(description, options.Meter.Describe(options));
        }
    }
}
