using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Tests.Integration
{
    /// <summary>A separate MQTT client that records every message on a topic filter, as a broker-side consumer would.</summary>
    internal sealed class TopicRecorder : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly ConcurrentQueue<(string Topic, string Payload)> _messages = new();

        private TopicRecorder(IMqttClient client)
        {
            _client = client;
        }

        public IReadOnlyList<(string Topic, string Payload)> Messages => _messages.ToArray();

        public static Task<TopicRecorder> StartAsync(BrokerFixture broker, string topicFilter) => StartAsync(broker.Host, broker.Port, topicFilter);

        public static async Task<TopicRecorder> StartAsync(string host, int port, string topicFilter)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var recorder = new TopicRecorder(client);
            client.ApplicationMessageReceivedAsync += e =>
            {
                recorder._messages.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
                return Task.CompletedTask;
            };
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId("test-recorder-" + Guid.NewGuid().ToString("N")[..8])
                .Build());
            await client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce);
            return recorder;
        }

        /// <summary>Waits until at least <paramref name="count"/> messages arrived, or the timeout passed.</summary>
        public async Task<IReadOnlyList<(string Topic, string Payload)>> WaitForAsync(int count, TimeSpan timeout)
        {
            using var expiry = new CancellationTokenSource(timeout);
            while (_messages.Count < count && !expiry.IsCancellationRequested)
            {
                await Task.Delay(20);
            }

            // A short settle time: anything beyond the expected count (a duplicate) would show up here.
            await Task.Delay(200);
            return Messages;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
            }

            _client.Dispose();
        }
    }
}
