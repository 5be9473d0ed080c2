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
    /// node's own decoder; one JSON object per complete valid frame on stdout, a summary of what was rejected on
    /// stderr. Exits with 3 when the capture held no complete valid frame, saying so (and which mode the bytes
    /// show, when --mode was the other one).
    /// </summary>
    public static class DecodeCommand
    {
        /// <summary>HMAC-SHA256 keys shorter than this are too easy to guess for pseudonyms of meter identifiers.</summary>
        public const int MinimumKeyLength = 16;

        public static Command Create(TextWriter output, TextWriter error, Func<Stream> standardInput)
        {
            Option<string> protocol = CaptureInput.ProtocolOption("decoded");
            Option<TicMode> mode = CaptureInput.ModeOption("TIC mode: auto (from the bytes), historique or standard");
            Option<string> meterId = CliOptions.OneOf(
                "--meter-id",
                "Meter identifiers (ADCO, ADSC, PRM) are personal data: omit (default), pseudonymise or clear",
                "omit",
                "a policy",
                "omit",
                "pseudonymise",
                "clear");
            var meterIdKey = new Option<string?>("--meter-id-key")
            {
                Description = $"Key of the keyed hash used by --meter-id pseudonymise (at least {MinimumKeyLength} characters)",
            };
            Argument<string> file = CliOptions.CaptureFile();

            var command = new Command("decode", "Decode a raw meter capture into JSON lines")
            {
                protocol, mode, meterId, meterIdKey, file,
            };
            command.Validators.Add(result =>
            {
                string? key = result.GetValue(meterIdKey);
                if (CliOptions.TryGetValue(result, meterId, out string? policy) && policy == "pseudonymise" && (key is null || Encoding.UTF8.GetByteCount(key) < MinimumKeyLength))
                {
                    result.AddError($"--meter-id-key {(key is null ? "is missing" : "is too short")}: --meter-id pseudonymise needs a key of at least {MinimumKeyLength} characters");
                }
            });
            command.SetAction(parse =>
            {
                string path = parse.GetValue(file)!;
                if (!CaptureInput.TryRead(path, standardInput, error, out byte[] capture, out _))
                {
                    return ExitCodes.Failure;
                }

                TicMode ticMode = parse.GetValue(mode);
                var decoder = new TicCaptureDecoder(ticMode, CreateIdentity(parse.GetValue(meterId)!, parse.GetValue(meterIdKey)));
                decoder.Decode(capture, output);
                output.Flush();
                error.WriteLine(decoder.Summary());
                if (decoder.FramesWritten > 0)
                {
                    return ExitCodes.Success;
                }

                string? hint = TicModeHint.For(capture, ticMode);
                error.WriteLine($"decode: no complete valid TIC frame in {(path == "-" ? "standard input" : $"'{path}'")} ({capture.Length} bytes, --mode {ModeName(ticMode)})" + (hint is null ? string.Empty : "; " + hint));
                return ExitCodes.NothingDecoded;
            });
            return command;
        }

        private static string ModeName(TicMode mode) => mode switch
        {
            TicMode.Historique => "historique",
            TicMode.Standard => "standard",
            _ => "auto",
        };

        /// <summary>The identity policy of a --meter-id the command line accepted (the key checked with it).</summary>
        private static MeterIdentity CreateIdentity(string policyName, string? key)
        {
            MeterIdPolicy policy = policyName switch
            {
                "pseudonymise" => MeterIdPolicy.Pseudonymise,
                "clear" => MeterIdPolicy.Clear,
                _ => MeterIdPolicy.Omit,
            };
            return new MeterIdentity(policy, policy == MeterIdPolicy.Pseudonymise ? Encoding.UTF8.GetBytes(key!) : null!);
        }
    }
}
