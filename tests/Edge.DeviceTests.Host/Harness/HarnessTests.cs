using Edge.DeviceTests.Support;
using Xunit;

namespace Edge.DeviceTests.Host.Harness
{
    /// <summary>The Hil device tests run here against the simulated harness, and skip only when there is none.</summary>
    public sealed class HarnessTests
    {
        private const string BrokerTest = "Edge.DeviceTests.Hil.BrokerTests.Connects_publishes_and_receives_its_own_message_back.0";

        [Fact]
        public void The_adapter_installs_the_simulated_harness_before_any_device_test()
        {
            Assert.IsType<SimulatedHarness>(LoopbackHarness.Current);
        }

        [Fact]
        public void With_no_harness_a_hil_test_is_reported_skipped_with_its_message()
        {
            LoopbackHarness installed = LoopbackHarness.Current;
            LoopbackHarness.Current = null;
            try
            {
                DeviceTestCase test = DeviceTests.Catalog.ById[BrokerTest];

                DeviceResult result = DeviceTests.Catalog.Run(test, _ => { });

                Assert.Equal(DeviceOutcome.Skipped, result.Outcome);
                Assert.Equal(LoopbackHarness.NoHarness, result.Message);
                Assert.Equal("Test skipped," + BrokerTest + "," + LoopbackHarness.NoHarness, DeviceTestCatalog.LauncherLine(test, result));
                Assert.Contains("hardware/test-harness.md", result.Message);
            }
            finally
            {
                LoopbackHarness.Current = installed;
            }
        }

        [Fact]
        public void With_the_harness_the_same_test_passes()
        {
            DeviceTestCase test = DeviceTests.Catalog.ById[BrokerTest];

            DeviceResult result = DeviceTests.Catalog.Run(test, _ => { });

            Assert.Equal(DeviceOutcome.Passed, result.Outcome);
        }
    }
}
