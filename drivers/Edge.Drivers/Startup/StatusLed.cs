#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Platform;

namespace Edge.Drivers.Startup
{
    /// <summary>
    /// The status LED: one blink pattern per <see cref="NodeState"/>, driven on the monotonic clock so that the node
    /// loop sets the output only when the pattern changes it. A pattern is a cycle of durations in ms, on first, then
    /// off, alternating; a single duration is steady on. Patterns differ by the count of flashes in a two-second
    /// cycle, which an installer tells apart without a stopwatch.
    /// </summary>
    public sealed class StatusLed
    {
        /// <summary>Fast blink, 5 Hz: no configuration to run.</summary>
        public static readonly int[] NoConfigPattern = new int[] { 100, 100 };

        /// <summary>One short flash every 2 s: no network.</summary>
        public static readonly int[] NoNetworkPattern = new int[] { 100, 1900 };

        /// <summary>Two short flashes every 2 s: network up, no broker.</summary>
        public static readonly int[] NoBrokerPattern = new int[] { 100, 200, 100, 1600 };

        /// <summary>Three short flashes every 2 s: connected on the last good configuration.</summary>
        public static readonly int[] ConfigFallbackPattern = new int[] { 100, 200, 100, 200, 100, 1300 };

        /// <summary>Slow blink, 1 Hz: connected, sending a backlog.</summary>
        public static readonly int[] BacklogPattern = new int[] { 500, 500 };

        /// <summary>One long flash every 3 s, for a minute after a self-test: every check passed. Long flashes (0.8 s)
        /// tell a verdict from the short flashes (0.1 s) of the states.</summary>
        public static readonly int[] SelfTestPassPattern = new int[] { 800, 2200 };

        /// <summary>Two long flashes every 3 s, for a minute after a self-test: a check warned, none failed.</summary>
        public static readonly int[] SelfTestWarnPattern = new int[] { 800, 400, 800, 1000 };

        /// <summary>Three long flashes every 4 s, for a minute after a self-test: a check failed.</summary>
        public static readonly int[] SelfTestFailPattern = new int[] { 800, 400, 800, 400, 800, 1000 };

        /// <summary>Steady on: connected, nothing waiting.</summary>
        public static readonly int[] ConnectedPattern = new int[] { 2000 };

        private readonly IDigitalOutput _output;
        private int[] _pattern;
        private long _cycleStartMs;
        private bool _shown;

        /// <summary>A status LED on <paramref name="output"/>, off until the first <see cref="Show"/>.</summary>
        public StatusLed(IDigitalOutput output)
        {
            if (output == null)
            {
                throw new ArgumentNullException("output");
            }

            _output = output;
        }

        /// <summary>The state shown (<see cref="NodeState.NoConfig"/> before the first <see cref="Show"/>).</summary>
        public NodeState State { get; private set; }

        /// <summary>Times the output was switched: a pattern costs two writes per flash, a steady one none.</summary>
        public long Switches { get; private set; }

        /// <summary>The pattern of <paramref name="state"/>.</summary>
        public static int[] PatternOf(NodeState state)
        {
            switch (state)
            {
                case NodeState.NoNetwork:
                    return NoNetworkPattern;
                case NodeState.NoBroker:
                    return NoBrokerPattern;
                case NodeState.ConfigFallback:
                    return ConfigFallbackPattern;
                case NodeState.PublishingBacklog:
                    return BacklogPattern;
                case NodeState.Connected:
                    return ConnectedPattern;
                default:
                    return NoConfigPattern;
            }
        }

        /// <summary>The pattern of a self-test's verdict.</summary>
        public static int[] PatternOf(SelfTestVerdict verdict)
        {
            return verdict == SelfTestVerdict.Fail ? SelfTestFailPattern : verdict == SelfTestVerdict.Warn ? SelfTestWarnPattern : SelfTestPassPattern;
        }

        /// <summary>Shows <paramref name="state"/> at <paramref name="monotonicMs"/>: a new state starts its pattern
        /// from its first flash. Returns the ms until the output changes next, when <see cref="Show"/> is due again.</summary>
        public int Show(NodeState state, long monotonicMs)
        {
            if (!_shown || state != State || _pattern != PatternOf(state))
            {
                _shown = true;
                State = state;
                _pattern = PatternOf(state);
                _cycleStartMs = monotonicMs;
            }

            return Drive(monotonicMs);
        }

        /// <summary>Shows a self-test's <paramref name="verdict"/> instead of the state, as <see cref="Show"/> does;
        /// <see cref="State"/> keeps the last state shown.</summary>
        public int ShowVerdict(SelfTestVerdict verdict, long monotonicMs)
        {
            int[] pattern = PatternOf(verdict);
            if (_pattern != pattern)
            {
                _shown = true;
                _pattern = pattern;
                _cycleStartMs = monotonicMs;
            }

            return Drive(monotonicMs);
        }

        private int Drive(long monotonicMs)
        {
            int cycle = 0;
            for (int i = 0; i < _pattern.Length; i++)
            {
                cycle += _pattern[i];
            }

            long into = (monotonicMs - _cycleStartMs) % cycle;
            int segment = 0;
            while (into >= _pattern[segment])
            {
                into -= _pattern[segment];
                segment++;
            }

            // Even segments are on; a pattern of one duration is on throughout.
            bool on = segment % 2 == 0;
            if (on != _output.IsOn)
            {
                _output.Set(on);
                Switches++;
            }

            return _pattern[segment] - (int)into;
        }
    }
}
