#nullable disable
using System;
using System.Collections;
using Edge.Core.Aggregation;
using Edge.Core.Meters.Buses;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Core.Meters
{
    /// <summary>
    /// The node's meters in report order and the buses they share: runs the buses, polls each meter, logs every change of a driver's state with its reason
    /// (a failed meter is never silent), and gathers the register rules the drivers declare, so no caller has to
    /// copy a driver's rules into the configuration by meter number.
    /// </summary>
    public sealed class MeterRoster
    {
        private readonly IMeterDriver[] _drivers;
        private readonly MeterState[] _lastStates;
        private readonly ILog _log;
        private readonly IBusHub[] _buses;

        /// <param name="drivers">The node's meters in report order; a meter's position here is its index in readings, events and register rules.</param>
        /// <param name="log">Where state changes and descriptions go; null logs nothing.</param>
        public MeterRoster(IMeterDriver[] drivers, ILog log)
        {
            if (drivers == null)
            {
                throw new ArgumentNullException("drivers");
            }

            _drivers = drivers;
            _lastStates = new MeterState[drivers.Length];
            _log = log;
            _buses = SharedBuses(drivers);
        }

        /// <summary>Number of meters; their indexes run from 0 to Count - 1.</summary>
        public int Count
        {
            get { return _drivers.Length; }
        }

        /// <summary>The driver of meter <paramref name="index"/>.</summary>
        public IMeterDriver Driver(int index)
        {
            return _drivers[index];
        }

        /// <summary>The configured rules first, as overrides (the aggregator takes the first rule that matches a
        /// meter and quantity), then every rule the drivers declare.</summary>
        public RegisterRule[] Rules(RegisterRule[] overrides)
        {
            ArrayList rules = new ArrayList();
            for (int i = 0; overrides != null && i < overrides.Length; i++)
            {
                rules.Add(overrides[i]);
            }

            for (int m = 0; m < _drivers.Length; m++)
            {
                MeterDriver driver = _drivers[m] as MeterDriver;
                RegisterRule[] declared = driver == null ? null : driver.RegisterRules(m);
                for (int i = 0; declared != null && i < declared.Length; i++)
                {
                    rules.Add(declared[i]);
                }
            }

            RegisterRule[] all = new RegisterRule[rules.Count];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = (RegisterRule)rules[i];
            }

            return all;
        }

        /// <summary>Logs what each driver says of itself, once at start.</summary>
        public void Describe()
        {
            for (int m = 0; m < _drivers.Length; m++)
            {
                MeterDriver driver = _drivers[m] as MeterDriver;
                if (driver != null && _log != null && _log.IsEnabled(LogLevel.Info))
                {
                    _log.Write(LogLevel.Info, "meters", driver.MeterId + ": " + driver.Describe());
                }
            }
        }

        /// <summary>Moves every shared bus on, once per loop before the meters are polled, so a reply that came
        /// is ready for its driver and a request that is due goes out.</summary>
        public void RunBuses(long monotonicMs)
        {
            for (int i = 0; i < _buses.Length; i++)
            {
                _buses[i].Run(monotonicMs);
            }
        }

        /// <summary>Polls meter <paramref name="index"/>; logs when its state changed.</summary>
        public void Poll(int index, DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            IMeterDriver meter = _drivers[index];
            meter.Poll(utcNow, monotonicMs, sink);
            MeterDriver driver = meter as MeterDriver;
            if (driver == null || driver.State == _lastStates[index])
            {
                return;
            }

            MeterState previous = _lastStates[index];
            _lastStates[index] = driver.State;
            if (previous == MeterState.Pending && driver.State == MeterState.Ready)
            {
                return;
            }

            LogLevel level = driver.State == MeterState.Failed ? LogLevel.Error : driver.State == MeterState.Warning ? LogLevel.Warning : LogLevel.Info;
            if (_log != null && _log.IsEnabled(level))
            {
                _log.Write(level, "meters", driver.MeterId + " " + StateName(driver.State) + (driver.Reason == null ? string.Empty : ": " + driver.Reason));
            }
        }

        /// <summary>Each bus a driver says it talks through, once however many drivers share it.</summary>
        private static IBusHub[] SharedBuses(IMeterDriver[] drivers)
        {
            ArrayList found = new ArrayList();
            for (int m = 0; m < drivers.Length; m++)
            {
                MeterDriver driver = drivers[m] as MeterDriver;
                IBusHub bus = driver == null ? null : driver.Bus;
                if (bus != null && !found.Contains(bus))
                {
                    found.Add(bus);
                }
            }

            IBusHub[] buses = new IBusHub[found.Count];
            for (int i = 0; i < buses.Length; i++)
            {
                buses[i] = (IBusHub)found[i];
            }

            return buses;
        }

        private static string StateName(MeterState state)
        {
            switch (state)
            {
                case MeterState.Ready:
                    return "ready";
                case MeterState.Warning:
                    return "warning";
                case MeterState.Failed:
                    return "failed";
                default:
                    return "pending";
            }
        }
    }
}
