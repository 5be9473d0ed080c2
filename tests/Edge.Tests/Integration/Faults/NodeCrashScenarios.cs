using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Node;
using Edge.Host.Faults;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>The node crash and store scenarios' clean stop and their waits.</summary>
    public static partial class FaultCases
    {
        /// <summary>
        /// Stops the node cleanly (SIGTERM) and reads the store it left. A clean stop publishes what the link takes at
        /// once and waits SimulationOptions.LinkTimeout (2 s) for the acknowledgements, so on a loaded machine a report
        /// may stay in the store, unsent: not lost, it goes at the next start. Then the node is started again until it
        /// delivered it, at most 3 times, so that the ledger can judge every number. Returns the last exit code and store.
        /// </summary>
        public static async Task<(int Exit, StoreSnapshot Left)> StopDeliveredAsync(NodeProcess process, NodeRunBook book, string store, string node, TimeSpan patience)
        {
            int exit = await process.StopAsync();
            StoreSnapshot left = StoreSnapshot.Take(store, node);
            for (int again = 0; again < 3 && exit == 0 && left.HeldReadings.Count > 0; again++)
            {
                book.Ended(left);
                process.Restart();
                StoreSnapshot held = left;
                await Until(() => book.CaughtUp(held.HeldReadings), patience);
                exit = await process.StopAsync();
                left = StoreSnapshot.Take(store, node);
            }

            book.Ended(left);
            return (exit, left);
        }

        /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds (true) or <paramref name="timeout"/> passed (false).</summary>
        public static async Task<bool> Until(Func<bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition())
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(20);
            }

            return true;
        }
    }

    /// <summary>
    /// `edge simulate` in a process of its own, publishing straight to the broker, killed with SIGKILL at seeded
    /// moments while it publishes (ten reports a second at 600x) and started again on the same store. What each run
    /// produced is told by <see cref="NodeRunBook"/>: from the number its start found in the store to the highest
    /// number received or held in the store when it died.
    /// </summary>
    public class NodeKillScenarios(ITestOutputHelper output)
    {
        /// <summary>A dotnet process starting on a loaded 2-core machine takes seconds; this bounds it generously.</summary>
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

        private const int Kills = 3;

        public static TheoryData<string, int> Cases => FaultCases.Of(3, 29);

        /// <summary>Waits until <paramref name="process"/> has published a report numbered <paramref name="first"/> or
        /// above: one the run produced, not one it sent again for the run before.</summary>
        private static async Task WaitForOwnReportAsync(NodeProcess process, string node, long first, TimeSpan patience)
        {
            var line = new Regex($@"^edge/{Regex.Escape(node)}/readings  seq (\d+) ", RegexOptions.Multiline | RegexOptions.CultureInvariant);
            DateTime deadline = DateTime.UtcNow + patience;
            while (true)
            {
                foreach (Match match in line.Matches(process.Output))
                {
                    if (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= first)
                    {
                        return;
                    }
                }

                if (!process.IsRunning || DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException($"no report numbered {first} or above {(process.IsRunning ? $"within {patience.TotalSeconds} s" : "before the node exited")}; transcript:\n{process.Transcript}");
                }

                await Task.Delay(20);
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task A_node_killed_mid_publish_and_restarted_on_its_store_loses_nothing_and_redelivers_only_the_same_report(string kind, int seed)
        {
            var random = new Random(seed);
            string node = $"kill-{seed}";
            string store = Directory.CreateTempSubdirectory("edge-kill-").FullName;
            try
            {
                await using IBrokerUnderTest broker = await BrokersUnderTest.StartAsync(kind);
                var ledger = new DeliveryLedger();
                var book = new NodeRunBook(node);
                await using var subscriber = await PersistentSubscriber.ConnectAsync(broker.Host, broker.Port, [$"edge/{node}/#"], (topic, payload, retained) =>
                {
                    ledger.Record(topic, payload, retained);
                    book.Record(topic, payload);
                });
                await using var process = NodeProcess.Start("--broker", $"mqtt://{broker.Host}:{broker.Port}", "--node-id", node, "--store", store, "--speed", "600");
                var kills = new List<string>();
                StoreSnapshot left = StoreSnapshot.Take(store, node);
                for (int k = 0; k < Kills; k++)
                {
                    // Once this run publishes a report of its own, a seeded moment within the next 1.5 s: some ten
                    // reports later. A restarted run first sends again what the killed one left in the store, whose
                    // numbers are below the first of its own: killed then, it would have produced nothing yet.
                    await WaitForOwnReportAsync(process, node, left.NextSequence, Patience);
                    int after = random.Next(0, 1500);
                    await Task.Delay(after);
                    process.Kill();
                    left = StoreSnapshot.Take(store, node);
                    book.Ended(left);
                    kills.Add($"kill {k + 1} at +{after} ms: {left}");
                    process.Restart();
                }

                bool caughtUp = await FaultCases.Until(() => book.CaughtUp(left.HeldReadings), Patience);
                (int exit, StoreSnapshot last) = await FaultCases.StopDeliveredAsync(process, book, store, node, Patience);
                book.FeedProduced(ledger);
                DeliveryVerdict verdict = await ledger.WaitForAllAsync(Patience, quiet: TimeSpan.FromSeconds(1));

                string context = $"{broker.Kind}, seed {seed}: {string.Join("; ", kills)}\n{book.Describe()}\n{verdict}\n{process.Transcript}";
                output.WriteLine($"{broker.Kind}, seed {seed}: {string.Join("; ", kills)}\n{book.Describe()}\n{verdict}");
                Assert.True(caughtUp, "the last run did not deliver what its store held and a report of its own: " + context);
                Assert.True(exit == 0, context);
                Assert.True(verdict.Ok, context);
                Assert.True(last.HeldReadings.Count == 0, "clean stops left reports unsent: " + context);
                for (int r = 0; r <= Kills; r++)
                {
                    Assert.True(book.HighestOf(r) >= book.FirstOf(r), $"run {r + 1} published nothing: {context}");
                    Assert.True(r == 0 || book.FirstOf(r) > book.HighestOf(r - 1), $"run {r + 1} reused a number of run {r}: {context}");
                }

                SeriesVerdict readings = verdict.Of(node, SeriesKind.Readings)!;
                Assert.Equal(readings.Produced, readings.Received); // every number once at least, and none other
                Assert.True(ledger.BootOf(node) >= Kills + 1, context); // more if the last stop left a report to send
            }
            finally
            {
                Directory.Delete(store, recursive: true);
            }
        }
    }

    /// <summary>
    /// `edge simulate` killed during an outage (its store holding reports not yet delivered), its store then damaged (seeded: a file of its outbox cut short, bytes flipped, or a torn
    /// write left beside it, and a second harm to any file of the store), and started again on it. What it must do:
    /// start; say in health what damage it found (tornTails, corruptSegments, storeErrors); lose nothing but what the
    /// damage itself destroyed of the reports not yet delivered; never reuse a number.
    /// </summary>
    public class NodeStoreDamageScenarios(ITestOutputHelper output)
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

        private static readonly string[] DamageFields = ["tornTails", "corruptSegments", "storeErrors"];

        public static TheoryData<string, int> Cases => FaultCases.Of(5, 17, 40);

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task A_node_restarted_on_a_damaged_store_reports_the_damage_and_loses_only_undelivered_reports_it_destroyed(string kind, int seed)
        {
            var random = new Random(seed);
            string node = $"damage-{seed}";
            string store = Directory.CreateTempSubdirectory("edge-damage-").FullName;
            try
            {
                await using IBrokerUnderTest broker = await BrokersUnderTest.StartAsync(kind);
                var ledger = new DeliveryLedger();
                var book = new NodeRunBook(node);
                var healthAfterRestart = new ConcurrentQueue<JsonElement>();
                bool restarted = false;
                await using var subscriber = await PersistentSubscriber.ConnectAsync(broker.Host, broker.Port, [$"edge/{node}/#"], (topic, payload, retained) =>
                {
                    ledger.Record(topic, payload, retained);
                    book.Record(topic, payload);
                    if (Volatile.Read(ref restarted) && topic.EndsWith("/health", StringComparison.Ordinal))
                    {
                        healthAfterRestart.Enqueue(JsonDocument.Parse(payload).RootElement.Clone());
                    }
                });

                // The node reaches the broker through a proxy, refused for a seeded while before the kill, so that the
                // store holds a backlog (twenty reports a second at 1200x) for the damage to hit. 1200x also brings the
                // node's first health message (NodeConfig.HealthSeconds, 2 h) 6 s after its start.
                await using var proxy = TcpChaosProxy.Start(broker.Host, broker.Port);
                await using var process = NodeProcess.Start("--broker", $"mqtt://{proxy.Host}:{proxy.Port}", "--node-id", node, "--store", store, "--speed", "1200");
                await process.WaitForLineAsync($@"^edge/{node}/readings  seq \d+ ", Patience);
                proxy.Refuse();
                proxy.Cut();
                int backlogMs = random.Next(500, 2500);
                await Task.Delay(backlogMs);
                process.Kill();

                StoreSnapshot before = StoreSnapshot.Take(store, node);
                var damage = new StoreDamage(store, seed);
                // The first harm to a segment of the outbox ("ob" and its number), where the reports are; the second anywhere.
                string[] outboxFiles = [.. damage.Files().Where(f => Regex.IsMatch(f, "^" + EdgeNode.OutboxPrefix + "[0-9]+$") && new FileInfo(Path.Combine(store, f)).Length > 0)];
                if (outboxFiles.Length > 0)
                {
                    string file = outboxFiles[random.Next(outboxFiles.Length)];
                    _ = random.Next(3) switch
                    {
                        0 => damage.Truncate(file),
                        1 => damage.Flip(file, Math.Min(random.Next(1, 5), (int)new FileInfo(Path.Combine(store, file)).Length)),
                        _ => damage.LeaveTornWrite(file),
                    };
                }

                damage.Any();
                StoreSnapshot after = StoreSnapshot.Take(store, node);
                book.Ended(before, nextFirst: after.NextSequence);

                Volatile.Write(ref restarted, true);
                proxy.Restore();
                process.Restart();
                await process.WaitForLineAsync($@"^edge/{node}/readings  seq \d+ ", Patience);

                // The damage the store's load found is in the restarted node's health (its own, not the earlier run's
                // health messages it publishes again from the outbox, which say 0).
                bool reported = after.DamageSeen == 0 || await FaultCases.Until(() => healthAfterRestart.Any(h => DamageIn(h) > 0), Patience);
                bool caughtUp = await FaultCases.Until(() => book.CaughtUp(after.HeldReadings), Patience);
                (int exit, _) = await FaultCases.StopDeliveredAsync(process, book, store, node, Patience);
                book.FeedProduced(ledger);
                DeliveryVerdict verdict = await ledger.WaitForAllAsync(TimeSpan.FromSeconds(20), quiet: TimeSpan.FromSeconds(1));

                // Destroyed: held before the damage, not after. Of those, the ones delivered before the kill are not lost.
                IReadOnlySet<long> received = book.Received;
                long[] destroyed = [.. before.HeldReadings.Except(after.HeldReadings).Order()];
                long[] destroyedUndelivered = [.. destroyed.Where(n => !received.Contains(n))];
                SeriesVerdict readings = verdict.Of(node, SeriesKind.Readings)!;
                string summary = $"{broker.Kind}, killed {backlogMs} ms into an outage, {damage}\nbefore: {before}\nafter: {after}\ndestroyed {destroyed.Length} ({destroyedUndelivered.Length} undelivered)\n{book.Describe()}\n{verdict}";
                string context = summary + "\n" + process.Transcript;
                output.WriteLine(summary);

                Assert.True(caughtUp, "the restarted node did not deliver what its store held and a report of its own: " + context);
                Assert.True(exit == 0, context);
                Assert.True(reported, "the restarted node's health did not report the damage its store load found: " + context);
                Assert.True(destroyedUndelivered.Length == 0 || after.DamageSeen > 0, "reports destroyed and not counted: " + context);
                Assert.True(book.FirstOf(1) > book.HighestOf(0), "the restarted node reused a number: " + context);
                Assert.True(readings.Lost.All(n => destroyedUndelivered.Contains(n)), "lost what the damage did not destroy: " + context);
                Assert.True(readings.Unexpected.Length == 0 && readings.OutOfOrder.Length == 0 && readings.Conflicting.Length == 0 && verdict.Malformed.Count == 0, context);
                Assert.True(book.HighestOf(1) >= book.FirstOf(1), "the restarted node published nothing new: " + context);
            }
            finally
            {
                Directory.Delete(store, recursive: true);
            }
        }

        private static long DamageIn(JsonElement health)
        {
            long sum = 0;
            foreach (string field in DamageFields)
            {
                if (health.TryGetProperty(field, out JsonElement value) && value.TryGetInt64(out long count))
                {
                    sum += count;
                }
            }

            return sum;
        }

    }
}
