using System;
using System.Collections.Generic;
using System.IO;
using Edge.Core.Model;
using Edge.Core.Security;
using Edge.Drivers.Tic;
using Edge.Tests.Fakes;

namespace Edge.Tests.Drivers.Tic
{
    /// <summary>Runs bytes, one at a time, through the decoder and the interpreter (the <see cref="TicReader"/> every
    /// user of TIC bytes goes through), and keeps what came out, for assertions.</summary>
    internal sealed class TicRun
    {
        private readonly TicReader _reader;
        private readonly byte[] _one = new byte[1];

        public TicRun(TicMode mode = TicMode.Auto, MeterIdentity? identity = null)
        {
            Identity = identity ?? new MeterIdentity(MeterIdPolicy.Omit, null!);
            _reader = new TicReader(mode, Identity);
        }

        public static DateTime Time { get; } = new(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc);

        public TicFrameDecoder Decoder => _reader.Decoder;

        public TicFrameInterpreter Interpreter => _reader.Frame;

        public MeterIdentity Identity { get; }

        public TicCounters Counters => Decoder.Counters;

        /// <summary>Every valid group: label, value, horodate (null if none), mode.</summary>
        public List<(string Label, string Value, string? Horodate, TicMode Mode)> Groups { get; } = new();

        public List<TicReject> Rejects { get; } = new();

        public RecordingSink Sink { get; } = new();

        public List<TicEvent> Events { get; } = new();

        public static byte[] Vector(string name) =>
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "tic", name));

        /// <summary>Where the ASCII text first occurs in the bytes.</summary>
        public static int IndexOf(byte[] bytes, string text)
        {
            byte[] pattern = System.Text.Encoding.ASCII.GetBytes(text);
            for (int i = 0; i <= bytes.Length - pattern.Length; i++)
            {
                if (bytes.AsSpan(i, pattern.Length).SequenceEqual(pattern))
                {
                    return i;
                }
            }

            throw new ArgumentException(text);
        }

        public TicRun Feed(byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                _one[0] = b;
                TicEvent e = _reader.Read(_one, 0, 1, out _, Time, Sink);
                if (e != TicEvent.None)
                {
                    Events.Add(e);
                }

                switch (e)
                {
                    case TicEvent.Group:
                        TicGroup g = Decoder.Group;
                        Groups.Add((g.LabelText(), g.ValueText(), g.HorodateText(), g.Mode));
                        break;
                    case TicEvent.GroupRejected:
                        Rejects.Add(Decoder.LastReject);
                        break;
                }
            }

            return this;
        }

        public string Value(string label) => Groups.Find(g => g.Label == label).Value ?? throw new KeyNotFoundException(label);

        /// <summary>The last reading of a quantity.</summary>
        public long Reading(QuantityId quantity) => Sink.Readings.FindLast(r => r.Quantity == quantity).Value;

        public bool HasReading(QuantityId quantity) => Sink.Readings.Exists(r => r.Quantity == quantity);
    }
}
