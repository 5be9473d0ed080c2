using System;
using System.Collections.Generic;
using Edge.Core.Platform;

namespace Edge.Host.Protocols.S0
{
    /// <summary>
    /// A virtual energy meter with an S0 output: integrates a load curve over virtual time and emits a pulse for
    /// every quantum of energy (1000 / imp-per-kWh Wh), at the exact instant the quantum is complete, as a real
    /// meter's pulse generator does. It implements <see cref="IPulseInput"/> the way the device's interrupt
    /// counter does, so the real driver reads it.
    /// </summary>
    public sealed class VirtualPulseMeter : IPulseInput
    {
        /// <summary>Integration step: the load curve is held constant over at most this long.</summary>
        private const long StepMs = 1000;

        private readonly Func<DateTime, double> _powerAt;
        private readonly DateTime _utcAtZero;
        private readonly double _quantumWattMs;
        private readonly List<long>? _pulseTimes;
        private double _accumulatedWattMs;
        private long _nowMs;
        private int _count;
        private long _lastEdgeMs = -1;

        /// <param name="powerAt">Power in W at a UTC instant.</param>
        /// <param name="pulsesPerKwh">Meter constant.</param>
        /// <param name="utcAtZero">Wall time at monotonic time 0.</param>
        /// <param name="recordPulses">Keep every pulse time (for tests that check reports against the meter).</param>
        public VirtualPulseMeter(Func<DateTime, double> powerAt, int pulsesPerKwh, DateTime utcAtZero, bool recordPulses)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pulsesPerKwh);
            _powerAt = powerAt;
            PulsesPerKwh = pulsesPerKwh;
            _utcAtZero = utcAtZero;

            // 1 kWh = 3.6e9 W.ms; one pulse is 1/pulsesPerKwh of it.
            _quantumWattMs = 3.6e9 / pulsesPerKwh;
            _pulseTimes = recordPulses ? new List<long>() : null;
        }

        public int PulsesPerKwh { get; }

        public int Count => _count;

        public long LastEdgeMs => _lastEdgeMs;

        /// <summary>Energy delivered so far in Wh, exactly (not quantised to pulses).</summary>
        public double EnergyWh { get; private set; }

        /// <summary>Monotonic times of every pulse so far (only when recording).</summary>
        public IReadOnlyList<long> PulseTimes => _pulseTimes ?? throw new InvalidOperationException("pulse recording is off");

        /// <summary>Runs the meter up to the given monotonic time.</summary>
        public void AdvanceTo(long monotonicMs)
        {
            while (_nowMs < monotonicMs)
            {
                long step = Math.Min(StepMs, monotonicMs - _nowMs);
                double watts = Math.Max(0, _powerAt(_utcAtZero.AddMilliseconds(_nowMs)));
                double energy = watts * step;
                EnergyWh += energy / 3.6e6;
                double stepStartAccumulated = _accumulatedWattMs;
                _accumulatedWattMs += energy;
                int pulseInStep = 0;
                while (_accumulatedWattMs >= _quantumWattMs)
                {
                    _accumulatedWattMs -= _quantumWattMs;
                    pulseInStep++;

                    // The instant the quantum completed, at constant power within the step.
                    double needed = (_quantumWattMs * pulseInStep) - stepStartAccumulated;
                    long edge = _nowMs + Math.Min(step, (long)Math.Ceiling(needed / watts));
                    _count = unchecked(_count + 1);
                    _lastEdgeMs = edge;
                    _pulseTimes?.Add(edge);
                }

                _nowMs += step;
            }
        }
    }
}
