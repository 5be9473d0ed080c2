#nullable disable
using System;
using System.Collections;
using Edge.Core.Security;
using Edge.Drivers.Tic;

namespace Edge.DeviceTests.Support
{
    /// <summary>
    /// Runs bytes through a <see cref="TicReader"/> (the decoder and the interpreter, as the driver uses them) and
    /// keeps the valid groups as "LABEL=value" texts, the rejections, and the readings.
    /// </summary>
    public sealed class TicCapture
    {
        /// <summary>The time every reading is stamped with: 2026-11-25 20:00:00 UTC.</summary>
        public static readonly DateTime Time = new DateTime(2026, 11, 25, 20, 0, 0);

        private readonly TicReader _reader;
        private readonly byte[] _one = new byte[1];

        /// <summary>A capture of frames in <paramref name="mode"/>, no meter address policy.</summary>
        public TicCapture(TicMode mode)
        {
            _reader = new TicReader(mode, new MeterIdentity(MeterIdPolicy.Omit, null));
        }

        /// <summary>The reader under test.</summary>
        public TicReader Reader
        {
            get { return _reader; }
        }

        /// <summary>The decoder's counters.</summary>
        public TicCounters Counters
        {
            get { return _reader.Counters; }
        }

        /// <summary>Every valid group, as "LABEL=value" strings, in order.</summary>
        public ArrayList Groups { get; } = new ArrayList();

        /// <summary>Groups whose mode was not the one detected for the frame.</summary>
        public int GroupsInOtherMode { get; private set; }

        /// <summary>Rejections returned, one <see cref="TicReject"/> (boxed) each.</summary>
        public ArrayList Rejects { get; } = new ArrayList();

        /// <summary>The readings the groups became.</summary>
        public ReadingLog Readings { get; } = new ReadingLog();

        /// <summary>Feeds the bytes one at a time, as a UART delivers them at 1200 baud.</summary>
        public TicCapture Feed(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                _one[0] = bytes[i];
                int consumed;
                TicEvent e = _reader.Read(_one, 0, 1, out consumed, Time, Readings);
                if (e == TicEvent.Group)
                {
                    TicGroup g = _reader.Decoder.Group;
                    Groups.Add(g.LabelText() + "=" + g.ValueText());
                }
                else if (e == TicEvent.GroupRejected)
                {
                    Rejects.Add(_reader.Decoder.LastReject);
                }
            }

            return this;
        }

        /// <summary>Feeds the bytes in blocks of <paramref name="block"/>, as the driver reads a UART buffer.</summary>
        public TicCapture FeedBlocks(byte[] bytes, int block)
        {
            for (int at = 0; at < bytes.Length; at += block)
            {
                int count = bytes.Length - at < block ? bytes.Length - at : block;
                _reader.ReadAll(bytes, at, count, Time, Readings);
            }

            return this;
        }

        /// <summary>The value of the first group with that label; null if none.</summary>
        public string Value(string label)
        {
            string prefix = label + "=";
            for (int i = 0; i < Groups.Count; i++)
            {
                string g = (string)Groups[i];
                if (g.Length >= prefix.Length && g.Substring(0, prefix.Length) == prefix)
                {
                    return g.Substring(prefix.Length);
                }
            }

            return null;
        }

        /// <summary>How many rejections of that kind were returned.</summary>
        public int RejectsOf(TicReject kind)
        {
            int n = 0;
            for (int i = 0; i < Rejects.Count; i++)
            {
                if ((TicReject)Rejects[i] == kind)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
