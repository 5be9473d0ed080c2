using System.Collections.Generic;
using System.Text;
using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Host.Cli;

namespace Edge.Host.Provisioning
{
    /// <summary>
    /// The least-privilege entry of one node in a mosquitto acl_file (mosquitto.conf(5) "acl_file"): under a
    /// <c>user</c> line, the node may write only under its own <c>&lt;prefix&gt;/&lt;nodeId&gt;/</c> (readings, events,
    /// health, status and its Last Will, self-test, command results) and read only its own <c>cmd/#</c>. With
    /// iota-json it may also write the IoT Agent measure and command-result topics of its own devices, and read their
    /// command topics, named one by one: an MQTT wildcard spans a whole topic level (MQTT 3.1.1 section 4.7.1), so
    /// <c>&lt;nodeId&gt;-+</c> cannot be written, and a <c>+</c> level would reach every node's devices.
    /// A user with no entry reads and writes nothing once an acl_file is set.
    /// </summary>
    public static class MosquittoAclBlock
    {
        /// <summary>The lines for <paramref name="user"/>, the MQTT user name the broker knows the node by (its
        /// --username, or its certificate's common name when the listener has use_identity_as_username).</summary>
        public static string For(string user, NodeContent node)
        {
            var block = new StringBuilder();
            block.Append("# node ").Append(node.NodeId).Append(": publishes under its own topics only, receives only its own commands\n");
            block.Append("user ").Append(user).Append('\n');
            string own = node.TopicPrefix + "/" + node.NodeId + "/";
            block.Append("topic write ").Append(own).Append("#\n");
            block.Append("topic read ").Append(own).Append("cmd/#\n");
            if (node.Format == "iota-json")
            {
                // Provisioning writes no iotaApiKey, so the node uses NodeConfig's default.
                string apiKey = new NodeConfig().IotaApiKey;
                foreach (string device in IotaDevices(node))
                {
                    block.Append("topic write /json/").Append(apiKey).Append('/').Append(device).Append("/attrs\n");
                    block.Append("topic write /json/").Append(apiKey).Append('/').Append(device).Append("/cmdexe\n");
                    block.Append("topic read /").Append(apiKey).Append('/').Append(device).Append("/cmd\n");
                }
            }

            return block.ToString();
        }

        /// <summary>The IoT Agent devices of the node: &lt;nodeId&gt;-&lt;meterId&gt;-&lt;window&gt; for each meter and each
        /// window of its profile, as the node names them (TopicMap.IotaDeviceId).</summary>
        private static IEnumerable<string> IotaDevices(NodeContent node)
        {
            AggregationProfile profile = ProfileText.Create(node.Profile, new NodeConfig().WindowSeconds);
            foreach (MeterSpec meter in node.Meters)
            {
                foreach (WindowPlan window in profile.Windows)
                {
                    yield return node.NodeId + "-" + meter.Id + "-" + window.Calendar.Name;
                }
            }
        }
    }
}
