using System.Text;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Host
{
    public class ReportSummaryTests
    {
        [Fact]
        public void Summarises_a_report_with_its_window_and_values()
        {
            const string report =
                "{\"v\":1,\"node\":\"n\",\"seq\":3,\"window\":\"PT1M\",\"start\":\"2026-11-25T20:14:00Z\",\"end\":\"2026-11-25T20:15:00Z\",\"clock\":\"synced\"," +
                "\"meters\":[{\"id\":\"main\",\"values\":{\"totalActiveEnergyImport\":{\"u\":\"Wh\",\"n\":60,\"first\":4210006,\"last\":4210015}," +
                "\"totalActivePower\":{\"u\":\"W\",\"n\":60,\"mean\":531.25,\"min\":441.6,\"max\":553.3,\"last\":540}}}]}";

            string line = ReportSummary.Format("edge/n/readings", Encoding.UTF8.GetBytes(report));

            Assert.Equal(
                "edge/n/readings  seq 3  " + report.Length + " B  window PT1M 2026-11-25 20:14:00-20:15:00Z  [main]" +
                "  totalActiveEnergyImport first 4210006 Wh (last 4210015, n 60)" +
                "  totalActivePower mean 531.25 W (min 441.6, max 553.3, last 540, n 60)",
                line);
        }

        [Fact]
        public void Summarises_a_compact_report_with_whatever_statistics_it_carries()
        {
            const string report =
                "{\"v\":1,\"node\":\"n\",\"seq\":4,\"window\":\"PT15M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:15:00Z\",\"clock\":\"stepped\"," +
                "\"meters\":[{\"id\":\"main\",\"values\":{\"totalActiveEnergyImport\":{\"delta\":120},\"phaseVoltage.L1\":{\"mean\":230.4,\"max\":233}}}]}";

            string line = ReportSummary.Format("edge/n/readings", Encoding.UTF8.GetBytes(report));

            Assert.EndsWith(
                "window PT15M 2026-11-25 20:00:00-20:15:00Z  (cut short by a clock step)  [main]  totalActiveEnergyImport delta 120  phaseVoltage.L1 mean 230.4 (max 233)",
                line);
        }

        [Fact]
        public void Says_plainly_when_a_message_is_not_a_report()
        {
            string line = ReportSummary.Format("edge/n/readings", Encoding.UTF8.GetBytes("{\"hello\":1}"));
            Assert.StartsWith("edge/n/readings  11 B  not an edge-json report:", line);
        }
    }
}
