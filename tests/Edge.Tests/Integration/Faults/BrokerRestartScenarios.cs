using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>
    /// The broker stopped in order (mosquitto: SIGTERM, which saves its database) for 3 to 9 virtual seconds and
    /// started again on its port, twice. mosquitto keeps the sessions and what it queued, so nothing at all may be
    /// missing; the embedded broker keeps nothing, so the messages it acknowledged and had not delivered when it
    /// stopped are its own losses, named, and everything else must arrive.
    /// </summary>
    [Trait("Faults", "network")]
    public class BrokerStopScenarios(ITestOutputHelper output)
    {
        [Theory]
        [MemberData(nameof(FaultCases.BrokersAndSeeds), MemberType = typeof(FaultCases))]
        public async Task A_broker_stopped_and_started_again_gets_everything_the_node_produced_but_its_own_losses(string broker, int seed)
        {
            FaultOutcome outcome = await FaultScenario.RunAsync(broker, NetworkFault.BrokerStop, seed, output);

            if (broker == BrokersUnderTest.Mosquitto)
            {
                Assert.True(outcome.BrokerLost == 0, $"{outcome.Description}: mosquitto lost {outcome.BrokerLost} across SIGTERM");
            }

            ProxyStallScenarios.LoopKeptPolling(outcome);
        }
    }

    /// <summary>
    /// The broker crashed (mosquitto: SIGKILL; the embedded broker, which lives in this process, is stopped) for 3 to
    /// 9 virtual seconds and started again, twice. A crash loses what the broker acknowledged since its last save
    /// (mosquitto's PUBACK does not wait for the disk): those messages, acknowledged before the crash and not
    /// delivered by then, are the broker's losses, named; the node must have sent again everything else.
    /// </summary>
    [Trait("Faults", "network")]
    public class BrokerKillScenarios(ITestOutputHelper output)
    {
        [Theory]
        [MemberData(nameof(FaultCases.BrokersAndSeeds), MemberType = typeof(FaultCases))]
        public async Task A_broker_killed_and_started_again_gets_everything_but_what_it_had_acknowledged_and_not_delivered(string broker, int seed)
        {
            FaultOutcome outcome = await FaultScenario.RunAsync(broker, NetworkFault.BrokerKill, seed, output);

            ProxyStallScenarios.LoopKeptPolling(outcome);
        }
    }
}
