using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Integration.Faults
{
    // One class per fault, so that xUnit runs them as collections in parallel; each case is one broker and one seed
    // (FaultCases). FaultScenario asserts the delivery itself: every number produced received, in order, repeated
    // only with the same bytes, nothing dropped, a reconnection after each fault; these tests assert that the fault
    // was met the way it should be.

    /// <summary>Connections reset (RST) while a message is in flight, several times in a run.</summary>
    [Trait("Faults", "network")]
    public class ProxyCutScenarios(ITestOutputHelper output)
    {
        [Theory]
        [MemberData(nameof(FaultCases.BrokersAndSeeds), MemberType = typeof(FaultCases))]
        public async Task Connections_reset_while_publishing_lose_nothing_and_are_not_taken_for_a_session_takeover(string broker, int seed)
        {
            FaultOutcome outcome = await FaultScenario.RunAsync(broker, NetworkFault.Cut, seed, output);

            Assert.InRange(outcome.Faults, 3, 5);
            Assert.True(outcome.LinkLost + outcome.AckTimeouts >= outcome.Faults, $"{outcome.Description}: {outcome.Faults} cuts, {outcome.LinkLost} connections lost, {outcome.AckTimeouts} ack timeouts");
            Assert.True(outcome.Takeovers == 0, $"{outcome.Description}: cuts taken for a session takeover");
            Assert.True(outcome.Duplicates >= 0 && outcome.Produced > 0, outcome.Summary);
        }
    }

    /// <summary>A frozen broker: sockets open, nothing answered, for 12 to 25 virtual seconds, twice.</summary>
    [Trait("Faults", "network")]
    public class ProxyStallScenarios(ITestOutputHelper output)
    {
        [Theory]
        [MemberData(nameof(FaultCases.BrokersAndSeeds), MemberType = typeof(FaultCases))]
        public async Task A_frozen_broker_is_given_up_by_the_acknowledgement_bound_while_the_loop_keeps_reading_and_reporting(string broker, int seed)
        {
            FaultOutcome outcome = await FaultScenario.RunAsync(broker, NetworkFault.Stall, seed, output);

            // Each stall outlasts a window (a report goes out into it) plus the 5 s PUBACK bound: each is met while it lasts.
            Assert.Equal(2, outcome.DetectionsPerFault.Length);
            Assert.True(outcome.DetectionsPerFault.All(d => d >= 1), $"{outcome.Description}: a stall drew no ack timeout, lost connection nor connect timeout while it lasted");
            LoopKeptPolling(outcome);
        }

        /// <summary>The windows that closed during the faults were reported, each with a sample of every tick: the
        /// loop polled the meter once a second all along.</summary>
        internal static void LoopKeptPolling(FaultOutcome outcome)
        {
            Assert.True(outcome.ReportsDuringFaults >= outcome.ExpectedReportsDuringFaults, $"{outcome.Description}: {outcome.ReportsDuringFaults} reports closed during the faults, {outcome.ExpectedReportsDuringFaults} windows ended");
            Assert.All(outcome.SamplesDuringFaults, n => Assert.Equal(FaultScenario.WindowSeconds, n));
        }
    }

    /// <summary>A dead route (24 to 36 virtual seconds, the 60-150 s of the field scaled down with the timeouts), twice.</summary>
    [Trait("Faults", "network")]
    public class ProxyBlackHoleScenarios(ITestOutputHelper output)
    {
        [Theory]
        [MemberData(nameof(FaultCases.BrokersAndSeeds), MemberType = typeof(FaultCases))]
        public async Task A_dead_route_is_given_up_by_the_acknowledgement_and_connect_bounds_and_everything_is_sent_again(string broker, int seed)
        {
            FaultOutcome outcome = await FaultScenario.RunAsync(broker, NetworkFault.BlackHole, seed, output);

            Assert.True(outcome.AckTimeouts >= outcome.Faults, $"{outcome.Description}: {outcome.AckTimeouts} ack timeouts for {outcome.Faults} black holes");
            Assert.True(outcome.DetectionsPerFault.All(d => d >= 1), $"{outcome.Description}: a black hole drew no ack timeout, lost connection nor connect timeout while it lasted");
            Assert.True(outcome.TimeoutFailures >= outcome.Faults, $"{outcome.Description}: {outcome.TimeoutFailures} connection attempts timed out in {outcome.Faults} black holes");
            ProxyStallScenarios.LoopKeptPolling(outcome);
        }
    }

    /// <summary>The connection reset and every new one refused, for 5 to 15 virtual seconds, twice.</summary>
    [Trait("Faults", "network")]
    public class ProxyRefuseScenarios(ITestOutputHelper output)
    {
        [Theory]
        [MemberData(nameof(FaultCases.BrokersAndSeeds), MemberType = typeof(FaultCases))]
        public async Task Refused_connections_are_retried_until_the_broker_is_reachable_again_and_nothing_is_lost(string broker, int seed)
        {
            FaultOutcome outcome = await FaultScenario.RunAsync(broker, NetworkFault.Refuse, seed, output);

            Assert.True(outcome.TcpFailures >= outcome.Faults, $"{outcome.Description}: {outcome.TcpFailures} refused attempts for {outcome.Faults} refusals");
            ProxyStallScenarios.LoopKeptPolling(outcome);
        }
    }
}
