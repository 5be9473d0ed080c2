#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Turns the meter's overload warnings (ADPS, ADIR1-3 in historique; STGE bit 7 in standard) into events:
    /// <see cref="MeterEventKind.OverloadStarted"/> at the first group that signals one,
    /// <see cref="MeterEventKind.OverloadEnded"/> at the end of the first complete, valid frame without any.
    /// </summary>
    public sealed class TicOverloadAlarm
    {
        private bool _inFrame;
        private Reading _reading;

        /// <summary>True from the group that started an overload until the valid frame that ended it.</summary>
        public bool Active { get; private set; }

        /// <summary>A frame starts: it has signalled no overload yet.</summary>
        public void BeginFrame()
        {
            _inFrame = false;
        }

        /// <summary>
        /// A group of the frame signals an overload, with <paramref name="reading"/> the value that goes with it (the
        /// current, A, of ADPS or ADIRn; the last apparent power, VA, for STGE); sends the start event, with that
        /// reading, to <paramref name="sink"/> if no overload was active.
        /// </summary>
        public void Signal(Reading reading, IReadingSink sink)
        {
            _inFrame = true;
            _reading = reading;
            if (!Active)
            {
                Active = true;
                sink.AddEvent(MeterEventKind.OverloadStarted, reading);
            }
        }

        /// <summary>A complete, valid frame ended at <paramref name="time"/>: if it signalled no overload, an active
        /// one ends, and the end event (value 0) goes to <paramref name="sink"/>.</summary>
        public void EndFrame(DateTime time, IReadingSink sink)
        {
            if (Active && !_inFrame)
            {
                Active = false;
                Reading reading = _reading;
                reading.Value = 0;
                reading.Time = time;
                sink.AddEvent(MeterEventKind.OverloadEnded, reading);
            }
        }
    }
}
