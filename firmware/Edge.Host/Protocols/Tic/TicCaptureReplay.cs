using System;
using System.Collections.Generic;
using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.Tic;
using Edge.Host.Platform;
using Edge.Host.Replay;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>
    /// Replays a raw TIC capture through the whole node pipeline (driver, aggregation, encoding, outbox, link), so a
    /// field problem is reproduced exactly on a PC. The virtual clock follows the meter's own DATE in standard
    /// mode; in historique mode, which has no clock, it follows the frames' cadence on the line (bytes x 10 bits
    /// at 1200 baud plus the inter-frame gap) from a given start, and the reports say the clock was not synchronised.
    /// </summary>
    public sealed class TicCaptureReplay : ICaptureReplay
    {
        /// <summary>Gap between frames on the line (Enedis-NOI-CPT_54E: 16.7 to 33.4 ms).</summary>
        private const double InterFrameGapMs = 30;

        private readonly byte[] _capture;
        private readonly TicMode _mode;

        public TicCaptureReplay(byte[] capture, TicMode mode)
        {
            _capture = capture;
            _mode = mode;
        }

        /// <summary>The capture cut into frames (STX up to ETX, EOT or the next STX), each with the instant it ended.</summary>
        private List<CaptureFrame> Frames(DateTime start)
        {
            var frames = new List<CaptureFrame>();
            var reader = new TicReader(_mode, new MeterIdentity(MeterIdPolicy.Omit, null!));
            TicFrameDecoder decoder = reader.Decoder;
            var ignore = new DiscardingSink();
            DateTime clock = start;
            int frameStart = 0;
            int at = 0;
            while (at < _capture.Length)
            {
                TicEvent e = reader.Read(_capture, at, _capture.Length - at, out int consumed, clock, ignore);
                at += consumed;
                switch (e)
                {
                    case TicEvent.FrameStart:
                        // A frame cut short (no ETX) ends where the next one starts.
                        if (at - 1 > frameStart)
                        {
                            clock = clock.AddMilliseconds(((at - 1 - frameStart) * 10_000.0 / BaudOf(decoder.DetectedMode)) + InterFrameGapMs);
                            frames.Add(new CaptureFrame(frameStart, at - 1, clock, false));
                            frameStart = at - 1;
                        }

                        break;
                    case TicEvent.FrameEnd:
                    case TicEvent.FrameAborted:
                        double lineMs = (at - frameStart) * 10_000.0 / BaudOf(decoder.DetectedMode);
                        bool meterTime = decoder.DetectedMode == TicMode.Standard && reader.Frame.HasMeterTime;
                        clock = meterTime ? reader.Frame.MeterTime.Utc : clock.AddMilliseconds(lineMs + InterFrameGapMs);
                        frames.Add(new CaptureFrame(frameStart, at, clock, meterTime));
                        frameStart = at;
                        break;
                }
            }

            if (frameStart < _capture.Length)
            {
                frames.Add(new CaptureFrame(frameStart, _capture.Length, clock.AddMilliseconds((_capture.Length - frameStart) * 10_000.0 / BaudOf(decoder.DetectedMode)), false));
            }

            return frames;
        }

        /// <summary>The driver of the last <see cref="Run"/>, for its counters; null before.</summary>
        public TicMeter? Meter { get; private set; }

        public int FramesReplayed { get; private set; }

        /// <summary>The capture was written as it ended: its first frame came about its line time earlier (at
        /// historique speed, the one whose frames have no meter clock to follow instead).</summary>
        public DateTime StartOf(DateTime writtenUtc) => writtenUtc.AddMilliseconds(-_capture.Length * 10_000.0 / TicMeter.HistoriqueBaud);

        /// <summary>Runs the node over the capture; <paramref name="clocklessStart"/> is when the first frame came
        /// where the frames have no meter clock (historique). Returns the node for its counters.</summary>
        public EdgeNode Run(NodeConfig config, IMqttLink link, DateTime clocklessStart)
        {
            List<CaptureFrame> frames = Frames(clocklessStart);
            FramesReplayed = frames.Count;
            var spec = new MeterSpec { Kind = MeterFactory.TicKind, Id = "main", Port = "capture", TicMode = TicModeName(_mode) };
            EdgeNode node = CapturePlayback.Run(spec, frames, _capture, config, link, clocklessStart, out MeterDriver meter);
            Meter = (TicMeter)meter;
            return node;
        }

        /// <summary>The virtual clock of a replay, at the first frame's time (synchronised when that frame carries
        /// the meter's clock).</summary>
        public ManualClock StartClock(DateTime clocklessStart) => CapturePlayback.StartClock(Frames(clocklessStart), clocklessStart);

        /// <summary>Feeds the capture to a started <paramref name="node"/> whose meter reads <paramref name="line"/>,
        /// on <paramref name="clock"/> (made by <see cref="StartClock"/>), as <see cref="CapturePlayback"/> plays it.
        /// Any node built to read the line is fed exactly as <see cref="Run"/> feeds its own.</summary>
        public void Feed(EdgeNode node, ManualClock clock, CaptureLine line, DateTime clocklessStart)
        {
            List<CaptureFrame> frames = Frames(clocklessStart);
            FramesReplayed = frames.Count;
            CapturePlayback.Feed(frames, _capture, node, clock, line);
        }

        public string DriverSummary()
        {
            TicCounters c = Meter?.Counters ?? throw new InvalidOperationException("the capture has not been replayed yet");
            return $"tic: {c.GroupsValid} valid groups, {c.Rejected} rejected (checksum {c.RejectedChecksum}, framing {c.RejectedFraming}, overflow {c.RejectedOverflow}, value {c.RejectedValue}), {c.RegistersHeld} register values held back";
        }

        private static string TicModeName(TicMode mode) => mode switch
        {
            TicMode.Standard => "standard",
            TicMode.Historique => "historique",
            _ => "auto",
        };

        private static int BaudOf(TicMode mode) => mode == TicMode.Standard ? TicMeter.StandardBaud : TicMeter.HistoriqueBaud;

        private sealed class DiscardingSink : IReadingSink
        {
            public void Add(Reading reading)
            {
            }

            public void AddEvent(MeterEventKind kind, Reading reading)
            {
            }
        }
    }
}
