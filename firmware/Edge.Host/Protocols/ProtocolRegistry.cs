using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Host.Protocols.Modbus;
using Edge.Host.Protocols.P1;
using Edge.Host.Protocols.S0;
using Edge.Host.Protocols.Tic;

namespace Edge.Host.Protocols
{
    /// <summary>
    /// Every protocol the host tools know. The choices of `simulate --meter` and of `decode`/`replay --protocol`
    /// come from here, so a new protocol is its driver folder, its folder under Protocols/ and one line in
    /// <see cref="All"/>.
    /// </summary>
    public static class ProtocolRegistry
    {
        /// <summary>The protocols, in the order the command line lists them.</summary>
        public static readonly IReadOnlyList<HostProtocol> All =
        [
            new S0Protocol(),
            new TicProtocol(),
            new ModbusProtocol(),
            new P1Protocol(),
        ];

        /// <summary>Protocols asked for that this build has no driver for yet, by --protocol name, with their full name:
        /// a request for one is told so rather than told the name is unknown.</summary>
        public static readonly IReadOnlyList<(string Name, string Title)> Planned = [];

        /// <summary>Every virtual meter of every protocol (the choices of --meter).</summary>
        public static IReadOnlyList<SimulatedMeterModel> SimulatedMeters { get; } = [.. All.SelectMany(p => p.SimulatedMeters)];

        /// <summary>The protocols whose captures decode and replay read (the choices of --protocol).</summary>
        public static IReadOnlyList<HostProtocol> CaptureProtocols { get; } = [.. All.Where(p => p.Captures is not null)];

        /// <summary>The virtual meter `simulate` runs without --meter.</summary>
        public static SimulatedMeterModel DefaultMeter => SimulatedMeters[0];

        /// <summary>The virtual meter of a --meter name (any case).</summary>
        public static SimulatedMeterModel Meter(string name)
        {
            foreach (SimulatedMeterModel model in SimulatedMeters)
            {
                if (string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return model;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(name), name, "no protocol simulates a meter of that name");
        }
    }
}
