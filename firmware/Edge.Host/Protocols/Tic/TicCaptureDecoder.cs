using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Edge.Core.Model;
using Edge.Core.Security;
using Edge.Drivers.Tic;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>
    /// Decodes a raw TIC capture (bytes as read from the serial port) with the node's own decoder and writes one
    /// JSON object per complete, valid frame: the raw fields, the meter time, the status flags and the readings
    /// the node would aggregate. Meter identifiers follow the same policy as on the node (omitted by default).
    /// Readings are stamped with the time the bytes took on the line since the capture's start (10 bits a byte,
    /// 7E1), so the energy registers are judged against the meter's power over the time between its frames.
    /// </summary>
    public sealed class TicCaptureDecoder : ICaptureDecoder
    {
        private readonly TicMode _mode;
        private readonly TicReader _reader;
        private readonly MeterIdentity _identity;
        private readonly FrameCollector _frame = new();
        private long _lineTicks;

        public TicCaptureDecoder(TicMode mode, MeterIdentity identity)
        {
            _mode = mode;
            _identity = identity;
            _reader = new TicReader(mode, identity);
        }

        public TicCounters Counters => _reader.Counters;

        public long FramesWritten { get; private set; }

        /// <summary>Decodes the bytes, writing a JSON line per complete valid frame.</summary>
        public void Decode(byte[] capture, TextWriter output)
        {
            int at = 0;
            while (at < capture.Length)
            {
                TicEvent e = _reader.Read(capture, at, capture.Length - at, out int consumed, DateTime.UnixEpoch.AddTicks(_lineTicks), _frame);
                at += consumed;
                _lineTicks += LineTicks(consumed);
                switch (e)
                {
                    case TicEvent.FrameStart:
                        // Readings of the previous (cut) frame are dropped with it; this frame's start afresh.
                        _frame.Clear();
                        break;
                    case TicEvent.Group:
                        TicGroup group = _reader.Decoder.Group;
                        _frame.Mode = group.Mode;
                        _frame.AddField(group, _identity);
                        break;
                    case TicEvent.FrameEnd:
                        if (_reader.Decoder.FrameValid && _frame.Fields.Count > 0)
                        {
                            output.WriteLine(ToJson());
                            FramesWritten++;
                        }

                        _frame.Clear();
                        break;
                    case TicEvent.FrameAborted:
                        _frame.Clear();
                        break;
                }
            }
        }

        /// <summary>One line for stderr: what was seen and what was rejected, by cause.</summary>
        public string Summary()
        {
            TicCounters c = Counters;
            return $"tic: {c.Frames} frames ({FramesWritten} complete and valid, {c.FramesAborted} aborted, {c.FramesCut} cut, {c.StrayBytes} stray bytes); " +
                $"{c.GroupsValid} valid groups, {c.Rejected} rejected (checksum {c.RejectedChecksum}, framing {c.RejectedFraming}, overflow {c.RejectedOverflow}, value {c.RejectedValue}); " +
                $"{c.UnknownLabels} unknown labels, {c.BadValues} bad values; " +
                $"{c.FramesWithoutTotal} frames without total, {c.RegistersHeld} register values held back, {c.RegistersRebased} registers rebased";
        }

        /// <summary>Groups valid in the other mode than the one asked for show the mode was wrong (<see cref="TicModeHint"/>).</summary>
        public string? WhyNoFrame(byte[] capture) => TicModeHint.For(capture, _mode);

        /// <summary>The time <paramref name="bytes"/> take on the line, at the speed of the mode detected so far.</summary>
        private long LineTicks(int bytes)
        {
            int baud = _reader.Decoder.DetectedMode == TicMode.Standard ? TicMeter.StandardBaud : TicMeter.HistoriqueBaud;
            return bytes * 10L * TimeSpan.TicksPerSecond / baud;
        }

        private string ToJson()
        {
            return CaptureJson.Line(json =>
            {
                json.WriteStartObject();
                json.WriteString("protocol", "tic");
                json.WriteString("mode", _frame.Mode == TicMode.Standard ? "standard" : "historique");
                if (_frame.Mode == TicMode.Standard && _reader.Frame.HasMeterTime)
                {
                    TicHorodate time = _reader.Frame.MeterTime;
                    json.WriteString("meterTime", CaptureJson.Time(time.Utc));
                    if (time.Degraded)
                    {
                        json.WriteBoolean("meterClockDegraded", true);
                    }
                }
                else
                {
                    json.WriteNull("meterTime");
                }

                json.WriteStartObject("fields");
                foreach ((string label, string value) in _frame.Fields)
                {
                    json.WriteString(label, value);
                }

                json.WriteEndObject();
                if (_frame.FieldTimes.Count > 0)
                {
                    json.WriteStartObject("fieldTimes");
                    foreach ((string label, string time) in _frame.FieldTimes)
                    {
                        json.WriteString(label, time);
                    }

                    json.WriteEndObject();
                }

                if (_frame.HasStatus)
                {
                    WriteStatus(json, _reader.Frame.Status);
                }

                CaptureJson.WriteReadings(json, _frame.Readings);
                if (_frame.Events.Count > 0)
                {
                    json.WriteStartArray("events");
                    foreach ((MeterEventKind kind, Reading reading) in _frame.Events)
                    {
                        json.WriteStartObject();
                        json.WriteString("event", MeterEvents.NameOf(kind));
                        CaptureJson.WriteReading(json, reading);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            });
        }

        private static void WriteStatus(Utf8JsonWriter json, TicStatus status)
        {
            json.WriteStartObject("status");
            json.WriteString("raw", status.Value.ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("dryContact", status.DryContactOpen ? "open" : "closed");
            json.WriteString("cutOffDevice", status.CutOffStateName);
            json.WriteString("terminalCover", status.TerminalCoverOpen ? "open" : "closed");
            json.WriteBoolean("overvoltage", status.Overvoltage);
            json.WriteBoolean("overload", status.Overload);
            json.WriteString("operation", status.Producer ? "producer" : "consumer");
            json.WriteString("activeEnergy", status.NegativeActiveEnergy ? "negative" : "positive");
            json.WriteNumber("supplierIndex", status.SupplierIndex);
            json.WriteNumber("distributorIndex", status.DistributorIndex);
            json.WriteBoolean("clockDegraded", status.ClockDegraded);
            json.WriteString("ticMode", status.StandardMode ? "standard" : "historique");
            json.WriteString("euridis", status.EuridisState);
            json.WriteString("plc", status.PlcState);
            json.WriteBoolean("plcSynchronised", status.PlcSynchronised);
            json.WriteString("tempoToday", status.TempoToday);
            json.WriteString("tempoTomorrow", status.TempoTomorrow);
            json.WriteNumber("mobilePeakNotice", status.MobilePeakNotice);
            json.WriteNumber("mobilePeak", status.MobilePeak);
            json.WriteEndObject();
        }

        /// <summary>What one frame produced: raw fields and the readings and events the interpreter made of them.</summary>
        private sealed class FrameCollector : IReadingSink
        {
            public TicMode Mode { get; set; }

            public List<(string Label, string Value)> Fields { get; } = new();

            public List<(string Label, string Time)> FieldTimes { get; } = new();

            public List<Reading> Readings { get; } = new();

            public List<(MeterEventKind Kind, Reading Reading)> Events { get; } = new();

            public bool HasStatus { get; private set; }

            public void Clear()
            {
                Fields.Clear();
                FieldTimes.Clear();
                Readings.Clear();
                Events.Clear();
                HasStatus = false;
            }

            public void Add(Reading reading) => Readings.Add(reading);

            public void AddEvent(MeterEventKind kind, Reading reading) => Events.Add((kind, reading));

            public void AddField(TicGroup group, MeterIdentity identity)
            {
                string label = group.LabelText();
                if (group.Label?.Kind == TicValueKind.Status)
                {
                    HasStatus = true;
                }

                if (group.Label?.Kind == TicValueKind.MeterId)
                {
                    // The identifier is personal data: published only as the policy allows.
                    if (identity.Policy == MeterIdPolicy.Omit)
                    {
                        return;
                    }

                    Fields.Add((label, identity.PublishedFormOf(group.Buffer, group.ValueStart, group.ValueLength)!));
                    return;
                }

                Fields.Add((label, group.ValueText()));
                if (group.HasHorodate && TicHorodate.TryParse(group.Buffer, group.HorodateStart, group.HorodateLength, out TicHorodate time) && group.Label?.Kind != TicValueKind.MeterDate)
                {
                    FieldTimes.Add((label, CaptureJson.Time(time.Utc)));
                }
            }
        }
    }
}
