#nullable disable
using Edge.Core.Meters;

namespace Edge.Drivers.Modbus
{
    /// <summary>What the master asked of one slave and what came back, by outcome and by cause of rejection, for
    /// health telemetry: no reply is dropped without one of these moving.</summary>
    public sealed class ModbusCounters : ICounterSource
    {
        private static readonly string[] Names =
        {
            "cycles", "requests", "answers", "timeouts", "rejectedCrc", "rejectedSlave", "rejectedShape", "exceptions",
            "overruns", "refused", "retries", "failures", "badValues", "writes", "writesFailed",
        };

        /// <summary>Poll cycles started (every request of the read plan, once).</summary>
        public long Cycles;

        /// <summary>Requests handed to the line, retries and writes included.</summary>
        public long Requests;

        /// <summary>Replies that were the answer to their request (CRC, slave, function and length right).</summary>
        public long Answers;

        /// <summary>Requests the slave did not start answering within the line's response timeout.</summary>
        public long Timeouts;

        /// <summary>Replies whose CRC failed: reception errors, a wrong speed or parity, a missing termination.</summary>
        public long RejectedCrc;

        /// <summary>Sound replies from another slave address: two meters set to one address, or a late answer.</summary>
        public long RejectedSlave;

        /// <summary>Sound replies from the slave that were not the answer (function, byte count, length or echo).</summary>
        public long RejectedShape;

        /// <summary>Exception replies: the slave refused the request (see <see cref="LastExceptionCode"/>).</summary>
        public long Exceptions;

        /// <summary>Replies longer than any answer to the request, discarded by the line.</summary>
        public long Overruns;

        /// <summary>Requests the line refused because its queue was full; asked again on the next poll.</summary>
        public long Refused;

        /// <summary>Requests sent again after a failed try.</summary>
        public long Retries;

        /// <summary>Requests that failed every try: their registers gave no reading that cycle.</summary>
        public long Failures;

        /// <summary>Values of valid replies that are no number (a float32 NaN or infinity) or too large: no reading.</summary>
        public long BadValues;

        /// <summary>Configuration writes the slave confirmed.</summary>
        public long Writes;

        /// <summary>Configuration writes that failed every try or were refused with an exception.</summary>
        public long WritesFailed;

        /// <summary>Code of the last exception reply (§7 of the application protocol: 02 a register the meter lacks),
        /// 0 before any.</summary>
        public int LastExceptionCode;

        /// <summary>All replies rejected, whatever the cause (exceptions apart).</summary>
        public long Rejected
        {
            get { return RejectedCrc + RejectedSlave + RejectedShape + Overruns; }
        }

        /// <summary>Fifteen counters, "cycles" to "writesFailed", in declaration order.</summary>
        public int CounterCount
        {
            get { return Names.Length; }
        }

        /// <summary>The camelCase name of counter <paramref name="index"/> (0 "cycles" to 14 "writesFailed").</summary>
        public string CounterName(int index)
        {
            return Names[index];
        }

        /// <summary>Value of counter <paramref name="index"/>, in the order of <see cref="CounterName"/>.</summary>
        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0: return Cycles;
                case 1: return Requests;
                case 2: return Answers;
                case 3: return Timeouts;
                case 4: return RejectedCrc;
                case 5: return RejectedSlave;
                case 6: return RejectedShape;
                case 7: return Exceptions;
                case 8: return Overruns;
                case 9: return Refused;
                case 10: return Retries;
                case 11: return Failures;
                case 12: return BadValues;
                case 13: return Writes;
                default: return WritesFailed;
            }
        }
    }
}
