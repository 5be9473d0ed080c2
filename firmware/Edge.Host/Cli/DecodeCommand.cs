using System;
using System.CommandLine;
using System.IO;
using System.Text;
using Edge.Core.Security;
using Edge.Host.Protocols;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge decode --protocol tic|modbus|p1 [--mode ...] FILE|-`: decodes a raw serial capture with the
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
            Option<HostProtocol> protocol = ProtocolOptions.Protocol("decoded");
            Option<string?> mode = ProtocolOptions.Mode();
            Option<Choice<MeterIdPolicy>> meterId = CliOptions.OneOf(
                "--meter-id",
                "Meter identifiers (TIC ADCO, ADSC, PRM; P1 equipment identifiers) are personal data: omit (default), pseudonymise or clear",
                "omit",
                "a policy",
                [("omit", MeterIdPolicy.Omit), ("pseudonymise", MeterIdPolicy.Pseudonymise), ("clear", MeterIdPolicy.Clear)]);
            var meterIdKey = new Option<string?>("--meter-id-key")
            {
                Description = $"Key of the keyed hash used by --meter-id pseudonymise (at least {MinimumKeyLength} characters)",
            };
            Argument<string> file = CliOptions.CaptureFile();

            var command = new Command("decode", "Decode a raw meter capture into JSON lines")
            {
                protocol, mode, meterId, meterIdKey, file,
            };
            ProtocolOptions.RequireModeOfProtocol(command, protocol, mode);
            command.Validators.Add(result =>
            {
                string? key = result.GetValue(meterIdKey);
                if (CliOptions.TryGetValue(result, meterId, out Choice<MeterIdPolicy>? policy) && policy?.Value == MeterIdPolicy.Pseudonymise && (key is null || Encoding.UTF8.GetByteCount(key) < MinimumKeyLength))
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

                HostProtocol chosen = parse.GetValue(protocol)!;
                string modeName = ProtocolOptions.ModeOf(chosen.Captures!, parse.GetValue(mode));
                MeterIdPolicy policy = parse.GetValue(meterId)!.Value;
                var identity = new MeterIdentity(policy, policy == MeterIdPolicy.Pseudonymise ? Encoding.UTF8.GetBytes(parse.GetValue(meterIdKey)!) : null!);
                ICaptureDecoder decoder = chosen.Captures!.CreateDecoder(modeName, identity);
                decoder.Decode(capture, output);
                output.Flush();
                error.WriteLine(decoder.Summary());
                if (decoder.FramesWritten > 0)
                {
                    return ExitCodes.Success;
                }

                string? hint = decoder.WhyNoFrame(capture);
                error.WriteLine($"decode: no complete valid {chosen.Title} frame in {(path == "-" ? "standard input" : $"'{path}'")} ({capture.Length} bytes, --mode {modeName})" + (hint is null ? string.Empty : "; " + hint));
                return ExitCodes.NothingDecoded;
            });
            return command;
        }
    }
}
