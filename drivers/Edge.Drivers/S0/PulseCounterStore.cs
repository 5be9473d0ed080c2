#nullable disable
using Edge.Core.Outbox;
using Edge.Core.Platform;

namespace Edge.Drivers.S0
{
    /// <summary>
    /// Keeps an S0 meter's cumulative pulse count through reboots in <see cref="IStore"/>, with a write policy that
    /// spares the flash: a record is written when the count has advanced by <see cref="StepPulses"/> since the last
    /// one (an energy or volume step), or when it changed at all and the last record is <see cref="IntervalMs"/> old
    /// (the schedule, for small loads); never per pulse. A reboot therefore loses at most the pulses since the last
    /// record, fewer than one step, and counts none twice: the record holds the total, and the count after boot
    /// continues from it.
    /// <para>The record is 8 bytes of count, little-endian, and their CRC-32, kept in two files (NAME.a, NAME.b) written
    /// in turn (<see cref="TwoCopyMark"/>), so a record torn or corrupted on the flash leaves the other: at boot the
    /// valid copy with the larger count (the newer, since the count only grows) is read back.</para>
    /// </summary>
    public sealed class PulseCounterStore : TwoCopyMark
    {
        /// <summary>Bytes of one copy: the count, then its CRC-32.</summary>
        public const int RecordBytes = 12;

        private const int CountBytes = 8;

        private readonly int _stepPulses;
        private readonly long _intervalMs;
        private long _persisted;
        private long _lastWriteMs;

        /// <param name="store">Durable files.</param>
        /// <param name="name">File name stem, one per meter (e.g. "s0-main"): its copies are NAME.a and NAME.b.</param>
        /// <param name="stepPulses">Pulses of the step that earns a write, 1 or more (100 at 1000 imp/kWh is 0.1 kWh).</param>
        /// <param name="intervalMs">A changed count is written once its last record is this old (ms), 1 or more.</param>
        public PulseCounterStore(IStore store, string name, int stepPulses, long intervalMs)
            : base(store, name + ".a", name + ".b", RecordBytes)
        {
            if (stepPulses < 1)
            {
                throw new System.ArgumentOutOfRangeException("stepPulses");
            }

            if (intervalMs < 1)
            {
                throw new System.ArgumentOutOfRangeException("intervalMs");
            }

            _stepPulses = stepPulses;
            _intervalMs = intervalMs;
        }

        /// <summary>Pulses of the step that earns a write.</summary>
        public int StepPulses
        {
            get { return _stepPulses; }
        }

        /// <summary>Age (ms) after which a changed count is written whatever the step.</summary>
        public long IntervalMs
        {
            get { return _intervalMs; }
        }

        /// <summary>The count last written, or read back at boot.</summary>
        public long Persisted
        {
            get { return _persisted; }
        }

        /// <summary>Records written since start.</summary>
        public int Writes { get; private set; }

        /// <summary>Reads both copies and keeps the newer valid one; returns the persisted count (0 when none is
        /// valid). <paramref name="monotonicMs"/> starts the schedule.</summary>
        public long Restore(long monotonicMs)
        {
            _lastWriteMs = monotonicMs;
            _persisted = Load() ? CountOf(Record) : 0;
            return _persisted;
        }

        /// <summary>Offers the current total count; writes a record when the policy says so. True when written.</summary>
        public bool Offer(long total, long monotonicMs)
        {
            long advanced = total - _persisted;
            if (advanced <= 0)
            {
                return false;
            }

            if (advanced < _stepPulses && monotonicMs - _lastWriteMs < _intervalMs)
            {
                return false;
            }

            OutboxFormat.WriteU32(Record, 0, (uint)total);
            OutboxFormat.WriteU32(Record, 4, (uint)((ulong)total >> 32));
            OutboxFormat.WriteU32(Record, CountBytes, Crc32.Compute(Record, 0, CountBytes));
            if (!Write(false))
            {
                // Counted in StoreErrors; the next offer tries again.
                return false;
            }

            _persisted = total;
            _lastWriteMs = monotonicMs;
            Writes++;
            return true;
        }

        /// <summary>A copy is whole when it has the record's length and its CRC-32 matches.</summary>
        protected override bool IsValid(byte[] record, int length)
        {
            return length == RecordBytes && OutboxFormat.ReadU32(record, CountBytes) == Crc32.Compute(record, 0, CountBytes) && CountOf(record) >= 0;
        }

        /// <summary>The count only grows: the larger one is the newer copy.</summary>
        protected override bool IsNewer(byte[] candidate, byte[] than)
        {
            return CountOf(candidate) > CountOf(than);
        }

        private static long CountOf(byte[] record)
        {
            return (long)(((ulong)OutboxFormat.ReadU32(record, 4) << 32) | OutboxFormat.ReadU32(record, 0));
        }
    }
}
