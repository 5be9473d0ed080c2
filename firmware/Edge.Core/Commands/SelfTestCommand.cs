#nullable disable
using Edge.Core.Commissioning;
using Edge.Core.Node;
using Edge.Core.Payloads;

namespace Edge.Core.Commands
{
    /// <summary>
    /// selftest: runs the commissioning self-test (<see cref="NodeSelfTest"/>), writes its lines to the log, publishes
    /// the full report, retained, on &lt;prefix&gt;/&lt;node&gt;/selftest with the command's id, and answers with the
    /// summary: the verdict, the counts and where the report is. The report itself is not the answer, as a node's
    /// report outgrows a command result. A report the link does not take makes the command fail, so it is counted.
    /// </summary>
    public sealed class SelfTestCommand : CommandHandler
    {
        /// <summary>The report's trigger when a command asked for it.</summary>
        public const string Trigger = "command";

        private readonly EdgeNode _node;

        /// <summary>The selftest command of <paramref name="node"/>.</summary>
        public SelfTestCommand(EdgeNode node)
            : base("selftest")
        {
            _node = node;
        }

        /// <summary>Runs the self-test, publishes its report and answers with its summary.</summary>
        public override void Execute(CommandFields fields, CommandResult result, long monotonicMs)
        {
            SelfTestReport report = NodeSelfTest.Run(_node, monotonicMs);
            NodeSelfTest.WriteLines(_node.Log, report);
            if (!NodeSelfTest.Publish(_node, report, _node.UtcNow, Trigger, result.Id))
            {
                result.Fail("the report was not published (the link did not take it): " + report.SummaryLine());
                return;
            }

            JsonWriter writer = result.Begin();
            writer.BeginObject();
            writer.Name("verdict");
            writer.String(SelfTestReport.JsonNameOf(report.Overall));
            writer.Name("passed");
            writer.Integer(report.Passed);
            writer.Name("warned");
            writer.Integer(report.Warned);
            writer.Name("failed");
            writer.Integer(report.Failed);
            writer.Name("report");
            writer.String(NodeSelfTest.Topic(_node.Config));
            writer.EndObject();
            result.End();
        }
    }
}
