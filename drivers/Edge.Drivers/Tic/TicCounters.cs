#nullable disable
using Edge.Core.Meters;
using Edge.Core.Model;

namespace Edge.Drivers.Tic
{
    /// <summary>What the decoder saw, by outcome and by cause of rejection, for health telemetry.</summary>
    public sealed class TicCounters : ICounterSource
    {
        private static readonly string[] Names =
        {
            "frames", "framesValid", "framesAborted", "framesCut", "strayBytes", "groupsValid",
            "rejectedChecksum", "rejectedFraming", "rejectedOverflow", "rejectedValue", "groupsCut", "unknownLabels", "badValues",
            "framesWithoutTotal", "registersHeld", "registersRebased",
        };

        /// <summary>Frames started (STX seen).</summary>
        public long Frames;

        /// <summary>Frames ended by ETX in which every byte belonged to a group that passed.</summary>
        public long FramesValid;

        /// <summary>Frames interrupted by EOT.</summary>
        public long FramesAborted;

        /// <summary>Frames cut: a new STX arrived before ETX, or ETX came in the middle of a group.</summary>
        public long FramesCut;

        /// <summary>Bytes inside a frame that belong to no group (after a CR and before the next LF, other than a
        /// line end): each makes its frame invalid, since they are what is left of a group that lost its LF.</summary>
        public long StrayBytes;

        /// <summary>Groups that passed every check (checksum, shape, the data form their label requires), known
        /// label or not: what reaches the interpreter. A count that keeps rising says the wiring and speed are right.</summary>
        public long GroupsValid;

        /// <summary>Groups whose checksum byte does not match their bytes: reception errors. Many of them point at the
        /// line: a wrong speed, an optocoupler pull-up too slow at 9600 baud, or an inverted signal.</summary>
        public long RejectedChecksum;

        /// <summary>Groups not shaped like a TIC group (separators, a control character, too short), of the mode other
        /// than the configured one, or cut by a STX or ETX (<see cref="GroupsCut"/>). A meter on a sound line sends
        /// none: a count that keeps rising means a damaged signal.</summary>
        public long RejectedFraming;

        /// <summary>Groups longer than <see cref="TicFrameDecoder.MaxGroupLength"/>, more than any real group: the CR
        /// that ended one was lost and it ran into the next. A sign of bytes lost on the line.</summary>
        public long RejectedOverflow;

        /// <summary>Groups whose checksum and shape hold but whose data do not fit their label (see <see cref="TicReject.Value"/>).</summary>
        public long RejectedValue;

        /// <summary>Groups cut by a STX or ETX before their CR (counted in <see cref="RejectedFraming"/> too).</summary>
        public long GroupsCut;

        /// <summary>Valid groups whose label is in neither mode's label table (kept raw, not mapped).</summary>
        public long UnknownLabels;

        /// <summary>Groups of the right form whose value means nothing for their label (an unknown PTEC code, NTARF out
        /// of 1..10, an impossible horodate, STGE not hex, a register sent twice with two values): the frame is invalid.</summary>
        public long BadValues;

        /// <summary>Valid frames that gave no total import energy: an index register of their tariff option missing,
        /// OPTARIF missing or unknown, or (standard) no EAST.</summary>
        public long FramesWithoutTotal;

        /// <summary>Register values (the total included) held back because they moved backwards, or forwards faster
        /// than the meter's power allows, since the last value published.</summary>
        public long RegistersHeld;

        /// <summary>Registers that resumed from a new value after consecutive frames agreed on it (meter replaced).</summary>
        public long RegistersRebased;

        /// <summary>All rejected groups, whatever the cause.</summary>
        public long Rejected
        {
            get { return RejectedChecksum + RejectedFraming + RejectedOverflow + RejectedValue; }
        }

        /// <summary>Sixteen counters, "frames" to "registersRebased": one per field, in declaration order.</summary>
        public int CounterCount
        {
            get { return Names.Length; }
        }

        /// <summary>The camelCase name health telemetry gives counter <paramref name="index"/> (0 "frames" to 15
        /// "registersRebased").</summary>
        public string CounterName(int index)
        {
            return Names[index];
        }

        /// <summary>Value of counter <paramref name="index"/>, 0 to <see cref="CounterCount"/> - 1, in the order of
        /// <see cref="CounterName"/>.</summary>
        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0: return Frames;
                case 1: return FramesValid;
                case 2: return FramesAborted;
                case 3: return FramesCut;
                case 4: return StrayBytes;
                case 5: return GroupsValid;
                case 6: return RejectedChecksum;
                case 7: return RejectedFraming;
                case 8: return RejectedOverflow;
                case 9: return RejectedValue;
                case 10: return GroupsCut;
                case 11: return UnknownLabels;
                case 12: return BadValues;
                case 13: return FramesWithoutTotal;
                case 14: return RegistersHeld;
                default: return RegistersRebased;
            }
        }
    }
}
