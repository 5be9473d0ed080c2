#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Model;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// The node's status (topic &lt;prefix&gt;/&lt;node&gt;/status, retained) and health (&lt;prefix&gt;/&lt;node&gt;/health)
    /// messages. Status is the birth message published at each connection,
    /// <code>{"v":1,"node":"n1","state":"online","firmware":"0.1.0","board":"esp32-devkitc","config":"9c41e07a","started":"..."}</code>
    /// and, as the broker's Last Will, <code>{"v":1,"node":"n1","state":"offline"}</code>.
    /// Health is periodic:
    /// <code>{"v":1,"node":"n1","seq":4,"time":"...","clock":"synced","uptime":3600,"freeMemory":41232,"rssi":-67,
    /// "reconnects":1,"outbox":0,"dropped":0,"tooLarge":0,"commandsUnanswered":0,
    /// "meters":[{"id":"main","counters":{"frames":1800,...}}]}</code>
    /// "dropped" counts messages the full outbox dropped, "tooLarge" messages refused for their size (each also a
    /// reportTooLarge event), "commandsUnanswered" commands that got no result. When the broker link has had
    /// trouble, a "link" object before "meters" gives its counters (see <see cref="Link"/>).
    /// </summary>
    public sealed class StatusJsonEncoder
    {
        // ---- Broker link counters in health, kept apart from the rest of the message --------------------------

        /// <summary>Names of the broker link's counters in health, in the order of the link's counter source:
        /// connection attempts; failed attempts by kind (name resolution, TCP, TLS, refused by CONNACK, with the last
        /// refusal's return code, no CONNACK in time); connections lost; messages unacknowledged too long; session
        /// takeovers; messages in flight.</summary>
        public static readonly string[] LinkCounterNames =
        {
            "attempts", "dns", "tcp", "tls", "refused", "refusedCode", "timeout", "lost", "ackTimeouts", "takeovers", "inFlight",
        };

        /// <summary>The broker link's counters, in the order of <see cref="LinkCounterNames"/> (BrokerSession.Counters);
        /// null leaves them out of health.</summary>
        public ICounterSource Link;

        /// <summary>Writes <c>"link":{"attempts":7,"tcp":5,"lost":1}</c>: the attempts and the link's other non-zero
        /// counters, only when one of those is non-zero, so that a node whose link never failed sends health as short
        /// as it was before the link had counters.</summary>
        private void WriteLink(JsonWriter writer)
        {
            if (Link == null)
            {
                return;
            }

            bool trouble = false;
            for (int c = 1; c < Link.CounterCount && !trouble; c++)
            {
                trouble = Link.CounterValue(c) != 0;
            }

            if (!trouble)
            {
                return;
            }

            writer.Name("link");
            writer.BeginObject();
            for (int c = 0; c < Link.CounterCount; c++)
            {
                long value = Link.CounterValue(c);
                if (c == 0 || value != 0)
                {
                    writer.Name(Link.CounterName(c));
                    writer.Integer(value);
                }
            }

            writer.EndObject();
        }

        // ---- Status and health ----------------------------------------------------------------------------------

        /// <summary>Writes the birth status ("online", with the firmware, the board and config hash when given, and the
        /// start time) into <paramref name="writer"/>; returns its length in bytes, or -1 when it overflowed the buffer.</summary>
        public int EncodeBirth(string nodeId, string firmware, string board, string configHash, DateTime started, JsonWriter writer)
        {
            writer.Reset();
            writer.BeginObject();
            writer.Name("v");
            writer.Integer(ReportHeader.FormatVersion);
            writer.Name("node");
            writer.String(nodeId);
            writer.Name("state");
            writer.String("online");
            writer.Name("firmware");
            writer.String(firmware);
            if (board != null)
            {
                writer.Name("board");
                writer.String(board);
            }

            if (configHash != null)
            {
                writer.Name("config");
                writer.String(configHash);
            }

            writer.Name("started");
            writer.Timestamp(started);
            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        /// <summary>Writes the "offline" status, the Last Will and the goodbye, into <paramref name="writer"/>; returns its
        /// length in bytes, or -1 when it overflowed the buffer.</summary>
        public int EncodeLastWill(string nodeId, JsonWriter writer)
        {
            writer.Reset();
            writer.BeginObject();
            writer.Name("v");
            writer.Integer(ReportHeader.FormatVersion);
            writer.Name("node");
            writer.String(nodeId);
            writer.Name("state");
            writer.String("offline");
            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        /// <summary>Health: counters of the node and of each meter (their <see cref="ICounterSource"/>, when they have one).</summary>
        public int EncodeHealth(ReportHeader header, DateTime time, long uptimeSeconds, long freeMemory, int rssi, long reconnects, int outboxDepth, long dropped, long tooLarge, long commandsUnanswered, object[] meterCounters, JsonWriter writer)
        {
            header.BeginMessage(writer);
            writer.Name("time");
            writer.Timestamp(time);
            header.WriteClock(writer);
            writer.Name("uptime");
            writer.Integer(uptimeSeconds);
            if (freeMemory >= 0)
            {
                writer.Name("freeMemory");
                writer.Integer(freeMemory);
            }

            if (rssi != 0)
            {
                writer.Name("rssi");
                writer.Integer(rssi);
            }

            writer.Name("reconnects");
            writer.Integer(reconnects);
            writer.Name("outbox");
            writer.Integer(outboxDepth);
            writer.Name("dropped");
            writer.Integer(dropped);
            writer.Name("tooLarge");
            writer.Integer(tooLarge);
            writer.Name("commandsUnanswered");
            writer.Integer(commandsUnanswered);
            WriteLink(writer);
            writer.Name("meters");
            writer.BeginArray();
            for (int m = 0; m < header.MeterIds.Length; m++)
            {
                writer.BeginObject();
                writer.Name("id");
                writer.String(header.MeterIds[m]);
                ICounterSource counters = meterCounters[m] as ICounterSource;
                if (counters != null)
                {
                    writer.Name("counters");
                    writer.BeginObject();
                    for (int c = 0; c < counters.CounterCount; c++)
                    {
                        writer.Name(counters.CounterName(c));
                        writer.Integer(counters.CounterValue(c));
                    }

                    writer.EndObject();
                }

                writer.EndObject();
            }

            writer.EndArray();
            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }
    }
}
