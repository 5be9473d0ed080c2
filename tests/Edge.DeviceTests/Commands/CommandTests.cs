#nullable disable
using Edge.Core.Node;
using Edge.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Commands
{
    /// <summary>
    /// Commands received by a running node on the device (docs/configuration.md, docs/schemas/command.schema.json): each gets exactly one answer on its
    /// result topic, a refused one names the field and what was expected, and nothing changes on a refusal.
    /// </summary>
    [TestClass]
    public class CommandTests
    {
        // The node the refusals and reads go to; a test that changes settings starts its own.
        private static NodeRig _rig;

        [Setup]
        public void Start_a_node()
        {
            _rig = new NodeRig(new DeviceStore());
        }

        [TestMethod]
        public void Config_get_answers_with_the_settings_and_the_commands_id()
        {
            long executed = _rig.Node.Commands.Executed;
            long failed = _rig.Node.Commands.Failed;

            string answer = _rig.Command("config/get", "{\"id\":\"a1\"}");

            // The defaults of NodeConfig: heartbeat 900 s, silence 30 s, health 7200 s, 230 V nominal, 60 s windows.
            Assert.AreEqual(
                "{\"v\":1,\"node\":\"n1\",\"command\":\"config/get\",\"id\":\"a1\",\"ok\":true,\"result\":{\"heartbeatSeconds\":900," +
                "\"meterSilenceSeconds\":30,\"healthSeconds\":7200,\"powerQuality\":true,\"nominalVoltage\":230,\"windowSeconds\":60," +
                "\"format\":\"edge-json\"}}",
                answer);
            Assert.AreEqual(executed + 1, _rig.Node.Commands.Executed);
            Assert.AreEqual(failed, _rig.Node.Commands.Failed);
        }

        [TestMethod]
        [DataRow("{\"id\":\"x\",\"heartbeatSeconds\":-5}", "heartbeatSeconds: a whole number from 0 to 86400 expected")]
        [DataRow("{\"id\":\"x\",\"heartbeatSeconds\":5.0}", "heartbeatSeconds: a whole number from 0 to 86400 expected")]
        [DataRow("{\"id\":\"x\",\"windowSeconds\":7}", "windowSeconds: must divide a day (60, 300, 900, 3600...)")]
        [DataRow("{\"id\":\"x\",\"nominalVoltage\":230.55}", "nominalVoltage: a voltage from 100 to 400 V expected")]
        [DataRow("{\"id\":\"x\",\"format\":\"xml\"}", "format: edge-json, senml or iota-json expected")]
        [DataRow("{\"id\":\"x\",\"powerQuality\":1}", "powerQuality: true or false expected")]
        public void Config_set_refuses_a_bad_value_naming_the_field_and_changes_nothing(string payload, string error)
        {
            long failed = _rig.Node.Commands.Failed;

            string answer = _rig.Command("config/set", payload);

            Assert.AreEqual("{\"v\":1,\"node\":\"n1\",\"command\":\"config/set\",\"id\":\"x\",\"ok\":false,\"error\":\"" + error + "\"}", answer);
            Assert.AreEqual(900, _rig.Config.HeartbeatSeconds);
            Assert.AreEqual(60, _rig.Config.WindowSeconds);
            Assert.IsFalse(_rig.Store.Exists("config"));
            Assert.AreEqual(failed + 1, _rig.Node.Commands.Failed);
        }

        [TestMethod]
        [DataRow("not json", "payload: a JSON object is expected")]
        [DataRow("", "payload: a JSON object is expected")]
        [DataRow("{\"id\":{\"nested\":1}}", "nested objects and arrays are not accepted")]
        [DataRow("{\"heartbeatSeconds\":60}", "id: a string id is required")]
        public void A_malformed_command_gets_an_error_and_the_node_runs_on(string payload, string error)
        {
            string answer = _rig.Command("config/set", payload);

            Assert.IsTrue(Text.Contains(answer, "\"ok\":false"), answer);
            Assert.IsTrue(Text.Contains(answer, error), answer);
            _rig.Run(2);
        }

        [TestMethod]
        public void An_unknown_command_is_named_in_the_error_with_the_known_ones()
        {
            string answer = _rig.Command("teleport", "{\"id\":\"t\"}");

            Assert.IsTrue(Text.Contains(answer, "\"error\":\"unknown command \\\"teleport\\\" (known: config/get, config/set, relay/set, reboot, selftest, resync)\""), answer);
        }

        [TestMethod]
        public void Config_set_applies_at_once_persists_and_says_what_waits_for_a_reboot()
        {
            NodeRig rig = new NodeRig(new DeviceStore());

            string answer = rig.Command("config/set", "{\"id\":\"s1\",\"heartbeatSeconds\":120,\"windowSeconds\":900}");

            Assert.AreEqual(
                "{\"v\":1,\"node\":\"n1\",\"command\":\"config/set\",\"id\":\"s1\",\"ok\":true,\"result\":{\"applied\":[\"heartbeatSeconds\"],\"afterReboot\":[\"windowSeconds\"],\"persisted\":true}}",
                answer);
            Assert.AreEqual(120, rig.Config.HeartbeatSeconds);
            Assert.IsTrue(rig.Store.Exists("config"));

            // After a reboot, a node started on the same store takes the stored settings.
            NodeRig rebooted = new NodeRig(rig.Store);
            Assert.AreEqual(120, rebooted.Config.HeartbeatSeconds);
            Assert.AreEqual(900, rebooted.Config.WindowSeconds);
        }
    }
}
