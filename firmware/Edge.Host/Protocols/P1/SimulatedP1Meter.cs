using System;
using System.Collections.Generic;

namespace Edge.Host.Protocols.P1
{
    /// <summary>
    /// A virtual DSMR 5 three-phase household meter, named and formatted as the Iskra MT382 of the standard's example: integrates a
    /// load curve into its two import tariff registers (Dutch rule: tariff 1, low, from 23:00 to 07:00 on weekdays
    /// and all weekend; tariff 2, normal, otherwise), shares the load over its phases, and reads a gas meter on
    /// M-Bus channel 1 whose value it refreshes every five minutes, stamped with the time it was read. It writes the
    /// telegram a real meter would send at a given instant, with the formats of the P1 Companion Standard 5.0.2.
    /// Identifiers are fictitious.
    /// </summary>
    public sealed class SimulatedP1Meter
    {
        /// <summary>What follows the <c>/</c>: manufacturer (three letters), the baud-rate character and the type.</summary>
        public const string Identification = "ISk5\\2MT382-1000";

        /// <summary>The electricity meter's equipment identifier (0-0:96.1.1), fictitious.</summary>
        public const string EquipmentId = "E0099999999999999";

        /// <summary>The gas meter's equipment identifier (0-1:96.1.0), fictitious.</summary>
        public const string GasEquipmentId = "G0099999999999999";

        /// <summary>The gas meter's register at commissioning (m3), as on a household that has heated a few winters.</summary>
        public const double InitialGasM3 = 3_481.217;

        /// <summary>DSMR 5 meters read their M-Bus devices every 5 minutes, and send the last value with its capture time.</summary>
        public static readonly TimeSpan GasInterval = TimeSpan.FromMinutes(5);

        /// <summary>How the household's load falls on the phases: the kitchen on L1, the rest shared.</summary>
        private static readonly double[] PhaseShare = [0.40, 0.35, 0.25];

        // Gas drawn (m3/h) per local hour: a boiler heating in the morning and evening, hot water, little at night;
        // about 0.18 m3/h on average, some 1,500 m3 a year.
        private static readonly double[] GasByHour =
        [
            0.04, 0.04, 0.04, 0.04, 0.05, 0.10, 0.45, 0.50, 0.30, 0.12, 0.10, 0.10,
            0.12, 0.10, 0.10, 0.10, 0.15, 0.30, 0.40, 0.40, 0.35, 0.25, 0.10, 0.05,
        ];

        private readonly Func<DateTime, double> _powerAt;
        private readonly Random _noise;
        private readonly DateTime _powerFailureUtc;
        private DateTime _lastUtc;
        private DateTime _gasReadUtc;
        private double _gasReadM3;

        public SimulatedP1Meter(Func<DateTime, double> powerAt, DateTime startUtc, long initialWh, int seed)
        {
            _powerAt = powerAt;
            _lastUtc = startUtc;
            _noise = new Random(seed);

            // Split the commissioning register between the two tariffs, roughly as a household uses them.
            ImportT1Wh = initialWh * 0.4;
            ImportT2Wh = initialWh - ImportT1Wh;
            GasM3 = InitialGasM3;
            _gasReadUtc = FloorTo(startUtc, GasInterval);
            _gasReadM3 = GasM3;

            // One long power failure in the log, a few weeks before the run: 4 minutes without supply.
            _powerFailureUtc = FloorTo(startUtc.AddDays(-23).AddHours(-5), TimeSpan.FromSeconds(1));
        }

        /// <summary>Import register, tariff 1 (low), Wh, exact.</summary>
        public double ImportT1Wh { get; private set; }

        /// <summary>Import register, tariff 2 (normal), Wh, exact.</summary>
        public double ImportT2Wh { get; private set; }

        /// <summary>The sum of the two import registers as the telegram carries them (whole Wh each).</summary>
        public long RegisterWh => (long)Math.Floor(ImportT1Wh) + (long)Math.Floor(ImportT2Wh);

        /// <summary>The gas meter's register, m3, exact (the telegram carries its last five-minute reading).</summary>
        public double GasM3 { get; private set; }

        /// <summary>The gas meter's last reading the telegram carries, and when it was taken.</summary>
        public (DateTime Utc, double M3) GasReading => (_gasReadUtc, _gasReadM3);

        /// <summary>Integrates the load and the gas up to <paramref name="utc"/> in one-second steps.</summary>
        public void AdvanceTo(DateTime utc)
        {
            while (_lastUtc < utc)
            {
                DateTime next = _lastUtc.AddSeconds(1) < utc ? _lastUtc.AddSeconds(1) : utc;
                double hours = (next - _lastUtc).TotalHours;
                double wh = Math.Max(0, _powerAt(_lastUtc)) * hours;
                if (IsLowTariff(_lastUtc))
                {
                    ImportT1Wh += wh;
                }
                else
                {
                    ImportT2Wh += wh;
                }

                GasM3 += GasByHour[CentralEuropeanTime.ToLocal(_lastUtc).Hour] * hours;
                _lastUtc = next;
                DateTime read = FloorTo(_lastUtc, GasInterval);
                if (read > _gasReadUtc)
                {
                    _gasReadUtc = read;
                    _gasReadM3 = GasM3;
                }
            }
        }

        /// <summary>The telegram the meter sends at <paramref name="utc"/> (after <see cref="AdvanceTo"/>).</summary>
        public byte[] TelegramAt(DateTime utc) => P1TelegramWriter.Telegram(Identification, Lines(utc));

        /// <summary>The telegram's lines at <paramref name="utc"/>, in the order of the standard's example.</summary>
        public List<string> Lines(DateTime utc)
        {
            double watts = Math.Max(0, _powerAt(utc));
            var lines = new List<string>
            {
                P1TelegramWriter.Line("1-3:0.2.8", "50"),
                P1TelegramWriter.Line("0-0:1.0.0", P1TelegramWriter.Timestamp(FloorTo(utc, TimeSpan.FromSeconds(1)))),
                P1TelegramWriter.Line("0-0:96.1.1", P1TelegramWriter.Octets(EquipmentId)),
                P1TelegramWriter.Line("1-0:1.8.1", Register(ImportT1Wh)),
                P1TelegramWriter.Line("1-0:1.8.2", Register(ImportT2Wh)),
                P1TelegramWriter.Line("1-0:2.8.1", Register(0)),
                P1TelegramWriter.Line("1-0:2.8.2", Register(0)),
                P1TelegramWriter.Line("0-0:96.14.0", IsLowTariff(utc) ? "0001" : "0002"),
                P1TelegramWriter.Line("1-0:1.7.0", Kilowatts(watts)),
                P1TelegramWriter.Line("1-0:2.7.0", Kilowatts(0)),
                P1TelegramWriter.Line("0-0:96.7.21", P1TelegramWriter.Fixed(4, 5, 0, null)),
                P1TelegramWriter.Line("0-0:96.7.9", P1TelegramWriter.Fixed(1, 5, 0, null)),
                P1TelegramWriter.Line("1-0:99.97.0", "1", "0-0:96.7.19", P1TelegramWriter.Timestamp(_powerFailureUtc), P1TelegramWriter.Fixed(240, 10, 0, "s")),
                P1TelegramWriter.Line("1-0:32.32.0", P1TelegramWriter.Fixed(2, 5, 0, null)),
                P1TelegramWriter.Line("1-0:52.32.0", P1TelegramWriter.Fixed(1, 5, 0, null)),
                P1TelegramWriter.Line("1-0:72.32.0", P1TelegramWriter.Fixed(0, 5, 0, null)),
                P1TelegramWriter.Line("1-0:32.36.0", P1TelegramWriter.Fixed(0, 5, 0, null)),
                P1TelegramWriter.Line("1-0:52.36.0", P1TelegramWriter.Fixed(0, 5, 0, null)),
                P1TelegramWriter.Line("1-0:72.36.0", P1TelegramWriter.Fixed(0, 5, 0, null)),
                P1TelegramWriter.Line("0-0:96.13.0", string.Empty),
            };

            // Per phase: voltage F4(1), current F3(0) (whole amperes, as DSMR 5 gives it), import and export F5(3).
            var volts = new double[3];
            for (int phase = 0; phase < 3; phase++)
            {
                volts[phase] = 230 + ((_noise.NextDouble() - 0.5) * 6);
            }

            for (int phase = 0; phase < 3; phase++)
            {
                lines.Add(P1TelegramWriter.Line($"1-0:{32 + (20 * phase)}.7.0", P1TelegramWriter.Fixed((long)Math.Round(volts[phase] * 10), 4, 1, "V")));
            }

            for (int phase = 0; phase < 3; phase++)
            {
                // A household's power factor is close to 1: the current a little above P / U.
                long amps = (long)Math.Round(watts * PhaseShare[phase] / volts[phase] / 0.95);
                lines.Add(P1TelegramWriter.Line($"1-0:{31 + (20 * phase)}.7.0", P1TelegramWriter.Fixed(amps, 3, 0, "A")));
            }

            for (int phase = 0; phase < 3; phase++)
            {
                lines.Add(P1TelegramWriter.Line($"1-0:{21 + (20 * phase)}.7.0", Kilowatts(watts * PhaseShare[phase])));
            }

            for (int phase = 0; phase < 3; phase++)
            {
                lines.Add(P1TelegramWriter.Line($"1-0:{22 + (20 * phase)}.7.0", Kilowatts(0)));
            }

            // The gas meter on M-Bus channel 1: device type 3 (gas, EN 13757-3), its identifier, its last reading F8(3).
            lines.Add(P1TelegramWriter.Line("0-1:24.1.0", "003"));
            lines.Add(P1TelegramWriter.Line("0-1:96.1.0", P1TelegramWriter.Octets(GasEquipmentId)));
            lines.Add(P1TelegramWriter.Line("0-1:24.2.1", P1TelegramWriter.Timestamp(_gasReadUtc), P1TelegramWriter.Fixed((long)Math.Floor(_gasReadM3 * 1000), 8, 3, "m3")));
            return lines;
        }

        /// <summary>Dutch tariffs: low (tariff 1) from 23:00 to 07:00 local time on weekdays, and all weekend.</summary>
        public static bool IsLowTariff(DateTime utc)
        {
            DateTime local = CentralEuropeanTime.ToLocal(utc);
            return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || local.Hour >= 23 || local.Hour < 7;
        }

        /// <summary>Energy registers are F9(3) kWh: whole Wh, truncated as a register is.</summary>
        private static string Register(double wh) => P1TelegramWriter.Fixed((long)Math.Floor(wh), 9, 3, "kWh");

        /// <summary>Powers are F5(3) kW: whole W.</summary>
        private static string Kilowatts(double watts) => P1TelegramWriter.Fixed((long)Math.Round(watts), 5, 3, "kW");

        private static DateTime FloorTo(DateTime utc, TimeSpan step) => new(utc.Ticks - (utc.Ticks % step.Ticks), DateTimeKind.Utc);
    }
}
