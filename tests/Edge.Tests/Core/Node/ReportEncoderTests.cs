using System;
using System.Linq;
using System.Text;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class ReportEncoderTests
    {
        [Theory]
        [InlineData(PayloadFormat.EdgeJson, typeof(EdgeJsonReportEncoder))]
        [InlineData(PayloadFormat.Senml, typeof(SenmlReportEncoder))]
        [InlineData(PayloadFormat.IotaJson, typeof(IotaJsonReportEncoder))]
        public void Picks_the_encoder_of_the_format(PayloadFormat format, Type encoder)
        {
            Assert.IsType(encoder, ReportEncoder.For(format));
        }

        [Fact]
        public void A_format_set_by_command_applies_at_the_next_start_as_the_command_announces()
        {
            var store = new MemoryStore();
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var link = new FakeMqttLink();
            var node = Node(clock, link, store);
            node.Tick();
            link.Deliver("edge/n1/cmd/config/set", Encoding.UTF8.GetBytes("{\"id\":\"s1\",\"format\":\"senml\"}"));
            Run(node, clock, 61);

            string result = link.Published.Single(p => p.Topic == "edge/n1/cmd/config/set/result").Payload;
            Assert.Contains("\"afterReboot\":[\"format\"]", result);
            Assert.StartsWith("{\"v\":1,\"node\":\"n1\"", Assert.Single(link.Readings).Payload);

            var restarted = new FakeMqttLink();
            node = Node(clock, restarted, store);
            Run(node, clock, 61);
            Assert.StartsWith("[{\"bn\":", Assert.Single(restarted.Readings).Payload);
        }

        private static EdgeNode Node(ManualClock clock, FakeMqttLink link, MemoryStore store)
        {
            var node = new EdgeNode(new NodeConfig { NodeId = "n1", MeterSilenceSeconds = 0 }, clock, link, store, null);
            node.AddMeter(new VoltageMeter());
            node.Start();
            return node;
        }

        private static void Run(EdgeNode node, ManualClock clock, int seconds)
        {
            for (int i = 0; i < seconds; i++)
            {
                clock.Advance(1000);
                node.Tick();
            }
        }

        private sealed class VoltageMeter : IMeterDriver
        {
            public string MeterId => "main";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink) =>
                sink.Add(new Reading(QuantityId.PhaseVoltageL1, 230, 0, utcNow, ReadingQuality.Good));
        }
    }
}
