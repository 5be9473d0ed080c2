using System;
using Edge.Core.Aggregation;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers.Tic;

namespace Edge.Benchmarks
{
    /// <summary>
    /// A plain loop over a real TIC frame for counting executed instructions (valgrind --tool=callgrind), as a
    /// proxy for the cost on the nanoFramework interpreter, which has no JIT and pays for every IL instruction,
    /// call and field load. Run as <c>Edge.Benchmarks tic-cost PATH FRAMES [FILE]</c>: it decodes two warm-up
    /// frames (every method on the path is compiled, and the register guard has published values), then
    /// FRAMES more; a run with FRAMES = 0 is the baseline to subtract (start-up, compilation, the warm-up).
    /// The frame is fed in blocks of 256 bytes, the size of <see cref="TicMeter"/>'s UART buffer.
    /// <para>PATH is <c>decode</c> (<see cref="TicFrameDecoder.Decode"/> alone), <c>interpret</c>
    /// (<see cref="TicReader.Read"/>: decoder and interpreter into a summing sink) or <c>meter</c>
    /// (<see cref="Edge.Core.Meters.MeterDriver.Poll"/> of a <see cref="TicMeter"/>, one frame a poll from a fake
    /// UART) or <c>node</c> (<see cref="EdgeNode.Tick"/> of a node with the <c>linky-household</c> profile and one
    /// <see cref="TicMeter"/>, one frame and one second a tick, connected to a broker that takes every message at
    /// once; the run stays inside one 15-minute window, so no window closes). The command line and the figures are
    /// in docs/benchmarks.md.</para>
    /// </summary>
    public static class TicCostHarness
    {
        public const string Command = "tic-cost";

        private const int WarmUpFrames = 2;
        private const int BlockSize = 256;

        private static readonly DateTime Time = new DateTime(2026, 11, 25, 20, 5, 30, DateTimeKind.Utc);

        public static int Run(string[] args)
        {
            if (args.Length < 3 || !int.TryParse(args[2], out int frames) || frames < 0)
            {
                Console.Error.WriteLine("usage: Edge.Benchmarks " + Command + " decode|interpret|meter|node FRAMES [FILE]");
                return 2;
            }

            string path = args[1];
            string file = args.Length > 3 ? args[3] : TicDecodeBenchmarks.StandardFile;
            byte[] frame = RepoFiles.TicFrame(file);
            long check;
            switch (path)
            {
                case "decode":
                    check = Decode(frame, frames);
                    break;
                case "interpret":
                    check = Interpret(frame, frames);
                    break;
                case "meter":
                    check = Meter(frame, frames);
                    break;
                case "node":
                    check = Node(frame, frames);
                    break;
                default:
                    Console.Error.WriteLine("unknown path " + path + ": decode, interpret, meter or node");
                    return 2;
            }

            // Printed so that the work cannot be dropped, and to see that both runs did the same per frame.
            Console.WriteLine(path + " " + file + " (" + frame.Length + " B) x " + (WarmUpFrames + frames) + ": " + check);
            return 0;
        }

        private static long Decode(byte[] frame, int frames)
        {
            TicFrameDecoder decoder = new TicFrameDecoder(TicMode.Auto);
            long check = 0;
            for (int n = 0; n < WarmUpFrames + frames; n++)
            {
                for (int block = 0; block < frame.Length; block += BlockSize)
                {
                    int end = Math.Min(block + BlockSize, frame.Length);
                    int at = block;
                    while (at < end)
                    {
                        TicEvent e = decoder.Decode(frame, at, end - at, out int consumed);
                        at += consumed;
                        if (e == TicEvent.Group)
                        {
                            check += decoder.Group.ValueLength;
                        }
                    }
                }
            }

            return check + decoder.Counters.FramesValid;
        }

        private static long Interpret(byte[] frame, int frames)
        {
            TicReader reader = new TicReader(TicMode.Auto, new MeterIdentity(MeterIdPolicy.Omit, null!));
            SummingSink sink = new SummingSink();
            for (int n = 0; n < WarmUpFrames + frames; n++)
            {
                for (int block = 0; block < frame.Length; block += BlockSize)
                {
                    int end = Math.Min(block + BlockSize, frame.Length);
                    int at = block;
                    while (at < end)
                    {
                        reader.Read(frame, at, end - at, out int consumed, Time, sink);
                        at += consumed;
                    }
                }
            }

            return sink.Sum + sink.Readings + reader.Counters.FramesValid;
        }

        private static long Meter(byte[] frame, int frames)
        {
            FrameLink link = new FrameLink(frame);
            TicMeter meter = new TicMeter("tic", link, TicMode.Auto, new MeterIdentity(MeterIdPolicy.Omit, null!));
            SummingSink sink = new SummingSink();
            for (int n = 0; n < WarmUpFrames + frames; n++)
            {
                link.Rewind();
                meter.Poll(Time, n * 1000L, sink);
            }

            return sink.Sum + sink.Readings + meter.Counters.FramesValid;
        }

        /// <summary>A started node with the <c>linky-household</c> profile and one <see cref="TicMeter"/> reading
        /// <paramref name="link"/>, on <paramref name="clock"/>, at the start of a 15-minute window.</summary>
        internal static EdgeNode LinkyNode(FrameLink link, out SteppedClock clock)
        {
            clock = new SteppedClock(Time.AddSeconds(-Time.Second - (60 * (Time.Minute % 15))));
            NodeConfig config = new NodeConfig { NodeId = "n1", Profile = AggregationProfile.LinkyHousehold(Edge.Core.Time.TimeZoneRule.CentralEurope) };
            EdgeNode node = new EdgeNode(config, clock, new AcceptingBroker(), null, null);
            node.AddMeter(new TicMeter("tic", link, TicMode.Auto, new MeterIdentity(MeterIdPolicy.Omit, null!)));
            node.Start();
            return node;
        }

        private static long Node(byte[] frame, int frames)
        {
            FrameLink link = new FrameLink(frame);
            EdgeNode node = LinkyNode(link, out SteppedClock clock);
            for (int n = 0; n < WarmUpFrames + frames; n++)
            {
                clock.Step(1000);
                link.Rewind();
                node.Tick();
            }

            return node.NextSequence + frames;
        }

        /// <summary>A clock that moves only when told, synchronised.</summary>
        internal sealed class SteppedClock : IClock
        {
            private readonly DateTime _start;

            public SteppedClock(DateTime start)
            {
                _start = start;
            }

            public long MonotonicMs { get; private set; }

            public DateTime UtcNow
            {
                get { return _start.AddTicks(MonotonicMs * TimeSpan.TicksPerMillisecond); }
            }

            public bool IsSynchronised
            {
                get { return true; }
            }

            public void Step(long ms)
            {
                MonotonicMs += ms;
            }
        }

        /// <summary>A broker connection that is up and takes every message at once, delivered.</summary>
        internal sealed class AcceptingBroker : IMqttLink
        {
            private int _ticket;
            private int _reported;

            public event MqttMessageHandler? MessageReceived
            {
                add { }
                remove { }
            }

            public LinkState State { get; private set; }

            public LinkFailure Failure
            {
                get { return LinkFailure.None; }
            }

            public int RefusedCode
            {
                get { return 0; }
            }

            public bool SessionPresent
            {
                get { return false; }
            }

            public void BeginConnect(MqttConnectOptions options)
            {
                State = LinkState.Connected;
            }

            public void Disconnect()
            {
                State = LinkState.Disconnected;
            }

            public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
            {
                return State == LinkState.Connected ? ++_ticket : 0;
            }

            public bool TryTakeCompletion(out int ticket, out bool delivered)
            {
                delivered = _reported < _ticket;
                ticket = delivered ? ++_reported : 0;
                return delivered;
            }

            public bool Subscribe(string topicFilter, int qos)
            {
                return State == LinkState.Connected;
            }
        }

        /// <summary>A UART that holds one frame: each <see cref="Rewind"/> makes it arrive again, read in blocks.</summary>
        internal sealed class FrameLink : ISerialLink
        {
            private readonly byte[] _frame;
            private int _at;

            public FrameLink(byte[] frame)
            {
                _frame = frame;
                _at = frame.Length;
            }

            public void Rewind()
            {
                _at = 0;
            }

            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
            {
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(count, _frame.Length - _at);
                Buffer.BlockCopy(_frame, _at, buffer, offset, n);
                _at += n;
                return n;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
