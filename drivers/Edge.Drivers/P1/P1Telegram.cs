#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Drivers.P1
{
    /// <summary>
    /// What the last valid telegram said, field by field and as canonical quantities, in arrays allocated once: the
    /// decoder fills it while the telegram arrives and resets it at the next '/'. Values are exact decimals in the
    /// canonical unit of their family (Wh, W, varh, var, V, A, m3, J, s): mantissa x 10^-decimals, as a
    /// <see cref="Reading"/> holds them. Read it only when the decoder's outcome is <see cref="P1Outcome.Valid"/>.
    /// </summary>
    public sealed class P1Telegram
    {
        /// <summary>Power failures the log keeps at most (DSMR 5.0.2 §7.2, 1-0:99.97.0: "up to 10 events").</summary>
        public const int MaxFailures = 10;

        /// <summary>Months of peak history e-MUCS keeps at most (e-MUCS P1 1.7.1 §5, 0-0:98.1.0: 13 months).</summary>
        public const int MaxPeaks = 13;

        /// <summary>Header bytes kept, the '/' included: "/XXX5" and an identification of at most 96 characters in
        /// IEC 62056-21; no meter sends more than 40.</summary>
        public const int MaxHeaderLength = 48;

        internal readonly bool[] RowPresent = new bool[P1Fields.Count];
        internal readonly long[] RowValue = new long[P1Fields.Count];
        internal readonly byte[] RowDecimals = new byte[P1Fields.Count];
        internal readonly long[] RowTicks = new long[P1Fields.Count];

        // Channel n is at index n (0 unused), as printed in "0-n:".
        internal readonly int[] ChannelType = new int[P1Field.MaxChannel + 1];
        internal readonly bool[] ChannelPresent = new bool[P1Field.MaxChannel + 1];
        internal readonly bool[] ChannelCorrected = new bool[P1Field.MaxChannel + 1];
        internal readonly P1Unit[] ChannelUnit = new P1Unit[P1Field.MaxChannel + 1];
        internal readonly long[] ChannelValue = new long[P1Field.MaxChannel + 1];
        internal readonly byte[] ChannelDecimals = new byte[P1Field.MaxChannel + 1];
        internal readonly long[] ChannelTicks = new long[P1Field.MaxChannel + 1];

        internal readonly long[] FailureEndTicks = new long[MaxFailures];
        internal readonly long[] FailureSeconds = new long[MaxFailures];
        internal readonly long[] PeakMonthTicks = new long[MaxPeaks];
        internal readonly long[] PeakTicks = new long[MaxPeaks];
        internal readonly long[] PeakValue = new long[MaxPeaks];
        internal readonly byte[] PeakDecimals = new byte[MaxPeaks];

        internal readonly byte[] HeaderBytes = new byte[MaxHeaderLength];

        // Quantity sums, indexed by QuantityId: several rows feed one quantity (+P minus -P).
        internal readonly bool[] QuantityPresent = new bool[Quantities.Count];
        internal readonly long[] QuantityValue = new long[Quantities.Count];
        internal readonly byte[] QuantityDecimals = new byte[Quantities.Count];

        internal int HeaderLength;
        internal long MeterTicks;

        /// <summary>The P1 version the telegram states (1-3:0.2.8, e.g. 50 for DSMR 5.0; e-MUCS 0-0:96.1.4, e.g.
        /// 50217); -1 when it states none (DSMR 2.2/3.0).</summary>
        public int Version { get; internal set; }

        /// <summary>True when the telegram ended with a CRC that held; false for a DSMR 2.2/3.0 telegram without one.</summary>
        public bool HadCrc { get; internal set; }

        /// <summary>The CRC printed after '!', when <see cref="HadCrc"/>.</summary>
        public int Crc { get; internal set; }

        /// <summary>Number of failures in the power failure log, as many as it lists (at most <see cref="MaxFailures"/>).</summary>
        public int FailureCount { get; internal set; }

        /// <summary>Number of months in the e-MUCS peak history (at most <see cref="MaxPeaks"/>).</summary>
        public int PeakCount { get; internal set; }

        /// <summary>True when the telegram carried a well-formed time (0-0:1.0.0).</summary>
        public bool HasMeterTime
        {
            get { return MeterTicks != 0; }
        }

        /// <summary>The meter's clock (0-0:1.0.0) in UTC; default when <see cref="HasMeterTime"/> is false.</summary>
        public DateTime MeterTime
        {
            get { return Utc(MeterTicks); }
        }

        /// <summary>The header line, from '/' ("/ISk5\2MT382-1000"); builds a string, for logs and tools only.</summary>
        public string Header
        {
            get
            {
                char[] chars = new char[HeaderLength];
                for (int i = 0; i < HeaderLength; i++)
                {
                    chars[i] = (char)HeaderBytes[i];
                }

                return new string(chars);
            }
        }

        /// <summary>True when the telegram gave field <paramref name="row"/> of <see cref="P1Fields"/> a value (a
        /// number, or for the monthly peak its power).</summary>
        public bool Has(int row)
        {
            return RowPresent[row];
        }

        /// <summary>Mantissa of field <paramref name="row"/>, in its family's canonical unit.</summary>
        public long Value(int row)
        {
            return RowValue[row];
        }

        /// <summary>Decimals of field <paramref name="row"/>'s value.</summary>
        public int Decimals(int row)
        {
            return RowDecimals[row];
        }

        /// <summary>The time that goes with field <paramref name="row"/> (the monthly peak's), UTC; false when it has
        /// none or it was malformed.</summary>
        public bool TryTime(int row, out DateTime time)
        {
            time = Utc(RowTicks[row]);
            return RowTicks[row] != 0;
        }

        /// <summary>The M-Bus device type of channel <paramref name="channel"/> (1 to 4): 3 gas, 4 heat, 7 water; -1
        /// when the telegram gave none.</summary>
        public int DeviceType(int channel)
        {
            return ChannelType[channel];
        }

        /// <summary>True when channel <paramref name="channel"/> (1 to 4) gave a value (0-n:24.2.1, 24.2.3 or the
        /// DSMR 2.2 profile).</summary>
        public bool HasChannel(int channel)
        {
            return ChannelPresent[channel];
        }

        /// <summary>Mantissa of channel <paramref name="channel"/>'s value, in m3 or J (<see cref="ChannelUnitOf"/>).</summary>
        public long ChannelValueOf(int channel)
        {
            return ChannelValue[channel];
        }

        /// <summary>Decimals of channel <paramref name="channel"/>'s value.</summary>
        public int ChannelDecimalsOf(int channel)
        {
            return ChannelDecimals[channel];
        }

        /// <summary>Unit family of channel <paramref name="channel"/>'s value: <see cref="P1Unit.Volume"/> (m3) or
        /// <see cref="P1Unit.Heat"/> (J).</summary>
        public P1Unit ChannelUnitOf(int channel)
        {
            return ChannelUnit[channel];
        }

        /// <summary>The capture time of channel <paramref name="channel"/>'s value, UTC; false when it has none (the
        /// DSMR 2.2 profile's time has no DST letter) or it was malformed.</summary>
        public bool TryChannelTime(int channel, out DateTime time)
        {
            time = Utc(ChannelTicks[channel]);
            return ChannelTicks[channel] != 0;
        }

        /// <summary>End of power failure <paramref name="index"/> of the log, UTC; false when malformed.</summary>
        public bool TryFailureEnd(int index, out DateTime time)
        {
            time = Utc(FailureEndTicks[index]);
            return FailureEndTicks[index] != 0;
        }

        /// <summary>Duration of power failure <paramref name="index"/> of the log, in s.</summary>
        public long FailureDurationSeconds(int index)
        {
            return FailureSeconds[index];
        }

        /// <summary>Peak <paramref name="index"/> of the e-MUCS history: power (mantissa, W) and decimals.</summary>
        public long PeakValueOf(int index, out int decimals)
        {
            decimals = PeakDecimals[index];
            return PeakValue[index];
        }

        /// <summary>Time of peak <paramref name="index"/> of the history, UTC; false when malformed.</summary>
        public bool TryPeakTime(int index, out DateTime time)
        {
            time = Utc(PeakTicks[index]);
            return PeakTicks[index] != 0;
        }

        /// <summary>Start of the month of peak <paramref name="index"/>, UTC; false when malformed.</summary>
        public bool TryPeakMonth(int index, out DateTime time)
        {
            time = Utc(PeakMonthTicks[index]);
            return PeakMonthTicks[index] != 0;
        }

        /// <summary>True when the telegram gave quantity <paramref name="quantity"/>.</summary>
        public bool HasQuantity(QuantityId quantity)
        {
            int q = (int)quantity;
            return q < Quantities.Count && QuantityPresent[q];
        }

        /// <summary>The reading of <paramref name="quantity"/> stamped <paramref name="time"/>; check
        /// <see cref="HasQuantity"/> first.</summary>
        public Reading ReadingOf(QuantityId quantity, DateTime time)
        {
            int q = (int)quantity;
            return new Reading(quantity, QuantityValue[q], QuantityDecimals[q], time, ReadingQuality.Good);
        }

        /// <summary>
        /// Adds a reading of every quantity the telegram gave to <paramref name="sink"/>, in <see cref="QuantityId"/>
        /// order, stamped <paramref name="time"/> (the node's clock when the telegram arrived, as every driver stamps
        /// its readings; the meter's own times are in <see cref="MeterTime"/> and <see cref="TryChannelTime"/>).
        /// Returns how many. Allocates nothing.
        /// </summary>
        public int WriteReadings(DateTime time, IReadingSink sink)
        {
            int written = 0;
            bool[] present = QuantityPresent;
            for (int q = 0; q < present.Length; q++)
            {
                if (present[q])
                {
                    sink.Add(new Reading((QuantityId)q, QuantityValue[q], QuantityDecimals[q], time, ReadingQuality.Good));
                    written++;
                }
            }

            return written;
        }

        /// <summary>Forgets every field, before a new telegram.</summary>
        internal void Clear()
        {
            Array.Clear(RowPresent, 0, RowPresent.Length);
            Array.Clear(RowTicks, 0, RowTicks.Length);
            Array.Clear(QuantityPresent, 0, QuantityPresent.Length);
            for (int c = 0; c <= P1Field.MaxChannel; c++)
            {
                ChannelType[c] = -1;
                ChannelPresent[c] = false;
                ChannelTicks[c] = 0;
            }

            HeaderLength = 0;
            MeterTicks = 0;
            Version = -1;
            HadCrc = false;
            Crc = 0;
            FailureCount = 0;
            PeakCount = 0;
        }

        private static DateTime Utc(long ticks)
        {
            return new DateTime(ticks, DateTimeKind.Utc);
        }
    }
}
