#nullable disable
using System;
using System.Collections;
using Edge.Core.Aggregation;
using Edge.Core.Payloads;
using Edge.Core.Model;
using Edge.Core.Outbox;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>
    /// The node: one cooperative loop that wires its parts. Each <see cref="Tick"/> closes the windows whose end has
    /// passed (the <see cref="ReportEncoder"/> queues their reports), polls every driver into the open windows, runs
    /// commands, health and heartbeat, then keeps the <see cref="BrokerSession"/> up and lets the
    /// <see cref="ReportPublisher"/> drain the outbox. Everything is allocated in <see cref="Start"/>; a tick
    /// allocates nothing in steady state. With a <see cref="ManualClock"/> the node runs deterministically.
    /// </summary>
    public sealed class EdgeNode : IMeterReadingHandler
    {
        private readonly NodeConfig _config;
        private readonly IClock _clock;
        private readonly IMqttLink _link;
        private readonly NodeLog _log;
        private readonly IStore _store;
        private readonly ArrayList _drivers = new ArrayList();

        private IMeterDriver[] _meters;
        private MeterReadingSink[] _sinks;
        private WindowAggregator[] _windows;
        private Edge.Core.ReportByException.ChangeDetector _changes;
        private Edge.Core.PowerQuality.VoltageQualityMonitor _powerQuality;
        private ReportHeader _header;
        private ReportEncoder _reports;
        private SequenceCounter _sequence;
        private TopicMap _topics;
        private BrokerSession _session;
        private ReportPublisher _publisher;
        private EventReporter _events;
        private HealthReporter _health;
        private MeterWatchdog _watchdog;
        private ClockStepDetector _clockSteps;
        private Edge.Core.Commands.CommandDispatcher _commands;
        private bool _started;

        public EdgeNode(NodeConfig config, IClock clock, IMqttLink link, IStore store, ILog log)
        {
            if (config == null)
            {
                throw new ArgumentNullException("config");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            config.Validate();
            _config = config;
            _clock = clock;
            _link = link;
            _store = store;
            _log = new NodeLog(log);
        }

        /// <summary>Topic of window reports: &lt;prefix&gt;/&lt;nodeId&gt;/readings.</summary>
        public string ReadingsTopic
        {
            get { return TopicMap.NodeTopic(_config, "readings"); }
        }

        /// <summary>Topic of the retained status: &lt;prefix&gt;/&lt;nodeId&gt;/status (birth "online", Last Will "offline").</summary>
        public string StatusTopic
        {
            get { return TopicMap.NodeTopic(_config, "status"); }
        }

        /// <summary>Topic of periodic health telemetry: &lt;prefix&gt;/&lt;nodeId&gt;/health.</summary>
        public string HealthTopic
        {
            get { return TopicMap.NodeTopic(_config, "health"); }
        }

        /// <summary>Topic of immediate meter events: &lt;prefix&gt;/&lt;nodeId&gt;/events.</summary>
        public string EventsTopic
        {
            get { return TopicMap.NodeTopic(_config, "events"); }
        }

        /// <summary>The load-control relay driven by the relay/set command; set before Start (optional).</summary>
        public IDigitalOutput Relay { get; set; }

        /// <summary>What the reboot command calls; set before Start (optional).</summary>
        public Edge.Core.Commands.INodeControl Control { get; set; }

        /// <summary>Free memory and signal strength for health telemetry (optional).</summary>
        public ISystemInfo SystemInfo { get; set; }

        /// <summary>Commands from the broker (null before Start).</summary>
        public Edge.Core.Commands.CommandDispatcher Commands
        {
            get { return _commands; }
        }

        public int MeterCount
        {
            get { return _drivers.Count; }
        }

        public IMeterDriver Meter(int index)
        {
            return (IMeterDriver)_drivers[index];
        }

        public bool ClockSynchronised
        {
            get { return _clock.IsSynchronised; }
        }

        /// <summary>The EN 50160 monitor (null when disabled): weekly counters for health telemetry.</summary>
        public Edge.Core.PowerQuality.VoltageQualityMonitor PowerQualityMonitor
        {
            get { return _powerQuality; }
        }

        /// <summary>Lowest report sequence still held for resync, or -1.</summary>
        public long OldestHeldSequence
        {
            get { return _publisher == null ? -1 : _publisher.OldestHeldSequence; }
        }

        /// <summary>Successful connections after the first: how often the node had to reconnect.</summary>
        public long Reconnects
        {
            get { return _session == null ? 0 : _session.Reconnects; }
        }

        public long ConnectAttempts
        {
            get { return _session == null ? 0 : _session.ConnectAttempts; }
        }

        public long PublishFailures
        {
            get { return _session == null ? 0 : _session.PublishFailures; }
        }

        public long HealthQueued
        {
            get { return _health == null ? 0 : _health.HealthQueued; }
        }

        /// <summary>Meter events queued for publication.</summary>
        public long EventsQueued
        {
            get { return _events == null ? 0 : _events.EventsQueued; }
        }

        public long HeartbeatsQueued
        {
            get { return _events == null ? 0 : _events.HeartbeatsQueued; }
        }

        /// <summary>Messages (reports, measures, events, health) not published because they did not fit the encoding
        /// buffer or the outbox: each is also logged and announced by a reportTooLarge event, and counted in health.
        /// The buffers are sized at start for the largest report, so this stays 0 unless a driver exceeds what it
        /// declares (a meter identifier beyond 96 characters).</summary>
        public long MessagesTooLarge
        {
            get { return _events == null ? 0 : _events.MessagesTooLarge; }
        }

        public long EventsPublished
        {
            get { return _publisher == null ? 0 : _publisher.EventsPublished; }
        }

        public long ReportsPublished
        {
            get { return _publisher == null ? 0 : _publisher.ReportsPublished; }
        }

        /// <summary>Windows closed with no sample at all (nothing to report).</summary>
        public long EmptyWindows { get; private set; }

        /// <summary>The largest message this configuration can produce, computed at start (0 before).</summary>
        public int LargestMessageBytes { get; private set; }

        /// <summary>Steps of the wall clock seen (SNTP corrections beyond the tolerance, first synchronisation).</summary>
        public long ClockSteps
        {
            get { return _clockSteps == null ? 0 : _clockSteps.Steps; }
        }

        public int OutboxDepth
        {
            get { return _publisher == null ? 0 : _publisher.Depth; }
        }

        public int OutboxDropped
        {
            get { return _publisher == null ? 0 : _publisher.Dropped; }
        }

        /// <summary>The sequence number the next report will carry.</summary>
        public long NextSequence
        {
            get { return _sequence == null ? 1 : _sequence.Peek; }
        }

        /// <summary>Adds a meter before <see cref="Start"/>; meters are reported in the order added.</summary>
        public void AddMeter(IMeterDriver driver)
        {
            if (_started)
            {
                throw new InvalidOperationException("meters are added before Start");
            }

            if (driver == null)
            {
                throw new ArgumentNullException("driver");
            }

            _drivers.Add(driver);
        }

        /// <summary>Allocates every buffer the loop needs, once, and makes the node's parts.</summary>
        public void Start()
        {
            if (_started)
            {
                throw new InvalidOperationException("already started");
            }

            if (_drivers.Count == 0)
            {
                throw new InvalidOperationException("no meter configured");
            }

            StoredSettings.Apply(_store, _config, _log);
            int meterCount = _drivers.Count;
            AggregationProfile profile = _config.Profile != null ? _config.Profile : AggregationProfile.Single(_config.WindowSeconds);
            string[] meterIds = CollectMeters(profile);
            string[] windowNames = new string[_windows.Length];
            for (int w = 0; w < _windows.Length; w++)
            {
                windowNames[w] = _windows[w].Calendar.Name;
            }

            _header = new ReportHeader();
            _header.NodeId = _config.NodeId;
            _header.MeterIds = meterIds;
            _header.PublishedMeterIds = new string[meterCount];
            object[] meterCounters = new object[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                meterCounters[i] = _meters[i] as ICounterSource;
            }

            _reports = ReportEncoder.For(_config.Format);
            LargestMessageBytes = MessageBudget.Largest(_config, profile, meterIds, meterCounters, _reports);
            JsonWriter writer = new JsonWriter(new byte[LargestMessageBytes]);

            // Reports larger than a slot span several, put together to be published in the encoding buffer: the loop
            // reads the outbox and the history only while publishing or requeueing, never while encoding, and
            // everything encoded is copied into the outbox at once. That saves a second buffer of the largest size.
            byte[] staging = LargestMessageBytes > _config.OutboxSlotBytes ? writer.Buffer : null;
            long startedMs = _clock.MonotonicMs;
            _topics = new TopicMap(_config, meterIds, windowNames);
            _publisher = new ReportPublisher(_config, _topics, staging, startedMs);
            _sequence = new SequenceCounter(_store, "seq", _config.SequenceBlock);
            _events = new EventReporter(_header, writer, new SequenceCounter(_store, "eseq", _config.SequenceBlock), _publisher, _clock, _log);
            _reports.Attach(_header, writer, _sequence, _publisher, _events, _topics, _clock);
            _commands = new Edge.Core.Commands.CommandDispatcher(this, _config, _link, _store);
            _session = new BrokerSession(_config, _link, _topics.Status, CommandSubscriptions(), writer, _log, _clock.UtcNow, startedMs);
            _health = new HealthReporter(_config, _clock, _header, writer, _publisher, _events, _session, meterCounters, startedMs);
            _clockSteps = new ClockStepDetector(_clock, _config);
            _changes = new Edge.Core.ReportByException.ChangeDetector(_config.ChangeRules);
            if (_config.WatchVoltageQuality)
            {
                _powerQuality = new Edge.Core.PowerQuality.VoltageQualityMonitor(_config.NominalVoltageDeciVolts, 1, _config.Zone, this);
            }

            _watchdog = new MeterWatchdog(_config, meterCount, startedMs);
            _link.MessageReceived += OnMessage;
            _started = true;
        }

        /// <summary>The meters added, their sinks, and the windows with the meters' register rules; returns the
        /// meters' ids in the order added.</summary>
        private string[] CollectMeters(AggregationProfile profile)
        {
            int meterCount = _drivers.Count;
            _meters = new IMeterDriver[meterCount];
            _sinks = new MeterReadingSink[meterCount];
            _windows = new WindowAggregator[profile.Windows.Length];
            for (int w = 0; w < _windows.Length; w++)
            {
                _windows[w] = new WindowAggregator(profile.Windows[w], meterCount, _config.SlotCapacity, profile.MaxHoldMs);
                for (int r = 0; _config.RegisterRules != null && r < _config.RegisterRules.Length; r++)
                {
                    _windows[w].SetRegisterRule(_config.RegisterRules[r]);
                }
            }

            string[] meterIds = new string[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                _meters[i] = (IMeterDriver)_drivers[i];
                _sinks[i] = new MeterReadingSink(this, i);
                meterIds[i] = _meters[i].MeterId;
            }

            return meterIds;
        }

        /// <summary>The node's command topics, and with iota-json the IoT Agent command topic of each device.</summary>
        private string[] CommandSubscriptions()
        {
            bool iota = _config.Format == PayloadFormat.IotaJson;
            string[] subscriptions = new string[1 + (iota ? _topics.WindowCount * _topics.MeterCount : 0)];
            subscriptions[0] = _commands.TopicFilter;
            for (int w = 0; iota && w < _topics.WindowCount; w++)
            {
                for (int i = 0; i < _topics.MeterCount; i++)
                {
                    subscriptions[1 + (w * _topics.MeterCount) + i] = _commands.IotaTopic(_topics.IotaDeviceId(w, i));
                }
            }

            return subscriptions;
        }

        /// <summary>One pass of the loop; call it about once a second (more often is harmless).</summary>
        public void Tick()
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start first");
            }

            DateTime now = _clock.UtcNow;
            long monotonicMs = _clock.MonotonicMs;
            bool stepped = _clockSteps.Check();
            for (int w = 0; w < _windows.Length; w++)
            {
                WindowAggregator window = _windows[w];
                if (!window.IsOpen)
                {
                    window.Open(now);
                }
                else if (window.IsDue(now))
                {
                    CloseWindow(w, now, stepped);
                    window.Open(now);
                }
            }

            PollMeters(now, monotonicMs);
            if (_powerQuality != null)
            {
                _powerQuality.Tick(now);
            }

            _commands.Run(monotonicMs);
            _health.Tick(now, monotonicMs, SystemInfo, _commands.Unanswered);
            ServiceBroker(monotonicMs);
        }

        private void PollMeters(DateTime now, long monotonicMs)
        {
            for (int i = 0; i < _meters.Length; i++)
            {
                _meters[i].Poll(now, monotonicMs, _sinks[i]);
                long silentSeconds = _watchdog.Check(i, monotonicMs);
                if (silentSeconds != MeterWatchdog.NoChange)
                {
                    _events.MeterEvent(_meters[i].MeterId, MeterEventKind.MeterSilent, new Reading(QuantityId.TotalActiveEnergyImport, silentSeconds, 0, now, ReadingQuality.Good));
                }
            }
        }

        /// <summary>Closes the open window now (on shutdown), so its data is reported rather than lost.</summary>
        public void Flush()
        {
            if (!_started)
            {
                return;
            }

            DateTime now = _clock.UtcNow;
            for (int w = 0; w < _windows.Length; w++)
            {
                if (_windows[w].IsOpen)
                {
                    CloseWindow(w, now, false);
                    _windows[w].Open(now);
                }
            }

            ServiceBroker(_clock.MonotonicMs);
        }

        /// <summary>Readings of every meter go to every window whose plan covers them.</summary>
        void IMeterReadingHandler.OnReading(int meter, Reading reading)
        {
            long monotonicMs = _clock.MonotonicMs;
            long resumedSeconds = _watchdog.OnReading(meter, monotonicMs);
            if (resumedSeconds != MeterWatchdog.NoChange)
            {
                Reading resumed = reading;
                resumed.Value = resumedSeconds;
                resumed.Decimals = 0;
                _events.MeterEvent(_meters[meter].MeterId, MeterEventKind.MeterResumed, resumed);
            }

            for (int w = 0; w < _windows.Length; w++)
            {
                _windows[w].Add(meter, reading);
            }

            if (_changes.RuleCount > 0 && _changes.ShouldReport(meter, reading, monotonicMs))
            {
                _events.MeterEvent(_meters[meter].MeterId, MeterEventKind.ValueChanged, reading);
            }

            if (_powerQuality != null)
            {
                _powerQuality.OnReading(meter, reading);
            }
        }

        /// <summary>Encodes a meter event and queues it at once, ahead of the window's end.</summary>
        void IMeterReadingHandler.OnMeterEvent(int meter, MeterEventKind kind, Reading reading)
        {
            _events.MeterEvent(_meters[meter].MeterId, kind, reading);
        }

        /// <summary>Publishes again the held reports from sequence <paramref name="from"/> on; returns how many.</summary>
        public int Resync(long from)
        {
            return _publisher == null ? 0 : _publisher.Resync(from);
        }

        /// <summary>After config/set: settings that apply at once (heartbeat, silence, health periods, power quality).</summary>
        public void ApplyRuntimeSettings()
        {
            if (_config.WatchVoltageQuality && (_powerQuality == null || _powerQuality.NominalVoltage != _config.NominalVoltageDeciVolts))
            {
                _powerQuality = new Edge.Core.PowerQuality.VoltageQualityMonitor(_config.NominalVoltageDeciVolts, 1, _config.Zone, this);
            }
            else if (!_config.WatchVoltageQuality)
            {
                _powerQuality = null;
            }

            _health.Reschedule(_clock.MonotonicMs);
        }

        private void OnMessage(string topic, byte[] payload)
        {
            _commands.Receive(topic, payload);
        }

        /// <summary>The IoT Agent device of a meter's window (Start first): &lt;nodeId&gt;-&lt;meterId&gt;-&lt;window&gt;
        /// (see <see cref="TopicMap.IotaDeviceId"/>).</summary>
        public string IotaDeviceId(int window, int meter)
        {
            return _topics.IotaDeviceId(window, meter);
        }

        /// <summary>Says goodbye: the retained status goes offline, then the connection closes.</summary>
        public void Stop()
        {
            if (!_started)
            {
                return;
            }

            if (_session.IsConnected)
            {
                DrainOutbox();
                _session.SayGoodbye();
            }

            _session.Stop();
        }

        /// <summary>Publishes everything queued, as long as the broker takes it (end of a replay, clean shutdown).
        /// Returns how many messages are still queued.</summary>
        public int DrainOutbox()
        {
            if (!_started)
            {
                return 0;
            }

            int before;
            do
            {
                before = _publisher.Depth;
                ServiceBroker(_clock.MonotonicMs);
            }
            while (_publisher.Depth > 0 && _publisher.Depth < before);

            return _publisher.Depth;
        }

        private void CloseWindow(int w, DateTime now, bool stepped)
        {
            WindowAggregator window = _windows[w];
            window.Close(now);
            if (window.SampleCount == 0)
            {
                EmptyWindows++;
                return;
            }

            _header.Sequence = _sequence.Peek;
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = stepped;
            for (int i = 0; i < _meters.Length; i++)
            {
                _header.PublishedMeterIds[i] = _meters[i].PublishedMeterId;
            }

            _reports.Enqueue(w, window);
        }

        private void ServiceBroker(long monotonicMs)
        {
            if (_session.Ready(monotonicMs))
            {
                _publisher.PublishQueued(_session, _config.MaxPublishesPerTick);
            }
        }
    }
}
