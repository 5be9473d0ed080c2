using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Edge.DeviceTests.Host
{
    /// <summary>The host adapter runs device tests with the TestFramework launcher's semantics
    /// (source/UnitTestLauncher/Program.cs): names, order, static invocation, rows, [Setup] and [Cleanup], skips.</summary>
    public sealed class AdapterTests
    {
        private static DeviceTestCatalog Fixture(string name) =>
            new(typeof(AdapterTests).Assembly, t => t.Namespace == "AdapterFixtures" && t.Name == name);

        [Fact]
        public void Names_and_orders_cases_as_the_launcher_prints_them()
        {
            DeviceTestCatalog catalog = Fixture("Ordered");

            // Setup first, then [TestMethod]s, then [DataRow] methods (TestMethod left out, rows indexed from 0), Cleanup last.
            Assert.Equal(
                ["AdapterFixtures.Ordered.First.0", "AdapterFixtures.Ordered.Plain.0", "AdapterFixtures.Ordered.Rows.0", "AdapterFixtures.Ordered.Rows.1", "AdapterFixtures.Ordered.Last.0"],
                catalog.Cases.Select(c => c.Id));
        }

        [Fact]
        public void Runs_setup_before_the_tests_one_call_per_row_and_cleanup_after()
        {
            DeviceTestCatalog catalog = Fixture("Ordered");
            AdapterFixtures.Ordered.Log = string.Empty;

            List<DeviceResult> results = catalog.Cases.Select(c => catalog.Run(c, _ => { })).ToList();

            Assert.All(results, r => Assert.Equal(DeviceOutcome.Passed, r.Outcome));
            Assert.Equal("setup;plain;row 1 one;row 2 two;cleanup;", AdapterFixtures.Ordered.Log);
        }

        [Fact]
        public void A_test_run_alone_gets_its_class_setup_first_and_once()
        {
            DeviceTestCatalog catalog = Fixture("Ordered");
            AdapterFixtures.Ordered.Log = string.Empty;

            catalog.Run(catalog.ById["AdapterFixtures.Ordered.Rows.1"], _ => { });
            catalog.Run(catalog.ById["AdapterFixtures.Ordered.Plain.0"], _ => { });

            Assert.Equal("setup;row 2 two;plain;", AdapterFixtures.Ordered.Log);
        }

        [Fact]
        public void A_skipped_setup_skips_the_class_and_runs_none_of_its_tests()
        {
            DeviceTestCatalog catalog = Fixture("NoHarness");
            AdapterFixtures.NoHarness.Runs = 0;

            DeviceResult setup = catalog.Run(catalog.ById["AdapterFixtures.NoHarness.Look_for_the_harness.0"], _ => { });
            DeviceResult test = catalog.Run(catalog.ById["AdapterFixtures.NoHarness.Needs_the_harness.0"], _ => { });

            Assert.Equal(new DeviceResult(DeviceOutcome.Skipped, "no loopback harness on COM2"), setup);
            Assert.Equal(new DeviceResult(DeviceOutcome.Skipped, "[Setup] skipped: no loopback harness on COM2"), test);
            Assert.Equal(0, AdapterFixtures.NoHarness.Runs);
        }

        [Fact]
        public void Reports_failures_with_the_launchers_messages_and_skips_as_skips()
        {
            DeviceTestCatalog catalog = Fixture("Outcomes");
            var output = new List<string>();

            Dictionary<string, DeviceResult> results = catalog.Cases.ToDictionary(c => c.Id[("AdapterFixtures.Outcomes.".Length)..^2], c => catalog.Run(c, output.Add));

            Assert.Equal(new DeviceResult(DeviceOutcome.Failed, "Assert.AreEqual failed. Expected:<230>. Actual:<231>. voltage"), results["Unequal"]);
            Assert.Equal(DeviceOutcome.Failed, results["Throws"].Outcome);
            Assert.StartsWith("System.InvalidOperationException: boom", results["Throws"].Message);
            Assert.Equal(DeviceOutcome.Failed, results["Wrong_exception"].Outcome);
            Assert.StartsWith("Assert.ThrowsException failed. Threw exception ArgumentNullException, but exception ArgumentException was expected.", results["Wrong_exception"].Message);
            Assert.Equal(new DeviceResult(DeviceOutcome.Skipped, "needs a board"), results["Skips"]);
            Assert.Equal(DeviceOutcome.Passed, results["Passes"].Outcome);
            Assert.Equal(["said something"], output);
        }

        [Fact]
        public void Refuses_a_class_with_instance_state()
        {
            DeviceTestCatalog catalog = Fixture("InstanceState");

            DeviceResult result = catalog.Run(catalog.Cases.Single(), _ => { });

            Assert.Equal(DeviceOutcome.Failed, result.Outcome);
            Assert.Contains("instance field _count", result.Message);
        }

        [Fact]
        public void Prints_a_result_as_the_launcher_does()
        {
            DeviceTestCatalog catalog = Fixture("Ordered");
            DeviceTestCase test = catalog.ById["AdapterFixtures.Ordered.Rows.1"];

            Assert.Equal("Test passed,AdapterFixtures.Ordered.Rows.1,1200", DeviceTestCatalog.LauncherLine(test, new DeviceResult(DeviceOutcome.Passed, "1200")));
            Assert.Equal("Test failed,AdapterFixtures.Ordered.Rows.1,a, b", DeviceTestCatalog.LauncherLine(test, new DeviceResult(DeviceOutcome.Failed, "a, b")));
            Assert.Equal("Test skipped,AdapterFixtures.Ordered.Rows.1,why", DeviceTestCatalog.LauncherLine(test, new DeviceResult(DeviceOutcome.Skipped, "why")));
        }

        [Fact]
        public void The_assembly_compiled_for_the_device_holds_the_same_tests_under_the_same_names()
        {
            // NFUnitTest.dll of tests/Edge.DeviceTests.Check: the sources compiled against nanoFramework mscorlib and the
            // declared TestFramework, as the device build compiles them. The launcher there will print these names.
            string configuration = typeof(AdapterTests).Assembly.GetCustomAttribute<System.Reflection.AssemblyConfigurationAttribute>()!.Configuration;
            string device = System.IO.Path.Combine(VectorFileTests.RepositoryRoot(), "tests", "Edge.DeviceTests.Check", "bin", configuration, "net10.0", "NFUnitTest.dll");

            List<Edge.DeviceTests.Runner.ExpectedTest> listed = Edge.DeviceTests.Runner.AssemblyTests.List(device);

            Assert.Equal(DeviceTests.Catalog.Cases.Select(c => c.Id), listed.Select(t => t.Id));
            Assert.Equal(DeviceTests.Catalog.Cases.Select(c => c.Kind.ToString().ToLowerInvariant()), listed.Select(t => t.Kind));
        }

        [Fact]
        public void The_device_catalog_holds_the_device_tests_only_and_the_runner_lists_the_same_names_from_metadata()
        {
            IReadOnlyList<DeviceTestCase> cases = DeviceTests.Catalog.Cases;
            Assert.True(cases.Count >= 60, cases.Count + " cases");
            Assert.All(cases, c => Assert.StartsWith("Edge.DeviceTests.", c.Id));
            Assert.DoesNotContain(cases, c => c.Id.StartsWith("Edge.DeviceTests.Host", System.StringComparison.Ordinal));

            // The runner reads the names from an assembly's metadata without loading it; on this assembly (the same
            // sources) it must find the device tests and the fixtures, in the launcher's order, and nothing else.
            List<Edge.DeviceTests.Runner.ExpectedTest> listed = Edge.DeviceTests.Runner.AssemblyTests.List(typeof(AdapterTests).Assembly.Location);
            Assert.Equal(cases.Select(c => c.Id), listed.Select(t => t.Id).Where(id => !id.StartsWith("AdapterFixtures.", System.StringComparison.Ordinal)));
            Assert.Equal(cases.Where(c => c.Kind == DeviceTestKind.Setup).Select(c => c.Id), listed.Where(t => t.Kind == "setup").Select(t => t.Id).Where(id => !id.StartsWith("AdapterFixtures.", System.StringComparison.Ordinal)));
        }
    }
}
