using System;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Node;
using Edge.Host.Listening;
using Edge.Host.Platform;

namespace Edge.Host.Cli
{
    /// <summary>
    /// A separate MQTT client that subscribes to everything the nodes publish and receive (the contract's topics,
    /// <see cref="ContractTopic.Filters"/>) and hands each message on as the broker delivers it: what is shown is
    /// what a consumer of the broker receives, not the node's own view. After a broker outage it reconnects and
    /// subscribes again (<see cref="BrokerSubscription"/>).
    /// </summary>
    public sealed class ReportWatcher : IAsyncDisposable
    {
        // A watcher beside a simulated node: back soon after the broker, so as to miss as little as possible of
        // what the node's outbox sends once it is back too (from 250 ms, doubling with jitter, to 2 s).
        private const long ReconnectMinMs = 250;
        private const long ReconnectMaxMs = 2000;

        private readonly string _prefix;
        private BrokerSubscription? _subscription;
        private long _received;

        private ReportWatcher(string prefix)
        {
            _prefix = prefix;
        }

        /// <summary>Window reports received (readings and IoT Agent measures), to compare with those published.</summary>
        public long Received => Interlocked.Read(ref _received);

        public static async Task<ReportWatcher> StartAsync(BrokerConnection connection, string prefix, Action<string, byte[]> onMessage, Action<string> onNote, CancellationToken cancellation)
        {
            var watcher = new ReportWatcher(prefix);
            watcher._subscription = await BrokerSubscription.ConnectAsync(
                connection,
                "edge-watch-",
                ContractTopic.Filters(prefix),
                (topic, payload, _) =>
                {
                    if (ContractTopic.Parse(topic, watcher._prefix).Channel is Channel.Readings or Channel.IotaMeasures)
                    {
                        Interlocked.Increment(ref watcher._received);
                    }

                    onMessage(topic, payload);
                },
                note => onNote("watcher: " + note),
                new ReconnectBackoff(ReconnectMinMs / 2, ReconnectMinMs, ReconnectMaxMs, (uint)Environment.TickCount),
                cancellation).ConfigureAwait(false);
            return watcher;
        }

        public async ValueTask DisposeAsync()
        {
            if (_subscription is not null)
            {
                await _subscription.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
