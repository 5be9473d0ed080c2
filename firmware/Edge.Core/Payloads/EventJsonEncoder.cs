#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// Encodes a meter event (edge-json v1, topic &lt;prefix&gt;/&lt;node&gt;/events):
    /// <code>{"v":1,"node":"n1","seq":3,"time":"2026-11-25T20:05:17Z","clock":"synced","meter":"main",
    /// "event":"overloadStarted","quantity":"current.L1","value":45,"u":"A"}</code>
    /// Events have their own sequence numbers, so gaps in the readings' sequence keep their meaning. Durations
    /// (meterResumed, supplyRestored, meterSilent) are in seconds, the weekly voltage share in percent.
    /// </summary>
    public sealed class EventJsonEncoder
    {
        /// <summary>A node-level heartbeat, sent when nothing else was for a while, so silence is never ambiguous:
        /// <code>{"v":1,"node":"n1","seq":9,"time":"...","clock":"synced","event":"heartbeat"}</code></summary>
        public int EncodeHeartbeat(ReportHeader header, System.DateTime time, JsonWriter writer)
        {
            header.BeginMessage(writer);
            writer.Name("time");
            writer.Timestamp(time);
            header.WriteClock(writer);
            writer.Name("event");
            writer.String("heartbeat");
            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        /// <summary>Longest error a command event carries: the result on the command's result topic has it whole.</summary>
        public const int MaxCommandErrorChars = 120;

        /// <summary>A command the node answered, as a record of what it was told and did:
        /// <code>{"v":1,"node":"n1","seq":4,"time":"...","clock":"synced","event":"command","command":"relay/set",
        /// "id":"3","ok":false,"error":"busy: ..."}</code>
        /// "id" is null when the command had none that could be echoed; "error" only when it failed, cut to
        /// <see cref="MaxCommandErrorChars"/> characters and marked "...".</summary>
        public int EncodeCommand(ReportHeader header, System.DateTime time, string command, string id, bool ok, string error, JsonWriter writer)
        {
            header.BeginMessage(writer);
            writer.Name("time");
            writer.Timestamp(time);
            header.WriteClock(writer);
            writer.Name("event");
            writer.String("command");
            writer.Name("command");
            writer.String(command);
            writer.Name("id");
            if (id == null)
            {
                writer.Null();
            }
            else
            {
                writer.String(id);
            }

            writer.Name("ok");
            writer.Boolean(ok);
            if (!ok && error != null)
            {
                writer.Name("error");
                writer.String(error.Length <= MaxCommandErrorChars ? error : error.Substring(0, MaxCommandErrorChars - 3) + "...");
            }

            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        /// <summary>Name of the event that says a message was refused for its size.</summary>
        public const string ReportTooLargeEvent = "reportTooLarge";

        /// <summary>A report (or measure, event, health message) that could not be published for its size, so that
        /// its loss is seen where the data is awaited:
        /// <code>{"v":1,"node":"n1","seq":5,"time":"...","clock":"synced","event":"reportTooLarge","window":"PT1M",
        /// "size":9120,"limit":8192}</code>
        /// "window" names the report's window ("health" or "event" for those messages), "meter" appears for a
        /// meter's IoT Agent measure; size and limit are in bytes.</summary>
        public int EncodeTooLarge(ReportHeader header, System.DateTime time, string meterId, string window, int size, int limit, JsonWriter writer)
        {
            header.BeginMessage(writer);
            writer.Name("time");
            writer.Timestamp(time);
            header.WriteClock(writer);
            writer.Name("event");
            writer.String(ReportTooLargeEvent);
            if (meterId != null)
            {
                writer.Name("meter");
                writer.String(meterId);
            }

            writer.Name("window");
            writer.String(window);
            writer.Name("size");
            writer.Integer(size);
            writer.Name("limit");
            writer.Integer(limit);
            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        /// <summary>Writes the event <paramref name="kind"/> of meter <paramref name="meterId"/>, stamped with the
        /// reading's time and carrying its value and unit ("quantity" left out for meterSilent and meterResumed);
        /// returns its length in bytes, or -1 if it did not fit the writer's buffer.</summary>
        public int Encode(ReportHeader header, string meterId, MeterEventKind kind, Reading reading, JsonWriter writer)
        {
            header.BeginMessage(writer);
            writer.Name("time");
            writer.Timestamp(reading.Time);
            header.WriteClock(writer);
            writer.Name("meter");
            writer.String(meterId);
            writer.Name("event");
            writer.String(MeterEvents.NameOf(kind));
            if (kind != MeterEventKind.MeterSilent && kind != MeterEventKind.MeterResumed)
            {
                writer.Name("quantity");
                writer.String(Quantities.NameOf(reading.Quantity));
            }

            writer.Name("value");
            writer.Decimal(reading.Value, reading.Decimals);
            writer.Name("u");
            writer.String(MeterEvents.UnitOf(kind, reading.Quantity));
            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }
    }
}
