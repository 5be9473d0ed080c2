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
        public static string Validate(JsonFields fields)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                string name = fields.Name(i);
                if (name == "id")
                {
                    continue;
                }

                string error = Check(name, fields.Kind(i), fields.Value(i));
                if (error != null)
                {
                    return error;
                }
            }

            return null;
        }

        /// <summary>Applies valid fields to the configuration (call <see cref="Validate"/> first).</summary>
        public static void Apply(JsonFields fields, NodeConfig config)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                string name = fields.Name(i);
                string value = fields.Value(i);
                switch (name)
                {
                    case "heartbeatSeconds": config.HeartbeatSeconds = int.Parse(value); break;
                    case "meterSilenceSeconds": config.MeterSilenceSeconds = int.Parse(value); break;
                    case "healthSeconds": config.HealthSeconds = int.Parse(value); break;
                    case "powerQuality": config.WatchVoltageQuality = fields.Kind(i) == JsonKind.True; break;
                    case "nominalVoltage": config.NominalVoltageDeciVolts = DeciVolts(value); break;
                    case "windowSeconds": config.WindowSeconds = int.Parse(value); break;
                    case "format":
                        PayloadFormat format;
                        PayloadFormats.TryParse(value, out format);
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

        private static string Check(string name, JsonKind kind, string value)
        {
            switch (name)
            {
                case "heartbeatSeconds":
                case "meterSilenceSeconds":
                case "healthSeconds":
                    return WholeNumber(name, kind, value, 0, 86400);
                case "windowSeconds":
                    string error = WholeNumber(name, kind, value, 1, 86400);
                    return error != null ? error : 86400 % int.Parse(value) != 0 ? name + ": must divide a day (60, 300, 900, 3600...)" : null;
                case "powerQuality":
                    return kind == JsonKind.True || kind == JsonKind.False ? null : name + ": true or false expected";
                case "nominalVoltage":
                    return kind == JsonKind.Number && DeciVolts(value) >= 1000 && DeciVolts(value) <= 4000 ? null : name + ": a voltage from 100 to 400 V expected";
                case "format":
                    PayloadFormat ignored;
                    return kind == JsonKind.String && PayloadFormats.TryParse(value, out ignored) ? null : name + ": edge-json, senml or iota-json expected";
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

        private static string WholeNumber(string name, JsonKind kind, string value, int min, int max)
        {
            if (kind != JsonKind.Number || value.Length == 0 || value.Length > 9)
            {
                return name + ": a whole number from " + min.ToString() + " to " + max.ToString() + " expected";
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < '0' || value[i] > '9')
                {
                    return name + ": a whole number from " + min.ToString() + " to " + max.ToString() + " expected";
                }
            }

            int number = int.Parse(value);
            return number < min || number > max ? name + ": a whole number from " + min.ToString() + " to " + max.ToString() + " expected" : null;
        }

        /// <summary>"230", "230.5" to tenths of a volt; -1 if not such a number.</summary>
        private static long DeciVolts(string value)
        {
            long whole = 0;
            int tenths = -1;
            int i = 0;
            for (; i < value.Length && value[i] >= '0' && value[i] <= '9'; i++)
            {
                whole = (whole * 10) + (value[i] - '0');
                if (whole > 100000)
                {
                    return -1;
                }
            }

            if (i == 0)
            {
                return -1;
            }

            if (i < value.Length && value[i] == '.')
            {
                i++;
                tenths = 0;
                if (i < value.Length && value[i] >= '0' && value[i] <= '9')
                {
                    tenths = value[i] - '0';
                    i++;
                }

                while (i < value.Length && value[i] == '0')
                {
                    i++;
                }
            }

            return i == value.Length ? (whole * 10) + (tenths < 0 ? 0 : tenths) : -1;
        }
    }
}
