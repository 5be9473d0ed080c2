using System;
using System.CommandLine;
using System.IO;
using System.Text;
using Edge.Core.Security;
using Edge.Drivers.Tic;
using Edge.Host.Decoding;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge decode --protocol tic [--mode auto|historique|standard] FILE|-`: decodes a raw serial capture with the
    /// node's own decoder; one JSON object per complete valid frame on stdout, a summary of what was rejected on stderr.
    /// </summary>
    public static class DecodeCommand
    {
        public static Command Create(TextWriter output, TextWriter error, Func<Stream> standardInput)
        {
            var protocol = new Option<string>("--protocol")
            {
                Description = "Protocol of the capture: tic",
                Required = true,
            };
            var mode = new Option<string>("--mode")
            {
                Description = "TIC mode: auto (from the bytes), historique or standard",
                DefaultValueFactory = _ => "auto",
            };
            var meterId = new Option<string>("--meter-id")
            {
                Description = "Meter identifiers (ADCO, ADSC, PRM) are personal data: omit (default), pseudonymise or clear",
                DefaultValueFactory = _ => "omit",
            };
            var meterIdKey = new Option<string?>("--meter-id-key")
            {
                Description = "Key of the keyed hash used by --meter-id pseudonymise (at least 16 characters)",
            };
            var file = new Argument<string>("FILE")
            {
                Description = "Raw capture as read from the serial port, or - for standard input",
            };

            var command = new Command("decode", "Decode a raw meter capture into JSON lines")
            {
                protocol, mode, meterId, meterIdKey, file,
            };
            command.SetAction(parse =>
            {
                if (!string.Equals(parse.GetValue(protocol), "tic", StringComparison.OrdinalIgnoreCase))
                {
                    error.WriteLine($"--protocol '{parse.GetValue(protocol)}' is not supported; supported: tic");
                    return 2;
                }

                if (!CaptureInput.TryParseMode(parse.GetValue(mode), error, out TicMode ticMode))
                {
                    return 2;
                }

                if (!TryCreateIdentity(parse.GetValue(meterId), parse.GetValue(meterIdKey), error, out MeterIdentity? identity))
                {
                    return 2;
                }

                string path = parse.GetValue(file)!;
                if (!CaptureInput.TryRead(path, standardInput, error, out byte[] capture, out _))
                {
                    return 1;
                }

                var decoder = new TicCaptureDecoder(ticMode, identity!);
                decoder.Decode(capture, output);
                output.Flush();
                error.WriteLine(decoder.Summary());
                return 0;
            });
            return command;
        }

        internal static bool TryCreateIdentity(string? policyText, string? key, TextWriter error, out MeterIdentity? identity)
        {
            identity = null;
            MeterIdPolicy policy;
            switch (policyText?.ToLowerInvariant())
            {
                case "omit": policy = MeterIdPolicy.Omit; break;
                case "pseudonymise": policy = MeterIdPolicy.Pseudonymise; break;
                case "clear": policy = MeterIdPolicy.Clear; break;
                default:
                    error.WriteLine($"--meter-id '{policyText}' is not a policy; expected omit, pseudonymise or clear");
                    return false;
            }

            byte[]? keyBytes = null;
            if (policy == MeterIdPolicy.Pseudonymise)
            {
                if (key is null || Encoding.UTF8.GetByteCount(key) < 16)
                {
                    error.WriteLine("--meter-id pseudonymise needs --meter-id-key with at least 16 characters");
                    return false;
                }

                keyBytes = Encoding.UTF8.GetBytes(key);
            }

            identity = new MeterIdentity(policy, keyBytes!);
            return true;
        }
    }
}
