using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Edge.Host.Faults;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>`edge simulate --faults`: its seeded schedule, and a short soak that ends with the tally and lost 0.</summary>
    public class FaultSoakTests
    {
        [Fact]
        public async Task The_same_seed_draws_the_same_faults_and_restarts_only_with_a_store()
        {
            await using var proxy = TcpChaosProxy.Start("127.0.0.1", EmbeddedBroker.FreeLoopbackPort());

            List<string> Draw(int seed, bool restarts)
            {
                var schedule = new FaultSchedule(seed, restarts);
                var faults = new List<string>();
                for (long ms = 0; ms < 600_000; ms += 100)
                {
                    if (schedule.Advance(ms, proxy) is string fault)
                    {
                        faults.Add($"{ms} {fault}");
                    }
                }

                proxy.Restore();
                return faults;
            }

            List<string> first = Draw(7, restarts: true);
            Assert.Equal(first, Draw(7, restarts: true));
            Assert.NotEqual(first, Draw(8, restarts: true));
            Assert.Contains(first, f => f.EndsWith(" restart", StringComparison.Ordinal));
            Assert.DoesNotContain(Draw(7, restarts: false), f => f.EndsWith(" restart", StringComparison.Ordinal));
            foreach (string kind in new[] { "cut", "stall", "black-hole", "refuse" })
            {
                Assert.Contains(first, f => f.EndsWith(" " + kind, StringComparison.Ordinal));
            }
        }

        [Fact]
        public async Task A_short_soak_prints_a_running_tally_and_ends_with_nothing_lost()
        {
            string store = Directory.CreateTempSubdirectory("edge-soak-").FullName;
            try
            {
                var output = new StringWriter();
                var error = new StringWriter();
                int exit = await EdgeCli.RunAsync(
                    ["simulate", "--faults", "--fault-seed", "4", "--duration", "1h", "--speed", "600", "--port", "0", "--node-id", "soak-1", "--store", store],
                    TextWriter.Synchronized(output),
                    TextWriter.Synchronized(error),
                    interactive: false).WaitAsync(TimeSpan.FromSeconds(120));

                // Seed 4 restarts the node first, within 4 s: the hour at 600x takes at least 6 s.
                string text = output + "\n" + error;
                Assert.True(exit == 0, $"exit {exit}:\n{text}");
                Assert.Contains("  faults   seed 4: cut, stall, black-hole, refuse, restart on the store", text);
                Assert.Matches(new Regex(@"^\+\d\d:\d\d:\d\d produced \d+ delivered \d+ dup \d+ waiting \d+ reconn \d+ fault \S+", RegexOptions.Multiline), text);
                Match verdict = Regex.Match(text, @"verdict after 01:00:00 virtual: produced (\d+), delivered (\d+), duplicates \d+, lost 0, out of order 0, reused 0; reconnects \d+; faults .*restart \d+.*: nothing lost");
                Assert.True(verdict.Success, text);

                // A 1-minute window: an hour of them and the open one at the end, less the window open at each restart (never closed).
                Assert.InRange(int.Parse(verdict.Groups[1].Value), 40, 62);
                Assert.Equal(verdict.Groups[1].Value, verdict.Groups[2].Value);
            }
            finally
            {
                Directory.Delete(store, recursive: true);
            }
        }
    }
}
