#nullable disable
using Edge.Core.Meters;
using Edge.Core.Node;

namespace Edge.Core.Setup
{
    /// <summary>
    /// Everything a node is provisioned with, as read from its <c>config.json</c> and <c>secrets.json</c> (on the
    /// device <c>I:\edge\</c>): the node's settings, its meters, how it reaches the network and the broker, and the
    /// pins of its board it uses. The device and the host read the same files into this one shape, so that what a
    /// test validates is what a board runs.
    /// </summary>
    public sealed class NodeSetup
    {
        /// <summary>Board profile name (<c>hardware/boards/&lt;name&gt;.json</c>), e.g. "esp32-devkitc".</summary>
        public string Board;

        /// <summary>The node's settings: id, topics, windows, format, outbox, timings.</summary>
        public NodeConfig Node = new NodeConfig();

        /// <summary>The meters wired to the node, in configuration order; never null.</summary>
        public MeterSpec[] Meters = new MeterSpec[0];

        /// <summary>How the node reaches the network.</summary>
        public NetworkSettings Network = new NetworkSettings();

        /// <summary>Where and how the node connects to the MQTT broker.</summary>
        public BrokerSettings Broker = new BrokerSettings();

        /// <summary>The board's pins the node uses: the board profile's, with the configuration's overrides applied.</summary>
        public PinMap Pins = new PinMap();

        /// <summary>The configuration's <c>pins</c> overrides as read: <see cref="PinMap.FromBoard"/> (arrays: null)
        /// where the board profile's pin holds. <see cref="PinPlanCheck"/> applies them to make <see cref="Pins"/>.</summary>
        public PinMap PinOverrides = PinMap.NoOverrides();

        /// <summary>The aggregation profile's name (Edge.Core.Aggregation.AggregationProfiles), "single" by default.</summary>
        public string ProfileName = Edge.Core.Aggregation.AggregationProfiles.Single;
    }
}
