#nullable disable
using System.Threading;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Commands
{
    /// <summary>
    /// Writes and publishes the one result of a command: <c>{"v":1,"node":...,"command":...,"id":...,"ok":...</c> then
    /// a result or an error, on the command's result topic or, for the IoT Agent, wrapped under the command's name on
    /// the device's cmdexe topic. A result too large for its buffer is replaced by an error saying so, so the command is
    /// still answered; one the link does not take (not connected) is counted in <see cref="Unanswered"/>. Results
    /// go to the link directly, beside the outbox: their acknowledgements are not waited for. Each result answered is
    /// also recorded on the events topic (a "command" event: name, id, ok, error), through the outbox, so the node's
    /// own durable record says which commands it ran and how they ended.
    /// </summary>
    public sealed class CommandResult
    {
        /// <summary>Longest id a result echoes; a longer one is refused, not cut, since a cut id could match another.</summary>
        public const int MaxIdChars = 128;

        /// <summary>Longest command name (from the topic) a result echoes; a longer one is cut and marked "...".</summary>
        public const int MaxEchoedNameChars = 64;

        /// <summary>A result's room beside the echoed node id, command name and id: the longest result, config/get
        /// with every setting, takes under 300 bytes head included (tests/Edge.Tests/TestData/commands/answers.txt);
        /// the selftest's report goes to its own topic and its result is a summary. A result that still does not fit
        /// is answered with an error saying so.</summary>
        private const int ResultBodyBytes = 512;

        /// <summary>The most bytes one character can take in a JSON string: \u00XX.</summary>
        private const int MaxBytesPerChar = 6;

        private readonly string _nodeId;
        private readonly IMqttLink _link;
        private readonly JsonWriter _writer;
        private readonly EventReporter _events;
        private long _failed;

        // Counted from the MQTT thread too, with Interlocked (an int: nanoFramework's Interlocked has no long
        // overloads), which spares the node a lock object.
        private int _unanswered;

        // Whether the result being written is a success (set by its head), for its command event.
        private bool _ok;

        // The result being written: its head, for the error that replaces a result too large for the buffer, and
        // where it goes.
        private string _name;
        private string _id;
        private string _topic;
        private string _iotaCommand;

        /// <summary>A result writer for node <paramref name="nodeId"/>, publishing through <paramref name="link"/> and
        /// recording each command on <paramref name="events"/> (null: not recorded).</summary>
        public CommandResult(string nodeId, IMqttLink link, EventReporter events)
        {
            _nodeId = nodeId;
            _link = link;
            _events = events;

            // Sized so that the head of any result, with the longest echoes, and an error always fit.
            _writer = new JsonWriter(new byte[ResultBodyBytes + (MaxBytesPerChar * (nodeId.Length + MaxEchoedNameChars + 3 + MaxIdChars))]);
        }

        /// <summary>The id of the command being answered, as received.</summary>
        public string Id
        {
            get { return _id; }
        }

        /// <summary>Results that were an error.</summary>
        public long Failed
        {
            get { return _failed; }
        }

        /// <summary>Commands left without a result; counted from either thread.</summary>
        public long Unanswered
        {
            get { return Interlocked.CompareExchange(ref _unanswered, 0, 0); }
        }

        /// <summary>The command's name and id, echoed in the result published on &lt;command topic&gt;/result.</summary>
        public void Open(string commandTopic, string name, string id)
        {
            _topic = commandTopic + "/result";
            _name = name;
            _id = id;
            _iotaCommand = null;
        }

        /// <summary>As <see cref="Open"/>, for a result published on an IoT Agent cmdexe topic under the command's name.</summary>
        public void OpenIota(string cmdexeTopic, string iotaCommand, string name, string id)
        {
            _topic = cmdexeTopic;
            _name = name;
            _id = id;
            _iotaCommand = iotaCommand;
        }

        /// <summary>A result without data.</summary>
        public void Succeed()
        {
            WriteHead(true);
            End();
        }

        /// <summary>An error result naming what is wrong.</summary>
        public void Fail(string error)
        {
            _failed++;
            WriteHead(false);
            _writer.Name("error");
            _writer.String(error);
            Finish(error);
        }

        /// <summary>The result's writer, reset, for work a handler does before it answers (config/set writes the
        /// settings it persists there): what it holds is lost at <see cref="Begin"/>, <see cref="Succeed"/> or
        /// <see cref="Fail"/>, which saves the handler a buffer of its own.</summary>
        public JsonWriter Scratch()
        {
            _writer.Reset();
            return _writer;
        }

        /// <summary>Writes the head and the "result" name: the caller writes its value, then calls <see cref="End"/>.</summary>
        public JsonWriter Begin()
        {
            WriteHead(true);
            _writer.Name("result");
            return _writer;
        }

        /// <summary>Closes the result and publishes it.</summary>
        public void End()
        {
            Finish(null);
        }

        /// <summary>Closes and publishes the result, then records the command on the events topic with
        /// <paramref name="error"/> (null for a success).</summary>
        private void Finish(string error)
        {
            _writer.EndObject();
            if (_writer.Overflowed)
            {
                // The head and this error always fit (the buffer is sized for them): the command is still answered.
                error = "result: larger than the " + _writer.Buffer.Length.ToString() + " bytes a result may have";
                WriteHead(false);
                _writer.Name("error");
                _writer.String(error);
                _writer.EndObject();
                if (_writer.Overflowed)
                {
                    CountUnanswered();
                    return;
                }
            }

            if (_events != null)
            {
                _events.Command(_name, _id, _ok, error);
            }

            bool taken;
            if (_iotaCommand == null)
            {
                taken = _link.Publish(_topic, _writer.Buffer, _writer.Length, 1, false) > 0;
            }
            else
            {
                byte[] wrapped = IotaCommandResult.Wrap(_iotaCommand, _writer.Buffer, _writer.Length);
                taken = _link.Publish(_topic, wrapped, wrapped.Length, 1, false) > 0;
            }

            if (!taken)
            {
                CountUnanswered();
            }
        }

        /// <summary>Counts a command left without a result; from either thread.</summary>
        public void CountUnanswered()
        {
            Interlocked.Increment(ref _unanswered);
        }

        /// <summary>{"v":1,"node":...,"command":...,"id":...,"ok":... of every result.</summary>
        private void WriteHead(bool ok)
        {
            _ok = ok;
            _writer.Reset();
            _writer.BeginObject();
            _writer.Name("v");
            _writer.Integer(ReportHeader.FormatVersion);
            _writer.Name("node");
            _writer.String(_nodeId);
            _writer.Name("command");
            _writer.String(_name);
            _writer.Name("id");
            if (_id == null)
            {
                _writer.Null();
            }
            else
            {
                _writer.String(_id);
            }

            _writer.Name("ok");
            _writer.Boolean(ok);
        }
    }
}
