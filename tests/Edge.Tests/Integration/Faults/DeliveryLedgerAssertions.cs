using Edge.Host.Faults;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>The ledger's verdict as a test assertion (the ledger itself lives in the host, which `edge simulate --faults` uses).</summary>
    public static class DeliveryLedgerAssertions
    {
        /// <summary>Fails the test with the verdict's description unless nothing was lost, unexpected, out of order,
        /// conflicting or malformed.</summary>
        public static void AssertComplete(this DeliveryLedger ledger)
        {
            DeliveryVerdict verdict = ledger.Verdict();
            if (!verdict.Ok)
            {
                Assert.Fail(verdict.Describe());
            }
        }
    }
}
