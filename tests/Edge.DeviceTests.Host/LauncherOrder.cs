using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Edge.DeviceTests.Host
{
    /// <summary>
    /// Runs the device test cases in the launcher's order (each class's [Setup], tests, rows, [Cleanup], class after
    /// class), not in xUnit's default order, which is by case id: state kept in static fields from [Setup] to
    /// [Cleanup] then behaves as on the device.
    /// </summary>
    public sealed class LauncherOrder : ITestCaseOrderer
    {
        public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
            where TTestCase : ITestCase
        {
            var position = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (int i = 0; i < DeviceTests.Catalog.Cases.Count; i++)
            {
                position[DeviceTests.Catalog.Cases[i].Id] = i;
            }

            return testCases.OrderBy(c => c.TestMethodArguments is [DeviceTestName name] && position.TryGetValue(name.Id, out int at) ? at : int.MaxValue)
                .ThenBy(c => c.DisplayName, System.StringComparer.Ordinal)
                .ToList();
        }
    }
}
