#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.Tic
{
    /// <summary>What the decoder saw, by outcome and by cause of rejection, for health telemetry.</summary>
    public sealed class TicCounters : ICounterSource
    {
        private static readonly string[] Names =
        {
            "frames", "framesValid", "framesAborted", "framesCut", "groupsValid",
            "rejectedChecksum", "rejectedFraming", "rejectedOverflow", "groupsCut", "unknownLabels", "badValues",
        };

        /// <summary>Frames started (STX seen).</summary>
        public long Frames;

        /// <summary>Frames ended by ETX with every group valid.</summary>
        public long FramesValid;

        /// <summary>Frames interrupted by EOT.</summary>
        public long FramesAborted;

        /// <summary>Frames cut: a new STX arrived before ETX, or ETX came in the middle of a group.</summary>
        public long FramesCut;

        public long GroupsValid;
        public long RejectedChecksum;
        public long RejectedFraming;
        public long RejectedOverflow;

        /// <summary>Groups cut by a STX or ETX before their CR (counted in <see cref="RejectedFraming"/> too).</summary>
        public long GroupsCut;

        /// <summary>Valid groups whose label is in neither mode's label table (kept raw, not mapped).</summary>
        public long UnknownLabels;

        /// <summary>Valid groups of a known label whose value is not what the label requires (e.g. letters in a register).</summary>
        public long BadValues;

        /// <summary>All rejected groups, whatever the cause.</summary>
        public long Rejected
        {
            get { return RejectedChecksum + RejectedFraming + RejectedOverflow; }
        }

        public int CounterCount
        {
            get { return Names.Length; }
        }

        public string CounterName(int index)
        {
            return Names[index];
        }

        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0: return Frames;
                case 1: return FramesValid;
                case 2: return FramesAborted;
                case 3: return FramesCut;
                case 4: return GroupsValid;
                case 5: return RejectedChecksum;
                case 6: return RejectedFraming;
                case 7: return RejectedOverflow;
                case 8: return GroupsCut;
                case 9: return UnknownLabels;
                default: return BadValues;
            }
        }
    }
}
