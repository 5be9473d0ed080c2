#nullable disable
using System;
using System.Collections;
using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Payloads;
using Edge.Core.Model;
using Edge.Core.Outbox;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>
    /// The node: one cooperative loop that wires its parts. Each <see cref="Tick"/> closes the windows whose end has
    /// passed (the <see cref="ReportEncoder"/> queues their reports), polls every driver into the open windows, runs
    /// commands, health and heartbeat, then advances the <see cref="BrokerSession"/> and lets the
    /// <see cref="ReportPublisher"/> drain the outbox. No tick waits for the network: a connection attempt or an
    /// acknowledgement shows up at a later tick, so a dead link never slows meter polling. Everything is allocated in
    /// <see cref="Start"/>; a tick allocates nothing in steady state. With a <see cref="ManualClock"/> the node runs
    /// deterministically; a host running it in virtual time against a real broker waits for <see cref="LinkBusy"/>
    /// to clear, calling <see cref="ServiceLink"/>, between ticks.
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
        private MeterRoster _roster;
        private MeterReadingSink[] _sinks;
        private WindowAggregator[] _windows;
        private ReportWindows _reports;
        private TopicMap _topics;
        private BrokerSession _session;
        private ReportPublisher _publisher;
        private EventReporter _events;
        private HealthReporter _health;
        private ReadingRouter _readings;
        private ClockStepDetector _clockSteps;
        private Edge.Core.Commands.CommandDispatcher _commands;
        private static readonly ICounterSource[] NoCounters = new ICounterSource[0];
        private ICounterSource[] _platformCounters = NoCounters;
        private bool _started;

        /// <summary>A node with its configuration (validated here), clock, broker link, store (null: none) and log (null: none).</summary>
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

        /// <summary>The configuration the node runs (validated).</summary>
        public NodeConfig Config
        {
            get { return _config; }
        }

        /// <summary>The node's broker link, for the self-test's broker check.</summary>
        public IMqttLink Link
        {
            get { return _link; }
        }

        /// <summary>The node's store, or null when it has none (the outbox then lives in RAM).</summary>
        public IStore Store
        {
            get { return _store; }
        }

        /// <summary>The platform's log, or null.</summary>
        public ILog Log
        {
            get { return _log.Platform; }
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

        /// <summary>Meters the node reads.</summary>
        public int MeterCount
        {
            get { return _drivers.Count; }
        }

        /// <summary>The driver of meter <paramref name="index"/>, in configuration order.</summary>
        public IMeterDriver Meter(int index)
        {
            return (IMeterDriver)_drivers[index];
        }

        /// <summary>True when the wall clock is synchronised.</summary>
        public bool ClockSynchronised
        {
            get { return _clock.IsSynchronised; }
        }

        /// <summary>File name prefix of the outbox's segments and marks in the node's store.</summary>
        public const string OutboxPrefix = "ob";

        /// <summary>Lowest report sequence the outbox still holds for resync, acknowledged or not, or -1.</summary>
        public long OldestHeldSequence
        {
            get { return _publisher == null ? -1 : _publisher.OldestHeldSequence; }
        }

        /// <summary>The broker session (null before Start): connection attempts, reconnects, failures by kind, ack timeouts, takeovers.</summary>
        public BrokerSession Session
        {
            get { return _session; }
        }

        /// <summary>The events topic (null before Start): events and heartbeats queued.</summary>
        public EventReporter Events
        {
            get { return _events; }
        }

        /// <summary>Where readings go (null before Start): its EN 50160 monitor.</summary>
        public ReadingRouter Readings
        {
            get { return _readings; }
        }

        /// <summary>Health telemetry (null before Start): health messages queued.</summary>
        public HealthReporter Health
        {
            get { return _health; }
        }

        /// <summary>Broker connection attempts so far, the failed ones included (0 before Start).</summary>
        public long ConnectAttempts
        {
            get { return _session == null ? 0 : _session.ConnectAttempts; }
        }

        /// <summary>Successful connections to the broker after the first (0 before Start).</summary>
        public long Reconnects
        {
            get { return _session == null ? 0 : _session.Reconnects; }
        }

        /// <summary>Commands that got no result: more than 40 between two passes of the loop, or a result the broker
        /// did not take (0 before Start).</summary>
        public long CommandsUnanswered
        {
            get { return _commands == null ? 0 : _commands.Unanswered; }
        }

        /// <summary>Messages (reports, measures, events, health) not published because they did not fit the encoding
        /// buffer or the outbox: each is also logged and announced by a reportTooLarge event, and counted in health.
        /// The buffers are sized at start for the largest report, so this stays 0 unless a driver exceeds what it
        /// declares (a meter identifier beyond 96 characters).</summary>
        public long MessagesTooLarge
        {
            get { return _events == null ? 0 : _events.MessagesTooLarge; }
        }

        /// <summary>Event messages the broker acknowledged (0 before Start).</summary>
        public long EventsPublished
        {
            get { return _publisher == null ? 0 : _publisher.EventsPublished; }
        }

        /// <summary>Reports the broker acknowledged (0 before Start).</summary>
        public long ReportsPublished
        {
            get { return _publisher == null ? 0 : _publisher.ReportsPublished; }
        }

        /// <summary>Windows closed with no sample at all (nothing to report).</summary>
        public long EmptyWindows
        {
            get { return _reports == null ? 0 : _reports.EmptyWindows; }
        }

        /// <summary>This start's number on the node's store, 1 for the first (0 without a store, or before Start).</summary>
        public long Boot { get; private set; }

        /// <summary>The largest message this configuration can produce, computed at start (0 before).</summary>
        public int LargestMessageBytes { get; private set; }

        /// <summary>Steps of the wall clock seen (SNTP corrections beyond the tolerance, first synchronisation).</summary>
        public long ClockSteps
        {
            get { return _clockSteps == null ? 0 : _clockSteps.Steps; }
        }

        /// <summary>The outbox (null before Start): what waits for the broker, in the store or in RAM, and its counters.</summary>
        public DurableOutbox Outbox
        {
            get { return _publisher == null ? null : _publisher.Outbox; }
        }

        /// <summary>The wall clock's time (UTC).</summary>
        public DateTime UtcNow
        {
            get { return _clock.UtcNow; }
        }

        /// <summary>Messages waiting in the outbox for the broker's acknowledgement.</summary>
        public int OutboxDepth
        {
            get { return _publisher == null ? 0 : _publisher.Depth; }
        }

        /// <summary>Unacknowledged messages the full outbox dropped to make room (its policy says which first).</summary>
        public int OutboxDropped
        {
            get { return _publisher == null ? 0 : _publisher.Dropped; }
        }

        /// <summary>The sequence number the next report will carry.</summary>
        public long NextSequence
        {
            get { return _reports == null ? 1 : _reports.NextSequence; }
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

        /// <summary>Counters of the platform's own adapters (the broker link, the store, a bus) published with the
        /// node's health fields, after them and under their own names; added before <see cref="Start"/>. What an
        /// adapter refuses or repairs is then visible in health like the drivers' counters.</summary>
        public void AddCounters(ICounterSource source)
        {
            if (_started)
            {
                throw new InvalidOperationException("counters are added before Start");
            }

            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            ICounterSource[] grown = new ICounterSource[_platformCounters.Length + 1];
            Array.Copy(_platformCounters, grown, _platformCounters.Length);
            grown[_platformCounters.Length] = source;
            _platformCounters = grown;
        }

        /// <summary>Platform counter sources added with <see cref="AddCounters"/>.</summary>
        public int PlatformCounterCount
        {
            get { return _platformCounters.Length; }
        }

        /// <summary>The platform counter source at <paramref name="index"/>, in the order added.</summary>
        public ICounterSource PlatformCounters(int index)
        {
            return _platformCounters[index];
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

            // One number per start, never reused: the status message carries it, so a platform tells a reboot
            // (new boot) from a reconnection (same boot). Without a store the node cannot count its starts.
            Boot = _store == null ? 0 : new SequenceCounter(_store, "boot", 1).Take();
            int meterCount = _drivers.Count;
            AggregationProfile profile = _config.Profile != null ? _config.Profile : AggregationProfile.Single(_config.WindowSeconds);
            string[] meterIds = CollectMeters(profile);
            string[] windowNames = new string[_windows.Length];
            for (int w = 0; w < _windows.Length; w++)
            {
                windowNames[w] = _windows[w].Calendar.Name;
            }

            ReportHeader header = new ReportHeader();
            header.NodeId = _config.NodeId;
            header.MeterIds = meterIds;
            header.PublishedMeterIds = new string[meterCount];
            object[] meterCounters = new object[meterCount];
            int[] meterIdChars = new int[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                meterCounters[i] = _meters[i] as ICounterSource;

                // A report carries the identifier a meter publishes, as long as its driver says it can be.
                MeterDriver driver = _meters[i] as MeterDriver;
                meterIdChars[i] = driver == null ? Edge.Core.Security.MeterIdentity.MaxPublishedChars : driver.LongestPublishedMeterIdChars;
            }

            // The health fields are collected once here, before the parts exist (their counters read 0), so that
            // the size bound counts exactly the fields the health messages will carry.
            HealthFields nodeHealth = new HealthFields();
            HealthReporter.CollectNode(nodeHealth, this);
            HealthFields[] meterHealth = HealthReporter.CollectMeters(null, meterCounters);
            ReportEncoder encoder = ReportEncoder.For(_config.Format);
            LargestMessageBytes = MessageBudget.Largest(_config, profile, meterIds, meterIdChars, nodeHealth, meterHealth, encoder);
            JsonWriter writer = new JsonWriter(new byte[LargestMessageBytes]);

            // The outbox keeps the store's records of earlier runs; without a store it lives in RAM, where its whole
            // capacity is allocated now. Segments are sized for the largest message, so a record always fits one.
            int segmentBytes = MessageBudget.SegmentBytes(_config, LargestMessageBytes, _store != null);
            int outboxBytes = MessageBudget.OutboxBytes(_config, segmentBytes, _store != null);
            DurableOutbox outbox = new DurableOutbox(_store, OutboxPrefix, outboxBytes, segmentBytes, _config.OutboxPolicy);
            long startedMs = _clock.MonotonicMs;
            _topics = new TopicMap(_config, meterIds, windowNames);

            // Records are read back to be published into the encoding buffer: the loop publishes only after it has
            // encoded and queued, and the link copies what it takes. That saves a second buffer of the largest size.
            _publisher = new ReportPublisher(_config, _topics, outbox, _clock, writer.Buffer, startedMs);
            SequenceCounter sequence = new SequenceCounter(_store, "seq", _config.SequenceBlock);
            SequenceCounter eventSequence = new SequenceCounter(_store, "eseq", _config.SequenceBlock);
            SequenceCounter healthSequence = new SequenceCounter(_store, "hseq", _config.SequenceBlock);
            RaiseCounters(outbox, sequence, eventSequence, healthSequence);
            _events = new EventReporter(header, writer, eventSequence, _publisher, _clock, _log);
            encoder.Attach(header, writer, sequence, _publisher, _events, _topics, _clock);
            _reports = new ReportWindows(_windows, _meters, header, encoder, sequence, _clock);
            _commands = new Edge.Core.Commands.CommandDispatcher(this, _config, _link, _store);
            _session = new BrokerSession(_config, _link, _topics.Status, CommandSubscriptions(), writer, _log, _clock.UtcNow, startedMs);
            _session.Boot = Boot;
            _health = new HealthReporter(_config, _clock, header, writer, _publisher, _events, this, _meters, meterCounters, nodeHealth, meterHealth, healthSequence, startedMs);
            _clockSteps = new ClockStepDetector(_clock, _config);
            _readings = new ReadingRouter(_config, _clock, meterIds, _reports, _events);
            for (int i = 0; i < meterCount; i++)
            {
                // Straight to the router, not through the node's own IMeterReadingHandler: one call less a sample.
                _sinks[i] = new MeterReadingSink(_readings, i);
            }
            _link.MessageReceived += OnMessage;
            _started = true;
        }

        /// <summary>Raises each sequence counter above every number the outbox holds on its topics, so that a counter
        /// erased or damaged never reissues a number a consumer may still receive (reports: the readings topic and
        /// every IoT Agent measure topic, which share one counter).</summary>
        private void RaiseCounters(DurableOutbox outbox, SequenceCounter reports, SequenceCounter events, SequenceCounter health)
        {
            if (outbox.HeldRecords == 0)
            {
                return;
            }

            long highest = outbox.HighestSequence(TopicMap.Readings);
            for (int t = TopicMap.FirstMeasure; t < _topics.Count; t++)
            {
                long measure = outbox.HighestSequence((byte)t);
                highest = measure > highest ? measure : highest;
            }

            reports.RaiseTo(highest + 1);
            events.RaiseTo(outbox.HighestSequence(TopicMap.Events) + 1);
            health.RaiseTo(outbox.HighestSequence(TopicMap.Health) + 1);
        }

        /// <summary>The meters added, their sinks, and the windows with the meters' register rules; returns the
        /// meters' ids in the order added.</summary>
        private string[] CollectMeters(AggregationProfile profile)
        {
            int meterCount = _drivers.Count;
            _meters = new IMeterDriver[meterCount];
            _sinks = new MeterReadingSink[meterCount];
            string[] meterIds = new string[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                _meters[i] = (IMeterDriver)_drivers[i];
                meterIds[i] = _meters[i].MeterId;
            }

            _roster = new MeterRoster(_meters, _log.Platform);
            _roster.Describe();
            RegisterRule[] rules = _roster.Rules(_config.RegisterRules);
            _windows = new WindowAggregator[profile.Windows.Length];
            for (int w = 0; w < _windows.Length; w++)
            {
                // A window never uses more slots than the (meter, quantity) pairs its plan covers: 4 for a household's
                // 15-minute intervals rather than SlotCapacity. A plan of every quantity keeps SlotCapacity as its
                // limit, beyond which samples are dropped and counted (DroppedNoSlot).
                WindowPlan plan = profile.Windows[w];
                int pairs = plan.Pairs(meterCount);
                int slots = pairs < _config.SlotCapacity ? pairs : _config.SlotCapacity;
                _windows[w] = new WindowAggregator(plan, meterCount, slots > 0 ? slots : 1, profile.MaxHoldMs);
                for (int r = 0; r < rules.Length; r++)
                {
                    _windows[w].SetRegisterRule(rules[r]);
                }
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
            if (stepped)
            {
                // Rare (an SNTP correction, the first synchronisation): said in the log, and counted in ClockSteps.
                _log.Write(LogLevel.Warning, "wall clock stepped by " + (_clockSteps.LastStepMs / 1000).ToString() + " s: the windows it left are reported now, flagged stepped");
            }

            _reports.CloseDue(now, stepped);
            PollMeters(now, monotonicMs);
            _readings.Tick(now);
            _commands.Run(monotonicMs);
            _health.Tick(now, monotonicMs);

            // Everything queued this tick reaches the store before any of it is published.
            _publisher.Flush();
            ServiceBroker(monotonicMs, true);
        }

        private void PollMeters(DateTime now, long monotonicMs)
        {
            _roster.RunBuses(monotonicMs);
            for (int i = 0; i < _meters.Length; i++)
            {
                _roster.Poll(i, now, monotonicMs, _sinks[i]);
                _readings.CheckSilence(i, now, monotonicMs);
            }
        }

        /// <summary>Closes the open window now (on shutdown), so its data is reported rather than lost.</summary>
        public void Flush()
        {
            if (!_started)
            {
                return;
            }

            _reports.CloseAll(_clock.UtcNow);
            _publisher.Flush();
            ServiceBroker(_clock.MonotonicMs, true);
        }

        /// <summary>What the drivers deliver goes where the <see cref="ReadingRouter"/> sends it.</summary>
        void IMeterReadingHandler.OnReading(int meter, Reading reading)
        {
            _readings.OnReading(meter, reading);
        }

        void IMeterReadingHandler.OnMeterEvent(int meter, MeterEventKind kind, Reading reading)
        {
            _readings.OnMeterEvent(meter, kind, reading);
        }

        /// <summary>Publishes again the held reports from sequence <paramref name="from"/> on; returns how many.</summary>
        public int Resync(long from)
        {
            return _publisher == null ? 0 : _publisher.Resync(from);
        }

        /// <summary>After config/set: settings that apply at once (heartbeat, silence, health periods, power quality).</summary>
        public void ApplyRuntimeSettings()
        {
            _readings.ApplySettings();
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

        /// <summary>Says goodbye: publishes what the link takes at once (<see cref="DrainOutbox"/>), then the retained
        /// status goes offline and the connection closes once the broker acknowledged it (at once on a link that
        /// acknowledges at once; else at a later <see cref="ServiceLink"/>). No connection is attempted after.</summary>
        public void Stop()
        {
            if (!_started)
            {
                return;
            }

            if (_session.IsReady)
            {
                DrainOutbox();
                _session.SayGoodbye();
            }

            // What was acknowledged reaches the store: a restart does not offer it again.
            _publisher.Flush();
            _session.Stop();
        }

        /// <summary>Publishes what is queued for as long as the link acknowledges at once (end of a replay, clean
        /// shutdown), never waiting, and not held to ReplayPerSecond. Returns how many messages are still queued: on a real network, those still in
        /// flight or not sent, which a host publishes by calling <see cref="ServiceLink"/> until they are acknowledged.</summary>
        public int DrainOutbox()
        {
            if (!_started)
            {
                return 0;
            }

            _publisher.Flush();
            int before;
            do
            {
                before = _publisher.Depth;
                ServiceBroker(_clock.MonotonicMs, false);
            }
            while (_publisher.Depth > 0 && _publisher.Depth < before);

            _publisher.Flush();
            return _publisher.Depth;
        }

        /// <summary>True while the broker link owes the node an answer: a connection attempt under way, or messages
        /// handed to the link and not yet acknowledged.</summary>
        public bool LinkBusy
        {
            get { return _started && _session.Busy; }
        }

        /// <summary>One pass of the broker work of a tick, without the meters: takes the link's completions, advances
        /// the connection, publishes what the window allows. Never waits; returns <see cref="LinkBusy"/>. A host waits
        /// for acknowledgements by calling it, with a short sleep, until it returns false or its own deadline passes.</summary>
        public bool ServiceLink()
        {
            if (!_started)
            {
                return false;
            }

            ServiceBroker(_clock.MonotonicMs, true);
            return _session.Busy;
        }

        private void ServiceBroker(long monotonicMs, bool paced)
        {
            _session.Service(monotonicMs);
            _publisher.PublishQueued(_session, _config.MaxPublishesPerTick, paced);
        }
    }
}
