#nullable disable
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Commands
{
    /// <summary>
    /// Hands commands from the broker to their handlers: &lt;prefix&gt;/&lt;node&gt;/cmd/&lt;name&gt; with a JSON object
    /// carrying an "id", answered on .../cmd/&lt;name&gt;/result with that id and "ok", a result or an error that names
    /// what is wrong (and the IoT Agent's commands, through <see cref="IotaCommandAdapter"/>). Received on the MQTT
    /// client's thread, queued, and executed by the node loop, so a command never races a tick. Every command gets
    /// exactly one result: malformed ones an error, ones beyond the limits below a "busy" or "too long" error naming
    /// the limit; nothing a command carries can throw out of the loop.
    /// </summary>
    public sealed class CommandDispatcher
    {
        /// <summary>Commands held for the next pass of the loop; more arriving before it are answered busy.</summary>
        public const int MaxPending = 8;

        /// <summary>Refused commands held until the next pass answers them: a burst of MaxPending + MaxRefusals
        /// commands between two passes (24: the loop passes every second) is answered in full; beyond, commands are
        /// counted in <see cref="Unanswered"/>.</summary>
        public const int MaxRefusals = 16;

        /// <summary>Largest command payload: the longest command (config/set with every setting) is under 300 bytes.</summary>
        public const int MaxCommandBytes = 1024;

        /// <summary>Longest id a result echoes (see <see cref="CommandResult.MaxIdChars"/>).</summary>
        public const int MaxIdChars = CommandResult.MaxIdChars;

        private readonly string _prefix;
        private readonly CommandQueue _queue = new CommandQueue(MaxPending, MaxRefusals);
        private readonly CommandHandler[] _handlers;
        private readonly CommandResult _result;
        private readonly IotaCommandAdapter _iota;
        private readonly CommandFields _fields = new CommandFields();

        // Reads the id of a refused command on the MQTT thread, apart from the loop's fields, under its own lock: a
        // reader alone, since only the id is wanted (a second field table took 1,144 bytes).
        private readonly JsonReader _receivedReader = new JsonReader();

        /// <summary>Dispatches the commands of this node, received under &lt;prefix&gt;/&lt;node&gt;/cmd/, to their handlers.</summary>
        public CommandDispatcher(EdgeNode node, NodeConfig config, IMqttLink link, IStore store)
        {
            _prefix = config.TopicPrefix + "/" + config.NodeId + "/cmd/";
            _handlers = NodeCommands.Create(node, config, store);
            _result = new CommandResult(config.NodeId, link, node.Events);
            _iota = new IotaCommandAdapter(config.IotaApiKey);
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
        public long Failed
        {
            get { return _result.Failed; }
        }

        /// <summary>Commands that got no result: more than MaxPending + MaxRefusals between two passes of the loop,
        /// or a result the broker did not take.</summary>
        public long Unanswered
        {
            get { return _result.Unanswered; }
        }

        /// <summary>The IoT Agent's command topic of a device: /&lt;apikey&gt;/&lt;deviceId&gt;/cmd.</summary>
        public string IotaTopic(string deviceId)
        {
            return _iota.Topic(deviceId);
        }

        /// <summary>Called on the MQTT thread: keeps the command for the loop, or its refusal (busy, too long).</summary>
        public void Receive(string topic, byte[] payload)
        {
            if (topic == null || (!_iota.Accepts(topic) && (!topic.StartsWith(_prefix) || topic.EndsWith("/result"))))
            {
                // Only the node's own command topics carry commands. Its own results come back through its cmd/#
                // subscription and are no news; anything else (a broker routing another node's topic here) is
                // counted as unanswered, so it is seen in health, and never run.
                if (topic == null || !topic.StartsWith(_prefix))
                {
                    _result.CountUnanswered();
                }

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

        /// <summary>Runs timed actions (relay pulses, a requested reboot) and the queued commands; from the loop.</summary>
        public void Run(long monotonicMs)
        {
            for (int i = 0; i < _handlers.Length; i++)
            {
                if (_handlers[i].RunDue(monotonicMs))
                {
                    return;
                }
            }

            string topic;
            byte[] payload;
            while (_queue.TryTake(out topic, out payload))
            {
                Execute(topic, payload, monotonicMs);
                Executed++;
            }

            string id;
            string error;
            while (_queue.TryTakeRefusal(out topic, out id, out error))
            {
                if (IotaCommandAdapter.IsIotaTopic(topic))
                {
                    _iota.OpenRefusal(_result, topic, id);
                }
                else
                {
                    _result.Open(topic, Echo(topic.Substring(_prefix.Length)), id);
                }

                _result.Fail(error);
                Refused++;
            }
        }

        /// <summary>Keeps what the refusal's result needs: the topic, the id if it can be read, and the error.</summary>
        private void Refuse(string topic, byte[] payload, string error)
        {
            lock (_receivedReader)
            {
                if (!_queue.TryRefuse(topic, ReadableId(topic, payload), error))
                {
                    _result.CountUnanswered();
                }
            }
        }

        /// <summary>The id of a command that will not run: its "id" if read within the first MaxCommandBytes, or,
        /// for the IoT Agent, the command's name (its id there). Null when there is none.</summary>
        private string ReadableId(string topic, byte[] payload)
        {
            int length = payload.Length < MaxCommandBytes ? payload.Length : MaxCommandBytes;
            if (IotaCommandAdapter.IsIotaTopic(topic))
            {
                return IotaCommandAdapter.ReadName(_receivedReader, payload, length);
            }

            return ReadId(_receivedReader, payload, length);
        }

        /// <summary>The string "id" of a command's object when short enough to echo, read up to what the loop's
        /// <see cref="CommandFields"/> would read it: among the first <see cref="CommandFields.MaxFields"/> members,
        /// before a syntax error or a nested value. Else null.</summary>
        private static string ReadId(JsonReader reader, byte[] payload, int length)
        {
            reader.Reset(payload, 0, length);
            if (!reader.Read() || reader.Token != JsonToken.BeginObject)
            {
                return null;
            }

            for (int member = 0; member < CommandFields.MaxFields; member++)
            {
                if (!reader.Read() || reader.Token != JsonToken.Name)
                {
                    return null;
                }

                bool isId = reader.ValueEquals("id");
                if (!reader.Read() || reader.Token == JsonToken.BeginObject || reader.Token == JsonToken.BeginArray)
                {
                    return null;
                }

                if (isId)
                {
                    string id = reader.Token == JsonToken.String ? reader.GetString() : null;
                    return id == null || id.Length > MaxIdChars ? null : id;
                }
            }

            return null;
        }

        /// <summary>The string "id" among the fields read (all of them, or those before a syntax error), when short
        /// enough to echo; else null.</summary>
        private static string EchoableId(CommandFields fields)
        {
            string id = fields.TextOf("id");
            return id == null || id.Length > MaxIdChars ? null : id;
        }

        /// <summary>A command name as a result echoes it: at most MaxEchoedNameChars characters, a cut one marked "...".</summary>
        private static string Echo(string name)
        {
            return name.Length <= CommandResult.MaxEchoedNameChars ? name : name.Substring(0, CommandResult.MaxEchoedNameChars) + "...";
        }

        private void Execute(string topic, byte[] payload, long monotonicMs)
        {
            string name;
            if (IotaCommandAdapter.IsIotaTopic(topic))
            {
                name = _iota.Read(topic, payload, _fields, _result);
                if (name == null)
                {
                    return;
                }
            }
            else if (!ReadNodeCommand(topic, payload, out name))
            {
                return;
            }

            for (int i = 0; i < _handlers.Length; i++)
            {
                if (_handlers[i].Name == name)
                {
                    _handlers[i].Execute(_fields, _result, monotonicMs);
                    return;
                }
            }

            _result.Fail("unknown command \"" + name + "\" (known: " + NodeCommands.Known() + ")");
        }

        /// <summary>Reads a node command's payload and opens its result; false when it has been answered with an
        /// error (a payload that is not a flat object, an id missing or too long to echo).</summary>
        private bool ReadNodeCommand(string topic, byte[] payload, out string name)
        {
            name = Echo(topic.Substring(_prefix.Length));
            if (!_fields.TryParse(payload, 0, payload.Length))
            {
                // The id is echoed when it was read before the error, so the sender can match the answer.
                _result.Open(topic, name, EchoableId(_fields));
                _result.Fail("payload: " + _fields.Error);
                return false;
            }

            string id = _fields.TextOf("id");
            _result.Open(topic, name, id == null || id.Length > MaxIdChars ? null : id);
            if (id != null && id.Length > MaxIdChars)
            {
                _result.Fail("id: " + id.Length.ToString() + " characters, more than the " + MaxIdChars.ToString() + " a result echoes (not echoed)");
                return false;
            }

            if (id == null)
            {
                _result.Fail("id: a string id is required, so that the result can be matched");
                return false;
            }

            return true;
        }
    }
}
