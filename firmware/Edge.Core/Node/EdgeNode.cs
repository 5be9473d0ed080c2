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
    /// The node: one cooperative loop. Each <see cref="Tick"/> closes the window if its end has passed
    /// (encoding the report into the outbox), polls every driver into the open window, then keeps the broker
    /// connection up and drains the outbox. Everything is allocated in <see cref="Start"/>; a tick allocates
    /// nothing in steady state. With a <see cref="ManualClock"/> the node runs deterministically.
    /// </summary>
    public sealed class EdgeNode : IMeterReadingHandler
    {
        private const int ReportQos = 1;
        private const byte ReadingsTopicIndex = 0;
        private const byte EventsTopicIndex = 1;
        private const byte HealthTopicIndex = 2;
        private const byte FirstMeasureTopicIndex = 3;

        private readonly NodeConfig _config;
        private readonly IClock _clock;
        private readonly IMqttLink _link;
        private readonly ILog _log;
        private readonly IStore _store;
        private readonly ArrayList _drivers = new ArrayList();

        private IMeterDriver[] _meters;
        private MeterRoster _roster;
        private MeterReadingSink[] _sinks;
        private WindowAggregator[] _windows;
        private long _lastClockOffsetTicks;
        private Edge.Core.ReportByException.ChangeDetector _changes;
        private Edge.Core.PowerQuality.VoltageQualityMonitor _powerQuality;
        private long[] _lastReadingMs;
        private bool[] _meterSilent;
        private long _lastEnqueuedMs;
        private bool _lastSynchronised;
        private ReportHeader _header;
        private EdgeJsonEncoder _encoder;
        private EventJsonEncoder _eventEncoder;
        private SenmlEncoder _senmlEncoder;
        private IotaJsonEncoder _iotaEncoder;
        private StatusJsonEncoder _statusEncoder;
        private string _statusTopic;
        private object[] _meterCounters;
        private DateTime _startedUtc;
        private long _startedMs;
        private long _nextHealthMs;
        private long _healthSequence;
        private long _connections;
        private Edge.Core.Commands.CommandDispatcher _commands;
        private ReportHistory _history;
        private SequenceCounter _eventSequence;
        private string[] _topics;
        private JsonWriter _writer;
        private ReportOutbox _outbox;
        private SequenceCounter _sequence;
        private ReconnectBackoff _backoff;
        private MqttConnectOptions _connectOptions;
        private long _nextConnectAttemptMs;
        private bool _started;
        private bool _stopped;

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
            _log = log;
        }

        /// <summary>Topic of window reports: &lt;prefix&gt;/&lt;nodeId&gt;/readings.</summary>
        public string ReadingsTopic
        {
            get { return _config.TopicPrefix + "/" + _config.NodeId + "/readings"; }
        }

        /// <summary>Topic of the retained status: &lt;prefix&gt;/&lt;nodeId&gt;/status (birth "online", Last Will "offline").</summary>
        public string StatusTopic
        {
            get { return _config.TopicPrefix + "/" + _config.NodeId + "/status"; }
        }

        /// <summary>Topic of periodic health telemetry: &lt;prefix&gt;/&lt;nodeId&gt;/health.</summary>
        public string HealthTopic
        {
            get { return _config.TopicPrefix + "/" + _config.NodeId + "/health"; }
        }

        /// <summary>The load-control relay driven by the relay/set command; set before Start (optional).</summary>
        public IDigitalOutput Relay { get; set; }

        /// <summary>What the reboot command calls; set before Start (optional).</summary>
        public Edge.Core.Commands.INodeControl Control { get; set; }

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

        /// <summary>Lowest report sequence still held for resync, or -1.</summary>
        public long OldestHeldSequence
        {
            get { return _history == null ? -1 : _history.OldestSequence; }
        }

        /// <summary>Free memory and signal strength for health telemetry; set before Start (optional).</summary>
        public ISystemInfo SystemInfo { get; set; }

        /// <summary>Successful connections after the first: how often the node had to reconnect.</summary>
        public long Reconnects { get; private set; }

        public long HealthQueued { get; private set; }

        /// <summary>Topic of immediate meter events: &lt;prefix&gt;/&lt;nodeId&gt;/events.</summary>
        public string EventsTopic
        {
            get { return _config.TopicPrefix + "/" + _config.NodeId + "/events"; }
        }

        /// <summary>Meter events queued for publication.</summary>
        public long EventsQueued { get; private set; }

        public long EventsPublished { get; private set; }

        public long HeartbeatsQueued { get; private set; }

        /// <summary>The EN 50160 monitor (null when disabled): weekly counters for health telemetry.</summary>
        public Edge.Core.PowerQuality.VoltageQualityMonitor PowerQualityMonitor
        {
            get { return _powerQuality; }
        }

        public long ReportsPublished { get; private set; }

        /// <summary>Windows closed with no sample at all (nothing to report).</summary>
        public long EmptyWindows { get; private set; }

        /// <summary>Messages (reports, measures, events, health) not published because they did not fit the encoding
        /// buffer or the outbox: each is also logged and announced by a reportTooLarge event, and counted in health.
        /// The buffers are sized at start for the largest report, so this stays 0 unless a driver exceeds what it
        /// declares (a meter identifier beyond 96 characters).</summary>
        public long MessagesTooLarge { get; private set; }

        /// <summary>The largest message this configuration can produce, computed at start (0 before).</summary>
        public int LargestMessageBytes { get; private set; }

        public long ConnectAttempts { get; private set; }

        /// <summary>Steps of the wall clock seen (SNTP corrections beyond the tolerance, first synchronisation).</summary>
        public long ClockSteps { get; private set; }

        public long PublishFailures { get; private set; }

        public int OutboxDepth
        {
            get { return _outbox == null ? 0 : _outbox.Count; }
        }

        public int OutboxDropped
        {
            get { return _outbox == null ? 0 : _outbox.Dropped; }
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

        /// <summary>Allocates every buffer the loop needs, once.</summary>
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

            LoadStoredSettings();
            int meterCount = _drivers.Count;
            _meters = new IMeterDriver[meterCount];
            _sinks = new MeterReadingSink[meterCount];
            string[] meterIds = new string[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                _meters[i] = (IMeterDriver)_drivers[i];
                _sinks[i] = new MeterReadingSink(this, i);
                meterIds[i] = _meters[i].MeterId;
            }

            _roster = new MeterRoster(_meters, _log);
            _roster.Describe();
            RegisterRule[] rules = _roster.Rules(_config.RegisterRules);
            AggregationProfile profile = _config.Profile != null ? _config.Profile : AggregationProfile.Single(_config.WindowSeconds);
            _windows = new WindowAggregator[profile.Windows.Length];
            for (int w = 0; w < _windows.Length; w++)
            {
                _windows[w] = new WindowAggregator(profile.Windows[w], meterCount, _config.SlotCapacity, profile.MaxHoldMs);
                for (int r = 0; r < rules.Length; r++)
                {
                    _windows[w].SetRegisterRule(rules[r]);
                }
            }

            _header = new ReportHeader();
            _header.NodeId = _config.NodeId;
            _header.MeterIds = meterIds;
            _header.PublishedMeterIds = new string[meterCount];
            _encoder = new EdgeJsonEncoder();
            _eventEncoder = new EventJsonEncoder();
            _senmlEncoder = new SenmlEncoder();
            _iotaEncoder = new IotaJsonEncoder();
            _statusEncoder = new StatusJsonEncoder();
            _meterCounters = new object[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                _meterCounters[i] = _meters[i] as ICounterSource;
            }
            LargestMessageBytes = LargestMessage(profile, meterIds);
            _writer = new JsonWriter(new byte[LargestMessageBytes]);

            // Reports larger than a slot span several, put together to be published in the encoding buffer: the loop
            // reads the outbox and the history only while publishing or requeueing, never while encoding, and
            // everything encoded is copied into the outbox at once. That saves a second buffer of the largest size.
            byte[] staging = LargestMessageBytes > _config.OutboxSlotBytes ? _writer.Buffer : null;
            _outbox = new ReportOutbox(_config.OutboxCapacity, _config.OutboxSlotBytes, staging);
            _history = new ReportHistory(_config.HistoryCapacity, _config.OutboxSlotBytes, staging);
            _sequence = new SequenceCounter(_store, "seq", _config.SequenceBlock);
            _eventSequence = new SequenceCounter(_store, "eseq", _config.SequenceBlock);
            _backoff = new ReconnectBackoff(_config.ReconnectMinDelayMs, _config.ReconnectMaxDelayMs, ReconnectBackoff.SeedFrom(_config.NodeId));
            // Topics 0-2 are the node's; with iota-json, 3 + window * meters + meter is the IoT Agent measure topic
            // of each meter and window (an outbox entry keeps its topic's index in a byte).
            int measureTopics = _windows.Length * meterCount;
            if (_config.Format == PayloadFormat.IotaJson && FirstMeasureTopicIndex + measureTopics > 256)
            {
                throw new InvalidOperationException("iota-json: at most " + (256 - FirstMeasureTopicIndex).ToString() + " meters times windows");
            }

            _topics = new string[FirstMeasureTopicIndex + measureTopics];
            _topics[ReadingsTopicIndex] = ReadingsTopic;
            _topics[EventsTopicIndex] = EventsTopic;
            _topics[HealthTopicIndex] = HealthTopic;
            for (int w = 0; w < _windows.Length; w++)
            {
                for (int i = 0; i < meterCount; i++)
                {
                    _topics[FirstMeasureTopicIndex + (w * meterCount) + i] = "/json/" + _config.IotaApiKey + "/" + IotaDeviceId(w, i) + "/attrs";
                }
            }
            _statusTopic = StatusTopic;
            _connectOptions = new MqttConnectOptions();
            _connectOptions.ClientId = "edge-" + _config.NodeId;
            _connectOptions.UserName = _config.MqttUserName;
            _connectOptions.Password = _config.MqttPassword;
            _connectOptions.KeepAliveSeconds = _config.KeepAliveSeconds;

            // Last Will: if the node vanishes without saying goodbye, the broker sets its retained status offline.
            int willLength = _statusEncoder.EncodeLastWill(_config.NodeId, _writer);
            byte[] will = new byte[willLength];
            Array.Copy(_writer.Buffer, will, willLength);
            _connectOptions.WillTopic = _statusTopic;
            _connectOptions.WillPayload = will;
            _connectOptions.WillRetain = true;
            _startedUtc = _clock.UtcNow;
            _startedMs = _clock.MonotonicMs;
            _nextHealthMs = _startedMs + (_config.HealthSeconds * 1000L);
            _nextConnectAttemptMs = _clock.MonotonicMs;
            _lastClockOffsetTicks = ClockOffsetTicks();
            _lastSynchronised = _clock.IsSynchronised;
            _changes = new Edge.Core.ReportByException.ChangeDetector(_config.ChangeRules);
            if (_config.WatchVoltageQuality)
            {
                _powerQuality = new Edge.Core.PowerQuality.VoltageQualityMonitor(_config.NominalVoltageDeciVolts, 1, _config.Zone, this);
            }

            _lastReadingMs = new long[meterCount];
            _meterSilent = new bool[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                _lastReadingMs[i] = _clock.MonotonicMs;
            }

            _lastEnqueuedMs = _clock.MonotonicMs;
            _commands = new Edge.Core.Commands.CommandDispatcher(this, _config, _link, _store);
            _link.MessageReceived += OnMessage;
            _started = true;
        }

        /// <summary>
        /// The largest message the node can produce: the report of each window in the configured format (every
        /// quantity a window covers, with its statistics, at the widest values), events, health and status. Throws
        /// ArgumentException naming the setting when a window's report cannot fit MaxMessageBytes, or its slots
        /// the outbox or the history, so that no report is ever refused for its size at run time.
        /// </summary>
        private int LargestMessage(AggregationProfile profile, string[] meterIds)
        {
            int largest = MessageSizeBound.Birth(_config.NodeId, _config.FirmwareVersion, _config.Board, _config.ConfigHash);
            largest = Larger(largest, MessageSizeBound.Event(_config.NodeId, meterIds, profile.Windows));
            largest = Larger(largest, MessageSizeBound.Health(_config.NodeId, meterIds, _meterCounters));
            for (int w = 0; w < profile.Windows.Length; w++)
            {
                WindowPlan plan = profile.Windows[w];
                int report;
                if (_config.Format == PayloadFormat.Senml)
                {
                    report = MessageSizeBound.Senml(_config.NodeId, meterIds, plan, _config.SlotCapacity);
                }
                else if (_config.Format == PayloadFormat.IotaJson)
                {
                    report = 0;
                    for (int m = 0; m < meterIds.Length; m++)
                    {
                        report = Larger(report, MessageSizeBound.IotaJson(m, plan, _config.SlotCapacity));
                    }
                }
                else
                {
                    report = MessageSizeBound.EdgeJson(_config.NodeId, meterIds, plan, _config.SlotCapacity);
                }

                string what = "the " + plan.Calendar.Name + " report of " + meterIds.Length.ToString() + " meter(s) in " + PayloadFormats.NameOf(_config.Format)
                    + " can take " + report.ToString() + " bytes";
                if (report > _config.MaxMessageBytes)
                {
                    throw new ArgumentException(
                        what + ", more than MaxMessageBytes (" + _config.MaxMessageBytes.ToString() + "): cover fewer quantities or statistics, lower SlotCapacity, or raise MaxMessageBytes",
                        "MaxMessageBytes");
                }

                int slots = (report + _config.OutboxSlotBytes - 1) / _config.OutboxSlotBytes;
                if (slots > _config.OutboxCapacity)
                {
                    throw new ArgumentException(what + ", more than the outbox holds (OutboxCapacity " + _config.OutboxCapacity.ToString() + " x OutboxSlotBytes " + _config.OutboxSlotBytes.ToString() + ")", "OutboxCapacity");
                }

                if (_config.HistoryCapacity > 0 && slots > _config.HistoryCapacity)
                {
                    throw new ArgumentException(what + ", more than the resync history holds (HistoryCapacity " + _config.HistoryCapacity.ToString() + " x OutboxSlotBytes " + _config.OutboxSlotBytes.ToString() + ")", "HistoryCapacity");
                }

                largest = Larger(largest, report);
            }

            return largest;
        }

        private static int Larger(int a, int b)
        {
            return a > b ? a : b;
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
            bool stepped = DetectClockStep();
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

            _roster.RunBuses(monotonicMs);
            for (int i = 0; i < _meters.Length; i++)
            {
                _roster.Poll(i, now, monotonicMs, _sinks[i]);
                CheckSilence(i, now, monotonicMs);
            }

            if (_powerQuality != null)
            {
                _powerQuality.Tick(now);
            }

            _commands.Run(monotonicMs);

            if (_config.HealthSeconds > 0 && monotonicMs >= _nextHealthMs)
            {
                EnqueueHealth(now, monotonicMs);
                _nextHealthMs = monotonicMs + (_config.HealthSeconds * 1000L);
            }

            if (_config.HeartbeatSeconds > 0 && monotonicMs - _lastEnqueuedMs >= _config.HeartbeatSeconds * 1000L)
            {
                EnqueueHeartbeat(now);
            }

            ServiceBroker(monotonicMs);
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
            if (_meterSilent[meter])
            {
                _meterSilent[meter] = false;
                Reading resumed = reading;
                resumed.Value = (monotonicMs - _lastReadingMs[meter]) / 1000;
                resumed.Decimals = 0;
                EnqueueEvent(meter, MeterEventKind.MeterResumed, resumed);
            }

            _lastReadingMs[meter] = monotonicMs;
            for (int w = 0; w < _windows.Length; w++)
            {
                _windows[w].Add(meter, reading);
            }

            if (_changes.RuleCount > 0 && _changes.ShouldReport(meter, reading, monotonicMs))
            {
                EnqueueEvent(meter, MeterEventKind.ValueChanged, reading);
            }

            if (_powerQuality != null)
            {
                _powerQuality.OnReading(meter, reading);
            }
        }

        /// <summary>Publishes again the held reports from sequence <paramref name="from"/> on; returns how many.</summary>
        public int Resync(long from)
        {
            return _history == null ? 0 : _history.Requeue(from, _outbox, ReadingsTopicIndex);
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

            _nextHealthMs = _clock.MonotonicMs + (_config.HealthSeconds * 1000L);
        }

        private void OnMessage(string topic, byte[] payload)
        {
            _commands.Receive(topic, payload);
        }

        /// <summary>Settings changed by config/set before a reboot, kept in the store as flat JSON.</summary>
        private void LoadStoredSettings()
        {
            if (_store == null || _store.Length("config") <= 0)
            {
                return;
            }

            byte[] stored = new byte[_store.Length("config")];
            int length = _store.Read("config", stored, 0);
            var fields = new Edge.Core.Commands.JsonFields();
            if (length > 0 && fields.TryParse(stored, 0, length) && Edge.Core.Commands.ConfigFields.Validate(fields) == null)
            {
                Edge.Core.Commands.ConfigFields.Apply(fields, _config);
                _config.Validate();
            }
            else
            {
                Log(LogLevel.Warning, "stored settings unreadable; the provisioned ones are used");
            }
        }

        /// <summary>The IoT Agent device of a meter's window (Start first): &lt;nodeId&gt;-&lt;meterId&gt;-&lt;window&gt;,
        /// the window being named by its ISO 8601 duration (PT1M, PT15M, P1D), so that each window of a meter is an
        /// entity of its own in the context broker and its values are never overwritten by another window's.</summary>
        public string IotaDeviceId(int window, int meter)
        {
            return _config.NodeId + "-" + ((IMeterDriver)_drivers[meter]).MeterId + "-" + _windows[window].Calendar.Name;
        }

        /// <summary>iota-json: one measure per meter that has something the data model knows, to the device of
        /// that meter and window.</summary>
        private void EnqueueMeasures(int w)
        {
            WindowAggregator window = _windows[w];
            for (int meter = 0; meter < _meters.Length; meter++)
            {
                int length = _iotaEncoder.Encode(window, meter, _writer);
                if (length < 0)
                {
                    _sequence.Take();
                    RefuseTooLarge(_meters[meter].MeterId, window.Calendar.Name, _writer.RequiredLength, _writer.Buffer.Length);
                }
                else if (length > 0)
                {
                    if (!_outbox.Enqueue((byte)(FirstMeasureTopicIndex + (w * _meters.Length) + meter), _sequence.Take(), _writer.Buffer, length))
                    {
                        RefuseTooLarge(_meters[meter].MeterId, window.Calendar.Name, length, _outbox.LargestMessageBytes);
                    }

                    _lastEnqueuedMs = _clock.MonotonicMs;
                }
            }
        }

        /// <summary>Says goodbye: the retained status goes offline, then the connection closes.</summary>
        public void Stop()
        {
            if (!_started)
            {
                return;
            }

            if (_link.IsConnected)
            {
                DrainOutbox();
                _link.Publish(_statusTopic, _connectOptions.WillPayload, _connectOptions.WillPayload.Length, ReportQos, true);
                _link.Disconnect();
            }

            _stopped = true;
        }

        private bool PublishBirth()
        {
            int length = _statusEncoder.EncodeBirth(_config.NodeId, _config.FirmwareVersion, _config.Board, _config.ConfigHash, _startedUtc, _writer);
            return length > 0 && _link.Publish(_statusTopic, _writer.Buffer, length, ReportQos, true);
        }

        private void EnqueueHealth(DateTime now, long monotonicMs)
        {
            _header.Sequence = ++_healthSequence;
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = false;
            long freeMemory = SystemInfo == null ? -1 : SystemInfo.FreeMemoryBytes;
            int rssi = SystemInfo == null ? 0 : SystemInfo.SignalStrengthDbm;
            int length = _statusEncoder.EncodeHealth(
                _header, now, (monotonicMs - _startedMs) / 1000, freeMemory, rssi, Reconnects, _outbox.Count, _outbox.Dropped, MessagesTooLarge, _commands.Unanswered, _meterCounters, _writer);
            if (length < 0)
            {
                RefuseTooLarge(null, "health", _writer.RequiredLength, _writer.Buffer.Length);
            }
            else if (!_outbox.Enqueue(HealthTopicIndex, _healthSequence, _writer.Buffer, length))
            {
                RefuseTooLarge(null, "health", length, _outbox.LargestMessageBytes);
            }
            else
            {
                HealthQueued++;
            }
        }

        private void CheckSilence(int meter, DateTime now, long monotonicMs)
        {
            if (_config.MeterSilenceSeconds <= 0 || _meterSilent[meter])
            {
                return;
            }

            long silentMs = monotonicMs - _lastReadingMs[meter];
            if (silentMs >= _config.MeterSilenceSeconds * 1000L)
            {
                _meterSilent[meter] = true;
                EnqueueEvent(meter, MeterEventKind.MeterSilent, new Reading(QuantityId.TotalActiveEnergyImport, silentMs / 1000, 0, now, ReadingQuality.Good));
            }
        }

        private void EnqueueHeartbeat(DateTime now)
        {
            _header.Sequence = _eventSequence.Peek;
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = false;
            int length = _eventEncoder.EncodeHeartbeat(_header, now, _writer);
            if (length > 0)
            {
                _outbox.Enqueue(EventsTopicIndex, _eventSequence.Take(), _writer.Buffer, length);
                HeartbeatsQueued++;
            }

            _lastEnqueuedMs = _clock.MonotonicMs;
        }

        /// <summary>
        /// A step of the wall clock shows as a change of (wall time - monotonic time) beyond the tolerance, or as the
        /// clock becoming synchronised. Windows that the new time leaves are then cut and flagged "stepped".
        /// </summary>
        private bool DetectClockStep()
        {
            long offset = ClockOffsetTicks();
            long change = offset - _lastClockOffsetTicks;
            bool synchronised = _clock.IsSynchronised;
            bool stepped = change > _config.ClockStepToleranceMs * TimeSpan.TicksPerMillisecond
                || -change > _config.ClockStepToleranceMs * TimeSpan.TicksPerMillisecond
                || (synchronised && !_lastSynchronised);
            _lastClockOffsetTicks = offset;
            _lastSynchronised = synchronised;
            if (stepped)
            {
                ClockSteps++;
            }

            return stepped;
        }

        private long ClockOffsetTicks()
        {
            return _clock.UtcNow.Ticks - (_clock.MonotonicMs * TimeSpan.TicksPerMillisecond);
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
                before = _outbox.Count;
                ServiceBroker(_clock.MonotonicMs);
            }
            while (_outbox.Count > 0 && _outbox.Count < before);

            return _outbox.Count;
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

            if (_config.Format == PayloadFormat.IotaJson)
            {
                EnqueueMeasures(w);
                return;
            }

            int length = _config.Format == PayloadFormat.Senml
                ? _senmlEncoder.Encode(_header, window, _writer)
                : _encoder.Encode(_header, window, _writer);

            // A refused report still takes its sequence number, so that consumers see the gap the event explains.
            long sequence = _sequence.Take();
            if (length < 0)
            {
                RefuseTooLarge(null, window.Calendar.Name, _writer.RequiredLength, _writer.Buffer.Length);
                return;
            }

            if (!_outbox.Enqueue(ReadingsTopicIndex, sequence, _writer.Buffer, length))
            {
                RefuseTooLarge(null, window.Calendar.Name, length, _outbox.LargestMessageBytes);
                return;
            }

            _lastEnqueuedMs = _clock.MonotonicMs;
        }

        /// <summary>Encodes a meter event and queues it at once, ahead of the window's end.</summary>
        void IMeterReadingHandler.OnMeterEvent(int meter, MeterEventKind kind, Reading reading)
        {
            EnqueueEvent(meter, kind, reading);
        }

        private void EnqueueEvent(int meter, MeterEventKind kind, Reading reading)
        {
            _header.Sequence = _eventSequence.Peek;
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = false;
            int length = _eventEncoder.Encode(_header, _meters[meter].MeterId, kind, reading, _writer);
            if (length < 0)
            {
                RefuseTooLarge(_meters[meter].MeterId, "event", _writer.RequiredLength, _writer.Buffer.Length);
                return;
            }

            if (!_outbox.Enqueue(EventsTopicIndex, _eventSequence.Take(), _writer.Buffer, length))
            {
                RefuseTooLarge(_meters[meter].MeterId, "event", length, _outbox.LargestMessageBytes);
                return;
            }

            EventsQueued++;
            _lastEnqueuedMs = _clock.MonotonicMs;
        }

        /// <summary>
        /// A message refused for its size: counted (health "tooLarge"), logged, and announced on the events topic by
        /// a reportTooLarge event naming the window (or "health", "event") and both sizes, so that the loss is seen
        /// where the data is awaited. The event is small enough for any buffer the node sizes.
        /// </summary>
        private void RefuseTooLarge(string meterId, string window, int size, int limit)
        {
            MessagesTooLarge++;
            Log(LogLevel.Error, window + " message of " + size.ToString() + " bytes is larger than the " + limit.ToString() + " it may take; not published");
            _header.Sequence = _eventSequence.Peek;
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = false;
            int length = _eventEncoder.EncodeTooLarge(_header, _clock.UtcNow, meterId, window, size, limit, _writer);
            if (length > 0 && _outbox.Enqueue(EventsTopicIndex, _eventSequence.Take(), _writer.Buffer, length))
            {
                EventsQueued++;
            }
        }

        private void ServiceBroker(long monotonicMs)
        {
            // A node that said goodbye stays off the broker (it is shutting down or rebooting).
            if (_stopped)
            {
                return;
            }

            if (!_link.IsConnected)
            {
                if (monotonicMs < _nextConnectAttemptMs)
                {
                    return;
                }

                ConnectAttempts++;
                if (!_link.Connect(_connectOptions))
                {
                    _nextConnectAttemptMs = monotonicMs + _backoff.NextDelayMs();
                    Log(LogLevel.Warning, "broker unreachable; retrying later");
                    return;
                }

                _backoff.Reset();
                if (_connections++ > 0)
                {
                    Reconnects++;
                }

                Log(LogLevel.Info, "connected to broker");
                _link.Subscribe(_commands.TopicFilter, ReportQos);
                if (_config.Format == PayloadFormat.IotaJson)
                {
                    for (int w = 0; w < _windows.Length; w++)
                    {
                        for (int i = 0; i < _meters.Length; i++)
                        {
                            _link.Subscribe(_commands.IotaTopic(IotaDeviceId(w, i)), ReportQos);
                        }
                    }
                }
                if (!PublishBirth())
                {
                    PublishFailures++;
                    return;
                }
            }

            for (int i = 0; i < _config.MaxPublishesPerTick && _outbox.Count > 0; i++)
            {
                if (!_link.Publish(_topics[_outbox.OldestTopic], _outbox.OldestPayload, _outbox.OldestLength, ReportQos, false))
                {
                    PublishFailures++;
                    return;
                }

                if (_outbox.OldestTopic == ReadingsTopicIndex || _outbox.OldestTopic >= FirstMeasureTopicIndex)
                {
                    ReportsPublished++;
                    if (_outbox.OldestTopic == ReadingsTopicIndex)
                    {
                        _history.Add(_outbox.OldestSequence, _outbox.OldestPayload, _outbox.OldestLength);
                    }
                }
                else if (_outbox.OldestTopic == EventsTopicIndex)
                {
                    EventsPublished++;
                }

                _outbox.RemoveOldest();
            }
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null && _log.IsEnabled(level))
            {
                _log.Write(level, "node", message);
            }
        }
    }
}
