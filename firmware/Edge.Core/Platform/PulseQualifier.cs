#nullable disable
using System;

namespace Edge.Core.Platform
{
    /// <summary>
    /// Decides, edge by edge, which changes of a pulse line are meter pulses, and is the <see cref="IPulseInput"/> the
    /// driver reads. The platform adapters (the device's GPIO pin, the gateway's GPIO line, the simulator) feed it the
    /// time and new level of every edge from their interrupt or event handler; it holds no timer and allocates nothing.
    /// <para>An S0 output (IEC 62053-31, clause on the output pulse: duration at least 30 ms) holds its active level
    /// for at least <see cref="MinWidthMs"/>, so:</para>
    /// <para>- a pulse begins at an edge to the active level and is counted once, at the first edge back to the idle
    /// level that comes at least <see cref="MinWidthMs"/> after its start, and is timed by that start;</para>
    /// <para>- an idle gap shorter than <see cref="MaxBounceMs"/> (contact bounce on either edge) is bridged: the
    /// stretches on both sides are one pulse, so a bouncing contact is counted once (<see cref="Bounces"/>);</para>
    /// <para>- an active stretch that ends shorter than the minimum width and is not bridged to more is a glitch, not
    /// counted (<see cref="Glitches"/>);</para>
    /// <para>- an edge to the level the line already has (an edge missed in between) changes nothing
    /// (<see cref="RepeatedLevels"/>).</para>
    /// Every refusal is counted, so noise stays visible. Thread-safe: one lock guards the edge and the reads (a long
    /// is two words on the 32-bit ESP32).
    /// </summary>
    public sealed class PulseQualifier : IPulseInput
    {
        /// <summary>IEC 62053-31, output pulse duration: at least 30 ms.</summary>
        public const int DefaultMinWidthMs = 30;

        /// <summary>Idle gaps up to this long are bounce within one pulse. A third of the 30 ms minimum pulse (and of
        /// the 30 ms minimum pause of IEC 62053-31): far longer than the few ms a reed or relay contact bounces, far
        /// shorter than the pause between two compliant pulses, so two real pulses are never joined.</summary>
        public const int DefaultMaxBounceMs = 10;

        private readonly object _gate = new object();
        private readonly bool _activeHigh;
        private readonly int _minWidthMs;
        private readonly int _maxBounceMs;

        private bool _active;
        private bool _inPulse;
        private bool _counted;
        private long _startMs;
        private long _idleSinceMs;
        private int _count;
        private long _lastPulseMs = -1;
        private int _glitches;
        private int _bounces;
        private int _repeated;

        /// <param name="activeHigh">True when a pulse drives the line high (its leading edge rises: S0- on the pin
        /// with a pull-down); false for the usual S0 wiring, an open collector pulling a pulled-up pin low.</param>
        /// <param name="minWidthMs">Shortest active stretch that is a pulse (ms), 1 or more.</param>
        /// <param name="maxBounceMs">Idle gaps shorter than this are bridged (ms), 0 (none) to less than
        /// <paramref name="minWidthMs"/>.</param>
        public PulseQualifier(bool activeHigh, int minWidthMs, int maxBounceMs)
        {
            if (minWidthMs < 1)
            {
                throw new ArgumentOutOfRangeException("minWidthMs");
            }

            if (maxBounceMs < 0 || maxBounceMs >= minWidthMs)
            {
                throw new ArgumentOutOfRangeException("maxBounceMs");
            }

            _activeHigh = activeHigh;
            _minWidthMs = minWidthMs;
            _maxBounceMs = maxBounceMs;
        }

        /// <summary>The bounce gap bridged for a minimum width: <see cref="DefaultMaxBounceMs"/>, or a third of a
        /// narrower width, so that a pulse and its pause always outlast a bounce gap.</summary>
        public static int MaxBounceFor(int minWidthMs)
        {
            int third = minWidthMs / 3;
            return third < DefaultMaxBounceMs ? third : DefaultMaxBounceMs;
        }

        /// <summary>True when the pulse is the high level (rising leading edge).</summary>
        public bool ActiveHigh
        {
            get { return _activeHigh; }
        }

        /// <summary>Shortest active stretch counted as a pulse (ms).</summary>
        public int MinWidthMs
        {
            get { return _minWidthMs; }
        }

        /// <summary>Idle gaps shorter than this are bounce within a pulse (ms).</summary>
        public int MaxBounceMs
        {
            get { return _maxBounceMs; }
        }

        /// <summary>Qualified pulses since start; wraps at int overflow (compare with unchecked subtraction).</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        /// <summary>Time (ms) of the leading edge of the last counted pulse, -1 before the first.</summary>
        public long LastEdgeMs
        {
            get
            {
                lock (_gate)
                {
                    return _lastPulseMs;
                }
            }
        }

        /// <summary>Active stretches refused as shorter than the minimum width (glitches, noise). A stretch is judged
        /// when the line goes active again later than a bounce gap, so the last one waits for the next edge.</summary>
        public int Glitches
        {
            get
            {
                lock (_gate)
                {
                    return _glitches;
                }
            }
        }

        /// <summary>Idle gaps bridged as contact bounce within one pulse.</summary>
        public int Bounces
        {
            get
            {
                lock (_gate)
                {
                    return _bounces;
                }
            }
        }

        /// <summary>Edges that reported the level the line already had (the edge between was missed).</summary>
        public int RepeatedLevels
        {
            get
            {
                lock (_gate)
                {
                    return _repeated;
                }
            }
        }

        /// <summary>One edge: at <paramref name="ms"/> (monotonic) the line went to <paramref name="high"/>. True when
        /// it completed a qualified pulse (the count advanced).</summary>
        public bool Edge(long ms, bool high)
        {
            bool active = high == _activeHigh;
            lock (_gate)
            {
                if (active == _active)
                {
                    _repeated++;
                    return false;
                }

                _active = active;
                if (active)
                {
                    if (_inPulse && ms - _idleSinceMs < _maxBounceMs)
                    {
                        // Bounce: the pulse goes on from its first edge.
                        _bounces++;
                        return false;
                    }

                    if (_inPulse && !_counted)
                    {
                        // The stretch before this gap was too short and nothing joined it.
                        _glitches++;
                    }

                    _inPulse = true;
                    _counted = false;
                    _startMs = ms;
                    return false;
                }

                _idleSinceMs = ms;
                if (!_inPulse || _counted)
                {
                    return false;
                }

                if (ms - _startMs < _minWidthMs)
                {
                    if (_maxBounceMs == 0)
                    {
                        _glitches++;
                        _inPulse = false;
                    }

                    // Otherwise the stretch waits: a bounce gap may join it to the rest of the pulse.
                    return false;
                }

                _counted = true;
                _count = unchecked(_count + 1);
                _lastPulseMs = _startMs;
                return true;
            }
        }
    }
}
