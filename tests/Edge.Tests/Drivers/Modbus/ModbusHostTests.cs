using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Edge.Drivers.Modbus;
using Edge.Host.Cli;
using Edge.Host.Platform;
using Edge.Host.Protocols;
using Edge.Host.Protocols.Modbus;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Edge.Tests.Integration;
using Xunit;

namespace Edge.Tests.Drivers.Modbus
{
    /// <summary>Modbus on the host tools: the simulated SDM630 behind a node, decode and replay of bus captures.</summary>
    [Collection(BrokerCollection.Name)]
    public class ModbusHostTests
    {
        private readonly BrokerFixture _broker;

        public ModbusHostTests(BrokerFixture broker) => _broker = broker;

        private static byte[] Vector(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "modbus", name));

        [Fact]
        public async Task A_node_reading_a_simulated_sdm630_reports_its_import_register_and_voltages()
        {
            var options = new SimulationOptions { NodeId = "it-sdm630", Meter = ProtocolRegistry.Meter("sdm630"), StartUtc = Utc.At("2026-12-01T10:00:00Z"), Seed = 5 };
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-sdm630/readings");
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(options, link);

            simulation.Run(TimeSpan.FromMinutes(3));

            var messages = await recorder.WaitForAsync(3, TimeSpan.FromSeconds(20));
            JsonElement values = JsonDocument.Parse(messages[^1].Payload).RootElement.GetProperty("meters")[0].GetProperty("values");
            Assert.InRange(values.GetProperty("totalActiveEnergyImport").GetProperty("last").GetInt64(), simulation.RegisterWh - 50, simulation.RegisterWh);
            Assert.InRange(values.GetProperty("phaseVoltage.L2").GetProperty("last").GetDecimal(), 228m, 232m);
            ModbusMeter driver = ((ModbusMeterRig)simulation.Meter).Meter;
            Assert.Equal((0L, 0L), (driver.Counters.Timeouts, driver.Counters.Rejected));
            // A tick a second: a request goes out on one tick and its reply is read on the next, two requests a cycle.
            Assert.InRange(driver.Counters.Answers, 80, 100);
            Assert.Equal("virtual Eastron SDM630 three-phase meter, Modbus RTU slave 1 at 9600 baud 8N1", options.Meter.Describe(options));
        }

        [Fact]
        public async Task Decodes_the_eastron_voltage_exchange_into_one_json_object()
        {
            byte[] capture = [.. Vector("sdm_req_id01_fc04_0000_voltage.bin"), .. Vector("sdm_resp_id01_fc04_voltage_230.2V.bin")];

            (int exit, string output, string error) = await Run(["decode", "--protocol", "modbus", "-"], capture);

            Assert.Equal(0, exit);
            JsonElement frame = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
            Assert.Equal(("modbus", "sdm630", JsonValueKind.Null), (frame.GetProperty("protocol").GetString(), frame.GetProperty("model").GetString(), frame.GetProperty("meterTime").ValueKind));
            Assert.Equal((1, 4, 0, 2), (frame.GetProperty("slave").GetInt32(), frame.GetProperty("function").GetInt32(), frame.GetProperty("start").GetInt32(), frame.GetProperty("registers").GetInt32()));
            Assert.Equal(("4366", "3334"), (frame.GetProperty("fields").GetProperty("0x0000").GetString(), frame.GetProperty("fields").GetProperty("0x0001").GetString()));
            JsonElement reading = Assert.Single(frame.GetProperty("readings").EnumerateArray());
            Assert.Equal(("phaseVoltage.L1", 230.2m, "V"), (reading.GetProperty("quantity").GetString(), reading.GetProperty("value").GetDecimal(), reading.GetProperty("unit").GetString()));
            Assert.Contains("modbus (sdm630): 1 replies (1 valid reads, 0 without their request, 0 exceptions); 0 requests unanswered, 0 bytes in no frame", error);
        }

        [Fact]
        public async Task Shows_a_reply_whose_request_was_not_captured_without_a_reading()
        {
            (int exit, string output, _) = await Run(["decode", "--protocol", "modbus", "-"], Vector("sdm_resp_id01_fc04_voltage_230.2V.bin"));

            Assert.Equal(0, exit);
            JsonElement frame = JsonDocument.Parse(output).RootElement;
            Assert.Equal(JsonValueKind.Null, frame.GetProperty("start").ValueKind);
            Assert.Equal("4366", frame.GetProperty("fields").GetProperty("+0").GetString());
            Assert.Empty(frame.GetProperty("readings").EnumerateArray());
        }

        [Fact]
        public async Task Fails_on_a_capture_of_requests_alone_saying_why()
        {
            string[] files = ["sdm_req_id01_fc04_0000_voltage.bin", "sdm_req_id01_fc04_0006_current.bin", "sdm_req_id01_fc04_000C_active_power.bin", "sdm_req_id01_fc04_0046_frequency.bin", "sdm_req_id01_fc04_0048_import_active_energy.bin"];
            byte[] capture = [.. files.SelectMany(Vector)];

            (int exit, string output, string error) = await Run(["decode", "--protocol", "modbus", "-"], capture);

            Assert.NotEqual(0, exit);
            Assert.Empty(output);
            Assert.Contains("5 requests unanswered", error);
            Assert.Contains("the capture holds 5 requests and no reply", error);
        }

        [Fact]
        public async Task Decodes_a_capture_of_a_simulated_bus_with_a_damaged_reply_counting_what_it_skipped()
        {
            byte[] capture = CaptureOf(1, 2500, slave =>
            {
                slave.SetPhase(2, 231.5f, 2f, 400f);
                slave.CorruptNext = 1;
            });

            (int exit, string output, string error) = await Run(["decode", "--protocol", "modbus", "--mode", "sdm630", "-"], capture);

            Assert.Equal(0, exit);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(6, lines.Length);
            Assert.All(lines.Where((_, i) => i % 2 == 0), line => Assert.Contains("{\"quantity\":\"phaseVoltage.L2\",\"value\":231.5,\"unit\":\"V\"}", line));
            Assert.Contains("1 requests unanswered, 165 bytes in no frame", error);
        }

        [Fact]
        public async Task Replays_a_capture_through_the_node_with_the_rows_it_covers()
        {
            byte[] capture = CaptureOf(3, 60_000, slave =>
            {
                slave.SetPhase(1, 229.8f, 1f, 200f);
                slave.SetInputFloat(0x0048, 1234.567f);
            });
            string file = Path.Combine(Path.GetTempPath(), $"modbus-{Guid.NewGuid():N}.bin");
            await File.WriteAllBytesAsync(file, capture);
            try
            {
                (int exit, string output, string error) = await RunFile("replay", "--protocol", "modbus", "--start", "2026-12-01T10:00:00Z", file);

                Assert.Equal(0, exit);
                string report = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(line => line.Contains("\"window\""));
                JsonElement values = JsonDocument.Parse(report).RootElement.GetProperty("meters")[0].GetProperty("values");
                Assert.Equal(1234567, values.GetProperty("totalActiveEnergyImport").GetProperty("last").GetInt64());
                Assert.Equal(229.8m, values.GetProperty("phaseVoltage.L1").GetProperty("last").GetDecimal());
                Assert.Equal(60, values.GetProperty("phaseVoltage.L1").GetProperty("n").GetInt32());
                // Phases 2 and 3 carry no voltage on this meter: the node reports their supply as interrupted.
                Assert.Contains("replay: 120 frames, 1 reports and 2 events published", error);
                Assert.Contains("modbus: 60 cycles, 420 answers, 0 timeouts, 0 exceptions, 0 replies rejected", error);
            }
            finally
            {
                File.Delete(file);
            }
        }

        /// <summary>What a sniffer records while the driver reads an SDM630 at <paramref name="address"/> for <paramref name="ms"/>.</summary>
        private static byte[] CaptureOf(int address, long ms, Action<SimulatedSdm630> set)
        {
            var bus = new ModbusBus();
            set(bus.Wire.Attach(new SimulatedSdm630(address)));
            bus.Add(address, EastronRegisterMaps.Named("sdm630")!);
            bus.Run(ms);
            return [.. bus.Wire.Capture];
        }

        private static async Task<(int, string, string)> Run(string[] args, byte[] input)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await EdgeCli.RunAsync(args, output, error, interactive: false, standardInput: () => new MemoryStream(input));
            return (exit, output.ToString(), error.ToString());
        }

        private static async Task<(int, string, string)> RunFile(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await EdgeCli.RunAsync(args, output, error, interactive: false);
            return (exit, output.ToString(), error.ToString());
        }
    }
}
