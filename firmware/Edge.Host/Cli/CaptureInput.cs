using System;
using System.CommandLine;
using System.IO;
using Edge.Drivers.Tic;

namespace Edge.Host.Cli
{
    /// <summary>What the capture commands (decode, replay) share: reading the capture and naming the TIC mode.</summary>
    public static class CaptureInput
    {
        /// <summary>Reads a capture file, or standard input for "-"; on failure writes why and returns false.</summary>
        public static bool TryRead(string path, Func<Stream> standardInput, TextWriter error, out byte[] capture, out DateTime writtenUtc)
        {
            try
            {
                if (path == "-")
                {
                    using var memory = new MemoryStream();
                    standardInput().CopyTo(memory);
                    capture = memory.ToArray();
                    writtenUtc = DateTime.UtcNow;
                }
                else
                {
                    capture = File.ReadAllBytes(path);
                    writtenUtc = File.GetLastWriteTimeUtc(path);
                }

                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"cannot read '{path}': {e.Message}");
                capture = [];
                writtenUtc = default;
                return false;
            }
        }

        /// <summary>--protocol: the capture's protocol; tic is the only one this build decodes.</summary>
        public static Option<string> ProtocolOption(string verb)
        {
            var protocol = new Option<string>("--protocol") { Description = "Protocol of the capture: tic", Required = true };
            protocol.Validators.Add(result =>
            {
                string? text = result.GetValueOrDefault<string>();
                if (string.Equals(text, "p1", StringComparison.OrdinalIgnoreCase))
                {
                    result.AddError($"--protocol p1: this build has no DSMR P1 driver yet; only tic can be {verb}");
                }
                else if (!string.Equals(text, "tic", StringComparison.OrdinalIgnoreCase))
                {
                    result.AddError($"--protocol '{CliOptions.Printable(text)}' is not supported; supported: tic");
                }
            });
            return protocol;
        }

        /// <summary>--mode: auto, historique or standard (any case).</summary>
        public static Option<TicMode> ModeOption(string description)
        {
            return new Option<TicMode>("--mode")
            {
                Description = description,
                DefaultValueFactory = _ => TicMode.Auto,
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    switch (text.ToLowerInvariant())
                    {
                        case "auto": return TicMode.Auto;
                        case "historique": return TicMode.Historique;
                        case "standard": return TicMode.Standard;
                        default:
                            result.AddError($"--mode '{CliOptions.Printable(text)}' is not a TIC mode; expected auto, historique or standard");
                            return TicMode.Auto;
                    }
                },
            };
        }
    }
}
