#nullable disable
using Edge.Core.Payloads;

namespace Edge.Core.Commands
{
    /// <summary>
    /// Commands from the FIWARE IoT Agent JSON, turned into node commands. The agent publishes on a device's
    /// /&lt;apikey&gt;/&lt;device&gt;/cmd one object with one member: the command's name and the value the operator
    /// wrote into the command attribute (iotagent-json user manual, "Commands"; iotagent-node-lib doc/api.md,
    /// "Command execution"). An object value carries the parameters (<c>{"configSet":{"healthSeconds":60}}</c>); an
    /// empty string, the usual value of an NGSI command without parameters, carries none (<c>{"reboot":""}</c>). The
    /// node command of that name (see <see cref="IotaCommands"/>) runs with the parameters and the name as its id (the
    /// agent follows one command per name), and is answered on /json/&lt;apikey&gt;/&lt;device&gt;/cmdexe under the
    /// name; so is any refusal, so that it reaches the command's _info attribute.
    /// </summary>
    public sealed class IotaCommandAdapter
    {
        /// <summary>Longest command name taken: the node's are at most 9 characters.</summary>
        private const int MaxNameLength = 32;

        private readonly string _apiKey;
        private readonly JsonReader _reader = new JsonReader();

        /// <summary>An adapter for the IoT Agent commands sent with <paramref name="apiKey"/>.</summary>
        public IotaCommandAdapter(string apiKey)
        {
            _apiKey = apiKey;
        }

        /// <summary>The IoT Agent's command topic of a device: /&lt;apikey&gt;/&lt;deviceId&gt;/cmd.</summary>
        public string Topic(string deviceId)
        {
            return "/" + _apiKey + "/" + deviceId + "/cmd";
        }

        /// <summary>True for a command topic of one of this node's devices, as received.</summary>
        public bool Accepts(string topic)
        {
            return topic.StartsWith("/" + _apiKey + "/") && topic.EndsWith("/cmd");
        }

        /// <summary>True for an IoT Agent command among those queued (node commands never start with '/').</summary>
        public static bool IsIotaTopic(string topic)
        {
            return topic.EndsWith("/cmd") && topic.StartsWith("/");
        }

        /// <summary>Where the IoT Agent reads a device's command results: /json/&lt;apikey&gt;/&lt;device&gt;/cmdexe.</summary>
        public string ResultTopic(string topic)
        {
            string device = topic.Substring(_apiKey.Length + 2, topic.Length - _apiKey.Length - 2 - 4);
            return "/json/" + _apiKey + "/" + device + "/cmdexe";
        }

        /// <summary>Opens the answer to a command refused before it ran, under its name (null: unreadable).</summary>
        public void OpenRefusal(CommandResult result, string topic, string name)
        {
            string command = name == null ? "command" : name;
            result.OpenIota(ResultTopic(topic), command, command, command);
        }

        /// <summary>The command's name among the first <paramref name="length"/> bytes, or null; with the caller's
        /// reader, since it runs on the MQTT thread.</summary>
        public static string ReadName(JsonReader reader, byte[] payload, int length)
        {
            reader.Reset(payload, 0, length);
            return reader.Read() && reader.Token == JsonToken.BeginObject && reader.Read() && IsName(reader) ? reader.GetString() : null;
        }

        /// <summary>Reads the command into <paramref name="fields"/> (its name as the "id" first) and opens its
        /// result; returns the node command to run, or null when the command has been answered with an error.</summary>
        public string Read(string topic, byte[] payload, CommandFields fields, CommandResult result)
        {
            OpenRefusal(result, topic, null);
            _reader.Reset(payload, 0, payload.Length);
            if (!_reader.Read() || _reader.Token != JsonToken.BeginObject)
            {
                return Refuse(result, "an object with one command expected");
            }

            if (!_reader.Read() || !IsName(_reader))
            {
                return Refuse(result, "a command name of letters and digits expected");
            }

            string name = _reader.GetString();
            OpenRefusal(result, topic, name);
            bool value = _reader.Read();
            if (!value && _reader.ErrorKind == JsonError.ExpectedColon)
            {
                return Refuse(result, "a colon after the command name expected");
            }

            bool parameters = value && _reader.Token == JsonToken.BeginObject;
            if (!parameters && (!value || _reader.Token != JsonToken.String || _reader.ValueLength != 0))
            {
                return Refuse(result, "the value of " + name + " must be an object of parameters, or an empty string for none");
            }

            string command = IotaCommands.NodeCommand(name);
            if (command == null)
            {
                result.Fail("unknown command " + name + ", known: " + IotaCommands.Known());
                return null;
            }

            fields.Clear(payload);
            fields.AddText("id", name);
            if (parameters)
            {
                // The parameters are the node command's members: an error in them is answered as the node command's.
                result.OpenIota(ResultTopic(topic), name, command, name);
                if (!fields.ReadMembers(_reader))
                {
                    return Refuse(result, fields.Error);
                }

                OpenRefusal(result, topic, name);
            }

            if (!_reader.Read() || _reader.Token != JsonToken.EndObject)
            {
                return Refuse(result, "one command per message expected");
            }

            if (_reader.Read() || _reader.Token != JsonToken.End)
            {
                return Refuse(result, "nothing may follow the command object");
            }

            result.OpenIota(ResultTopic(topic), name, command, name);
            return command;
        }

        private static string Refuse(CommandResult result, string error)
        {
            result.Fail("payload: " + error);
            return null;
        }

        /// <summary>A member name of letters, digits, '_' and '-', 1 to 32 of them (no escapes).</summary>
        private static bool IsName(JsonReader reader)
        {
            if (reader.Token != JsonToken.Name || reader.ValueLength == 0 || reader.ValueLength > MaxNameLength)
            {
                return false;
            }

            byte[] text = reader.Text;
            for (int i = reader.ValueStart; i < reader.ValueStart + reader.ValueLength; i++)
            {
                byte c = text[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
