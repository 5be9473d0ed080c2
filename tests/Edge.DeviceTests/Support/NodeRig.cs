#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Support
{
    /// <summary>
    /// A node "n1" running on a manual clock, a loopback broker and a store in RAM, with one meter reading 230 V:
    /// enough to send it commands and read its answers.
    /// </summary>
    public sealed class NodeRig
    {
        /// <summary>Starts the node at 2026-11-25 20:00:00 UTC on <paramref name="store"/> and runs its first tick.</summary>
        public NodeRig(DeviceStore store)
        {
            Config = new NodeConfig();
            Config.NodeId = "n1";
            Clock = new ManualClock(Day.At(20, 0, 0), true);
            Link = new LoopbackLink();
            Store = store;
            Node = new EdgeNode(Config, Clock, Link, Store, null);
            Node.AddMeter(new VoltageMeter());
            Node.Start();
            Node.Tick();
        }

        /// <summary>The node's settings, as it runs with them.</summary>
        public NodeConfig Config { get; private set; }

        /// <summary>The node's clock.</summary>
        public ManualClock Clock { get; private set; }

        /// <summary>The broker connection.</summary>
        public LoopbackLink Link { get; private set; }

        /// <summary>The node's store.</summary>
        public DeviceStore Store { get; private set; }

        /// <summary>The node.</summary>
        public EdgeNode Node { get; private set; }

        /// <summary>Delivers a command, runs a tick, checks that exactly one answer came on its result topic and returns it.</summary>
        public string Command(string name, string payload)
        {
            int before = Link.Topics.Count;
            string topic = "edge/n1/cmd/" + name;
            Link.Deliver(topic, payload);
            Node.Tick();
            int answers = 0;
            for (int i = before; i < Link.Topics.Count; i++)
            {
                if ((string)Link.Topics[i] == topic + "/result")
                {
                    answers++;
                }
            }

            Assert.AreEqual(1, answers, "answers to " + name);
            return Link.LastOn(topic + "/result", before);
        }

        /// <summary>Runs the node for <paramref name="seconds"/> seconds, a tick a second.</summary>
        public void Run(int seconds)
        {
            for (int i = 0; i < seconds; i++)
            {
                Clock.Advance(1000);
                Node.Tick();
            }
        }

        /// <summary>A meter that reads 230 V at every poll.</summary>
        private sealed class VoltageMeter : IMeterDriver
        {
            public string MeterId
            {
                get { return "main"; }
            }

            public string PublishedMeterId
            {
                get { return null; }
            }

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
                sink.Add(new Reading(QuantityId.PhaseVoltageL1, 230, 0, utcNow, ReadingQuality.Good));
            }
        }
    }
}
