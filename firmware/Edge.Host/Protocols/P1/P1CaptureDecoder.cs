using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.Core.Model;
using Edge.Core.Security;
using Edge.Drivers.P1;

namespace Edge.Host.Protocols.P1
{
    /// <summary>
    /// Decodes a raw P1 capture with the node's own <see cref="P1TelegramDecoder"/> and writes one JSON object per
    /// valid telegram: the header, the P1 version, the meter time (0-0:1.0.0 in UTC), the objects as sent (by OBIS
    /// code: the value when there is one, the list of values when there are several), the capture times of the
    /// M-Bus channels' values, and the readings the node would aggregate. Equipment identifiers (x-y:96.1.0 and
    /// x-y:96.1.1) follow the node's policy (omitted by default).
    /// </summary>
    public sealed partial class P1CaptureDecoder : ICaptureDecoder
    {
        private readonly string _mode;
        private readonly MeterIdentity _identity;
        private readonly P1TelegramDecoder _decoder;
        private readonly List<Reading> _readings = new();
        private readonly ReadingList _sink;

        public P1CaptureDecoder(string mode, MeterIdentity identity)
        {
            _mode = mode;
            _identity = identity;
            _decoder = P1CaptureFormat.DecoderFor(mode);
            _sink = new ReadingList(_readings);
        }

        public P1Counters Counters => _decoder.Counters;

        public long FramesWritten { get; private set; }

        public void Decode(byte[] capture, TextWriter output)
        {
            int at = 0;
            long lineTicks = 0;
            while (at < capture.Length)
            {
                int consumed = _decoder.Feed(capture, at, capture.Length - at);
                if (consumed <= 0)
                {
                    break;
                }

                at += consumed;
                lineTicks += consumed * 10L * TimeSpan.TicksPerSecond / P1CaptureFormat.BaudOf(_mode);
                if (_decoder.Outcome == P1Outcome.Valid)
                {
                    _readings.Clear();

                    // Stamped with the time the bytes took on the line since the capture's start, as the node
                    // stamps its readings with its own clock.
                    _decoder.Telegram.WriteReadings(DateTime.UnixEpoch.AddTicks(lineTicks), _sink);
                    output.WriteLine(ToJson(capture, at));
                    FramesWritten++;
                }
            }
        }

        public string Summary()
        {
            P1Counters c = Counters;
            return $"p1 ({_mode}): {c.Telegrams} telegrams ({c.TelegramsValid} valid, {c.Rejected} rejected: crc {c.RejectedCrc}, missing crc {c.RejectedMissingCrc}, truncated {c.RejectedTruncated}, line too long {c.RejectedLineTooLong}); " +
                $"{c.StrayBytes} stray bytes; {c.UnknownObis} unknown OBIS codes, {c.MalformedLines} malformed lines, {c.MalformedValues} malformed values, {c.MalformedTimestamps} malformed timestamps, {c.UnmappedChannels} unmapped channels";
        }

        public string? WhyNoFrame(byte[] capture)
        {
            P1Counters c = Counters;
            if (c.Telegrams == 0)
            {
                return "no telegram start ('/') followed by its end ('!'): was the line read at 115200 baud 8N1 (DSMR 4/5) or 9600 7E1 (DSMR 2.2/3.0), with the meter's inverted signal inverted back?";
            }

            if (_mode == P1CaptureFormat.Dsmr5 && c.RejectedMissingCrc > 0 && c.RejectedMissingCrc >= c.Rejected - c.RejectedMissingCrc)
            {
                return $"{c.RejectedMissingCrc} telegrams end with no CRC, as DSMR 2.2 and 3.0 ones do: try --mode {P1CaptureFormat.Dsmr22}";
            }

            if (c.RejectedCrc > 0)
            {
                return $"{c.RejectedCrc} telegrams failed their CRC: bytes were damaged on the line, or the capture was altered (line ends changed?)";
            }

            return null;
        }

        private string ToJson(byte[] capture, int end)
        {
            P1Telegram telegram = _decoder.Telegram;
            int bang = Array.LastIndexOf(capture, (byte)'!', end - 1);
            int start = Array.LastIndexOf(capture, (byte)'/', bang);
            return CaptureJson.Line(json =>
            {
                json.WriteStartObject();
                json.WriteString("protocol", "p1");
                json.WriteString("header", telegram.Header);
                if (telegram.Version >= 0)
                {
                    json.WriteNumber("version", telegram.Version);
                }
                else
                {
                    json.WriteNull("version");
                }

                if (telegram.HasMeterTime)
                {
                    json.WriteString("meterTime", CaptureJson.Time(telegram.MeterTime));
                }
                else
                {
                    json.WriteNull("meterTime");
                }

                json.WriteStartObject("fields");
                var channels = new List<(string Obis, int Channel)>();
                foreach ((string obis, List<(int Start, int Length)> values) in Objects(capture, start, bang))
                {
                    if (IsIdentifier(obis))
                    {
                        // Identifiers are personal data: published only as the policy allows.
                        if (_identity.Policy == MeterIdPolicy.Omit || values.Count != 1)
                        {
                            continue;
                        }

                        json.WriteString(obis, _identity.PublishedFormOf(capture, values[0].Start, values[0].Length));
                        continue;
                    }

                    if (ChannelValue().Match(obis) is { Success: true } channel)
                    {
                        channels.Add((obis, channel.Groups[1].Value[0] - '0'));
                    }

                    if (values.Count == 1)
                    {
                        json.WriteString(obis, Text(capture, values[0]));
                    }
                    else
                    {
                        json.WriteStartArray(obis);
                        foreach ((int Start, int Length) value in values)
                        {
                            json.WriteStringValue(Text(capture, value));
                        }

                        json.WriteEndArray();
                    }
                }

                json.WriteEndObject();
                bool any = false;
                foreach ((string obis, int channel) in channels)
                {
                    if (telegram.TryChannelTime(channel, out DateTime time))
                    {
                        if (!any)
                        {
                            json.WriteStartObject("fieldTimes");
                            any = true;
                        }

                        json.WriteString(obis, CaptureJson.Time(time));
                    }
                }

                if (any)
                {
                    json.WriteEndObject();
                }

                CaptureJson.WriteReadings(json, _readings);
                json.WriteEndObject();
            });
        }

        /// <summary>The data lines from <paramref name="start"/> ('/') to <paramref name="bang"/> ('!'): each OBIS code
        /// with the bounds of its bracketed values. A line of values alone (the DSMR 2.2 gas profile's value) goes
        /// with the line before it.</summary>
        private static List<(string Obis, List<(int Start, int Length)> Values)> Objects(byte[] capture, int start, int bang)
        {
            var objects = new List<(string, List<(int, int)>)>();
            int line = Array.IndexOf(capture, (byte)'\n', start, bang - start) + 1;
            while (line > 0 && line < bang)
            {
                int next = Array.IndexOf(capture, (byte)'\n', line, bang - line);
                int lineEnd = next < 0 ? bang : next;
                int open = Array.IndexOf(capture, (byte)'(', line, lineEnd - line);
                if (open >= 0)
                {
                    string obis = Encoding.ASCII.GetString(capture, line, open - line);
                    var values = obis.Length == 0 && objects.Count > 0 ? objects[^1].Item2 : new List<(int, int)>();
                    if (obis.Length > 0 || objects.Count == 0)
                    {
                        objects.Add((obis, values));
                    }

                    while (open >= 0)
                    {
                        int close = Array.IndexOf(capture, (byte)')', open, lineEnd - open);
                        if (close < 0)
                        {
                            break;
                        }

                        values.Add((open + 1, close - open - 1));
                        open = close + 1 < lineEnd && capture[close + 1] == '(' ? close + 1 : -1;
                    }
                }

                line = next < 0 ? bang : next + 1;
            }

            return objects;
        }

        private static string Text(byte[] capture, (int Start, int Length) value) => Encoding.ASCII.GetString(capture, value.Start, value.Length);

        /// <summary>Equipment identifiers: 0-0:96.1.1 of the electricity meter, 0-n:96.1.0 (or .1) of the M-Bus devices.</summary>
        private static bool IsIdentifier(string obis) => obis.EndsWith(":96.1.1", StringComparison.Ordinal) || obis.EndsWith(":96.1.0", StringComparison.Ordinal);

        /// <summary>The value of an M-Bus channel, with its capture time: 0-n:24.2.1 (DSMR 5) or 0-n:24.2.3 (e-MUCS).</summary>
        [GeneratedRegex(@"^0-([1-9]):24\.2\.\d$")]
        private static partial Regex ChannelValue();

        /// <summary>Collects one telegram's readings for its JSON line.</summary>
        private sealed class ReadingList : IReadingSink
        {
            private readonly List<Reading> _readings;

            public ReadingList(List<Reading> readings) => _readings = readings;

            public void Add(Reading reading) => _readings.Add(reading);

            public void AddEvent(MeterEventKind kind, Reading reading) =>
                throw new InvalidOperationException("a P1 telegram gives readings only (P1Telegram.WriteReadings)");
        }
    }
}
