#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Payloads;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;

namespace Edge.Core.Commands
{
    /// <summary>
    /// Commands from the broker: &lt;prefix&gt;/&lt;node&gt;/cmd/&lt;name&gt; with a JSON object carrying an "id", answered on
    /// .../cmd/&lt;name&gt;/result with that id and "ok", a result or an error that names what is wrong. Received on
    /// the MQTT client's thread, queued, and executed by the node loop, so a command never races a tick.
    /// Every command gets exactly one result: malformed ones an error, ones beyond the limits below a "busy" or
    /// "too long" error naming the limit; nothing a command carries can throw out of the loop.
    /// </summary>
    public sealed class CommandDispatcher
    {
        /// <summary>Commands held for the next pass of the loop; more arriving before it are answered busy.</summary>
        public const int MaxPending = 8;

        /// <summary>Refused commands held until the next pass answers them: a burst of MaxPending + MaxRefusals
        /// commands between two passes is answered in full; beyond, commands are counted in <see cref="Unanswered"/>.</summary>
        public const int MaxRefusals = 32;

        /// <summary>Largest command payload: the longest command (config/set with every setting) is under 300 bytes.</summary>
        public const int MaxCommandBytes = 1024;

        /// <summary>Longest id a result echoes; a longer one is refused, not cut, since a cut id could match another.</summary>
        public const int MaxIdChars = 128;

        /// <summary>Longest command name (from the topic) a result echoes; a longer one is cut and marked "...".</summary>
        private const int MaxEchoedNameChars = 64;

        /// <summary>A result's room beside the echoed node id, command name and id: the longest result (a selftest
        /// of a few meters with their problems, config/get) is well under it.</summary>
        private const int ResultBodyBytes = 1024;

        /// <summary>The most bytes one character can take in a JSON string: \u00XX.</summary>
        private const int MaxBytesPerChar = 6;

        private readonly EdgeNode _node;
        private readonly NodeConfig _config;
        private readonly IMqttLink _link;
        private readonly IStore _store;
        private readonly string _prefix;
        private readonly CommandQueue _queue = new CommandQueue(MaxPending, MaxRefusals);
        private readonly JsonFields _fields = new JsonFields();
        private readonly IotaCommandPayload _iotaPayload = new IotaCommandPayload();

        // Reads the id of a refused command on the MQTT thread, apart from the loop's fields.
        private readonly JsonFields _receivedFields = new JsonFields();
        private readonly IotaCommandPayload _receivedIota = new IotaCommandPayload();
        private readonly JsonWriter _writer;
        private readonly JsonWriter _stored = new JsonWriter(new byte[512]);
        private long _relayOffAtMs = -1;
        private bool _rebootRequested;

        // The head of the result being written, for the error that replaces a result too large for the buffer.
        private string _resultName;
        private string _resultId;

        // Set while an IoT Agent command runs: its name and the device's cmdexe topic.
        private string _iotaCommand;
        private string _iotaResultTopic;

        public CommandDispatcher(EdgeNode node, NodeConfig config, IMqttLink link, IStore store)
        {
            _node = node;
            _config = config;
            _link = link;
            _store = store;
            _prefix = config.TopicPrefix + "/" + config.NodeId + "/cmd/";

            // Sized so that the head of any result, with the longest echoes, and an error always fit.
            _writer = new JsonWriter(new byte[ResultBodyBytes + (MaxBytesPerChar * (config.NodeId.Length + MaxEchoedNameChars + 3 + MaxIdChars))]);
        }

        /// <summary>Topic filter to subscribe to.</summary>
        public string TopicFilter
        {
            get { return _prefix + "#"; }
        }

        /// <summary>Commands run (each answered once).</summary>
        public long Executed { get; private set; }

        /// <summary>Commands answered busy or too long.</summary>
        public long Refused { get; private set; }

        /// <summary>Commands answered with an error: malformed, unknown, with bad parameters, or impossible here.</summary>
        public long Failed { get; private set; }

        /// <summary>Commands that got no result: more than MaxPending + MaxRefusals between two passes of the loop,
        /// or a result the broker did not take.</summary>
        public long Unanswered { get; private set; }

        /// <summary>The IoT Agent's command topic of a device: /&lt;apikey&gt;/&lt;deviceId&gt;/cmd.</summary>
        public string IotaTopic(string deviceId)
        {
            return "/" + _config.IotaApiKey + "/" + deviceId + "/cmd";
        }

        /// <summary>Called on the MQTT thread: keeps the command for the loop, or its refusal (busy, too long).</summary>
        public void Receive(string topic, byte[] payload)
        {
            bool iota = topic != null && topic.StartsWith("/" + _config.IotaApiKey + "/") && topic.EndsWith("/cmd");
            if (topic == null || (!iota && (!topic.StartsWith(_prefix) || topic.EndsWith("/result"))))
            {
                return;
            }

            if (payload == null)
            {
                payload = new byte[0];
            }

            if (payload.Length > MaxCommandBytes)
            {
                Refuse(topic, payload, "payload: " + payload.Length.ToString() + " bytes, more than the " + MaxCommandBytes.ToString() + " a command may have");
            }
            else if (!_queue.TryAdd(topic, payload))
            {
                Refuse(topic, payload, "busy: more than " + MaxPending.ToString() + " commands arrived between two passes of the node loop; send it again");
            }
        }

        /// <summary>Keeps what the refusal's result needs: the topic, the id if it can be read, and the error.</summary>
        private void Refuse(string topic, byte[] payload, string error)
        {
            lock (_receivedFields)
            {
                if (!_queue.TryRefuse(topic, ReadableId(topic, payload), error))
                {
                    Unanswered++;
                }
            }
        }

        /// <summary>Counts a command left without a result; from either thread.</summary>
        private void CountUnanswered()
        {
            lock (_receivedFields)
            {
                Unanswered++;
            }
        }

        /// <summary>The id of a command that will not run: its "id" if read within the first MaxCommandBytes, or,
        /// for the IoT Agent, the command's name (its id there). Null when there is none.</summary>
        private string ReadableId(string topic, byte[] payload)
        {
            int length = payload.Length < MaxCommandBytes ? payload.Length : MaxCommandBytes;
            if (IsIotaTopic(topic))
            {
                return IotaName(payload, length);
            }

            _receivedFields.TryParse(payload, 0, length);
            return EchoableId(_receivedFields);
        }

        /// <summary>The IoT Agent command's name, or null when the payload names none within the length; on the MQTT
        /// thread, so with a reader of its own.</summary>
        private string IotaName(byte[] payload, int length)
        {
            byte[] head = payload;
            if (length < payload.Length)
            {
                head = new byte[length];
                Array.Copy(payload, head, length);
            }

            _receivedIota.TryParse(head);
            string name = _receivedIota.Name;
            return name == null || name.Length > MaxIdChars ? null : name;
        }

        /// <summary>The string "id" among the fields read (all of them, or those before a syntax error), when short
        /// enough to echo; else null.</summary>
        private static string EchoableId(JsonFields fields)
        {
            int index = fields.IndexOf("id");
            if (index < 0 || fields.Kind(index) != JsonKind.String || fields.Value(index).Length > MaxIdChars)
            {
                return null;
            }

            return fields.Value(index);
        }

        private bool IsIotaTopic(string topic)
        {
            return topic.EndsWith("/cmd") && topic.StartsWith("/");
        }

        /// <summary>Where the IoT Agent reads a device's command results: /json/&lt;apikey&gt;/&lt;device&gt;/cmdexe.</summary>
        private string IotaResultTopic(string topic)
        {
            string device = topic.Substring(_config.IotaApiKey.Length + 2, topic.Length - _config.IotaApiKey.Length - 2 - 4);
            return "/json/" + _config.IotaApiKey + "/" + device + "/cmdexe";
        }

        /// <summary>A string as a result echoes it: at most <paramref name="max"/> characters, a cut one marked "...".</summary>
        private static string Echo(string text, int max)
        {
            return text.Length <= max ? text : text.Substring(0, max) + "...";
        }

        /// <summary>Runs queued commands and timed actions (relay pulses, a requested reboot); from the loop.</summary>
        public void Run(long monotonicMs)
        {
            if (_rebootRequested && _node.Control != null)
            {
                _rebootRequested = false;
                _node.Stop();
                _node.Control.Reboot();
                return;
            }

            if (_relayOffAtMs >= 0 && monotonicMs >= _relayOffAtMs && _node.Relay != null)
            {
                _node.Relay.Set(false);
                _relayOffAtMs = -1;
            }

            string topic;
            byte[] payload;
            while (_queue.TryTake(out topic, out payload))
            {
                _iotaCommand = null;
                Execute(topic, payload, monotonicMs);
                _iotaCommand = null;
                Executed++;
            }

            string id;
            string error;
            while (_queue.TryTakeRefusal(out topic, out id, out error))
            {
                AnswerRefusal(topic, id, error);
                Refused++;
            }
        }

        /// <summary>The error result of a command that did not run, on the topic its result would have had.</summary>
        private void AnswerRefusal(string topic, string id, string error)
        {
            _iotaCommand = null;
            if (IsIotaTopic(topic))
            {
                _iotaResultTopic = IotaResultTopic(topic);
                _iotaCommand = id == null ? "command" : id;
                Answer(topic, _iotaCommand, _iotaCommand, error);
            }
            else
            {
                Answer(topic, Echo(topic.Substring(_prefix.Length), MaxEchoedNameChars), id, error);
            }

            _iotaCommand = null;
        }

        private void Execute(string topic, byte[] payload, long monotonicMs)
        {
            if (IsIotaTopic(topic))
            {
                ExecuteIota(topic, payload, monotonicMs);
                return;
            }

            string name = Echo(topic.Substring(_prefix.Length), MaxEchoedNameChars);
            if (!_fields.TryParse(payload, 0, payload.Length))
            {
                // The id is echoed when it was read before the error, so the sender can match the answer.
                Answer(topic, name, EchoableId(_fields), "payload: " + _fields.Error);
                return;
            }

            int idIndex = _fields.IndexOf("id");
            if (idIndex >= 0 && _fields.Kind(idIndex) == JsonKind.String && _fields.Value(idIndex).Length > MaxIdChars)
            {
                Answer(topic, name, null, "id: " + _fields.Value(idIndex).Length.ToString() + " characters, more than the " + MaxIdChars.ToString() + " a result echoes (not echoed)");
                return;
            }

            string id = EchoableId(_fields);
            if (id == null)
            {
                Answer(topic, name, null, "id: a string id is required, so that the result can be matched");
                return;
            }

            switch (name)
            {
                case "config/get":
                    BeginResult(name, id);
                    _writer.Name("result");
                    ConfigFields.Write(_config, _writer);
                    EndResult(topic);
                    return;
                case "config/set":
                    ConfigSet(topic, name, id);
                    return;
                case "relay/set":
                    RelaySet(topic, name, id, monotonicMs);
                    return;
                case "reboot":
                    if (_node.Control == null)
                    {
                        Answer(topic, name, id, "this node cannot be rebooted remotely");
                        return;
                    }

                    _rebootRequested = true;
                    Answer(topic, name, id, null);
                    return;
                case "selftest":
                    SelfTest(topic, name, id, monotonicMs);
                    return;
                case "resync":
                    Resync(topic, name, id);
                    return;
                default:
                    Answer(topic, name, id, "unknown command \"" + name + "\" (known: config/get, config/set, relay/set, reboot, selftest, resync)");
                    return;
            }
        }

        /// <summary>
        /// A command from the FIWARE IoT Agent on /&lt;apikey&gt;/&lt;device&gt;/cmd: <c>{"configSet":{"healthSeconds":60}}</c>
        /// or, without parameters, <c>{"reboot":""}</c>, run as the node command of that name (see
        /// <see cref="IotaCommands"/>) and answered on /json/&lt;apikey&gt;/&lt;device&gt;/cmdexe with
        /// <c>{"configSet":{...the result...}}</c>. The IoT Agent follows one command per name, so the name is the id.
        /// A refusal is answered under the command's name too, so that it reaches the command's _info attribute.
        /// </summary>
        private void ExecuteIota(string topic, byte[] payload, long monotonicMs)
        {
            _iotaResultTopic = IotaResultTopic(topic);
            if (!_iotaPayload.TryParse(payload))
            {
                _iotaCommand = _iotaPayload.Name != null ? _iotaPayload.Name : "command";
                Answer(topic, _iotaCommand, _iotaCommand, "payload: " + _iotaPayload.Error);
                return;
            }

            _iotaCommand = _iotaPayload.Name;
            string command = IotaCommands.NodeCommand(_iotaCommand);
            if (command == null)
            {
                Answer(topic, _iotaCommand, _iotaCommand, "unknown command " + _iotaCommand + ", known: " + IotaCommands.Known());
                return;
            }

            // {"id":"<name>", then the parameters' members: the flat command the dispatcher knows.
            string head = "{\"id\":\"" + _iotaCommand + "\"";
            int inner = _iotaPayload.ParametersLength;
            byte[] flat = new byte[head.Length + (inner > 0 ? 1 + inner : 0) + 1];
            for (int i = 0; i < head.Length; i++)
            {
                flat[i] = (byte)head[i];
            }

            int at = head.Length;
            if (inner > 0)
            {
                flat[at++] = (byte)',';
                Array.Copy(payload, _iotaPayload.ParametersStart, flat, at, inner);
                at += inner;
            }

            flat[at] = (byte)'}';
            Execute(_prefix + command, flat, monotonicMs);
        }

        private void ConfigSet(string topic, string name, string id)
        {
            string error = ConfigFields.Validate(_fields);
            if (error != null)
            {
                Answer(topic, name, id, error);
                return;
            }

            ConfigFields.Apply(_fields, _config);
            _node.ApplyRuntimeSettings();
            if (_store != null)
            {
                _stored.Reset();
                ConfigFields.Write(_config, _stored);
                _store.Write("config", _stored.Buffer, 0, _stored.Length);
            }

            BeginResult(name, id);
            _writer.Name("result");
            _writer.BeginObject();
            _writer.Name("applied");
            WriteNames(false);
            _writer.Name("afterReboot");
            WriteNames(true);
            _writer.Name("persisted");
            _writer.Boolean(_store != null);
            _writer.EndObject();
            EndResult(topic);
        }

        private void WriteNames(bool afterReboot)
        {
            _writer.BeginArray();
            for (int i = 0; i < _fields.Count; i++)
            {
                string field = _fields.Name(i);
                if (field != "id" && ConfigFields.AfterReboot(field) == afterReboot)
                {
                    _writer.String(field);
                }
            }

            _writer.EndArray();
        }

        private void RelaySet(string topic, string name, string id, long monotonicMs)
        {
            if (_node.Relay == null)
            {
                Answer(topic, name, id, "no relay on this node");
                return;
            }

            int stateIndex = _fields.IndexOf("state");
            string state = stateIndex >= 0 && _fields.Kind(stateIndex) == JsonKind.String ? _fields.Value(stateIndex) : null;
            int secondsIndex = _fields.IndexOf("seconds");
            long seconds = _config.RelayMaxSeconds;
            if (secondsIndex >= 0)
            {
                string value = _fields.Value(secondsIndex);
                long parsed;
                if (_fields.Kind(secondsIndex) != JsonKind.Number || !TryWhole(value, out parsed) || parsed < 1 || parsed > _config.RelayMaxSeconds)
                {
                    Answer(topic, name, id, "seconds: a whole number from 1 to " + _config.RelayMaxSeconds.ToString() + " (the safety limit) expected");
                    return;
                }

                seconds = parsed;
            }

            if (state == "off")
            {
                _node.Relay.Set(false);
                _relayOffAtMs = -1;
            }
            else if (state == "on" || state == "pulse")
            {
                // "on" is bounded too: a relay left on by a lost command switches off at the safety limit.
                if (state == "pulse" && secondsIndex < 0)
                {
                    Answer(topic, name, id, "seconds: required for a pulse");
                    return;
                }

                _node.Relay.Set(true);
                _relayOffAtMs = monotonicMs + (seconds * 1000);
            }
            else
            {
                Answer(topic, name, id, "state: on, off or pulse expected");
                return;
            }

            BeginResult(name, id);
            _writer.Name("result");
            _writer.BeginObject();
            _writer.Name("relay");
            _writer.String(_node.Relay.IsOn ? "on" : "off");
            if (_relayOffAtMs >= 0)
            {
                _writer.Name("offInSeconds");
                _writer.Integer(seconds);
            }

            _writer.EndObject();
            EndResult(topic);
        }

        private void SelfTest(string topic, string name, string id, long monotonicMs)
        {
            BeginResult(name, id);
            _writer.Name("result");
            _writer.BeginObject();
            bool allOk = true;
            _writer.Name("meters");
            _writer.BeginArray();
            for (int i = 0; i < _node.MeterCount; i++)
            {
                IMeterDriver meter = _node.Meter(i);
                ISelfTest test = meter as ISelfTest;
                string problem = test == null ? null : test.SelfTest(monotonicMs);
                allOk = allOk && problem == null;
                _writer.BeginObject();
                _writer.Name("id");
                _writer.String(meter.MeterId);
                _writer.Name("ok");
                _writer.Boolean(problem == null);
                if (problem != null)
                {
                    _writer.Name("problem");
                    _writer.String(problem);
                }

                _writer.EndObject();
            }

            _writer.EndArray();
            _writer.Name("clock");
            _writer.String(_node.ClockSynchronised ? "synced" : "unsynced");
            _writer.Name("outbox");
            _writer.Integer(_node.OutboxDepth);
            _writer.Name("allOk");
            _writer.Boolean(allOk && _node.ClockSynchronised);
            _writer.EndObject();
            EndResult(topic);
        }

        private void Resync(string topic, string name, string id)
        {
            int fromIndex = _fields.IndexOf("from");
            long from;
            if (fromIndex < 0 || _fields.Kind(fromIndex) != JsonKind.Number || !TryWhole(_fields.Value(fromIndex), out from) || from < 1)
            {
                Answer(topic, name, id, "from: the first sequence number to publish again (a whole number from 1) expected");
                return;
            }

            int count = _node.Resync(from);
            long oldest = _node.OldestHeldSequence;
            BeginResult(name, id);
            _writer.Name("result");
            _writer.BeginObject();
            _writer.Name("republished");
            _writer.Integer(count);
            _writer.Name("oldestHeld");
            if (oldest < 0)
            {
                _writer.Null();
            }
            else
            {
                _writer.Integer(oldest);
            }

            _writer.EndObject();
            EndResult(topic);
        }

        private void BeginResult(string name, string id)
        {
            WriteHead(name, id, true);
        }

        /// <summary>{"v":1,"node":...,"command":...,"id":...,"ok":... of every result.</summary>
        private void WriteHead(string name, string id, bool ok)
        {
            _resultName = name;
            _resultId = id;
            _writer.Reset();
            _writer.BeginObject();
            _writer.Name("v");
            _writer.Integer(ReportHeader.FormatVersion);
            _writer.Name("node");
            _writer.String(_config.NodeId);
            _writer.Name("command");
            _writer.String(name);
            _writer.Name("id");
            if (id == null)
            {
                _writer.Null();
            }
            else
            {
                _writer.String(id);
            }

            _writer.Name("ok");
            _writer.Boolean(ok);
        }

        private void EndResult(string topic)
        {
            _writer.EndObject();
            if (_writer.Overflowed)
            {
                // The head and this error always fit (the buffer is sized for them): the command is still answered.
                WriteHead(_resultName, _resultId, false);
                _writer.Name("error");
                _writer.String("result: larger than the " + _writer.Buffer.Length.ToString() + " bytes a result may have");
                _writer.EndObject();
                if (_writer.Overflowed)
                {
                    CountUnanswered();
                    return;
                }
            }

            if (_iotaCommand == null)
            {
                if (!_link.Publish(topic + "/result", _writer.Buffer, _writer.Length, 1, false))
                {
                    CountUnanswered();
                }

                return;
            }

            byte[] wrapped = IotaCommandResult.Wrap(_iotaCommand, _writer.Buffer, _writer.Length);
            if (!_link.Publish(_iotaResultTopic, wrapped, wrapped.Length, 1, false))
            {
                CountUnanswered();
            }
        }

        /// <summary>A result without data: ok, or an error naming what is wrong.</summary>
        private void Answer(string topic, string name, string id, string error)
        {
            WriteHead(name, id, error == null);
            if (error != null)
            {
                Failed++;
                _writer.Name("error");
                _writer.String(error);
            }

            EndResult(topic);
        }

        private static bool TryWhole(string text, out long value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > 12)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }

                value = (value * 10) + (text[i] - '0');
            }

            return true;
        }
    }
}
