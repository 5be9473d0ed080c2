using System;
using System.CommandLine;
using System.Linq;
using Edge.Host.Protocols;

namespace Edge.Host.Cli
{
    /// <summary>
    /// The options whose choices come from <see cref="ProtocolRegistry"/>: `simulate --meter`, and `decode`/`replay`
    /// --protocol and --mode. A protocol added to the registry shows up in them, its help and its errors.
    /// </summary>
    public static class ProtocolOptions
    {
        /// <summary>--meter: a virtual meter of any protocol; s0 when not given.</summary>
        public static Option<Choice<SimulatedMeterModel>> Meter()
        {
            (string, SimulatedMeterModel)[] choices = [.. ProtocolRegistry.SimulatedMeters.Select(m => (m.Name, m))];
            string byProtocol = string.Join(
                ", ",
                ProtocolRegistry.All
                    .Where(p => p.SimulatedMeters.Length > 0)
                    .Select(p => CliOptions.List(Array.ConvertAll(p.SimulatedMeters, m => m.Name)) + " (" + p.SimulatedMetersNote + ")"));
            return CliOptions.OneOf("--meter", "Virtual meter: " + byProtocol, ProtocolRegistry.DefaultMeter.Name, "a simulated meter", choices);
        }

        /// <summary>--protocol: the capture's protocol, one whose captures this build reads (<paramref name="verb"/>: decoded, replayed).</summary>
        public static Option<HostProtocol> Protocol(string verb)
        {
            string names = CliOptions.List([.. ProtocolRegistry.CaptureProtocols.Select(p => p.Name)]);
            return new Option<HostProtocol>("--protocol")
            {
                Description = "Protocol of the capture: " + names,
                Required = true,
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    foreach (HostProtocol protocol in ProtocolRegistry.CaptureProtocols)
                    {
                        if (string.Equals(protocol.Name, text, StringComparison.OrdinalIgnoreCase))
                        {
                            return protocol;
                        }
                    }

                    foreach ((string name, string title) in ProtocolRegistry.Planned)
                    {
                        if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                        {
                            result.AddError($"--protocol {name}: this build has no {title} driver yet; only {names} can be {verb}");
                            return null!;
                        }
                    }

                    result.AddError($"--protocol '{CliOptions.Printable(text)}' is not supported; supported: {names}");
                    return null!;
                },
            };
        }

        /// <summary>--mode: how the capture is read, one of the modes of its protocol (checked with <see cref="RequireModeOfProtocol"/>).</summary>
        public static Option<string?> Mode() => new("--mode")
        {
            Description = string.Join("; ", ProtocolRegistry.CaptureProtocols.Select(p => p.Captures!.ModeDescription)),
        };

        /// <summary>Makes the command refuse a --mode that is not one of the --protocol's modes.</summary>
        public static void RequireModeOfProtocol(Command command, Option<HostProtocol> protocol, Option<string?> mode)
        {
            command.Validators.Add(result =>
            {
                // Only values that parsed: a --mode given twice is already refused, and reading it would throw.
                if (CliOptions.TryGetValue(result, protocol, out HostProtocol? chosen)
                    && chosen?.Captures is CaptureFormat captures
                    && CliOptions.TryGetValue<string?>(result, mode, out string? text)
                    && text is not null
                    && captures.ModeNamed(text) is null)
                {
                    result.AddError($"--mode '{CliOptions.Printable(text)}' is not {captures.ModeMeaning}; expected {CliOptions.List(captures.Modes)}");
                }
            });
        }

        /// <summary>The mode of a command line the parser accepted: as the protocol lists it, its default when not given.</summary>
        public static string ModeOf(CaptureFormat captures, string? given) =>
            given is null ? captures.DefaultMode : captures.ModeNamed(given) ?? throw new InvalidOperationException("--mode accepted a mode its protocol does not have");
    }
}
