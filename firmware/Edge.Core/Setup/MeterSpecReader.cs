#nullable disable
using Edge.Core.Meters;

namespace Edge.Core.Setup
{
    /// <summary>
    /// Reads the <c>meters</c> array of a configuration into <see cref="MeterSpec"/>s: the fields every meter has (id,
    /// kind, port), then the fields of its kind, checked once the whole object is read (its fields come in any order).
    /// A field that belongs to another kind is a problem, not ignored. Adding a kind is a case in
    /// <see cref="CheckKind"/>, with its port rule.
    /// </summary>
    public static class MeterSpecReader
    {
        private const int FId = 0;
        private const int FKind = 1;
        private const int FPort = 2;
        private const int FAddress = 3;
        private const int FTicMode = 4;
        private const int FPulsesPerKwh = 5;
        private const int FInitialEnergyWh = 6;
        private const int FMaxPowerW = 7;

        private static readonly string[] Fields =
        {
            "id", "kind", "port", "address", "ticMode", "pulsesPerKwh", "initialEnergyWh", "maxPowerW",
        };

        private const int Common = (1 << FId) | (1 << FKind) | (1 << FPort);

        /// <summary>Longest meter id: it is part of published names (the iota-json entity, report fields).</summary>
        public const int MaxId = 32;

        /// <summary>Reads the array the reader stands on: at most <paramref name="max"/> meters, with unique ids;
        /// never null. Each item gives one spec, in order (an item that is not an object an empty one), so that
        /// <c>$.meters[i]</c> is the path of the <c>i</c>th; the problems are recorded.</summary>
        public static MeterSpec[] ReadAll(SetupJson json, string at, int max)
        {
            string allowed = "an array of 1 to " + max.ToString() + " meters";
            if (!json.IsArray("$", "meters", allowed))
            {
                return new MeterSpec[0];
            }

            var meters = new MeterSpec[max];
            int count = 0;
            int index = 0;
            while (json.NextItem())
            {
                string item = SetupJson.ItemOf(at, index++);
                MeterSpec meter = Read(json, item);
                if (index > max)
                {
                    json.Add(item, "more than " + max.ToString() + " meters", allowed);
                    continue;
                }

                if (meter.Id != null)
                {
                    for (int i = 0; i < count; i++)
                    {
                        if (meters[i].Id == meter.Id)
                        {
                            json.Add(item + ".id", "\"" + meter.Id + "\" is the id of another meter", "an id of its own");
                        }
                    }
                }

                meters[count++] = meter;
            }

            if (index == 0 && !json.Broken)
            {
                json.Add(at, "empty: a node reads at least one meter", allowed);
            }

            var read = new MeterSpec[count];
            for (int i = 0; i < count; i++)
            {
                read[i] = meters[i];
            }

            return read;
        }

        private static MeterSpec Read(SetupJson json, string at)
        {
            var meter = new MeterSpec();
            if (!json.IsObject(at, null, "{ \"id\": ..., \"kind\": " + SetupJson.Join(MeterKinds.All) + ", \"port\": ... }"))
            {
                return meter;
            }

            int seen = 0;
            int field;
            while ((field = json.NextField(Fields, ref seen, at)) >= 0)
            {
                string name = Fields[field];
                switch (field)
                {
                    case FId:
                        meter.Id = json.Text(at, name, MaxId, false, "a name of up to 32 characters, e.g. main, pv");
                        if (meter.Id != null && (meter.Id.IndexOf('/') >= 0 || meter.Id.IndexOf('+') >= 0 || meter.Id.IndexOf('#') >= 0 || meter.Id.IndexOf('"') >= 0))
                        {
                            json.Add(SetupJson.PathOf(at, name), "\"" + meter.Id + "\" holds '/', '+', '#' or '\"'", "letters, digits, '-', '_', '.'");
                            meter.Id = null;
                        }

                        break;
                    case FKind:
                        meter.Kind = json.Choice(at, name, MeterKinds.All, null);
                        break;
                    case FPort:
                        meter.Port = json.Text(at, name, 16, false, "the port the meter is wired to: " + PortNames.Tic + ", " + PortNames.S0Prefix + "1, ...");
                        break;
                    case FAddress:
                        meter.Address = (int)json.Whole(at, name, 0, 255, 0);
                        break;
                    case FTicMode:
                        meter.TicMode = json.Choice(at, name, MeterKinds.TicModes, MeterKinds.TicModes[0]);
                        break;
                    case FPulsesPerKwh:
                        meter.PulsesPerKwh = (int)json.Whole(at, name, 1, MeterKinds.MaxPulsesPerKwh, 0);
                        break;
                    case FInitialEnergyWh:
                        meter.InitialEnergyWh = json.Whole(at, name, 0, long.MaxValue, 0);
                        break;
                    default:
                        meter.MaxPowerW = (int)json.Whole(at, name, 0, int.MaxValue, 0);
                        break;
                }
            }

            if (json.Broken)
            {
                return meter;
            }

            json.Require(seen, FId, Fields, at, "a name of up to 32 characters, e.g. main");
            json.Require(seen, FKind, Fields, at, SetupJson.Join(MeterKinds.All));
            json.Require(seen, FPort, Fields, at, "the port the meter is wired to");
            if (meter.Kind != null)
            {
                CheckKind(json, at, meter, seen);
            }

            return meter;
        }

        /// <summary>The fields and port a meter of its kind must have; the fields of other kinds are refused.</summary>
        private static void CheckKind(SetupJson json, string at, MeterSpec meter, int seen)
        {
            int allowed;
            switch (meter.Kind)
            {
                case MeterKinds.Tic:
                    allowed = Common | (1 << FTicMode);
                    if (meter.Port != null && meter.Port != PortNames.Tic)
                    {
                        json.Add(at + ".port", "\"" + meter.Port + "\" is not the TIC line", PortNames.Tic);
                    }

                    break;
                default:
                    allowed = Common | (1 << FPulsesPerKwh) | (1 << FInitialEnergyWh) | (1 << FMaxPowerW);
                    json.Require(seen, FPulsesPerKwh, Fields, at, "the meter constant printed on the meter, 1 to " + MeterKinds.MaxPulsesPerKwh.ToString() + " imp/kWh");
                    if (meter.Port != null && S0Channel(meter.Port) < 1)
                    {
                        json.Add(at + ".port", "\"" + meter.Port + "\" is not an S0 input", PortNames.S0Prefix + "1, " + PortNames.S0Prefix + "2, ...");
                    }

                    break;
            }

            for (int i = 0; i < Fields.Length; i++)
            {
                if ((seen & (1 << i)) != 0 && (allowed & (1 << i)) == 0)
                {
                    json.Add(at + "." + Fields[i], "not a field of a " + meter.Kind + " meter", Allowed(allowed));
                }
            }
        }

        /// <summary>The channel of an S0 port name ("s0-2" is 2), or 0 when the name is not one.</summary>
        public static int S0Channel(string port)
        {
            if (port == null || port.IndexOf(PortNames.S0Prefix) != 0 || port.Length == PortNames.S0Prefix.Length || port.Length > PortNames.S0Prefix.Length + 2)
            {
                return 0;
            }

            int channel = 0;
            for (int i = PortNames.S0Prefix.Length; i < port.Length; i++)
            {
                if (port[i] < '0' || port[i] > '9')
                {
                    return 0;
                }

                channel = channel * 10 + (port[i] - '0');
            }

            return channel;
        }

        private static string Allowed(int mask)
        {
            string list = string.Empty;
            for (int i = 0; i < Fields.Length; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    list = list.Length == 0 ? Fields[i] : list + ", " + Fields[i];
                }
            }

            return list;
        }
    }
}
