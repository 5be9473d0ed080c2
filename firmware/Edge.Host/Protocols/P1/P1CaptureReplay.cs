using System;
using System.Collections.Generic;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Drivers;
using Edge.Drivers.P1;

namespace Edge.Host.Protocols.P1
{
    /// <summary>
    /// Replays a raw P1 capture through the whole node pipeline with the real <see cref="P1Meter"/>, as
    /// <see cref="CapturePlayback"/> plays it: the clock follows the meter's own time (0-0:1.0.0) in the telegrams
    /// that carry it; DSMR 2.2 and 3.0 telegrams have none, so it follows their cadence (one every ten seconds; a
    /// DSMR 5 telegram without a valid time, one a second) from a given start, and the reports say the clock was
    /// not synchronised.
    /// </summary>
    public sealed class P1CaptureReplay : ICaptureReplay
    {
        /// <summary>A DSMR 4/5 meter sends at least every ten seconds (DSMR 5 every second); DSMR 2.2 and 3.0 every ten.</summary>
        private const double Dsmr5IntervalMs = 1000;

        private const double Dsmr22IntervalMs = 10_000;

        private readonly byte[] _capture;
        private readonly string _mode;

        public P1CaptureReplay(byte[] capture, string mode)
        {
            _capture = capture;
            _mode = mode;
        }

        /// <summary>The driver of the last <see cref="Run"/>, for its counters; null before.</summary>
        public P1Meter? Meter { get; private set; }

        public int FramesReplayed { get; private set; }

        private double IntervalMs => _mode == P1CaptureFormat.Dsmr22 ? Dsmr22IntervalMs : Dsmr5IntervalMs;

        /// <summary>The capture was written as it ended: its first telegram came a cadence per telegram earlier.</summary>
        public DateTime StartOf(DateTime writtenUtc) => writtenUtc.AddMilliseconds(-IntervalMs * Math.Max(1, Frames(writtenUtc).Count));

        public EdgeNode Run(NodeConfig config, IMqttLink link, DateTime clocklessStart)
        {
            List<CaptureFrame> frames = Frames(clocklessStart);
            FramesReplayed = frames.Count;
            var spec = new MeterSpec { Kind = MeterFactory.P1Kind, Id = "main", Port = "capture", P1Line = P1CaptureFormat.LineOf(_mode) };
            EdgeNode node = CapturePlayback.Run(spec, frames, _capture, config, link, clocklessStart, out MeterDriver meter);
            Meter = (P1Meter)meter;
            return node;
        }

        public string DriverSummary()
        {
            P1Counters c = Meter?.Counters ?? throw new InvalidOperationException("the capture has not been replayed yet");
            return $"p1: {c.Telegrams} telegrams, {c.TelegramsValid} valid, {c.Rejected} rejected (crc {c.RejectedCrc}, missing crc {c.RejectedMissingCrc}, truncated {c.RejectedTruncated}, line too long {c.RejectedLineTooLong}), {c.StrayBytes} stray bytes";
        }

        /// <summary>The capture cut where each telegram ends, each piece with the instant it ended; bytes after the
        /// last end go with it, or make a piece of their own when a telegram starts among them.</summary>
        private List<CaptureFrame> Frames(DateTime start)
        {
            var frames = new List<CaptureFrame>();
            P1TelegramDecoder decoder = P1CaptureFormat.DecoderFor(_mode);
            DateTime clock = start;
            int frameStart = 0;
            int at = 0;
            while (at < _capture.Length)
            {
                int consumed = decoder.Feed(_capture, at, _capture.Length - at);
                if (consumed <= 0)
                {
                    break;
                }

                at += consumed;
                if (decoder.Outcome == P1Outcome.None)
                {
                    continue;
                }

                // A refused telegram carries no time to trust: it comes a cadence after the one before, on the
                // clock that one set.
                bool valid = decoder.Outcome == P1Outcome.Valid && decoder.Telegram.HasMeterTime;
                bool meterTime = valid || (decoder.Outcome != P1Outcome.Valid && frames.Count > 0 && frames[^1].MeterTime);
                clock = valid ? decoder.Telegram.MeterTime : (frames.Count == 0 ? clock : clock.AddMilliseconds(IntervalMs));
                frames.Add(new CaptureFrame(frameStart, at, clock, meterTime));
                frameStart = at;
            }

            if (frameStart < _capture.Length)
            {
                if (frames.Count > 0 && Array.IndexOf(_capture, (byte)'/', frameStart) < 0)
                {
                    // What follows the last telegram's end (its CR LF, noise) goes with it.
                    frames[^1] = frames[^1] with { End = _capture.Length };
                }
                else
                {
                    frames.Add(new CaptureFrame(frameStart, _capture.Length, frames.Count == 0 ? clock : clock.AddMilliseconds(IntervalMs), frames.Count > 0 && frames[^1].MeterTime));
                }
            }

            return frames;
        }
    }
}
