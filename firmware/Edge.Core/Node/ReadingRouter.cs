#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Core.PowerQuality;
using Edge.Core.ReportByException;

namespace Edge.Core.Node
{
    /// <summary>
    /// Where what the meters deliver goes: each reading to the report windows, to the meter watchdog (a silent meter
    /// resumes), to report by exception and to the EN 50160 monitor; meter events, and those of the monitor, to the
    /// events topic at once.
    /// </summary>
    public sealed class ReadingRouter : IMeterReadingHandler
    {
        private readonly NodeConfig _config;
        private readonly IClock _clock;
        private readonly string[] _meterIds;
        private readonly ReportWindows _windows;
        private readonly EventReporter _events;
        private readonly MeterWatchdog _watchdog;
        private readonly ChangeDetector _changes;
        // Report by exception has rules or not for the router's lifetime: asked once, not per sample.
        private readonly bool _watchChanges;
        private VoltageQualityMonitor _powerQuality;

        // By quantity: where its readings go besides the watchdog (ToWindows, ToPowerQuality), from the windows'
        // plans and the quantities the EN 50160 monitor reads. A Linky frame gives 23 readings, of which a
        // household's windows keep 6 and the monitor 1: the others are turned away with one look-up here instead of
        // a call to the windows and one to the monitor each (on the nanoFramework interpreter a call costs more
        // than the look-up). Whether the monitor is running is still asked per reading: config/set starts and
        // stops it.
        // The table is the windows' own Covered bytes, whose bit 0 is theirs; the monitor's bit is added to it.
        private const byte ToWindows = ReportWindows.CoveredBit;
        private const byte ToPowerQuality = 2;
        private readonly byte[] _routes;

        /// <summary>A router of the readings of the meters <paramref name="meterIds"/> to <paramref name="windows"/> and of their events to <paramref name="events"/>.</summary>
        public ReadingRouter(NodeConfig config, IClock clock, string[] meterIds, ReportWindows windows, EventReporter events)
        {
            _config = config;
            _clock = clock;
            _meterIds = meterIds;
            _windows = windows;
            _events = events;
            _changes = new ChangeDetector(config.ChangeRules);
            _watchChanges = _changes.RuleCount > 0;
            if (config.WatchVoltageQuality)
            {
                _powerQuality = new VoltageQualityMonitor(config.NominalVoltageDeciVolts, 1, config.Zone, this);
            }

            _watchdog = new MeterWatchdog(config, meterIds.Length, clock.MonotonicMs);
            _routes = windows.Covered;
            for (int q = 0; q < _routes.Length; q++)
            {
                if (VoltageQualityMonitor.Watches((QuantityId)q))
                {
                    _routes[q] |= ToPowerQuality;
                }
            }
        }

        /// <summary>The EN 50160 monitor (null when disabled).</summary>
        public VoltageQualityMonitor PowerQualityMonitor
        {
            get { return _powerQuality; }
        }

        /// <summary>Takes a reading of meter <paramref name="meter"/>: to the windows, the watchdog, report by exception and the EN 50160 monitor.</summary>
        public void OnReading(int meter, Reading reading)
        {
            long monotonicMs = _clock.MonotonicMs;
            MeterWatchdog watchdog = _watchdog;
            if (watchdog.Silent[meter])
            {
                Resumed(meter, reading, watchdog.OnReading(meter, monotonicMs));
            }
            else
            {
                // What MeterWatchdog.OnReading does for a meter that was not silent, without the call.
                watchdog.LastReadingMs[meter] = monotonicMs;
            }

            int quantity = (int)reading.Quantity;
            int route = (uint)quantity < (uint)Quantities.Count ? _routes[quantity] : ToWindows | ToPowerQuality;
            if ((route & ToWindows) != 0)
            {
                // A meter the node does not have was refused above (the watchdog has a slot per meter), covered or not;
                // the quantity's look-up is done.
                _windows.AddCovered(meter, reading);
            }

            if (_watchChanges && _changes.ShouldReport(meter, reading, monotonicMs))
            {
                _events.MeterEvent(_meterIds[meter], MeterEventKind.ValueChanged, reading);
            }

            if ((route & ToPowerQuality) != 0 && _powerQuality != null)
            {
                _powerQuality.OnReading(meter, reading);
            }
        }

        private void Resumed(int meter, Reading reading, long resumedSeconds)
        {
            if (resumedSeconds != MeterWatchdog.NoChange)
            {
                Reading resumed = reading;
                resumed.Value = resumedSeconds;
                resumed.Decimals = 0;
                _events.MeterEvent(_meterIds[meter], MeterEventKind.MeterResumed, resumed);
            }
        }

        /// <summary>Queues a meter event of meter <paramref name="meter"/> on the events topic at once.</summary>
        public void OnMeterEvent(int meter, MeterEventKind kind, Reading reading)
        {
            _events.MeterEvent(_meterIds[meter], kind, reading);
        }

        /// <summary>After a meter's poll: a meter without a reading for too long raises a meterSilent event, once.</summary>
        public void CheckSilence(int meter, DateTime now, long monotonicMs)
        {
            long silentSeconds = _watchdog.Check(meter, monotonicMs);
            if (silentSeconds != MeterWatchdog.NoChange)
            {
                _events.MeterEvent(_meterIds[meter], MeterEventKind.MeterSilent, new Reading(QuantityId.TotalActiveEnergyImport, silentSeconds, 0, now, ReadingQuality.Good));
            }
        }

        /// <summary>Lets the EN 50160 monitor close its 10-minute intervals and weeks.</summary>
        public void Tick(DateTime now)
        {
            if (_powerQuality != null)
            {
                _powerQuality.Tick(now);
            }
        }

        /// <summary>After config/set: the EN 50160 monitor is started, restarted for a new nominal voltage, or stopped.</summary>
        public void ApplySettings()
        {
            if (_config.WatchVoltageQuality && (_powerQuality == null || _powerQuality.NominalVoltage != _config.NominalVoltageDeciVolts))
            {
                _powerQuality = new VoltageQualityMonitor(_config.NominalVoltageDeciVolts, 1, _config.Zone, this);
            }
            else if (!_config.WatchVoltageQuality)
            {
                _powerQuality = null;
            }
        }
    }
}
