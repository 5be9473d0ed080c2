using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Host.Cli
{
    /// <summary>
    /// A separate MQTT client that subscribes to the readings of every node and prints each report as the
    /// broker delivers it: what is shown is what a consumer of the broker receives, not the node's own view.
    /// </summary>
    public sealed class ReportWatcher : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly Action<string, byte[]> _onReport;
        private long _received;

        private ReportWatcher(IMqttClient client, Action<string, byte[]> onReport)
        {
            _client = client;
            _onReport = onReport;
        }

        public long Received => Interlocked.Read(ref _received);

        public static async Task<ReportWatcher> StartAsync(string host, int port, string topicFilter, Action<string, byte[]> onReport, CancellationToken cancellation)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var watcher = new ReportWatcher(client, onReport);
            client.ApplicationMessageReceivedAsync += e =>
            {
                Interlocked.Increment(ref watcher._received);
                watcher._onReport(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId("edge-watch-" + Guid.NewGuid().ToString("N")[..8])
                .WithCleanSession(true)
                .Build();
            await client.ConnectAsync(options, cancellation).ConfigureAwait(false);
            await client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce, cancellation).ConfigureAwait(false);
            return watcher;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).ConfigureAwait(false);
            }

            _client.Dispose();
        }
    }
}
