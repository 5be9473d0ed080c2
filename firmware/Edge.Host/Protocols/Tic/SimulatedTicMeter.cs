using System;
using System.Collections.Generic;
using System.Globalization;
using Edge.Drivers.Tic;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>
    /// A virtual single-phase Linky meter: integrates a load curve into its energy registers and writes the frame a
    /// real meter would send at a given instant, in historique (option HC, peak hours 07:00-23:00) or standard mode
    /// (one supplier index, DATE, voltage and current, status register). Identifiers are fictitious.
    /// </summary>
    public sealed class SimulatedTicMeter
    {
        /// <summary>Subscribed power of the simulated contract: 9 kVA (ISOUSC 45 A).</summary>
        public const int SubscribedKva = 9;

        private readonly Func<DateTime, double> _powerAt;
        private readonly Random _noise;
        private DateTime _lastUtc;
        private double _offPeakWh;
        private double _peakWh;

        public SimulatedTicMeter(TicMode mode, Func<DateTime, double> powerAt, DateTime startUtc, long initialWh, int seed)
        {
            if (mode == TicMode.Auto)
            {
                throw new ArgumentException("a meter sends in one mode", nameof(mode));
            }

            Mode = mode;
            _powerAt = powerAt;
            _lastUtc = startUtc;
            _noise = new Random(seed);

            // Split the commissioning register between the two historique indexes, roughly as a household uses them.
            _offPeakWh = initialWh * 0.4;
            _peakWh = initialWh - _offPeakWh;
        }

        public TicMode Mode { get; }

        public int Baud => Mode == TicMode.Standard ? TicMeter.StandardBaud : TicMeter.HistoriqueBaud;

        /// <summary>Total import register, Wh (exact, before the meter's truncation to whole Wh).</summary>
        public double TotalWh => _offPeakWh + _peakWh;

        /// <summary>Integrates the load up to <paramref name="utc"/> in one-second steps.</summary>
        public void AdvanceTo(DateTime utc)
        {
            while (_lastUtc < utc)
            {
                DateTime next = _lastUtc.AddSeconds(1) < utc ? _lastUtc.AddSeconds(1) : utc;
                double wh = Math.Max(0, _powerAt(_lastUtc)) * (next - _lastUtc).TotalHours;
                if (IsOffPeak(_lastUtc))
                {
                    _offPeakWh += wh;
                }
                else
                {
                    _peakWh += wh;
                }

                _lastUtc = next;
            }
        }

        /// <summary>The frame the meter sends at <paramref name="utc"/> (after <see cref="AdvanceTo"/>).</summary>
        public byte[] FrameAt(DateTime utc)
        {
            double watts = Math.Max(0, _powerAt(utc));

            // A household's power factor is close to 1; apparent power is a little above active power.
            int apparent = (int)Math.Round(watts / 0.95);
            double volts = 230 + ((_noise.NextDouble() - 0.5) * 6);
            int amps = (int)Math.Round(apparent / volts);
            return TicFrameWriter.Frame(Mode, Mode == TicMode.Standard ? Standard(utc, apparent, volts, amps) : Historique(utc, apparent, amps));
        }

        private List<TicField> Historique(DateTime utc, int apparent, int amps)
        {
            var fields = new List<TicField>
            {
                new("ADCO", "099999999999"),
                new("OPTARIF", "HC.."),
                new("ISOUSC", (SubscribedKva * 5).ToString("00", CultureInfo.InvariantCulture)),
                new("HCHC", Register(_offPeakWh)),
                new("HCHP", Register(_peakWh)),
                new("PTEC", IsOffPeak(utc) ? "HC.." : "HP.."),
                new("IINST", amps.ToString("000", CultureInfo.InvariantCulture)),
                new("IMAX", "090"),
                new("PAPP", apparent.ToString("00000", CultureInfo.InvariantCulture)),
                new("HHPHC", "A"),
                new("MOTDETAT", "000000"),
            };

            // ADPS is sent only while the subscribed current is exceeded.
            if (amps > SubscribedKva * 5)
            {
                fields.Insert(7, new TicField("ADPS", amps.ToString("000", CultureInfo.InvariantCulture)));
            }

            return fields;
        }

        private List<TicField> Standard(DateTime utc, int apparent, double volts, int amps)
        {
            bool overload = apparent > SubscribedKva * 1000;
            uint status = 0x003A0001 | (overload ? 0x80u : 0u);
            string total = Register(TotalWh);
            return new List<TicField>
            {
                new("ADSC", "099999999999"),
                new("VTIC", "02"),
                new("DATE", string.Empty, TicFrameWriter.Horodate(utc)),
                new("NGTF", "      BASE      "),
                new("LTARF", "      BASE      "),
                new("EAST", total),
                new("EASF01", total),
                new("EASD01", total),
                new("IRMS1", amps.ToString("000", CultureInfo.InvariantCulture)),
                new("URMS1", ((int)Math.Round(volts)).ToString("000", CultureInfo.InvariantCulture)),
                new("PREF", SubscribedKva.ToString("00", CultureInfo.InvariantCulture)),
                new("PCOUP", SubscribedKva.ToString("00", CultureInfo.InvariantCulture)),
                new("SINSTS", apparent.ToString("00000", CultureInfo.InvariantCulture)),
                new("STGE", status.ToString("X8", CultureInfo.InvariantCulture)),
                new("MSG1", "PAS DE          MESSAGE         "),
                new("PRM", "09999999999999"),
                new("RELAIS", "000"),
                new("NTARF", "01"),
                new("NJOURF", "00"),
                new("NJOURF+1", "00"),
            };
        }

        /// <summary>Off-peak hours of the simulated HC contract: 23:00-07:00 French time (approximated as UTC+1).</summary>
        private static bool IsOffPeak(DateTime utc)
        {
            int hour = utc.AddHours(1).Hour;
            return hour >= 23 || hour < 7;
        }

        /// <summary>Registers are whole Wh on 9 digits and wrap after 999,999,999 Wh.</summary>
        private static string Register(double wh) => ((long)Math.Floor(wh) % 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
    }
}
