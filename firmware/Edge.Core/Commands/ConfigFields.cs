#nullable disable
using Edge.Core.Payloads;
using Edge.Core.Node;

namespace Edge.Core.Commands
{
    /// <summary>
    /// The node settings a command may read and change, by name: validation (all fields first, naming the first
    /// bad one), application, and the flat JSON kept in the store so that changes survive a reboot.
    /// Settings marked "after reboot" change how the node is built (its windows, its format) and take effect at the
    /// next start; the others apply at once.
    /// </summary>
    public static class ConfigFields
    {
        /// <summary>Longest period a setting in seconds takes: a day, the longest window (windows tile a day).</summary>
        public const int MaxSeconds = 86400;

        /// <summary>Lowest declared supply voltage taken, in tenths of a volt: 100 V.</summary>
        public const int MinNominalDeciVolts = 1000;

        /// <summary>Highest declared supply voltage taken, in tenths of a volt: 400 V (a phase-to-phase Un, IEC 60038).</summary>
        public const int MaxNominalDeciVolts = 4000;

        /// <summary>What nominalVoltage may be.</summary>
        public const string NominalVoltageAllowed = "a voltage from 100 to 400 V";

        private static readonly string[] Names =
        {
            "heartbeatSeconds", "meterSilenceSeconds", "healthSeconds", "powerQuality", "nominalVoltage", "windowSeconds", "format",
        };

        /// <summary>True for the settings that apply only at the next start.</summary>
        public static bool AfterReboot(string name)
        {
            return name == "windowSeconds" || name == "format";
        }

        /// <summary>Checks every field; returns null when all are valid, or a message naming the first bad one.</summary>
        public static string Validate(CommandFields fields)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                if (fields.Name(i) == "id")
                {
                    continue;
                }

                string error = Check(fields, i);
                if (error != null)
                {
                    return error;
                }
            }

            return null;
        }

        /// <summary>Applies valid fields to the configuration (call <see cref="Validate"/> first).</summary>
        public static void Apply(CommandFields fields, NodeConfig config)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                long number;
                fields.TryWhole(i, out number);
                switch (fields.Name(i))
                {
                    case "heartbeatSeconds": config.HeartbeatSeconds = (int)number; break;
                    case "meterSilenceSeconds": config.MeterSilenceSeconds = (int)number; break;
                    case "healthSeconds": config.HealthSeconds = (int)number; break;
                    case "powerQuality": config.WatchVoltageQuality = fields.Kind(i) == JsonToken.True; break;
                    case "nominalVoltage":
                        fields.TryScaled(i, 1, out number);
                        config.NominalVoltageDeciVolts = number;
                        break;
                    case "windowSeconds": config.WindowSeconds = (int)number; break;
                    case "format":
                        PayloadFormat format;
                        PayloadFormats.TryParse(fields.Text(i), out format);
                        config.Format = format;
                        break;
                }
            }
        }

        /// <summary>Writes the settable settings as a flat JSON object (config/get, and the stored copy).</summary>
        public static void Write(NodeConfig config, JsonWriter writer)
        {
            writer.BeginObject();
            writer.Name("heartbeatSeconds");
            writer.Integer(config.HeartbeatSeconds);
            writer.Name("meterSilenceSeconds");
            writer.Integer(config.MeterSilenceSeconds);
            writer.Name("healthSeconds");
            writer.Integer(config.HealthSeconds);
            writer.Name("powerQuality");
            writer.Boolean(config.WatchVoltageQuality);
            writer.Name("nominalVoltage");
            writer.Decimal(config.NominalVoltageDeciVolts, 1);
            writer.Name("windowSeconds");
            writer.Integer(config.WindowSeconds);
            writer.Name("format");
            writer.String(PayloadFormats.NameOf(config.Format));
            writer.EndObject();
        }

        private static string Check(CommandFields fields, int index)
        {
            string name = fields.Name(index);
            switch (name)
            {
                case "heartbeatSeconds":
                case "meterSilenceSeconds":
                case "healthSeconds":
                    return WholeNumber(fields, index, 0, MaxSeconds);
                case "windowSeconds":
                    string error = WholeNumber(fields, index, 1, MaxSeconds);
                    long window;
                    fields.TryWhole(index, out window);
                    return error != null ? error : MaxSeconds % window != 0 ? name + ": must divide a day (60, 300, 900, 3600...)" : null;
                case "powerQuality":
                    return fields.Kind(index) == JsonToken.True || fields.Kind(index) == JsonToken.False ? null : name + ": true or false expected";
                case "nominalVoltage":
                    long deciVolts;
                    return fields.TryScaled(index, 1, out deciVolts) && deciVolts >= MinNominalDeciVolts && deciVolts <= MaxNominalDeciVolts ? null : name + ": " + NominalVoltageAllowed + " expected";
                case "format":
                    PayloadFormat ignored;
                    return fields.Kind(index) == JsonToken.String && PayloadFormats.TryParse(fields.Text(index), out ignored) ? null : name + ": edge-json, senml or iota-json expected";
                default:
                    return "unknown field \"" + name + "\" (settable: " + Join() + ")";
            }
        }

        private static string Join()
        {
            string list = string.Empty;
            for (int i = 0; i < Names.Length; i++)
            {
                list = i == 0 ? Names[i] : list + ", " + Names[i];
            }

            return list;
        }

        private static string WholeNumber(CommandFields fields, int index, int min, int max)
        {
            long number;
            return fields.TryWhole(index, out number) && number >= min && number <= max ? null : fields.Name(index) + ": a whole number from " + min.ToString() + " to " + max.ToString() + " expected";
        }
    }
}
