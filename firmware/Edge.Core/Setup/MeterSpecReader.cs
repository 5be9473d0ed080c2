#nullable disable
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Core.Setup
{
    /// <summary>
    /// Reads the <c>meters</c> array of a configuration into <see cref="MeterSpec"/>s: the fields every meter has (id,
    /// kind, port), then the fields of its kind, checked once the whole object is read (its fields come in any order).
    /// A field that belongs to another kind is a problem, not ignored. Adding a kind is a case in
    /// <see cref="CheckKind"/>, with its port rule. Modbus meters share the RS-485 line: each has an address of its
    /// own, and the line settings they give (or their models' defaults) must agree, since one UART runs the line.
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
        private const int FPollIntervalMs = 8;
        private const int FModbusModel = 9;
        private const int FModbusTable = 10;
        private const int FBaud = 11;
        private const int FParity = 12;
        private const int FStopBits = 13;
        private const int FP1Line = 14;
        private const int FP1InvertRx = 15;
        private const int FShuntOhms = 16;
        private const int FMaxCurrentA = 17;
        private const int FMeasures = 18;
        private const int FPulsesPerM3 = 19;
        private const int FInitialVolumeL = 20;
        private const int FMinPulseMs = 21;
        private const int FActiveEdge = 22;
        private const int FPersistEveryPulses = 23;

        private static readonly string[] Fields =
        {
            "id", "kind", "port", "address", "ticMode", "pulsesPerKwh", "initialEnergyWh", "maxPowerW",
            "pollIntervalMs", "modbusModel", "modbusTable", "baud", "parity", "stopBits", "p1Line", "p1InvertRx",
            "shuntOhms", "maxCurrentA", "measures", "pulsesPerM3", "initialVolumeL", "minPulseMs", "activeEdge",
            "persistEveryPulses",
        };

        /// <summary>The S0 fields every medium takes: what it measures, pulse qualification, persistence step. The
        /// schedule of the records and the zero timeout keep their defaults (PulseMeterSpec): each field name is a
        /// static entry of <see cref="Fields"/>, within the static tables' budget.</summary>
        private const int S0Options = (1 << FMeasures) | (1 << FMinPulseMs) | (1 << FActiveEdge) | (1 << FPersistEveryPulses);

        /// <summary>Longest minimum pulse width taken (ms): S0 outputs pulse for 30 to about 120 ms, reed contacts of
        /// water and gas meters close for longer at low flow, but a second is beyond any meter's pulse.</summary>
        public const int MaxMinPulseMs = 1000;

        private const int TModel = 0;
        private const int TMaxRegisters = 1;
        private const int TMaxGap = 2;
        private const int TRegisters = 3;

        private static readonly string[] TableFields = { "model", "maxRegistersPerRequest", "maxGap", "registers" };

        private const int RFunction = 0;
        private const int RAddress = 1;
        private const int RType = 2;
        private const int RLowWordFirst = 3;
        private const int RScale = 4;
        private const int RDecimals = 5;
        private const int RQuantity = 6;

        private static readonly string[] RowFields = { "function", "address", "type", "lowWordFirst", "scale", "decimals", "quantity" };

        /// <summary>Shortest Modbus poll interval taken: at 2400 baud a full SDM630 cycle takes about half a second.</summary>
        public const long MinPollIntervalMs = 100;

        /// <summary>Longest Modbus poll interval taken: an hour, so that every hourly report holds a reading.</summary>
        public const long MaxPollIntervalMs = 3600000;

        /// <summary>Largest power of ten of a custom row's scale, as the Modbus register map takes it.</summary>
        private const int MaxScale = 9;

        private const string ModbusChoice = "either modbusModel or modbusTable";

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

            CheckSharedLine(json, at, meters, count);

            var read = new MeterSpec[count];
            for (int i = 0; i < count; i++)
            {
                read[i] = meters[i];
            }

            return read;
        }

        private const string PortsAllowed = "the port the meter is wired to: " + PortNames.Tic + ", " + PortNames.P1 + ", " + PortNames.Rs485 + ", " + PortNames.I2c + ", " + PortNames.S0Prefix + "1, ...";

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
                        // '/', '+' and '#' would break its topics (MQTT 3.1.1 section 4.7), '"' its JSON, ':' and '\\'
                        // the name of its files in the store (an S0 meter's count is kept as s0-<id>.a / .b).
                        if (meter.Id != null && (meter.Id.IndexOf('/') >= 0 || meter.Id.IndexOf('+') >= 0 || meter.Id.IndexOf('#') >= 0 || meter.Id.IndexOf('"') >= 0
                            || meter.Id.IndexOf(':') >= 0 || meter.Id.IndexOf('\\') >= 0))
                        {
                            json.Add(SetupJson.PathOf(at, name), "\"" + meter.Id + "\" holds '/', '+', '#', '\"', ':' or '\\'", "letters, digits, '-', '_', '.'");
                            meter.Id = null;
                        }

                        break;
                    case FKind:
                        meter.Kind = json.Choice(at, name, MeterKinds.All, null);
                        break;
                    case FPort:
                        meter.Port = json.Text(at, name, 16, false, PortsAllowed);
                        break;
                    case FAddress:
                        meter.Address = (int)json.Whole(at, name, 1, 247, 0);
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
                    case FMaxPowerW:
                        meter.MaxPowerW = (int)json.Whole(at, name, 0, int.MaxValue, 0);
                        break;
                    case FPollIntervalMs:
                        meter.PollIntervalMs = json.Whole(at, name, MinPollIntervalMs, MaxPollIntervalMs, 0);
                        break;
                    case FModbusModel:
                        meter.ModbusModel = json.Choice(at, name, MeterKinds.ModbusModels, null);
                        break;
                    case FModbusTable:
                        meter.ModbusTable = ReadTable(json, at, name);
                        break;
                    case FBaud:
                        meter.Baud = Baud(json, at, name);
                        break;
                    case FParity:
                        meter.Parity = (SerialParity)IndexOf(MeterKinds.Parities, json.Choice(at, name, MeterKinds.Parities, MeterKinds.Parities[0]));
                        break;
                    case FStopBits:
                        meter.StopBits = (int)json.Whole(at, name, 1, 2, 1);
                        break;
                    case FP1Line:
                        meter.P1Line = json.Choice(at, name, MeterKinds.P1Lines, MeterKinds.P1Lines[0]);
                        break;
                    case FShuntOhms:
                        // Micro-ohms: a 2 mOhm shunt is 2000; up to 1000 ohms.
                        meter.ShuntMicroOhms = json.Scaled(at, name, 6, 1, 1000000000, 0, "the shunt's resistance in ohms, e.g. 0.1, up to 6 decimals");
                        break;
                    case FMaxCurrentA:
                        meter.MaxCurrentMilliamps = json.Scaled(at, name, 3, 1, 1000000, 0, "the largest current expected in amperes, 0.001 to 1000");
                        break;
                    case FP1InvertRx:
                        meter.P1InvertRx = json.Flag(at, name, true);
                        break;
                    default:
                        ReadPulseOption(json, at, name, field, meter);
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

        /// <summary>A field of an S0 meter beyond its constant and register, into <see cref="MeterSpec.Pulses"/>. The
        /// choices are built here, at setup only, so that no static table holds them.</summary>
        private static void ReadPulseOption(SetupJson json, string at, string name, int field, MeterSpec meter)
        {
            if (meter.Pulses == null)
            {
                meter.Pulses = new PulseMeterSpec();
            }

            PulseMeterSpec pulses = meter.Pulses;
            switch (field)
            {
                case FMeasures:
                    pulses.Measures = json.Choice(at, name, new string[] { MeterKinds.S0Electricity, MeterKinds.S0Water, MeterKinds.S0Gas }, MeterKinds.S0Electricity);
                    break;
                case FPulsesPerM3:
                    meter.PulsesPerKwh = (int)json.Whole(at, name, 1, MeterKinds.MaxPulsesPerM3, 0);
                    break;
                case FInitialVolumeL:
                    meter.InitialEnergyWh = json.Whole(at, name, 0, long.MaxValue, 0);
                    break;
                case FMinPulseMs:
                    pulses.MinPulseMs = (int)json.Whole(at, name, 1, MaxMinPulseMs, PulseMeterSpec.DefaultMinPulseMs);
                    break;
                case FActiveEdge:
                    pulses.ActiveHigh = json.Choice(at, name, new string[] { "falling", "rising" }, "falling") == "rising";
                    break;
                default:
                    pulses.PersistPulses = (int)json.Whole(at, name, 1, 1000000, PulseMeterSpec.DefaultPersistPulses);
                    break;
            }
        }

        /// <summary>An S0 meter's constant and register in the unit of what it measures (imp/kWh and Wh for
        /// electricity, imp/m3 and L for water and gas); the other medium's fields are refused.</summary>
        private static int CheckS0(SetupJson json, string at, MeterSpec meter, int seen)
        {
            if (meter.Pulses == null)
            {
                meter.Pulses = new PulseMeterSpec();
            }

            if (meter.Port != null && S0Channel(meter.Port) < 1)
            {
                json.Add(at + ".port", "\"" + meter.Port + "\" is not an S0 input", PortNames.S0Prefix + "1, " + PortNames.S0Prefix + "2, ...");
            }

            if (meter.Pulses.MeasuresVolume)
            {
                json.Require(seen, FPulsesPerM3, Fields, at, "the meter constant printed on the " + meter.Pulses.Measures + " meter, 1 to " + MeterKinds.MaxPulsesPerM3.ToString() + " imp/m3");
                return Common | S0Options | (1 << FPulsesPerM3) | (1 << FInitialVolumeL);
            }

            json.Require(seen, FPulsesPerKwh, Fields, at, "the meter constant printed on the meter, 1 to " + MeterKinds.MaxPulsesPerKwh.ToString() + " imp/kWh");
            return Common | S0Options | (1 << FPulsesPerKwh) | (1 << FInitialEnergyWh) | (1 << FMaxPowerW);
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
                case MeterKinds.Modbus:
                    allowed = Common | (1 << FAddress) | (1 << FPollIntervalMs) | (1 << FModbusModel) | (1 << FModbusTable) | (1 << FBaud) | (1 << FParity) | (1 << FStopBits);
                    CheckModbus(json, at, meter, seen);
                    break;
                case MeterKinds.P1:
                    allowed = Common | (1 << FP1Line) | (1 << FP1InvertRx);
                    if ((seen & (1 << FP1Line)) == 0)
                    {
                        meter.P1Line = MeterKinds.P1Lines[0];
                    }

                    if ((seen & (1 << FP1InvertRx)) == 0)
                    {
                        // The P1 data line is an open collector that idles low at the node's pull-up side: read
                        // straight on a UART it is inverted, which the UART undoes (hardware/wiring/p1.md option A).
                        meter.P1InvertRx = true;
                    }

                    if (meter.Port != null && meter.Port != PortNames.P1)
                    {
                        json.Add(at + ".port", "\"" + meter.Port + "\" is not the P1 line", PortNames.P1);
                    }

                    break;
                case MeterKinds.Ina219:
                case MeterKinds.Ina226:
                    allowed = Common | (1 << FAddress) | (1 << FPollIntervalMs) | (1 << FShuntOhms) | (1 << FMaxCurrentA);
                    json.Require(seen, FShuntOhms, Fields, at, "the shunt's resistance in ohms, e.g. 0.1 for a breakout's R100");
                    json.Require(seen, FMaxCurrentA, Fields, at, "the largest current expected in amperes, e.g. 2");
                    CheckI2c(json, at, meter, seen);
                    break;
                case MeterKinds.Bme280:
                case MeterKinds.Sht3x:
                    allowed = Common | (1 << FAddress) | (1 << FPollIntervalMs);
                    CheckI2c(json, at, meter, seen);
                    break;
                default:
                    allowed = CheckS0(json, at, meter, seen);
                    break;
            }

            for (int i = 0; i < Fields.Length; i++)
            {
                if ((seen & (1 << i)) != 0 && (allowed & (1 << i)) == 0)
                {
                    json.Add(at + "." + Fields[i], "not a field of a " + meter.Kind + (meter.Kind == MeterKinds.S0 ? " " + meter.Pulses.Measures : string.Empty) + " meter", Allowed(allowed));
                }
            }
        }

        /// <summary>A chip on the I2C bus: its port, and its address (the chip's default when none is given) among
        /// those its address pins allow.</summary>
        private static void CheckI2c(SetupJson json, string at, MeterSpec meter, int seen)
        {
            if (meter.Port != null && meter.Port != PortNames.I2c)
            {
                json.Add(at + ".port", "\"" + meter.Port + "\" is not the I2C bus", PortNames.I2c);
            }

            if ((seen & (1 << FAddress)) == 0)
            {
                meter.Address = MeterKinds.I2cDefaultAddress(meter.Kind);
            }
            else if (meter.Address != 0 && !MeterKinds.I2cAddressFits(meter.Kind, meter.Address))
            {
                json.Add(at + ".address", meter.Address.ToString() + " is not an address of the " + meter.Kind,
                    meter.Kind == MeterKinds.Bme280 ? "118 or 119 (0x76, 0x77)" : meter.Kind == MeterKinds.Sht3x ? "68 or 69 (0x44, 0x45)" : "64 to 79 (0x40 to 0x4F)");
            }
        }

        /// <summary>A Modbus meter's port, address and table; its line settings, the model's defaults where the
        /// configuration gives none (checked against the other meters of the line in <see cref="CheckSharedLine"/>).</summary>
        private static void CheckModbus(SetupJson json, string at, MeterSpec meter, int seen)
        {
            if (meter.Port != null && meter.Port != PortNames.Rs485)
            {
                json.Add(at + ".port", "\"" + meter.Port + "\" is not the RS-485 line", PortNames.Rs485);
            }

            json.Require(seen, FAddress, Fields, at, "the meter's Modbus slave address, 1 to 247");
            bool model = (seen & (1 << FModbusModel)) != 0;
            bool table = (seen & (1 << FModbusTable)) != 0;
            if (model && table)
            {
                json.Add(at + ".modbusTable", "given with modbusModel", ModbusChoice);
            }
            else if (!model && !table)
            {
                json.Add(at + ".modbusModel", "missing", SetupJson.Join(MeterKinds.ModbusModels) + ", or a modbusTable");
            }

            // The Eastron meters leave the factory at 8N1 (their user manuals); Modbus over Serial Line V1.02
            // section 2.5.1 makes even parity the default of any other device.
            if ((seen & (1 << FBaud)) == 0)
            {
                meter.Baud = MeterKinds.ModbusBaudOf(meter.ModbusModel);
            }

            if ((seen & (1 << FParity)) == 0)
            {
                meter.Parity = table ? SerialParity.Even : SerialParity.None;
            }

            if ((seen & (1 << FStopBits)) == 0)
            {
                meter.StopBits = 1;
            }
        }

        /// <summary>The Modbus meters of one line: an address each, and the same line settings, since one UART runs
        /// the line for all of them. A conflict is reported at the later meter, naming the earlier.</summary>
        private static void CheckSharedLine(SetupJson json, string at, MeterSpec[] meters, int count)
        {
            int first = -1;
            for (int i = 0; i < count; i++)
            {
                MeterSpec meter = meters[i];
                if (meter.Kind != MeterKinds.Modbus || meter.Port != PortNames.Rs485)
                {
                    continue;
                }

                string item = SetupJson.ItemOf(at, i);
                for (int j = first < 0 ? i : first; j < i; j++)
                {
                    if (meters[j].Kind == MeterKinds.Modbus && meters[j].Port == PortNames.Rs485 && meters[j].Address == meter.Address && meter.Address != 0)
                    {
                        json.Add(item + ".address", meter.Address.ToString() + " is the address of " + SetupJson.ItemOf(at, j) + " on the same line", "a slave address of its own, 1 to 247");
                    }
                }

                if (first < 0)
                {
                    first = i;
                    continue;
                }

                // A speed refused above (0) is reported already: it is no second problem here.
                MeterSpec line = meters[first];
                if (meter.Baud != 0 && line.Baud != 0 && (meter.Baud != line.Baud || meter.Parity != line.Parity || meter.StopBits != line.StopBits))
                {
                    json.Add(item, "the line at " + LineOf(meter) + " but " + SetupJson.ItemOf(at, first) + " runs it at " + LineOf(line),
                        "the same baud, parity and stopBits on every meter of the " + PortNames.Rs485 + " line (a model's defaults: sdm120, sdm230 2400 8N1; sdm630, sdm72 9600 8N1; a modbusTable 19200 8E1)");
                }
            }
        }

        /// <summary>"9600 8N1".</summary>
        private static string LineOf(MeterSpec meter)
        {
            string parity = meter.Parity == SerialParity.Even ? "E" : meter.Parity == SerialParity.Odd ? "O" : "N";
            return meter.Baud.ToString() + " 8" + parity + meter.StopBits.ToString();
        }

        private static int Baud(SetupJson json, string at, string name)
        {
            string allowed = string.Empty;
            for (int i = 0; i < MeterKinds.ModbusBauds.Length; i++)
            {
                allowed = i == 0 ? MeterKinds.ModbusBauds[i].ToString() : allowed + ", " + MeterKinds.ModbusBauds[i].ToString();
            }

            long baud = json.Whole(at, name, 1, int.MaxValue, 0);
            for (int i = 0; i < MeterKinds.ModbusBauds.Length; i++)
            {
                if (MeterKinds.ModbusBauds[i] == baud)
                {
                    return (int)baud;
                }
            }

            if (baud != 0)
            {
                json.Add(SetupJson.PathOf(at, name), baud.ToString() + " is not a Modbus line speed", allowed);
            }

            return 0;
        }

        /// <summary>A custom register table (<see cref="ModbusTableSpec"/>), each row checked against what the
        /// Modbus register map takes, so that a bad row is named by its path here rather than at start-up.</summary>
        private static ModbusTableSpec ReadTable(SetupJson json, string parent, string field)
        {
            const string Shape = "{ \"model\": ..., \"registers\": [ { \"address\": ..., \"type\": ..., \"quantity\": ... } ] }";
            if (!json.IsObject(parent, field, Shape))
            {
                return null;
            }

            string at = SetupJson.PathOf(parent, field);
            var table = new ModbusTableSpec();
            string rowsAllowed = "an array of 1 to " + MeterKinds.MaxModbusRows.ToString() + " registers";
            int seen = 0;
            int index;
            while ((index = json.NextField(TableFields, ref seen, at)) >= 0)
            {
                string name = TableFields[index];
                switch (index)
                {
                    case TModel:
                        table.Model = json.Text(at, name, MaxId, false, "the meter model's name for the log, up to 32 characters");
                        break;
                    case TMaxRegisters:
                        // A read asks for 1 to 125 registers (Modbus Application Protocol V1.1b3, 6.3 and 6.4).
                        table.MaxRegistersPerRequest = (int)json.Whole(at, name, 1, 125, 0);
                        break;
                    case TMaxGap:
                        table.MaxGap = (int)json.Whole(at, name, 0, 125, 0);
                        break;
                    default:
                        table.Registers = ReadRows(json, at, name, rowsAllowed);
                        break;
                }
            }

            if (!json.Broken)
            {
                json.Require(seen, TRegisters, TableFields, at, rowsAllowed);
            }

            return table;
        }

        private static ModbusRegisterSpec[] ReadRows(SetupJson json, string parent, string field, string allowed)
        {
            if (!json.IsArray(parent, field, allowed))
            {
                return null;
            }

            string at = SetupJson.PathOf(parent, field);
            var rows = new ModbusRegisterSpec[MeterKinds.MaxModbusRows];
            int count = 0;
            int index = 0;
            while (json.NextItem())
            {
                string item = SetupJson.ItemOf(at, index++);
                ModbusRegisterSpec row = ReadRow(json, item);
                if (index > MeterKinds.MaxModbusRows)
                {
                    json.Add(item, "more than " + MeterKinds.MaxModbusRows.ToString() + " registers", allowed);
                    continue;
                }

                rows[count++] = row;
            }

            if (index == 0 && !json.Broken)
            {
                json.Add(at, "empty: a table reads at least one register", allowed);
            }

            var read = new ModbusRegisterSpec[count];
            for (int i = 0; i < count; i++)
            {
                read[i] = rows[i];
            }

            return read;
        }

        private static ModbusRegisterSpec ReadRow(SetupJson json, string at)
        {
            var row = new ModbusRegisterSpec();
            if (!json.IsObject(at, null, "{ \"address\": ..., \"type\": " + SetupJson.Join(MeterKinds.ModbusValueTypes) + ", \"quantity\": ... }"))
            {
                return row;
            }

            int seen = 0;
            int field;
            while ((field = json.NextField(RowFields, ref seen, at)) >= 0)
            {
                string name = RowFields[field];
                switch (field)
                {
                    case RFunction:
                        // 3 reads holding registers, 4 input registers (Modbus Application Protocol V1.1b3, 6.3, 6.4).
                        row.Function = (int)json.Whole(at, name, 3, 4, 0);
                        break;
                    case RAddress:
                        row.Address = (int)json.Whole(at, name, 0, 65535, 0);
                        break;
                    case RType:
                        row.Type = json.Choice(at, name, MeterKinds.ModbusValueTypes, null);
                        break;
                    case RLowWordFirst:
                        row.LowWordFirst = json.Flag(at, name, false);
                        break;
                    case RScale:
                        row.Scale = (int)json.Whole(at, name, -MaxScale, MaxScale, 0);
                        break;
                    case RDecimals:
                        row.Decimals = (int)json.Whole(at, name, 0, MaxScale, 0);
                        break;
                    default:
                        string quantity = json.Text(at, name, 48, false, "a quantity of the vocabulary, e.g. phaseVoltage.L1, activePower");
                        QuantityId id;
                        if (quantity != null && !Quantities.TryParse(quantity, out id))
                        {
                            json.Add(SetupJson.PathOf(at, name), "\"" + quantity + "\" is not a quantity of the vocabulary", "a quantity of the vocabulary (docs/schemas/readings.edge-json.schema.json), e.g. phaseVoltage.L1, activePower");
                            quantity = null;
                        }

                        row.Quantity = quantity;
                        break;
                }
            }

            if (json.Broken)
            {
                return row;
            }

            json.Require(seen, RAddress, RowFields, at, "the first register of the value, 0 to 65535 (a document's 30001 is 0)");
            json.Require(seen, RType, RowFields, at, SetupJson.Join(MeterKinds.ModbusValueTypes));
            json.Require(seen, RQuantity, RowFields, at, "a quantity of the vocabulary, e.g. phaseVoltage.L1");
            if ((seen & (1 << RDecimals)) == 0)
            {
                // A value in tenths keeps its tenth: the readings keep at least -scale decimals.
                row.Decimals = row.Scale < 0 ? -row.Scale : 0;
            }
            else if (row.Decimals < -row.Scale || row.Decimals > 10 - row.Scale)
            {
                json.Add(SetupJson.PathOf(at, RowFields[RDecimals]), row.Decimals.ToString() + " with scale " + row.Scale.ToString(), "at least -scale and at most 10 - scale decimals");
            }

            return row;
        }

        private static int IndexOf(string[] names, string name)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return i;
                }
            }

            return 0;
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
