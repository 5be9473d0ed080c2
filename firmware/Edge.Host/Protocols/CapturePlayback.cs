using System;
using System.Collections.Generic;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Host.Platform;
using Edge.Host.Replay;

namespace Edge.Host.Protocols
{
    /// <summary>One frame of a capture: its bytes, the instant it ended, and whether that instant is the meter's own clock.</summary>
    public readonly record struct CaptureFrame(int Start, int End, DateTime Time, bool MeterTime);

    /// <summary>
    /// Plays a capture cut into frames to a node whose meter reads a <see cref="CaptureLine"/>, for the protocols
    /// whose meter talks on its own (TIC, P1): at each frame's time the frame is put on the line and the node ticks.
    /// The clock follows the meter's where the frames carry it (synchronised), and the frames' cadence where they do
    /// not (unsynchronised); a frame whose time goes back sets the clock anew.
    /// </summary>
    public static class CapturePlayback
    {
        /// <summary>Builds the driver of <paramref name="spec"/> on a capture line, as a configured meter is built,
        /// and a node reading it; plays the frames and returns the node (its counters) and the driver (<paramref name="meter"/>).</summary>
        public static EdgeNode Run(MeterSpec spec, IReadOnlyList<CaptureFrame> frames, byte[] capture, NodeConfig config, IMqttLink link, DateTime clocklessStart, out MeterDriver meter)
        {
            ManualClock clock = StartClock(frames, clocklessStart);
            var line = new CaptureLine();
            meter = MeterFactory.Build(spec, new MeterPorts().AddSerialLink(spec.Port, line), new MeterIdentity(MeterIdPolicy.Omit, null!));
            var node = new EdgeNode(config, clock, link, null, null);
            node.AddMeter(meter);
            node.Start();
            Feed(frames, capture, node, clock, line);
            return node;
        }

        /// <summary>The virtual clock of a replay, at the first frame's time (synchronised when that frame carries
        /// the meter's clock), or at <paramref name="clocklessStart"/> for a capture with no frame.</summary>
        public static ManualClock StartClock(IReadOnlyList<CaptureFrame> frames, DateTime clocklessStart) =>
            frames.Count > 0 ? new ManualClock(frames[0].Time, frames[0].MeterTime) : new ManualClock(clocklessStart, false);

        /// <summary>Feeds <paramref name="frames"/> of <paramref name="capture"/> to a started <paramref name="node"/>
        /// on <paramref name="clock"/> (made by <see cref="StartClock"/>), then reports its open windows.</summary>
        public static void Feed(IReadOnlyList<CaptureFrame> frames, byte[] capture, EdgeNode node, ManualClock clock, CaptureLine line)
        {
            foreach (CaptureFrame frame in frames)
            {
                long advance = (long)(frame.Time - clock.UtcNow).TotalMilliseconds;
                if (advance >= 0)
                {
                    clock.Advance(advance);
                }
                else
                {
                    clock.SetWallTime(frame.Time, frame.MeterTime);
                }

                if (frame.MeterTime != clock.IsSynchronised)
                {
                    clock.SetWallTime(clock.UtcNow, frame.MeterTime);
                }

                line.Load(capture, frame.Start, frame.End - frame.Start);
                node.Tick();

                // Virtual time runs far ahead of a real broker: each tick waits for the link to answer it.
                LinkWait.Settle(node, LinkWait.DefaultTimeout);
            }

            node.Flush();
        }
    }
}
