using System;
using System.Collections.Generic;
using System.IO;
using Edge.Core.Node;
using Edge.Host.Cli;
using Edge.Host.Faults;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>
    /// What the next start of a stopped or killed `edge simulate` finds in its store, read on a copy of the store
    /// directory (the original stays as the node left it): the readings the outbox still holds unacknowledged, the
    /// number the next report will carry, and the damage the outbox saw when it loaded. The copy is opened by the
    /// same parts the simulator runs (a <see cref="NodeSimulation"/> of the CLI's default meter and windows), over a
    /// link that never reaches a broker, so nothing is published or acknowledged.
    /// </summary>
    public sealed record StoreSnapshot(IReadOnlySet<long> HeldReadings, long NextSequence, long TornTails, long CorruptSegments, long StoreErrors)
    {
        /// <summary>The outbox's damage counters together: above 0 when the load found a torn tail, a corrupt segment or a store error.</summary>
        public long DamageSeen => TornTails + CorruptSegments + StoreErrors;

        /// <summary>Reads <paramref name="storeDirectory"/> as node <paramref name="nodeId"/> with the CLI defaults
        /// (--meter, --profile single, --window 60, --format edge-json) would at its next start.</summary>
        public static StoreSnapshot Take(string storeDirectory, string nodeId, int windowSeconds = 60)
        {
            string copy = Directory.CreateTempSubdirectory("edge-store-copy-").FullName;
            try
            {
                foreach (string file in Directory.GetFiles(storeDirectory))
                {
                    if (Path.GetFileName(file) != ".lock")
                    {
                        File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
                    }
                }

                var options = new SimulationOptions
                {
                    NodeId = nodeId,
                    WindowSeconds = windowSeconds,
                    Profile = ProfileText.Create("single", windowSeconds),
                    Store = new FileStore(copy),
                };
                var simulation = new NodeSimulation(options, new FakeMqttLink { BrokerReachable = false });
                EdgeNode node = simulation.Node;
                var held = new HashSet<long>();
                var buffer = new byte[node.LargestMessageBytes];
                for (long i = node.Outbox.FirstUnacknowledged; i < node.Outbox.End; i++)
                {
                    if (node.Outbox.Read(i, buffer, out byte topic, out _, out long sequence, out _) && topic == TopicMap.Readings)
                    {
                        held.Add(sequence);
                    }
                }

                return new StoreSnapshot(held, node.NextSequence, node.Outbox.TornTails, node.Outbox.CorruptSegments, node.Outbox.StoreErrors);
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
        }

        public override string ToString() =>
            $"held {(HeldReadings.Count == 0 ? "none" : SeriesVerdict.Ranges([.. System.Linq.Enumerable.Order(HeldReadings)], 8))}, next seq {NextSequence}, tornTails {TornTails}, corruptSegments {CorruptSegments}, storeErrors {StoreErrors}";
    }
}
