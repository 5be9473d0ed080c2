using System.Collections.Generic;
using System.IO;
using System.Text;
using Edge.Core.Platform;

namespace Edge.Host.Replay
{
    /// <summary>An <see cref="IMqttLink"/> that writes each published payload as one line of text: a replay's reports
    /// on stdout. It connects at once and each message is delivered as soon as it is written; the node's retained
    /// status (its birth at connection) is taken without being written, so the output holds only what the node reports.</summary>
    public sealed class TextWriterLink : IMqttLink
    {
        private readonly TextWriter _output;
        private readonly Queue<int> _delivered = new();
        private LinkState _state;
        private int _lastTicket;

        /// <summary>A link writing to <paramref name="output"/>.</summary>
        public TextWriterLink(TextWriter output) => _output = output;

        /// <summary>Nothing is ever received.</summary>
        public event MqttMessageHandler? MessageReceived
        {
            add { }
            remove { }
        }

        /// <inheritdoc/>
        public LinkState State => _state;

        /// <inheritdoc/>
        public LinkFailure Failure => LinkFailure.None;

        /// <inheritdoc/>
        public int RefusedCode => 0;

        /// <inheritdoc/>
        public bool SessionPresent => false;

        /// <summary>Messages written (the retained status is not).</summary>
        public long Published { get; private set; }

        /// <inheritdoc/>
        public void BeginConnect(MqttConnectOptions options) => _state = LinkState.Connected;

        /// <inheritdoc/>
        public void Disconnect() => _state = LinkState.Disconnected;

        /// <inheritdoc/>
        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (_state != LinkState.Connected)
            {
                return 0;
            }

            if (!retain)
            {
                _output.WriteLine(Encoding.UTF8.GetString(payload, 0, length));
                Published++;
            }

            _delivered.Enqueue(++_lastTicket);
            return _lastTicket;
        }

        /// <inheritdoc/>
        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            delivered = _delivered.TryDequeue(out ticket);
            return delivered;
        }

        /// <inheritdoc/>
        public bool Subscribe(string topicFilter, int qos) => _state == LinkState.Connected;
    }
}
