using System;
using System.Globalization;
using Edge.Core.Meters;
using Edge.Core.Setup;
using Edge.Drivers;

namespace Edge.Host.Provisioning
{
    /// <summary>
    /// One meter given to `edge provision --meter`, turned into the <see cref="MeterSpec"/> the node's config.json
    /// lists. The forms are short because an installer types them:
    /// <c>tic</c>, <c>tic-standard</c>, <c>tic-historique</c> (a Linky on the board's TIC input, optionally
    /// <c>:ID</c>, default id "main") and <c>s0:ID:PORT:PULSES_PER_KWH</c> (an S0 output on the input PORT, s0-1 the
    /// board's first).
    /// </summary>
    public static class MeterArgument
    {
        public const string Forms = "tic, tic-standard or tic-historique (optionally :ID), or s0:ID:PORT:PULSES_PER_KWH such as s0:pv:s0-1:1000";

        /// <summary>The id a meter gets when none is given: the household's main meter.</summary>
        public const string DefaultTicId = "main";

        public static bool TryParse(string text, out MeterSpec spec, out string error)
        {
            spec = new MeterSpec();
            error = string.Empty;
            string[] parts = text.Split(':');
            string head = parts[0];
            if (head == MeterFactory.TicKind || head.StartsWith(MeterFactory.TicKind + "-", StringComparison.Ordinal))
            {
                string mode = head.Length == MeterFactory.TicKind.Length ? "auto" : head[(MeterFactory.TicKind.Length + 1)..];
                if (mode != "auto" && mode != "standard" && mode != "historique")
                {
                    error = $"'{text}': TIC mode '{mode}' is not auto, standard or historique";
                    return false;
                }

                if (parts.Length > 2)
                {
                    error = $"'{text}' is not a meter; expected {Forms}";
                    return false;
                }

                spec.Kind = MeterFactory.TicKind;
                spec.Id = parts.Length == 2 ? parts[1] : DefaultTicId;
                spec.Port = PortNames.Tic;
                spec.TicMode = mode;
                return IsId(text, spec.Id, out error);
            }

            if (head == MeterFactory.S0Kind)
            {
                if (parts.Length != 4)
                {
                    error = $"'{text}': an S0 meter is s0:ID:PORT:PULSES_PER_KWH, e.g. s0:pv:s0-1:1000";
                    return false;
                }

                // The meter constant is printed on the meter (imp/kWh); 1 to 100000 covers every S0 meter made
                // (IEC 62053-31 fixes the pulse, not the constant; common values are 100 to 10000).
                if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int pulses) || pulses < 1 || pulses > 100_000)
                {
                    error = $"'{text}': '{parts[3]}' is not a meter constant; expected the pulses per kWh printed on the meter, 1 to 100000";
                    return false;
                }

                spec.Kind = MeterFactory.S0Kind;
                spec.Id = parts[1];
                spec.Port = parts[2];
                spec.PulsesPerKwh = pulses;
                return IsId(text, spec.Id, out error);
            }

            error = $"'{text}' is not a meter; expected {Forms}";
            return false;
        }

        /// <summary>The same rule as node ids: the meter id names the meter in reports and topics.</summary>
        private static bool IsId(string text, string id, out string error)
        {
            if (NodeIdentity.IsId(id))
            {
                error = string.Empty;
                return true;
            }

            error = $"'{text}': meter id '{id}' is not allowed; expected {NodeIdentity.IdRule}";
            return false;
        }
    }
}
