using System.Collections.Generic;
using System.IO;
using Edge.Core.Security;
using Edge.Drivers.Tic;
using Edge.Host.Protocols;
using Edge.Host.Protocols.P1;
using Edge.Host.Protocols.Tic;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// What `edge capture` shows while it records: the bytes go through the node's own decoder (the one `edge decode`
    /// uses), and each chunk's new complete valid frames and new rejections come out as lines ("frame 3 ok",
    /// "checksum error (2 so far)").
    /// </summary>
    public sealed class CaptureTally
    {
        private readonly ICaptureDecoder _decoder;
        private readonly ErrorCounts _errors;
        private readonly long[] _seen;
        private long _frames;

        private CaptureTally(ICaptureDecoder decoder, ErrorCounts errors)
        {
            _decoder = decoder;
            _errors = errors;
            _seen = new long[errors().Length];
        }

        private delegate (string Name, long Value)[] ErrorCounts();

        /// <summary>Bytes decoded so far.</summary>
        public long Bytes { get; private set; }

        /// <summary>Complete valid frames so far.</summary>
        public long Frames => _decoder.FramesWritten;

        /// <summary>The tally of a `edge capture` protocol (tic, tic-standard, p1).</summary>
        public static CaptureTally For(string protocol)
        {
            var identity = new MeterIdentity(MeterIdPolicy.Omit, null!);
            if (protocol == "p1")
            {
                var p1 = new P1CaptureDecoder(P1CaptureFormat.Dsmr5, identity);
                return new CaptureTally(p1, () =>
                [
                    ("crc error", p1.Counters.RejectedCrc),
                    ("telegram without crc", p1.Counters.RejectedMissingCrc),
                    ("truncated telegram", p1.Counters.RejectedTruncated),
                    ("line too long", p1.Counters.RejectedLineTooLong),
                ]);
            }

            var tic = new TicCaptureDecoder(protocol == "tic-standard" ? TicMode.Standard : TicMode.Historique, identity);
            return new CaptureTally(tic, () =>
            [
                ("checksum error", tic.Counters.RejectedChecksum),
                ("framing error", tic.Counters.RejectedFraming),
                ("group too long", tic.Counters.RejectedOverflow),
                ("frame aborted", tic.Counters.FramesAborted),
                ("frame cut", tic.Counters.FramesCut),
            ]);
        }

        /// <summary>Decodes <paramref name="count"/> more bytes; returns the lines of what they completed or broke.</summary>
        public IReadOnlyList<string> Add(byte[] buffer, int count)
        {
            Bytes += count;
            _decoder.Decode(buffer[..count], TextWriter.Null);
            var lines = new List<string>();
            while (_frames < _decoder.FramesWritten)
            {
                _frames++;
                lines.Add($"frame {_frames} ok");
            }

            (string Name, long Value)[] errors = _errors();
            for (int i = 0; i < errors.Length; i++)
            {
                for (long n = _seen[i] + 1; n <= errors[i].Value; n++)
                {
                    lines.Add($"{errors[i].Name} ({n} so far)");
                }

                _seen[i] = errors[i].Value;
            }

            return lines;
        }

        /// <summary>The decoder's closing line: frames seen and rejections by cause.</summary>
        public string Summary() => _decoder.Summary();
    }
}
