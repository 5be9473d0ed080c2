#nullable disable
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Payloads;

namespace Edge.Core.Commands
{
    /// <summary>selftest: per meter, ok or a sentence on what is wired wrong; the clock; the outbox.</summary>
    public sealed class SelfTestCommand : CommandHandler
    {
        private readonly EdgeNode _node;

        /// <summary>The selftest command of <paramref name="node"/>.</summary>
        public SelfTestCommand(EdgeNode node)
            : base("selftest")
        {
            _node = node;
        }

        /// <summary>Answers with the check of each meter, the clock and the outbox.</summary>
        public override void Execute(CommandFields fields, CommandResult result, long monotonicMs)
        {
            JsonWriter writer = result.Begin();
            writer.BeginObject();
            bool allOk = true;
            writer.Name("meters");
            writer.BeginArray();
            for (int i = 0; i < _node.MeterCount; i++)
            {
                IMeterDriver meter = _node.Meter(i);
                ISelfTest test = meter as ISelfTest;
                string problem = test == null ? null : test.SelfTest(monotonicMs);
                allOk = allOk && problem == null;
                writer.BeginObject();
                writer.Name("id");
                writer.String(meter.MeterId);
                writer.Name("ok");
                writer.Boolean(problem == null);
                if (problem != null)
                {
                    writer.Name("problem");
                    writer.String(problem);
                }

                writer.EndObject();
            }

            writer.EndArray();
            writer.Name("clock");
            writer.String(_node.ClockSynchronised ? "synced" : "unsynced");
            writer.Name("outbox");
            writer.Integer(_node.OutboxDepth);
            writer.Name("allOk");
            writer.Boolean(allOk && _node.ClockSynchronised);
            writer.EndObject();
            result.End();
        }
    }
}
