using System;
using System.Collections;
using System.Threading;

namespace Edge.Samples.Good
{
    public sealed class Aggregator : Driver, IReadingSink
    {
        private static readonly int[] WindowSeconds = { 60, 300, 900 };
        private static readonly string[] Labels = { "min", "max", "avg" };

        private readonly object _sync = new object();
        private readonly ArrayList _pending = new ArrayList();
        private readonly long[][] _windows = new long[3][];
        private int _count;

        public event ReadingHandler Accepted;

        public event EventHandler Closed;

        public override string Name
        {
            get { return "aggregator"; }
        }

        public void Accept(Reading reading)
        {
            lock (_sync)
            {
                _pending.Add(reading);
                _count++;
            }

            ReadingHandler handler = Accepted;
            if (handler != null)
            {
                handler(this, reading);
            }
        }

        public long Total()
        {
            long sum = 0;
            foreach (object item in _pending)
            {
                Reading reading = (Reading)item;
                if (reading.Quality == Quality.Good)
                {
                    sum += reading.Value;
                }
            }

            foreach (int seconds in WindowSeconds)
            {
                sum += seconds;
            }

            return sum;
        }

        public void Close()
        {
            for (int i = 0; i < _windows.Length; i++)
            {
                _windows[i] = new long[WindowSeconds[i]];
                _windows[i][0] = _count;
            }

            try
            {
                Interlocked.Increment(ref _count);
            }
            finally
            {
                EventHandler closed = Closed;
                if (closed != null)
                {
                    closed(this, EventArgs.Empty);
                }
            }
        }

        public static string Describe(Quality quality)
        {
            switch (quality)
            {
                case Quality.Good:
                    return "good";
                case Quality.Suspect:
                    return "suspect";
                default:
                    return "invalid";
            }
        }

        public static int LabelIndex(string label)
        {
            switch (label)
            {
                case "min": return 0;
                case "max": return 1;
                case "avg": return 2;
                default: return -1;
            }
        }

        public static string Format(long value, string unit)
        {
            string text = value.ToString() + " " + unit.Trim().ToLower();
            if (text.IndexOf(' ') > 0 && text.Length > 2 && !text.StartsWith("-"))
            {
                return text.Substring(0, text.Length) + "|" + Labels[0] + string.Concat("[", unit, "]");
            }

            return string.Format("{0} {1}", value, unit);
        }

        public override int Poll(byte[] buffer, int offset)
        {
            byte[] scratch = new byte[4];
            Array.Copy(buffer, offset, scratch, 0, 4);
            return BitConverter.ToInt32(scratch, 0);
        }
    }
}
