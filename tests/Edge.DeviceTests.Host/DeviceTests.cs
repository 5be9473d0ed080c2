using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

// Device tests keep their state in static fields and run one after the other on the device: so here.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Edge.DeviceTests.Host
{
    /// <summary>
    /// Every device test of tests/Edge.DeviceTests, one xUnit case each, named by its launcher name
    /// (Namespace.Class.Method.row), run as the TestFramework's launcher runs it; a test that calls
    /// Assert.SkipTest shows as skipped, and CI's summary counts these cases as "device tests".
    /// </summary>
    [TestCaseOrderer("Edge.DeviceTests.Host.LauncherOrder", "Edge.DeviceTests.Host")]
    public sealed class DeviceTests
    {
        internal static readonly DeviceTestCatalog Catalog = new(typeof(DeviceTests).Assembly, IsDeviceTest);

        private readonly ITestOutputHelper _output;

        public DeviceTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Ids => Catalog.Cases.Select(c => new object[] { new DeviceTestName(c.Id) });

        [SkippableTheory]
        [MemberData(nameof(Ids))]
        public void Device_test(DeviceTestName name)
        {
            DeviceTestCase test = Catalog.ById[name.Id];
            DeviceResult result = Catalog.Run(test, _output.WriteLine);
            _output.WriteLine(DeviceTestCatalog.LauncherLine(test, result));

            Skip.If(result.Outcome == DeviceOutcome.Skipped, result.Message);
            Assert.True(result.Outcome == DeviceOutcome.Passed, result.Message);
        }

        /// <summary>The device test sources' classes, not this project's own (nor its fixtures).</summary>
        internal static bool IsDeviceTest(System.Type type) =>
            type.Namespace != null && type.Namespace.StartsWith("Edge.DeviceTests.", System.StringComparison.Ordinal)
            && !type.Namespace.StartsWith("Edge.DeviceTests.Host", System.StringComparison.Ordinal);
    }

    /// <summary>
    /// A device test's launcher name as the theory's argument: serialisable, so each device test is its own case in
    /// the runner (and the TRX), and shown whole (xUnit cuts a string argument to 50 characters, not this).
    /// </summary>
    public sealed class DeviceTestName : IXunitSerializable
    {
        public DeviceTestName()
        {
            Id = string.Empty;
        }

        public DeviceTestName(string id) => Id = id;

        public string Id { get; private set; }

        public void Deserialize(IXunitSerializationInfo info) => Id = info.GetValue<string>(nameof(Id));

        public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Id), Id);

        public override string ToString() => Id;
    }
}
