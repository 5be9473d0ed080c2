#nullable disable
using System;
using Edge.Core.Aggregation;

namespace Edge.Core.Node
{
    /// <summary>Settings of one node. Defaults suit a household node with one meter.</summary>
    public sealed class NodeConfig
    {
        /// <summary>Node identifier, unique per broker; part of topics, so MQTT topic rules apply (no '/', '+', '#').</summary>
        public string NodeId = "node";

        /// <summary>First topic level: reports go to &lt;prefix&gt;/&lt;nodeId&gt;/readings.</summary>
        public string TopicPrefix = "edge";

        /// <summary>Report window in seconds when no <see cref="Profile"/> is given: one window of every quantity
        /// with every statistic. 60 in the simulator; in the field a profile with 900 s (the EU imbalance settlement
        /// period) and local days is usual.</summary>
        public int WindowSeconds = 60;

        /// <summary>The windows to report and their quantities and statistics; null for one window of
        /// <see cref="WindowSeconds"/>. See AggregationProfile.LinkyHousehold and ThreePhaseSubstation.</summary>
        public AggregationProfile Profile;

        /// <summary>A wall-clock change larger than this between two ticks (against the monotonic clock) is a step:
        /// open windows are cut there and flagged. Smaller corrections are absorbed.</summary>
        public long ClockStepToleranceMs = 2000;

        /// <summary>Most statistics slots a window has, one per (meter, quantity) pair: a window whose plan lists its
        /// quantities gets only the pairs it covers, below this; a sample of a pair beyond the limit is dropped.</summary>
        public int SlotCapacity = 32;

        /// <summary>Bytes the outbox may take, record and segment headers included: the reports, events and health
        /// messages waiting for the broker, and the acknowledged reports kept for the resync command. 0 picks the
        /// default: DurableOutbox.DefaultCapacityBytes (208 KB, a week of 15-minute reports) in the node's store,
        /// <see cref="RamOutboxBytes"/> (or three segments, when larger) without a store, where the whole capacity is
        /// allocated in RAM at start. At least two segments.</summary>
        public int OutboxBytes;

        /// <summary>Bytes of one outbox segment, the unit the outbox writes to the store and the size of its one RAM
        /// image of a segment (the open one, or a closed one being read). 0 picks, in a store, the smallest multiple of 4096
        /// (a LittleFS block of the ESP32: a file takes whole blocks) and, in RAM, the smallest multiple of 256, at
        /// least 2048, that holds the largest message the node computes at start with its segment and record headers.
        /// From 64 to 65535, and at least the largest message plus 32 bytes.</summary>
        public int OutboxSegmentBytes;

        /// <summary>What the full outbox gives up for a new message: by default health and heartbeats first, then
        /// interval reports, keeping daily totals and events longest.</summary>
        public Edge.Core.Outbox.OutboxPolicy OutboxPolicy = Edge.Core.Outbox.OutboxPolicy.KeepTotalsAndEvents;

        /// <summary>Messages published per second at most, fresh ones included (a token bucket on the monotonic
        /// clock, holding at most this many): after an outage the backlog is replayed at this pace, so that thousands
        /// of nodes coming back at once do not flood the broker. 2 a second replays a day of 15-minute reports in
        /// under a minute. From 1.</summary>
        public int ReplayPerSecond = 2;

        /// <summary>Hard ceiling on the largest message the configuration can produce, which the node computes at start
        /// from its windows, meters and format (MessageSizeBound) and sizes its encoding buffer to. A configuration
        /// whose largest report exceeds it is refused at start, naming the window: that buffer is one contiguous
        /// allocation on a device with a few hundred KB of RAM.</summary>
        public int MaxMessageBytes = 16384;

        /// <summary>Reports published per tick at most, so a backlog does not starve meter polling.</summary>
        public int MaxPublishesPerTick = 8;

        /// <summary>Base of the reconnect backoff, in ms: the first delay after a failure is drawn up to it, and each
        /// further failure in a row doubles that bound (full jitter, see ReconnectBackoff). 1 second.</summary>
        public long ReconnectMinDelayMs = 1000;

        /// <summary>Cap of the reconnect backoff, in ms: no delay is longer, and a node whose session another client
        /// took over waits this long. 5 minutes; at most a day.</summary>
        public long ReconnectMaxDelayMs = 300000;

        /// <summary>Floor of the reconnect backoff, in ms: no attempt comes sooner after a failure, so a broker that
        /// refuses at once is not hammered. Half a second; at most ReconnectMinDelayMs.</summary>
        public long ReconnectFloorMs = 500;

        /// <summary>How long a connection attempt may take, name resolution to CONNACK, in ms, before it counts as a
        /// timeout and the node backs off: 10 seconds.</summary>
        public int ConnectTimeoutMs = 10000;

        /// <summary>Messages handed to the broker link and not yet acknowledged, at most (the in-flight window): the
        /// node publishes up to this many without waiting, so a slow acknowledgement never holds the loop. 4.</summary>
        public int InFlightWindow = 4;

        /// <summary>A message the broker has not acknowledged (PUBACK) this long after it was sent, in ms, means the
        /// link is dead though the connection still looks up (a black-holed network, a frozen broker): the node
        /// drops the connection, publishes the message again after reconnecting, and counts an ack timeout. 30
        /// seconds, well under the 90 s a broker waits on a silent client with the default keep-alive (MQTT 3.1.1
        /// section 3.1.2.10).</summary>
        public long PublishAckTimeoutMs = 30000;

        /// <summary>A connection lost sooner than this after it was accepted, in ms, is short-lived; TakeoverStreak of
        /// them in a row, with no other failure between, are taken for another client connecting with the same client
        /// id (each takes the session over from the other, MQTT 3.1.1 section 3.1.4). 10 seconds.</summary>
        public long TakeoverConnectionMs = 10000;

        /// <summary>Short-lived connections in a row that mean a session takeover: the node then waits
        /// ReconnectMaxDelayMs before its next attempt, counts it and logs it. 3; 0 turns the detection off.</summary>
        public int TakeoverStreak = 3;

        /// <summary>Sequence numbers persisted every this many reports (see SequenceCounter).</summary>
        public int SequenceBlock = 100;

        /// <summary>Overrides of the register rules the drivers declare (a meter whose register wraps elsewhere than its
        /// driver assumes), applied to every window before the drivers' own; null when the drivers' rules hold.</summary>
        public RegisterRule[] RegisterRules;

        /// <summary>Report by exception: quantities published at once when they move beyond a deadband.</summary>
        public Edge.Core.ReportByException.ChangeRule[] ChangeRules;

        /// <summary>A heartbeat event is sent when nothing was queued for this long (0: never): reports, events and
        /// health messages are signs of life too, so heartbeats only fill a longer silence. 900 s, the 15-minute
        /// settlement period: a platform hears from every node at least once a quarter hour, and can tell a dead node
        /// from a quiet one after one silent period; a node whose reports come every 15 minutes or more often (the
        /// Linky household profile) never needs one.</summary>
        public int HeartbeatSeconds = 900;

        /// <summary>A meter that delivers no reading for this long raises a meterSilent event (0: never).</summary>
        public int MeterSilenceSeconds = 30;

        /// <summary>Watch voltage and frequency against EN 50160 (events, 10-minute classification, weekly share).</summary>
        public bool WatchVoltageQuality = true;

        /// <summary>Declared supply voltage Un in tenths of a volt: 230.0 V in Europe (EN 50160 section 4.2.2, IEC 60038).</summary>
        public long NominalVoltageDeciVolts = 2300;

        /// <summary>Local time rule for daily windows and weeks.</summary>
        public Edge.Core.Time.TimeZoneRule Zone = Edge.Core.Time.TimeZoneRule.CentralEurope;

        /// <summary>How window reports are encoded on the readings topic.</summary>
        public Edge.Core.Payloads.PayloadFormat Format = Edge.Core.Payloads.PayloadFormat.EdgeJson;

        /// <summary>API key of the IoT Agent service group, for the iota-json format (topics /json/&lt;apikey&gt;/...).</summary>
        public string IotaApiKey = "edge";

        /// <summary>Longest a relay may stay on by command (on, pulse): the safety limit of load control.</summary>
        public int RelayMaxSeconds = 3600;

        /// <summary>Shortest time a relay stays off before a command may switch it on again (0: no minimum). A load
        /// switched off and on in quick succession is what damages compressors, pumps and contactors (restarting a
        /// compressor against its head pressure stalls it); a minute covers the anti-short-cycle delays of heat pumps
        /// and water heaters, and bounds what a replayed or hostile burst of commands can do to the load.</summary>
        public int RelayMinOffSeconds = DefaultRelayMinOffSeconds;

        /// <summary>The default of <see cref="RelayMinOffSeconds"/>.</summary>
        public const int DefaultRelayMinOffSeconds = 60;

        /// <summary>Firmware version announced in the status (birth) message.</summary>
        public string FirmwareVersion = "0.1.0";

        /// <summary>Board profile name (hardware/boards), announced in the status message; null to leave out.</summary>
        public string Board;

        /// <summary>Short hash of the node's configuration as provisioned, announced in the status message; null to leave out.</summary>
        public string ConfigHash;

        /// <summary>Health telemetry period in seconds (0: none). Two hours: health is diagnostics (the readings and
        /// heartbeats say the node is alive, the retained status whether it is connected), and at that period a
        /// Linky household node stays within 1.5 KB an hour on all topics in every format (docs/payload-budget.md).</summary>
        public int HealthSeconds = 7200;

        /// <summary>Every this many health messages one is full (every field); the others carry only what changed
        /// since the previous one. 12: a full message a day at the default period, besides the one after each start
        /// and each reconnection. 1 makes every message full.</summary>
        public int HealthFullEvery = 12;

        /// <summary>MQTT user name (null: none).</summary>
        public string MqttUserName;
        /// <summary>MQTT password (null: none).</summary>
        public string MqttPassword;
        /// <summary>MQTT keep-alive interval in seconds.</summary>
        public int KeepAliveSeconds = 60;

        /// <summary>Throws ArgumentException naming the first invalid field.</summary>
        public void Validate()
        {
            if (NodeId == null || NodeId.Length == 0 || !IsTopicLevel(NodeId))
            {
                throw new ArgumentException("NodeId must be a non-empty MQTT topic level without '/', '+', '#'", "NodeId");
            }

            if (TopicPrefix == null || TopicPrefix.Length == 0 || TopicPrefix.IndexOf('+') >= 0 || TopicPrefix.IndexOf('#') >= 0)
            {
                throw new ArgumentException("TopicPrefix must be non-empty and free of MQTT wildcards", "TopicPrefix");
            }

            // Windows must tile a day so that they align on midnight UTC.
            if (Profile == null && (WindowSeconds <= 0 || 86400 % WindowSeconds != 0))
            {
                throw new ArgumentException("WindowSeconds must divide 86400 (e.g. 60, 300, 900, 3600)", "WindowSeconds");
            }

            if (SlotCapacity <= 0)
            {
                throw new ArgumentException("SlotCapacity must be positive", "SlotCapacity");
            }

            if (OutboxBytes < 0)
            {
                throw new ArgumentException("OutboxBytes cannot be negative (0: the default)", "OutboxBytes");
            }

            if (OutboxSegmentBytes != 0 && (OutboxSegmentBytes < Edge.Core.Outbox.DurableOutbox.MinSegmentBytes || OutboxSegmentBytes > Edge.Core.Outbox.DurableOutbox.MaxSegmentBytes))
            {
                throw new ArgumentException("OutboxSegmentBytes must be from 64 to 65535 (0: sized from the largest message)", "OutboxSegmentBytes");
            }

            if (OutboxBytes != 0 && OutboxSegmentBytes != 0 && OutboxBytes < 2 * OutboxSegmentBytes)
            {
                throw new ArgumentException("OutboxBytes must hold at least two segments of OutboxSegmentBytes", "OutboxBytes");
            }

            if (OutboxPolicy != Edge.Core.Outbox.OutboxPolicy.KeepTotalsAndEvents && OutboxPolicy != Edge.Core.Outbox.OutboxPolicy.DropOldest)
            {
                throw new ArgumentException("OutboxPolicy must be KeepTotalsAndEvents or DropOldest", "OutboxPolicy");
            }

            if (ReplayPerSecond < 1)
            {
                throw new ArgumentException("ReplayPerSecond must be at least 1", "ReplayPerSecond");
            }

            if (MaxPublishesPerTick <= 0)
            {
                throw new ArgumentException("MaxPublishesPerTick must be positive", "MaxPublishesPerTick");
            }

            if (HeartbeatSeconds < 0)
            {
                throw new ArgumentException("HeartbeatSeconds cannot be negative (0 disables heartbeats)", "HeartbeatSeconds");
            }

            if (MeterSilenceSeconds < 0)
            {
                throw new ArgumentException("MeterSilenceSeconds cannot be negative (0 disables silence events)", "MeterSilenceSeconds");
            }

            if (Format == Edge.Core.Payloads.PayloadFormat.IotaJson && (IotaApiKey == null || IotaApiKey.Length == 0 || !IsTopicLevel(IotaApiKey)))
            {
                throw new ArgumentException("IotaApiKey must be a non-empty MQTT topic level for the iota-json format", "IotaApiKey");
            }

            if (RelayMaxSeconds <= 0)
            {
                throw new ArgumentException("RelayMaxSeconds must be positive", "RelayMaxSeconds");
            }

            if (RelayMinOffSeconds < 0)
            {
                throw new ArgumentException("RelayMinOffSeconds must not be negative", "RelayMinOffSeconds");
            }

            if (HealthSeconds < 0)
            {
                throw new ArgumentException("HealthSeconds cannot be negative (0 disables health messages)", "HealthSeconds");
            }

            if (HealthFullEvery < 1)
            {
                throw new ArgumentException("HealthFullEvery must be at least 1 (1: every health message is full)", "HealthFullEvery");
            }

            if (FirmwareVersion == null || FirmwareVersion.Length == 0)
            {
                throw new ArgumentException("FirmwareVersion is required", "FirmwareVersion");
            }

            if (ClockStepToleranceMs <= 0)
            {
                throw new ArgumentException("ClockStepToleranceMs must be positive", "ClockStepToleranceMs");
            }

            if (WatchVoltageQuality && NominalVoltageDeciVolts <= 0)
            {
                throw new ArgumentException("NominalVoltageDeciVolts must be positive (2300 for 230 V)", "NominalVoltageDeciVolts");
            }

            if (Zone == null)
            {
                throw new ArgumentException("Zone is required (TimeZoneRule.CentralEurope for Europe/Paris)", "Zone");
            }

            if (ReconnectMinDelayMs <= 0 || ReconnectMaxDelayMs < ReconnectMinDelayMs)
            {
                throw new ArgumentException("ReconnectMinDelayMs must be positive and not above ReconnectMaxDelayMs", "ReconnectMinDelayMs");
            }

            if (ReconnectMaxDelayMs > MaxReconnectDelayMs)
            {
                throw new ArgumentException("ReconnectMaxDelayMs must be at most 86400000 (a day)", "ReconnectMaxDelayMs");
            }

            if (ReconnectFloorMs <= 0 || ReconnectFloorMs > ReconnectMinDelayMs)
            {
                throw new ArgumentException("ReconnectFloorMs must be positive and not above ReconnectMinDelayMs", "ReconnectFloorMs");
            }

            if (ConnectTimeoutMs <= 0)
            {
                throw new ArgumentException("ConnectTimeoutMs must be positive", "ConnectTimeoutMs");
            }

            if (InFlightWindow <= 0 || InFlightWindow > MaxInFlightWindow)
            {
                throw new ArgumentException("InFlightWindow must be from 1 to 64", "InFlightWindow");
            }

            if (PublishAckTimeoutMs <= 0)
            {
                throw new ArgumentException("PublishAckTimeoutMs must be positive", "PublishAckTimeoutMs");
            }

            if (TakeoverConnectionMs < 0 || TakeoverStreak < 0)
            {
                throw new ArgumentException("TakeoverConnectionMs and TakeoverStreak cannot be negative", "TakeoverStreak");
            }
        }

        /// <summary>The outbox capacity without a store when <see cref="OutboxBytes"/> is 0: 8 KB, allocated in RAM
        /// at start, four segments of 2 KB (about 25 household reports).</summary>
        public const int RamOutboxBytes = 8 * 1024;

        /// <summary>Largest backoff cap: the jitter is drawn from 32 bits, and a day covers any outage worth waiting out.</summary>
        private const long MaxReconnectDelayMs = 86400000;

        /// <summary>Largest in-flight window: the publisher and the session scan a table of that many entries at each
        /// completion, and the outbox must hold the window several times over to be of use.</summary>
        private const int MaxInFlightWindow = 64;

        private static bool IsTopicLevel(string text)
        {
            return text.IndexOf('/') < 0 && text.IndexOf('+') < 0 && text.IndexOf('#') < 0;
        }
    }
}
