using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Edge.Host.Gateway;
using Edge.Tests.Integration;
using Xunit;

namespace Edge.Tests.Gateway
{
    /// <summary>`edge run` and `edge capture` end to end, the gateway's hardware simulated below .NET IoT and the
    /// serial seam.</summary>
    public class GatewayCommandTests
    {
        private static readonly byte[] TicFrame = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "tic", "tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin"));

        [Fact]
        public async Task Run_publishes_the_gateways_tic_and_s0_readings_to_the_broker()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            await using TopicRecorder readings = await TopicRecorder.StartAsync(broker.Host, broker.Port, "edge/gw-0001/readings");
            using var rig = new GatewayRig();
            string config = rig.WriteLinkyConfig(broker.Port);
            MemorySerialDevice meter = rig.Serial.Add("/dev/ttyUSB0");
            var output = new StringWriter();
            var error = new StringWriter();
            using var stop = new CancellationTokenSource();
            var command = RunCommand.Create(TextWriter.Synchronized(output), error, (chip, devices) => rig.Hardware(devices));
            Task<int> run = command.Parse(["--config", config, "--state", Path.Combine(rig.Directory, "state")]).InvokeAsync(cancellationToken: stop.Token);

            // The meter sends its frame again and again; the S0 meter pulses on GPIO32 of the board's s0-1.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (readings.Messages.Count(m => m.Payload.Contains("\"pv\"", StringComparison.Ordinal) && m.Payload.Contains("\"main\"", StringComparison.Ordinal)) < 2 && DateTime.UtcNow < deadline && !run.IsCompleted)
            {
                meter.Receive(TicFrame);
                if (rig.Gpio.Modes.ContainsKey(32))
                {
                    rig.Gpio.Pulse(32);
                }

                await Task.Delay(250);
            }

            stop.Cancel();
            int exit = await run;

            Assert.True(exit == ExitCodes.Success, error.ToString() + output);
            IReadOnlyList<(string Topic, string Payload)> reports = readings.Messages;
            Assert.Contains(reports, r => r.Payload.Contains("\"main\"", StringComparison.Ordinal) && r.Payload.Contains("\"pv\"", StringComparison.Ordinal));
            Assert.Equal("1200 7E1", SerialLineSeen(meter));
            Assert.Contains("[run] node gw-0001 running", output.ToString());
            Assert.Contains("[run] node gw-0001 stopped", output.ToString());
            Assert.True(File.Exists(Path.Combine(rig.Directory, "state", "setup.good")));
        }

        [Fact]
        public async Task Run_refuses_a_serial_device_it_cannot_open_with_one_line_and_exit_7()
        {
            using var rig = new GatewayRig();
            string config = rig.WriteLinkyConfig(1883);
            rig.Serial.Refused["/dev/ttyACM0"] = new UnauthorizedAccessException("Access to the port '/dev/ttyACM0' is denied.");
            var error = new StringWriter();
            var command = RunCommand.Create(TextWriter.Null, error, (chip, devices) => rig.Hardware(devices));

            int exit = await command.Parse(["--config", config, "--state", Path.Combine(rig.Directory, "state"), "--serial", "COM2=/dev/ttyACM0"]).InvokeAsync();

            Assert.Equal(ExitCodes.DeviceUnavailable, exit);
            Assert.Equal(
                "run: cannot open /dev/ttyACM0 (COM2): permission denied; add the user to the dialout group (sudo usermod -aG dialout $USER, then log in again)" + Environment.NewLine,
                error.ToString());
        }

        [Fact]
        public async Task Run_refuses_a_config_with_problems_with_exit_4()
        {
            using var rig = new GatewayRig();
            string config = rig.WriteLinkyConfig(1883);
            File.WriteAllText(config, File.ReadAllText(config).Replace("\"ticMode\": \"historique\"", "\"ticMode\": \"loud\""));
            var output = new StringWriter();
            var error = new StringWriter();
            var command = RunCommand.Create(output, error, (chip, devices) => rig.Hardware(devices));

            int exit = await command.Parse(["--config", config, "--state", Path.Combine(rig.Directory, "state")]).InvokeAsync();

            Assert.Equal(ExitCodes.InvalidSetup, exit);
            Assert.Contains("$.meters[0].ticMode", output.ToString());
            Assert.StartsWith("run: no usable setup (1 problem(s) above)", error.ToString());
        }

        [Fact]
        public async Task Run_refuses_a_tls_config_whose_ca_is_not_beside_it_with_one_line_and_exit_4()
        {
            using var rig = new GatewayRig();
            string config = rig.WriteLinkyConfig(8883);
            File.WriteAllText(config, File.ReadAllText(config)
                .Replace("\"uri\": \"mqtt://127.0.0.1:8883\"", "\"uri\": \"mqtts://broker.example:8883\"", StringComparison.Ordinal)
                .Replace("\"ca\": null", "\"ca\": \"I:\\\\edge\\\\ca.pem\"", StringComparison.Ordinal));
            var error = new StringWriter();
            var command = RunCommand.Create(TextWriter.Null, error, (chip, devices) => rig.Hardware(devices));

            int exit = await command.Parse(["--config", config, "--state", Path.Combine(rig.Directory, "state")]).InvokeAsync();

            Assert.Equal(ExitCodes.InvalidSetup, exit);
            Assert.Equal(
                $"run: config.json $.broker.ca: '{Path.Combine(rig.Directory, "ca.pem")}' does not exist; expected a PEM file of CA certificates" + Environment.NewLine,
                error.ToString());
        }

        [Theory]
        [InlineData("COM2=/dev/ttyUSB0", true, 2, "/dev/ttyUSB0")]
        [InlineData("com3=/dev/serial/by-id/usb-FTDI", true, 3, "/dev/serial/by-id/usb-FTDI")]
        [InlineData("/dev/ttyUSB0", false, 0, "")]
        [InlineData("COM2=", false, 0, "")]
        [InlineData("COMx=/dev/ttyUSB0", false, 0, "")]
        public void Serial_mapping_reads_a_uart_and_its_device(string text, bool parses, int comPort, string path)
        {
            Assert.Equal(parses, RunCommand.TryParseSerial(text, out int parsedPort, out string parsedPath));
            Assert.Equal((comPort, path), parses ? (parsedPort, parsedPath) : (0, string.Empty));
        }

        [Fact]
        public async Task Capture_records_the_meters_bytes_at_its_line_settings_and_decode_accepts_the_file()
        {
            using var rig = new GatewayRig();
            MemorySerialDevice meter = rig.Serial.Add("/dev/ttyUSB0");
            meter.Receive(TicFrame);
            meter.Receive(TicFrame);
            string file = Path.Combine(rig.Directory, "linky.bin");
            var output = new StringWriter();
            var error = new StringWriter();
            var command = CaptureCommand.Create(output, error, rig.Serial);

            int exit = await command.Parse(["--port", "/dev/ttyUSB0", "--protocol", "tic", "--out", file, "--duration", "1s"]).InvokeAsync();

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Equal([SerialLineSettings.TicHistorique], meter.Applied);
            Assert.Equal(TicFrame.Concat(TicFrame).ToArray(), File.ReadAllBytes(file));
            string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"capture: /dev/ttyUSB0 at 1200 7E1, tic, into {file} for 00:00:01", lines[0]);
            Assert.Equal(["frame 1 ok", "frame 2 ok"], lines[1..]);
            Assert.StartsWith($"capture: {TicFrame.Length * 2} bytes in {file}, 2 complete valid frame(s); tic: ", error.ToString());

            var decoded = new StringWriter();
            int decodeExit = await EdgeCli.RunAsync(["decode", file, "--protocol", "tic"], decoded, new StringWriter(), interactive: false);
            Assert.Equal(ExitCodes.Success, decodeExit);
            Assert.Equal(2, decoded.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        [Fact]
        public async Task Capture_shows_each_checksum_error_as_it_comes()
        {
            using var rig = new GatewayRig();
            MemorySerialDevice meter = rig.Serial.Add("/dev/ttyUSB0");
            byte[] corrupted = (byte[])TicFrame.Clone();
            int firstGroupValue = Array.IndexOf(corrupted, (byte)0x20) + 1;
            corrupted[firstGroupValue] ^= 0x01;
            meter.Receive(corrupted);
            meter.Receive(TicFrame);
            var output = new StringWriter();
            var command = CaptureCommand.Create(output, new StringWriter(), rig.Serial);

            int exit = await command.Parse(["--port", "/dev/ttyUSB0", "--protocol", "tic", "--out", Path.Combine(rig.Directory, "bad.bin"), "--duration", "1s"]).InvokeAsync();

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Contains("checksum error (1 so far)", output.ToString().Split(Environment.NewLine));
        }

        [Fact]
        public async Task Capture_refuses_a_port_it_cannot_open_with_exit_7()
        {
            using var rig = new GatewayRig();
            var error = new StringWriter();
            var command = CaptureCommand.Create(TextWriter.Null, error, rig.Serial);

            int exit = await command.Parse(["--port", "/dev/ttyUSB9", "--protocol", "p1", "--out", Path.Combine(rig.Directory, "p1.bin")]).InvokeAsync();

            Assert.Equal(ExitCodes.DeviceUnavailable, exit);
            Assert.Equal("capture: cannot open /dev/ttyUSB9 (p1): no such device; is the adapter plugged in (ls /dev/ttyUSB* /dev/serial/by-id)?" + Environment.NewLine, error.ToString());
        }

        private static string SerialLineSeen(MemorySerialDevice device) => device.Applied[^1].ToString();
    }
}
