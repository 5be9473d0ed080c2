#nullable disable
using System;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// The node's status (topic &lt;prefix&gt;/&lt;node&gt;/status, retained) and health (&lt;prefix&gt;/&lt;node&gt;/health)
    /// messages. Status is the birth message published at each connection,
    /// <code>{"v":1,"node":"n1","state":"online","firmware":"0.1.0","board":"esp32-devkitc","config":"9c41e07a","started":"..."}</code>
    /// and, as the broker's Last Will, <code>{"v":1,"node":"n1","state":"offline"}</code>.
    /// Health is periodic; a full message carries every field,
    /// <code>{"v":1,"node":"n1","seq":1,"time":"...","clock":"synced","full":true,"uptime":7200,"freeMemory":41232,
    /// "rssi":-67,"reconnects":1,"outbox":0,"dropped":0,"tooLarge":0,"commandsUnanswered":0,
    /// "meters":[{"id":"main","state":"ready","counters":{"frames":17520,...}}]}</code>
    /// and the messages between two full ones only what changed since the previous message,
    /// <code>{"v":1,"node":"n1","seq":2,"time":"...","clock":"synced","uptime":14400,"freeMemory":40960,
    /// "meters":[{"id":"main","state":"failed","counters":{"frames":35040,...}}]}</code>
    /// "dropped" counts messages the full outbox dropped, "tooLarge" messages refused for their size (each also a
    /// reportTooLarge event), "commandsUnanswered" commands that got no result (docs/contract.md, "Health").
    /// </summary>
    public sealed class StatusJsonEncoder
    {
        /// <summary>The birth message, state "online", with the firmware version, the start time and the boot number
        /// (<paramref name="boot"/>: 1 for the node's first start on its store, 0 without a store, which leaves it out);
        /// board and config are left out when null. Returns its length in bytes, or -1 if it did not fit the writer's
        /// buffer.</summary>
        public int EncodeBirth(string nodeId, string firmware, string board, string configHash, DateTime started, long boot, JsonWriter writer)
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
            if (boot > 0)
            {
                // Counted in the node's store at each start: a platform tells a reboot from a reconnection by it, and
                // knows how many starts it did not see.
                writer.Name("boot");
                writer.Integer(boot);
            }

            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        /// <summary>The Last Will, state "offline", also published by the node itself before a clean disconnect;
        /// returns its length in bytes, or -1 if it did not fit the writer's buffer.</summary>
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

        /// <summary>
        /// Health: the node's fields, then each meter's counters, after the time and the seconds since start. A
        /// <paramref name="full"/> message (<c>"full":true</c>) carries every known field of every group and every
        /// meter; a delta only the fields that changed since the last published message, and only the meters with such
        /// a field (no "meters" at all when none has). <paramref name="meters"/> is indexed like the header's meters,
        /// null for a meter without counters; <paramref name="statuses"/> gives each meter's state (see
        /// <see cref="MeterStatusSet"/>: in a delta only when it changed), or null for none. Returns the length, or
        /// -1 when the message overflowed the writer.
        /// </summary>
        public int EncodeHealth(ReportHeader header, DateTime time, long uptimeSeconds, bool full, HealthFields node, HealthFields[] meters, MeterStatusSet statuses, JsonWriter writer)
        {
            header.BeginMessage(writer);
            writer.Name("time");
            writer.Timestamp(time);
            header.WriteClock(writer);
            if (full)
            {
                writer.Name("full");
                writer.Boolean(true);
            }

            writer.Name("uptime");
            writer.Integer(uptimeSeconds);
            WriteFields(node, full, writer);
            if (full || AnyMeterChanged(meters) || (statuses != null && statuses.AnyChanged))
            {
                writer.Name("meters");
                writer.BeginArray();
                for (int m = 0; m < header.MeterIds.Length; m++)
                {
                    HealthFields counters = meters[m];
                    bool statusChanged = statuses != null && statuses.Changed(m);
                    if (!full && !statusChanged && (counters == null || !counters.AnyChanged))
                    {
                        continue;
                    }

                    writer.BeginObject();
                    writer.Name("id");
                    writer.String(header.MeterIds[m]);
                    if (statuses != null)
                    {
                        statuses.Write(m, full, writer);
                    }

                    if (counters != null && (full || counters.AnyChanged))
                    {
                        writer.Name("counters");
                        writer.BeginObject();
                        WriteFields(counters, full, writer);
                        writer.EndObject();
                    }

                    writer.EndObject();
                }

                writer.EndArray();
            }

            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        private static void WriteFields(HealthFields fields, bool full, JsonWriter writer)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                if (full ? fields.Known(i) : fields.Changed(i))
                {
                    writer.Name(fields.Name(i));
                    writer.Integer(fields.Value(i));
                }
            }
        }

        private static bool AnyMeterChanged(HealthFields[] meters)
        {
            for (int m = 0; m < meters.Length; m++)
            {
                if (meters[m] != null && meters[m].AnyChanged)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
