#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Platform;
using Edge.Core.Meters.Buses;
using Edge.Core.Security;
using Edge.Drivers.I2c;
using Edge.Drivers.I2c.Bme280;
using Edge.Drivers.I2c.Ina219;
using Edge.Drivers.I2c.Ina226;
using Edge.Drivers.I2c.Sht3x;
using Edge.Drivers.Modbus;
using Edge.Drivers.P1;
using Edge.Drivers.S0;
using Edge.Drivers.Tic;

namespace Edge.Drivers
{
    /// <summary>
    /// Builds a driver from what the configuration says of a meter, for the firmware and the host alike. Adding a
    /// kind of meter is one case here. A spec that cannot work is refused at once with the field it gets wrong.
    /// </summary>
    public static class MeterFactory
    {
        /// <summary>Kind of a meter read from an S0 pulse output.</summary>
        public const string S0Kind = MeterKinds.S0;
        /// <summary>Stem of the store files of an S0 meter's count: "s0-" and the meter's id (s0-main.a, s0-main.b).</summary>
        public const string S0StorePrefix = "s0-";

        /// <summary>Kind of a meter read from its TIC (Linky/Enedis teleinformation) output.</summary>
        public const string TicKind = MeterKinds.Tic;
        /// <summary>Kind of a Modbus RTU meter on a shared RS-485 line, read by its register table.</summary>
        public const string ModbusKind = MeterKinds.Modbus;
        /// <summary>Kind of a DSMR / e-MUCS meter read from its P1 port.</summary>
        public const string P1Kind = MeterKinds.P1;

        /// <param name="spec">The meter as configured.</param>
        /// <param name="ports">The platform's inputs and buses by name.</param>
        /// <param name="identity">How meter identifiers are published (meters that send one).</param>
        public static MeterDriver Build(MeterSpec spec, MeterPorts ports, MeterIdentity identity)
        {
            if (spec == null)
            {
                throw new ArgumentNullException("spec");
            }

            if (ports == null)
            {
                throw new ArgumentNullException("ports");
            }

            if (spec.Id == null || spec.Id.Length == 0)
            {
                throw new ArgumentException("a meter needs an id", "id");
            }

            switch (spec.Kind)
            {
                case S0Kind:
                    return BuildS0(spec, ports);
                case TicKind:
                    return BuildTic(spec, ports, identity);
                case ModbusKind:
                    return BuildModbus(spec, ports);
                case P1Kind:
                    return BuildP1(spec, ports);
                case MeterKinds.Ina219:
                case MeterKinds.Ina226:
                case MeterKinds.Bme280:
                case MeterKinds.Sht3x:
                    return BuildI2c(spec, ports);
                default:
                    throw new ArgumentException(Prefix(spec) + "kind '" + spec.Kind + "' is not one of " + S0Kind + ", " + TicKind + ", " + ModbusKind + ", " + P1Kind
                        + ", " + MeterKinds.Ina219 + ", " + MeterKinds.Ina226 + ", " + MeterKinds.Bme280 + ", " + MeterKinds.Sht3x, "kind");
            }
        }

        private static MeterDriver BuildS0(MeterSpec spec, MeterPorts ports)
        {
            IPulseInput input = ports.PulseInput(spec.Port);
            if (input == null)
            {
                throw new ArgumentException(Prefix(spec) + "port '" + spec.Port + "' is not a pulse input", "port");
            }

            PulseMeterSpec pulses = spec.Pulses != null ? spec.Pulses : new PulseMeterSpec();
            string constant = pulses.MeasuresVolume ? "pulsesPerM3" : "pulsesPerKwh";
            if (spec.PulsesPerKwh <= 0 || spec.PulsesPerKwh > S0PulseMeter.MaxPulsesPerKwh)
            {
                throw new ArgumentException(Prefix(spec) + constant + " " + spec.PulsesPerKwh.ToString() + " is outside 1.." + S0PulseMeter.MaxPulsesPerKwh.ToString(), constant);
            }

            if (spec.InitialEnergyWh < 0)
            {
                throw new ArgumentException(Prefix(spec) + "initialEnergyWh may not be negative", "initialEnergyWh");
            }

            if (spec.MaxPowerW < 0)
            {
                throw new ArgumentException(Prefix(spec) + "maxPowerW may not be negative", "maxPowerW");
            }

            if (pulses.PersistPulses < 1 || pulses.PersistMinutes < 1 || pulses.ZeroAfterS < 1)
            {
                throw new ArgumentException(Prefix(spec) + "persistEveryPulses, the record schedule and the zero timeout must be 1 or more", "persistEveryPulses");
            }

            // The count is kept in the node's store under a name of the meter's own, so several S0 meters never share it.
            IStore store = ports.Store();
            PulseCounterStore counter = store == null ? null : new PulseCounterStore(store, S0StorePrefix + spec.Id, pulses.PersistPulses, pulses.PersistMinutes * 60000L);
            return new S0PulseMeter(spec.Id, input, pulses.Measures, spec.PulsesPerKwh, spec.InitialEnergyWh, pulses.MeasuresVolume ? 0 : spec.MaxPowerW,
                pulses.ZeroAfterS * 1000L, counter);
        }

        private static MeterDriver BuildTic(MeterSpec spec, MeterPorts ports, MeterIdentity identity)
        {
            ISerialLink link = ports.SerialLink(spec.Port);
            if (link == null)
            {
                throw new ArgumentException(Prefix(spec) + "port '" + spec.Port + "' is not a serial line", "port");
            }

            if (identity == null)
            {
                throw new ArgumentNullException("identity");
            }

            TicMode mode;
            switch (spec.TicMode)
            {
                case null:
                case "":
                case "auto":
                    mode = TicMode.Auto;
                    break;
                case "historique":
                    mode = TicMode.Historique;
                    break;
                case "standard":
                    mode = TicMode.Standard;
                    break;
                default:
                    throw new ArgumentException(Prefix(spec) + "ticMode '" + spec.TicMode + "' is not one of auto, historique, standard", "ticMode");
            }

            return new TicMeter(spec.Id, link, mode, identity);
        }

        private static MeterDriver BuildModbus(MeterSpec spec, MeterPorts ports)
        {
            Rs485Line line = ports.Rs485(spec.Port);
            if (line == null)
            {
                throw new ArgumentException(Prefix(spec) + "port '" + spec.Port + "' is not an RS-485 line", "port");
            }

            if (spec.Address < ModbusFunction.FirstSlave || spec.Address > ModbusFunction.LastSlave)
            {
                throw new ArgumentException(Prefix(spec) + "address " + spec.Address.ToString() + " is outside 1..247", "address");
            }

            if (spec.PollIntervalMs < 0)
            {
                throw new ArgumentException(Prefix(spec) + "pollIntervalMs may not be negative", "pollIntervalMs");
            }

            bool named = spec.ModbusModel != null && spec.ModbusModel.Length > 0;
            if (named == (spec.ModbusTable != null))
            {
                throw new ArgumentException(Prefix(spec) + "give either modbusModel (" + EastronRegisterMaps.Names + ") or modbusTable", "modbusModel");
            }

            ModbusRegisterMap map = named ? EastronRegisterMaps.Named(spec.ModbusModel) : ModbusCustomMap.Build(spec.ModbusTable, Prefix(spec));
            if (map == null)
            {
                throw new ArgumentException(Prefix(spec) + "modbusModel '" + spec.ModbusModel + "' is not one of " + EastronRegisterMaps.Names, "modbusModel");
            }

            return new ModbusMeter(spec.Id, line, spec.Address, map, spec.PollIntervalMs == 0 ? ModbusMeter.DefaultCycleMs : spec.PollIntervalMs);
        }

        private static MeterDriver BuildP1(MeterSpec spec, MeterPorts ports)
        {
            ISerialLink link = ports.SerialLink(spec.Port);
            if (link == null)
            {
                throw new ArgumentException(Prefix(spec) + "port '" + spec.Port + "' is not a serial line", "port");
            }

            int baud;
            int dataBits;
            SerialParity parity;
            int stopBits;
            string line = spec.P1Line == null || spec.P1Line.Length == 0 ? P1Meter.Dsmr5Line : spec.P1Line;
            if (!P1Meter.TryParseLine(line, out baud, out dataBits, out parity, out stopBits))
            {
                throw new ArgumentException(Prefix(spec) + "p1Line '" + spec.P1Line + "' is not of the form " + P1Meter.Dsmr5Line + " or " + P1Meter.Dsmr22Line, "p1Line");
            }

            // The Data Request output is the board's, not the meter's: a board without one has the line tied high.
            return new P1Meter(spec.Id, link, ports.DigitalOutput(P1Meter.RequestPort), line, spec.P1InvertRx);
        }

        /// <summary>A chip on the I2C bus, through the channel the start-up attached at its address (the chip's
        /// default address when the spec gives none).</summary>
        private static MeterDriver BuildI2c(MeterSpec spec, MeterPorts ports)
        {
            I2cBus bus = ports.I2c(spec.Port);
            if (bus == null)
            {
                throw new ArgumentException(Prefix(spec) + "port '" + spec.Port + "' is not an I2C bus", "port");
            }

            int address = spec.Address == 0 ? MeterKinds.I2cDefaultAddress(spec.Kind) : spec.Address;
            if (!MeterKinds.I2cAddressFits(spec.Kind, address))
            {
                throw new ArgumentException(Prefix(spec) + "address " + address.ToString() + " is not an address of the " + spec.Kind, "address");
            }

            I2cChannel channel = bus.Channel(address);
            if (channel == null)
            {
                throw new ArgumentException(Prefix(spec) + "no device opened at address " + I2cSensor.HexByte(address) + " of the I2C bus", "address");
            }

            if (spec.PollIntervalMs < 0)
            {
                throw new ArgumentException(Prefix(spec) + "pollIntervalMs may not be negative", "pollIntervalMs");
            }

            long poll = spec.PollIntervalMs == 0 ? I2cSensor.DefaultPollIntervalMs : spec.PollIntervalMs;
            string refused;
            switch (spec.Kind)
            {
                case MeterKinds.Ina219:
                    refused = Ina219Sensor.Refusal(spec.ShuntMicroOhms, spec.MaxCurrentMilliamps);
                    if (refused != null)
                    {
                        throw new ArgumentException(Prefix(spec) + refused, "shuntOhms");
                    }

                    return new Ina219Sensor(spec.Id, channel, address, spec.ShuntMicroOhms, spec.MaxCurrentMilliamps, poll);
                case MeterKinds.Ina226:
                    refused = Ina226Sensor.Refusal(spec.ShuntMicroOhms, spec.MaxCurrentMilliamps);
                    if (refused != null)
                    {
                        throw new ArgumentException(Prefix(spec) + refused, "shuntOhms");
                    }

                    return new Ina226Sensor(spec.Id, channel, address, spec.ShuntMicroOhms, spec.MaxCurrentMilliamps, poll);
                case MeterKinds.Bme280:
                    return new Bme280Sensor(spec.Id, channel, address, poll);
                default:
                    return new Sht3xSensor(spec.Id, channel, address, poll);
            }
        }

        private static string Prefix(MeterSpec spec)
        {
            return "meter '" + spec.Id + "': ";
        }
    }
}
