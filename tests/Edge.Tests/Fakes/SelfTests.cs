using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Xunit;

namespace Edge.Tests.Fakes
{
    /// <summary>A driver's self-test as the console shows it.</summary>
    internal static class SelfTests
    {
        /// <summary>The one line <paramref name="driver"/>'s self-test gives at <paramref name="monotonicMs"/>.</summary>
        public static string Line(MeterDriver driver, long monotonicMs)
        {
            var report = new SelfTestReport();
            driver.SelfTest(report, monotonicMs);
            Assert.Equal(1, report.Count);
            return report.LineAt(0);
        }
    }
}
