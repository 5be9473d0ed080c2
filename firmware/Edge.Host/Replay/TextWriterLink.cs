using System.IO;
using System.Text;
using Edge.Core.Platform;

namespace Edge.Host.Replay
{
    /// <summary>An <see cref="IMqttLink"/> that writes each published payload as one line of text: a replay's reports on stdout.</summary>
    public sealed class TextWriterLink : IMqttLink
    {
        private readonly TextWriter _output;

        public TextWriterLink(TextWriter output) => _output = output;

        public event MqttMessageHandler? MessageReceived
        {
            add { }
            remove { }
        }

        public event MqttConnectionLostHandler? ConnectionLost
        {
            add { }
            remove { }
        }

        public bool IsConnected => true;

        public long Published { get; private set; }

        public bool Connect(MqttConnectOptions options) => true;

        public void Disconnect()
        {
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            _output.WriteLine(Encoding.UTF8.GetString(payload, 0, length));
            Published++;
            return true;
        }

        public bool Subscribe(string topicFilter, int qos) => true;
    }
}
