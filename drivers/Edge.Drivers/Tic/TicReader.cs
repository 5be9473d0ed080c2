#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Security;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// The decoder and the interpreter together: reads bytes up to the next event and applies it (a frame starts,
    /// a group becomes readings, a frame ends), so every user of TIC bytes (the driver, the capture decoder, the
    /// replay) handles frames the same way and only adds what is its own.
    /// </summary>
    public sealed class TicReader
    {
        // Fields behind the properties: Read runs once per event (twice a group or so), and on the nanoFramework
        // interpreter each property access is a call.
        private readonly TicFrameDecoder _decoder;
        private readonly TicFrameInterpreter _frame;
        private readonly TicGroup _group; // the decoder's Group, the same object for its lifetime

        /// <summary>A reader of frames in <paramref name="mode"/> that records the meter's address in
        /// <paramref name="identity"/> (null: none).</summary>
        public TicReader(TicMode mode, MeterIdentity identity)
        {
            _decoder = new TicFrameDecoder(mode);
            _frame = new TicFrameInterpreter(identity, _decoder.Counters);
            _group = _decoder.Group;
        }

        /// <summary>The decoder of the bytes: framing, checksums, the last group and rejection.</summary>
        public TicFrameDecoder Decoder
        {
            get { return _decoder; }
        }

        /// <summary>What the frames said: meter time, status, tariff period, identifier.</summary>
        public TicFrameInterpreter Frame
        {
            get { return _frame; }
        }

        /// <summary>The decoder's counters, which the interpreter adds to (bad values, registers held or rebased).</summary>
        public TicCounters Counters
        {
            get { return _decoder.Counters; }
        }

        /// <summary>
        /// Decodes from <paramref name="buffer"/> up to the first event and applies it, with readings stamped
        /// <paramref name="time"/> going to <paramref name="sink"/>; returns the event (after
        /// <see cref="TicEvent.Group"/>, <see cref="TicFrameDecoder.Group"/> is the group) and the bytes consumed.
        /// </summary>
        public TicEvent Read(byte[] buffer, int offset, int count, out int consumed, DateTime time, IReadingSink sink)
        {
            TicEvent e = _decoder.Decode(buffer, offset, count, out consumed);
            if (e == TicEvent.Group)
            {
                ApplyGroup(time, sink);
            }
            else
            {
                ApplyFrameEvent(e, time, sink);
            }

            return e;
        }

        /// <summary>
        /// Decodes all <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/> and
        /// applies every event, as <see cref="Read"/> called until they are consumed would; returns how many valid
        /// groups they completed. For a driver that reads a block at a time: the loop over the events is here, so
        /// an event costs one call to the decoder and not a call to <see cref="Read"/> as well, and a group (nearly
        /// every event) is applied without a second call.
        /// </summary>
        public int ReadAll(byte[] buffer, int offset, int count, DateTime time, IReadingSink sink)
        {
            TicFrameDecoder decoder = _decoder;
            int groups = 0;
            int at = offset;
            int end = offset + count;
            while (at < end)
            {
                int consumed;
                TicEvent e = decoder.Decode(buffer, at, end - at, out consumed);
                at += consumed;
                if (e == TicEvent.Group)
                {
                    groups++;
                    if (!_frame.Apply(_group, time, sink))
                    {
                        decoder.InvalidateFrame();
                    }
                }
                else if (e != TicEvent.None)
                {
                    ApplyFrameEvent(e, time, sink);
                }
            }

            return groups;
        }

        /// <summary>A valid group becomes readings; a value that means nothing for its label makes its frame as
        /// untrustworthy as a bad byte.</summary>
        private void ApplyGroup(DateTime time, IReadingSink sink)
        {
            if (!_frame.Apply(_group, time, sink))
            {
                _decoder.InvalidateFrame();
            }
        }

        /// <summary>Any event but a group: a frame starts, ends or is aborted (a rejected group or none: nothing).</summary>
        private void ApplyFrameEvent(TicEvent e, DateTime time, IReadingSink sink)
        {
            switch (e)
            {
                case TicEvent.FrameStart:
                    _frame.BeginFrame();
                    break;
                case TicEvent.FrameEnd:
                    _frame.EndFrame(_decoder.FrameValid, time, sink);
                    break;
                case TicEvent.FrameAborted:
                    _frame.EndFrame(false, time, sink);
                    break;
            }
        }
    }
}
