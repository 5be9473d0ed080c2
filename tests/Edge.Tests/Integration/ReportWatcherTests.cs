using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Integration
{
    /// <summary>The simulator's watcher against a broker of the test's own, stopped and started again.</summary>
    public class ReportWatcherTests
    {
        [Fact]
        public async Task Shows_reports_published_after_the_broker_restarts()
        {
            int port = EmbeddedBroker.FreeLoopbackPort();
            EmbeddedBroker broker = await EmbeddedBroker.StartAsync(port);
            var seen = new ConcurrentQueue<string>();
            var notes = new ConcurrentQueue<string>();
            await using ReportWatcher watcher = await ReportWatcher.StartAsync(new BrokerAddress(broker.Host, port), "watch-it", (topic, payload) => seen.Enqueue(Encoding.UTF8.GetString(payload)), notes.Enqueue, CancellationToken.None);
            try
            {
                await ListenRun.PublishAsync(broker.Host, port, ListenRun.Text("watch-it/n1/readings", "before"));
                Assert.True(await WaitUntilAsync(() => seen.Contains("before"), TimeSpan.FromSeconds(10)));

                await broker.DisposeAsync();
                await Task.Delay(300);
                broker = await EmbeddedBroker.StartAsync(port);

                // Published again until the watcher, back on the broker, shows it.
                bool shown = await WaitUntilAsync(
                    () =>
                    {
                        ListenRun.PublishAsync(broker.Host, port, ListenRun.Text("watch-it/n1/readings", "after")).GetAwaiter().GetResult();
                        return seen.Contains("after");
                    },
                    TimeSpan.FromSeconds(20),
                    TimeSpan.FromMilliseconds(250));
                Assert.True(shown, string.Join(", ", seen));
            }
            finally
            {
                await broker.DisposeAsync();
            }

            Assert.Equal("before", seen.First());
            Assert.True(watcher.Received >= 2);
            Assert.StartsWith($"watcher: lost the broker at mqtt://127.0.0.1:{port}", notes.First());
            Assert.Contains(notes, n => n.StartsWith($"watcher: reconnected to the broker at mqtt://127.0.0.1:{port}", StringComparison.Ordinal));
        }

        private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? poll = null)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                await Task.Delay(poll ?? TimeSpan.FromMilliseconds(25));
            }

            return true;
        }
    }
}
