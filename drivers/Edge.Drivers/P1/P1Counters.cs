#nullable disable
using Edge.Core.Meters;

namespace Edge.Drivers.P1
{
    /// <summary>What the P1 decoder saw, by outcome and by cause of rejection, for health telemetry. The counts of a
    /// telegram's lines (unknown codes, malformed values and timestamps) are added only when the telegram passed its
    /// CRC: in a damaged telegram they would count the damage twice.</summary>
    public sealed class P1Counters : ICounterSource
    {
        private static readonly string[] Names =
        {
            "telegrams", "telegramsValid", "rejectedCrc", "rejectedMissingCrc", "rejectedTruncated", "rejectedLineTooLong",
            "strayBytes", "unknownObis", "malformedLines", "malformedValues", "malformedTimestamps", "unmappedChannels",
        };

        /// <summary>Telegrams started ('/' seen).</summary>
        public long Telegrams;

        /// <summary>Telegrams framed whose CRC held (or that owed none): their values became readings.</summary>
        public long TelegramsValid;

        /// <summary>Telegrams whose CRC did not match, or was not 1 to 4 hex digits: reception errors. Many of them
        /// point at the line: a wrong speed or parity, or a signal not inverted (hardware/wiring/p1.md).</summary>
        public long RejectedCrc;

        /// <summary>Telegrams without a CRC where one was due (a DSMR 4/5 version line, or a line set up for DSMR 4/5).</summary>
        public long RejectedMissingCrc;

        /// <summary>Telegrams cut by the next '/' before their '!': bytes lost on the line.</summary>
        public long RejectedTruncated;

        /// <summary>Telegrams with a line longer than <see cref="P1TelegramDecoder.MaxLineLength"/>: a line end lost.</summary>
        public long RejectedLineTooLong;

        /// <summary>Bytes between telegrams other than line ends: noise, or the tail of a telegram the node joined late.</summary>
        public long StrayBytes;

        /// <summary>Lines of valid telegrams whose OBIS code is in no row of <see cref="P1Fields"/>: skipped, as the
        /// standard lets meters add codes.</summary>
        public long UnknownObis;

        /// <summary>Lines of valid telegrams not shaped "A-B:C.D.E(...)" (nor the value line of a DSMR 2.2 profile).</summary>
        public long MalformedLines;

        /// <summary>Values of valid telegrams refused: not a number, a unit of the wrong family or none where one is
        /// due, brackets missing, a log whose count does not match its entries. The field is left out; the rest of the
        /// telegram stands.</summary>
        public long MalformedValues;

        /// <summary>Timestamps of valid telegrams not of the form YYMMDDhhmmssX or not a real date: the value that goes
        /// with one is kept, without a time.</summary>
        public long MalformedTimestamps;

        /// <summary>M-Bus channel values dropped because the channel's device type (0-n:24.1.0) is missing, is not gas,
        /// water or heat, or disagrees with the value's unit.</summary>
        public long UnmappedChannels;

        /// <summary>All rejected telegrams, whatever the cause.</summary>
        public long Rejected
        {
            get { return RejectedCrc + RejectedMissingCrc + RejectedTruncated + RejectedLineTooLong; }
        }

        /// <summary>Twelve counters, "telegrams" to "unmappedChannels": one per field, in declaration order.</summary>
        public int CounterCount
        {
            get { return Names.Length; }
        }

        /// <summary>The camelCase name health telemetry gives counter <paramref name="index"/>.</summary>
        public string CounterName(int index)
        {
            return Names[index];
        }

        /// <summary>Value of counter <paramref name="index"/>, in the order of <see cref="CounterName"/>.</summary>
        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0: return Telegrams;
                case 1: return TelegramsValid;
                case 2: return RejectedCrc;
                case 3: return RejectedMissingCrc;
                case 4: return RejectedTruncated;
                case 5: return RejectedLineTooLong;
                case 6: return StrayBytes;
                case 7: return UnknownObis;
                case 8: return MalformedLines;
                case 9: return MalformedValues;
                case 10: return MalformedTimestamps;
                default: return UnmappedChannels;
            }
        }
    }
}
