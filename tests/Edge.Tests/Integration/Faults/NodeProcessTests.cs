using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Edge.Host.Faults;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>`edge simulate` as a child process: killed with SIGKILL, started again on its store, stopped with SIGTERM.</summary>
    public class NodeProcessTests
    {
        /// <summary>A dotnet process starting on a loaded 2-core machine takes seconds; this bounds it generously.</summary>
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task Is_killed_restarts_on_its_store_without_reusing_a_number_and_stops_cleanly_on_sigterm()
        {
            string store = Directory.CreateTempSubdirectory("edge-node-").FullName;
            try
            {
                await using IBrokerUnderTest broker = await BrokersUnderTest.StartAsync(BrokersUnderTest.Embedded);
                var ledger = new DeliveryLedger();
                await using var subscriber = await PersistentSubscriber.ConnectAsync(broker.Host, broker.Port, ["edge/#"], ledger.Record);
                await using var node = NodeProcess.Start("--broker", $"mqtt://{broker.Host}:{broker.Port}", "--node-id", "proc-1", "--store", store, "--speed", "600");

                await node.WaitForLineAsync(@"^edge/proc-1/readings  seq 2 ", Patience);
                node.Kill();

                Assert.False(node.IsRunning);
                Assert.Equal(137, node.ExitCode); // 128 + SIGKILL
                node.Restart();
                // The first run reserved 1-100 in its store (NodeConfig.SequenceBlock): the second numbers its new reports
                // from 101. Before that it may replay, under their own numbers, reports the first run had stored but
                // not seen acknowledged when it was killed (on a loaded machine, seq 3 or 4): a redelivery, not a reuse.
                await node.WaitForLineAsync(@"^edge/proc-1/readings  seq 101 ", Patience);
                // Output starts empty at the restart: these are the second run's lines alone. Its new reports are
                // numbered from 101 on; a number below that can only be a replay, which the outbox sends before them.
                bool newBlock = false;
                foreach (Match line in Regex.Matches(node.Output, @"^edge/proc-1/readings  seq (\d+) ", RegexOptions.Multiline))
                {
                    long seq = long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
                    newBlock |= seq >= 101;
                    Assert.True(seq >= 101 || !newBlock, $"seq {seq} after a number of the new block: a reused number, not a replay\n{node.Transcript}");
                }

                Assert.Equal(0, ledger.Verdict().Conflicting); // a number received twice always carried the same bytes
                Assert.Contains($"  store    {store} (sequence numbers and settings kept across runs)", node.Output);

                int exit = await node.StopAsync();

                Assert.True(exit == 0, node.Transcript);
                Assert.Contains("stopped after", node.Output);
                Assert.Equal(2, node.Starts);
                Assert.Equal(2, ledger.BootOf("proc-1")); // each start said online with its own "started"
                Assert.Empty(ledger.Verdict().Malformed);
            }
            finally
            {
                Directory.Delete(store, recursive: true);
            }
        }

        [Fact]
        public async Task A_second_node_on_the_same_store_is_refused_while_the_first_runs()
        {
            string store = Directory.CreateTempSubdirectory("edge-node-").FullName;
            try
            {
                await using IBrokerUnderTest broker = await BrokersUnderTest.StartAsync(BrokersUnderTest.Embedded);
                string[] args = ["--broker", $"mqtt://{broker.Host}:{broker.Port}", "--node-id", "proc-2", "--store", store, "--speed", "60"];
                await using var first = NodeProcess.Start(args);
                await first.WaitForLineAsync(@"^edge/proc-2/status  online", Patience);

                await using var second = NodeProcess.Start(args);
                int exit = await second.WaitForExitAsync(Patience);

                Assert.Equal(1, exit);
                Assert.Contains($"the store directory {store} is in use by another simulator of the same node", second.Error);
                Assert.True(first.IsRunning);
            }
            finally
            {
                Directory.Delete(store, recursive: true);
            }
        }
    }
}
