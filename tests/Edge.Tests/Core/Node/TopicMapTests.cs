using System;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class TopicMapTests
    {
        [Fact]
        public void Names_the_nodes_topics_under_its_prefix()
        {
            var topics = new TopicMap(new NodeConfig { NodeId = "n1", TopicPrefix = "grid/eu" }, ["main"], ["PT1M"]);

            Assert.Equal(
                ("grid/eu/n1/readings", "grid/eu/n1/events", "grid/eu/n1/health", "grid/eu/n1/status"),
                (topics.Topic(TopicMap.Readings), topics.Topic(TopicMap.Events), topics.Topic(TopicMap.Health), topics.Status));
        }

        [Fact]
        public void Gives_each_meter_and_window_its_own_iot_agent_device_and_measure_topic()
        {
            var config = new NodeConfig { NodeId = "n1", Format = PayloadFormat.IotaJson, IotaApiKey = "k1" };
            var topics = new TopicMap(config, ["main", "pv"], ["PT15M", "P1D"]);

            Assert.Equal("n1-pv-P1D", topics.IotaDeviceId(1, 1));
            Assert.Equal(3 + 2 + 1, topics.MeasureTopic(1, 1));
            Assert.Equal("/json/k1/n1-pv-P1D/attrs", topics.Topic(topics.MeasureTopic(1, 1)));
            Assert.Equal("/json/k1/n1-main-PT15M/attrs", topics.Topic(TopicMap.FirstMeasure));
        }

        [Fact]
        public void Counts_the_readings_and_measure_topics_as_reports()
        {
            Assert.True(TopicMap.IsReport(TopicMap.Readings));
            Assert.False(TopicMap.IsReport(TopicMap.Events));
            Assert.False(TopicMap.IsReport(TopicMap.Health));
            Assert.True(TopicMap.IsReport(TopicMap.FirstMeasure));
        }

        [Fact]
        public void Refuses_iota_json_with_more_meters_times_windows_than_a_byte_indexes()
        {
            var config = new NodeConfig { NodeId = "n1", Format = PayloadFormat.IotaJson };
            Assert.Equal(255, new TopicMap(config, Meters(253), ["PT1M"]).MeasureTopic(0, 252));
            var error = Assert.Throws<InvalidOperationException>(() => new TopicMap(config, Meters(127), ["PT1M", "P1D"]));
            Assert.Equal("iota-json: at most 253 meters times windows", error.Message);
        }

        private static string[] Meters(int count)
        {
            string[] meters = new string[count];
            for (int i = 0; i < count; i++)
            {
                meters[i] = "m" + i;
            }

            return meters;
        }
    }
}
