using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Gateway;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge capture --port /dev/ttyUSB0 --protocol tic|tic-standard|p1 --out FILE [--duration 10m]`: records a
    /// meter's raw bytes with the protocol's line settings into FILE (raw bytes as read, which `edge decode` and
    /// `edge replay` take), decoding them on the fly to print each complete frame and each rejection as it comes,
    /// then a summary; stops at --duration or Ctrl-C.
    /// </summary>
    public static class CaptureCommand
    {
        private const int ChunkBytes = 4096;
        private const int IdlePollMs = 20;

        public static Command Create(TextWriter output, TextWriter error, ISerialPorts? ports = null)
        {
            ISerialPorts serialPorts = ports ?? new SystemSerialPorts();
            var port = new Option<string>("--port") { Description = "Serial device of the meter's adapter, e.g. /dev/ttyUSB0", Required = true };
            port.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string>();
                if (path is not null && path.Trim().Length == 0)
                {
                    result.AddError("--port '' is not a serial device; expected e.g. /dev/ttyUSB0");
                }
            });
            var protocol = new Option<string>("--protocol")
            {
                Description = "tic (historique, 1200 7E1), tic-standard (9600 7E1) or p1 (DSMR 5, 115200 8N1)",
                Required = true,
            };
            protocol.Validators.Add(result =>
            {
                string? name = result.GetValueOrDefault<string>();
                if (name is not null && Array.IndexOf(SerialLineSettings.CaptureProtocols, name) < 0)
                {
                    result.AddError($"--protocol '{CliOptions.Printable(name)}' is not a capture protocol; expected {CliOptions.List(SerialLineSettings.CaptureProtocols)}");
                }
            });
            var file = new Option<string>("--out") { Description = "File the raw bytes are written to (replaced)", Required = true };
            file.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string>();
                if (path is not null && (path.Length == 0 || Directory.Exists(path)))
                {
                    result.AddError($"--out '{CliOptions.Printable(path)}' is not a file name; expected the file the bytes go to, e.g. linky.bin");
                }
            });
            Option<TimeSpan?> duration = CliOptions.Duration("--duration", "Stop after this long (e.g. 90s, 10m, 1h); default: until Ctrl-C");
            var command = new Command("capture", "Record a meter's raw bytes from a serial port with the protocol's line settings, showing frames and errors live")
            {
                port, protocol, file, duration,
            };
            command.SetAction((parse, cancellation) => RunAsync(
                serialPorts, parse.GetValue(port)!, parse.GetValue(protocol)!, parse.GetValue(file)!, parse.GetValue(duration), output, error, cancellation));
            return command;
        }

        public static async Task<int> RunAsync(ISerialPorts ports, string path, string protocol, string outPath, TimeSpan? duration, TextWriter output, TextWriter error, CancellationToken cancellation)
        {
            SerialLineSettings settings = SerialLineSettings.ForCapture(protocol);
            ISerialDevice device;
            try
            {
                device = ports.Open(path, settings);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException or ArgumentException or InvalidOperationException)
            {
                error.WriteLine("capture: " + GatewayPlatform.SerialRefusal(path, protocol, e));
                return ExitCodes.DeviceUnavailable;
            }

            using (device)
            {
                FileStream capture;
                try
                {
                    capture = new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.Read);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"capture: cannot write {outPath}: {e.Message}");
                    return ExitCodes.Failure;
                }

                await using (capture)
                {
                    output.WriteLine($"capture: {path} at {settings}, {protocol}, into {outPath}{(duration is null ? "; Ctrl-C stops" : $" for {duration}")}");
                    CaptureTally tally = CaptureTally.For(protocol);
                    var buffer = new byte[ChunkBytes];
                    var clock = Stopwatch.StartNew();
                    while (!cancellation.IsCancellationRequested && (duration is null || clock.Elapsed < duration))
                    {
                        int count = device.BytesToRead == 0 ? 0 : device.Read(buffer, 0, Math.Min(buffer.Length, device.BytesToRead));
                        if (count == 0)
                        {
                            try
                            {
                                await Task.Delay(IdlePollMs, cancellation).ConfigureAwait(false);
                            }
                            catch (OperationCanceledException)
                            {
                                break;
                            }

                            continue;
                        }

                        // Written and flushed before decoding, so what was seen is on disk even if the run is killed.
                        capture.Write(buffer, 0, count);
                        capture.Flush();
                        foreach (string line in tally.Add(buffer, count))
                        {
                            output.WriteLine(line);
                        }
                    }

                    output.Flush();
                    error.WriteLine($"capture: {tally.Bytes} bytes in {outPath}, {tally.Frames} complete valid frame(s); {tally.Summary()}");
                    return ExitCodes.Success;
                }
            }
        }
    }
}
