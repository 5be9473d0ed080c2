using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Edge.Host.Faults
{
    /// <summary>What a numbered series of one node is, and so what its numbers (keys) mean.</summary>
    public enum SeriesKind
    {
        /// <summary>Window reports in edge-json: the key is the report's "seq", numbered per node across all its windows.</summary>
        Readings,

        /// <summary>Window reports in a format without a sequence number, keyed by the window's end in Unix seconds: SenML
        /// packs (base time "bt", node from the base name) and IoT Agent JSON measures ("TimeInstant", the series' node
        /// being the IoT Agent device, "&lt;nodeId&gt;-&lt;meterId&gt;-&lt;window&gt;"). SenML does not name the window,
        /// so with a profile of several windows two packs can share an end: keep such scenarios to edge-json.</summary>
        ReadingWindows,

        /// <summary>Events: "seq", a series of its own that never goes back, across reboots too.</summary>
        Events,

        /// <summary>Health messages: "seq", which starts again at 1 at each boot, so each boot is a series of its own.</summary>
        Health,
    }

    /// <summary>One numbered series: a node's readings, events, or health messages of one boot (<see cref="Boot"/> 0 for the others).</summary>
    public readonly record struct SeriesKey(string Node, SeriesKind Kind, int Boot = 0)
    {
        public override string ToString() => Kind switch
        {
            SeriesKind.Readings => $"{Node} readings",
            SeriesKind.ReadingWindows => $"{Node} reading windows",
            SeriesKind.Events => $"{Node} events",
            _ => $"{Node} health (boot {Boot})",
        };
    }

    /// <summary>
    /// The record of a fault scenario: what the node produced (fed by the test) and what a subscriber received
    /// (<see cref="Record"/>, given to <see cref="PersistentSubscriber"/>), per series of (node, kind), and the
    /// verdict: every produced number received (none lost), none received that was never produced, first arrivals in
    /// increasing order, and numbers received more than once only as redeliveries of the same payload.
    /// <para>Boots: a node without a store numbers its health from 1 at each boot, so health is judged per boot. A boot
    /// is told by the node's "online" status carrying a new "boot" number (a node with a store) or else a new
    /// "started": the first status seen for a node is its boot 1, each new one after it the next. Health received before any status counts as boot 1. Readings and events never go
    /// back, across boots too (a reboot may skip numbers, never reuse one), so they are one series each.</para>
    /// <para>Only series the test fed produced numbers for (or declared with <see cref="ExpectNothing"/>) are judged;
    /// others are counted in the verdict's summary.</para>
    /// </summary>
    public sealed class DeliveryLedger
    {
        private readonly object _gate = new();
        private readonly Dictionary<SeriesKey, Series> _series = new();
        private readonly Dictionary<string, (string Started, int Boot)> _boots = new();
        private readonly List<string> _malformed = new();
        private long _messages;
        private long _ignored;

        /// <summary>Messages given to <see cref="Record"/>, of any topic.</summary>
        public long Messages
        {
            get
            {
                lock (_gate)
                {
                    return _messages;
                }
            }
        }

        /// <summary>Messages on topics that carry no numbered series (status, commands, results).</summary>
        public long Ignored
        {
            get
            {
                lock (_gate)
                {
                    return _ignored;
                }
            }
        }

        /// <summary>The boot the ledger counts <paramref name="node"/> in now (1 before any status), see the class summary.</summary>
        public int BootOf(string node)
        {
            lock (_gate)
            {
                return _boots.TryGetValue(node, out var boot) ? boot.Boot : 1;
            }
        }

        /// <summary>The node produced number <paramref name="key"/> in that series (for health, of boot <paramref name="boot"/>).</summary>
        public void Produced(string node, SeriesKind kind, long key, int boot = 1)
        {
            lock (_gate)
            {
                SeriesOf(node, kind, boot).Produced.Add(key);
            }
        }

        /// <summary>The node produced every number from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
        public void ProducedRange(string node, SeriesKind kind, long first, long last, int boot = 1)
        {
            lock (_gate)
            {
                Series series = SeriesOf(node, kind, boot);
                for (long key = first; key <= last; key++)
                {
                    series.Produced.Add(key);
                }
            }
        }

        /// <summary>Judges the series though nothing was produced in it: anything received there is unexpected.</summary>
        public void ExpectNothing(string node, SeriesKind kind, int boot = 1)
        {
            lock (_gate)
            {
                SeriesOf(node, kind, boot).Judged = true;
            }
        }

        /// <summary>A subscriber received number <paramref name="key"/> of the series, with that payload (compared
        /// with earlier arrivals of the same number: a redelivery carries the same bytes).</summary>
        public void Received(string node, SeriesKind kind, long key, byte[] payload, int boot = 1)
        {
            lock (_gate)
            {
                SeriesOf(node, kind, boot).Arrive(key, payload);
            }
        }

        /// <summary>The numbers received so far in that series, in increasing order: what a scenario notes at the
        /// moment a broker goes down, to tell afterwards the broker's losses from the node's.</summary>
        public long[] ReceivedKeys(string node, SeriesKind kind, int boot = 1)
        {
            lock (_gate)
            {
                return _series.TryGetValue(new SeriesKey(node, kind, kind == SeriesKind.Health ? boot : 0), out Series? series)
                    ? series.Keys()
                    : [];
            }
        }

        /// <summary>
        /// Takes one message as a subscriber received it (the signature of <see cref="PersistentSubscriber"/>'s
        /// callback): readings (edge-json or SenML), events and health under any prefix, IoT Agent measures
        /// (/json/&lt;apikey&gt;/&lt;device&gt;/attrs), and status for the boots. A message of a numbered topic whose
        /// number cannot be read, or that names another node than its topic, is recorded as malformed.
        /// </summary>
        public void Record(string topic, byte[] payload, bool retained = false)
        {
            string[] levels = topic.Split('/');
            lock (_gate)
            {
                _messages++;
                try
                {
                    if (levels.Length == 5 && levels[0].Length == 0 && levels[1] == "json" && levels[4] == "attrs")
                    {
                        RecordIotaMeasure(topic, levels[3], payload);
                        return;
                    }

                    if (levels.Length != 3)
                    {
                        _ignored++;
                        return;
                    }

                    string node = levels[1];
                    switch (levels[2])
                    {
                        case "readings":
                            RecordReadings(topic, node, payload);
                            break;
                        case "events":
                            RecordNumbered(topic, node, SeriesKind.Events, payload, 0);
                            break;
                        case "health":
                            RecordNumbered(topic, node, SeriesKind.Health, payload, _boots.TryGetValue(node, out var boot) ? boot.Boot : 1);
                            break;
                        case "status":
                            RecordStatus(node, payload);
                            _ignored++;
                            break;
                        default:
                            _ignored++;
                            break;
                    }
                }
                catch (JsonException e)
                {
                    Malformed(topic, payload, "not JSON: " + e.Message);
                }
            }
        }

        /// <summary>The verdict on every judged series as things stand.</summary>
        public DeliveryVerdict Verdict()
        {
            lock (_gate)
            {
                var judged = new List<SeriesVerdict>();
                var unjudged = new List<string>();
                foreach (Series series in _series.Values.OrderBy(s => s.Key.Node, StringComparer.Ordinal).ThenBy(s => s.Key.Kind).ThenBy(s => s.Key.Boot))
                {
                    if (series.Judged)
                    {
                        judged.Add(series.Judge());
                    }
                    else
                    {
                        unjudged.Add($"{series.Key}: {series.Distinct} received, not judged (nothing produced fed)");
                    }
                }

                return new DeliveryVerdict(judged, [.. _malformed], unjudged);
            }
        }

        /// <summary>Waits until no judged series has a produced number still unreceived, or <paramref name="timeout"/>
        /// passed; then, if <paramref name="quiet"/> is given, waits that long more for late redeliveries; returns the verdict.</summary>
        public async Task<DeliveryVerdict> WaitForAllAsync(TimeSpan timeout, TimeSpan? quiet = null)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline && HasMissing())
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            if (quiet is { } settle && settle > TimeSpan.Zero)
            {
                await Task.Delay(settle).ConfigureAwait(false);
            }

            return Verdict();
        }

        private bool HasMissing()
        {
            lock (_gate)
            {
                foreach (Series series in _series.Values)
                {
                    if (series.Judged && series.HasMissing)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        private Series SeriesOf(string node, SeriesKind kind, int boot)
        {
            var key = new SeriesKey(node, kind, kind == SeriesKind.Health ? boot : 0);
            if (!_series.TryGetValue(key, out Series? series))
            {
                series = new Series(key);
                _series.Add(key, series);
            }

            return series;
        }

        private void RecordReadings(string topic, string node, byte[] payload)
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                // SenML (RFC 8428): base name and base time are on the first record.
                if (root.GetArrayLength() == 0 || root[0].ValueKind != JsonValueKind.Object)
                {
                    Malformed(topic, payload, "a SenML pack without records");
                    return;
                }

                JsonElement first = root[0];
                string? baseName = first.TryGetProperty("bn", out JsonElement bn) && bn.ValueKind == JsonValueKind.String ? bn.GetString() : null;
                if (baseName != $"urn:edge:{node}:")
                {
                    Malformed(topic, payload, $"SenML base name '{baseName}' is not urn:edge:{node}:");
                    return;
                }

                if (!first.TryGetProperty("bt", out JsonElement bt) || bt.ValueKind != JsonValueKind.Number || !bt.TryGetInt64(out long end))
                {
                    Malformed(topic, payload, "a SenML pack without a whole base time");
                    return;
                }

                SeriesOf(node, SeriesKind.ReadingWindows, 0).Arrive(end, payload);
                return;
            }

            RecordNumbered(topic, node, SeriesKind.Readings, payload, 0, root);
        }

        private void RecordNumbered(string topic, string node, SeriesKind kind, byte[] payload, int boot)
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            RecordNumbered(topic, node, kind, payload, boot, document.RootElement);
        }

        private void RecordNumbered(string topic, string node, SeriesKind kind, byte[] payload, int boot, JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Malformed(topic, payload, "not a JSON object");
                return;
            }

            if (!root.TryGetProperty("node", out JsonElement named) || named.ValueKind != JsonValueKind.String || named.GetString() != node)
            {
                Malformed(topic, payload, $"\"node\" is not '{node}', the topic's");
                return;
            }

            if (!root.TryGetProperty("seq", out JsonElement seq) || seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out long number))
            {
                Malformed(topic, payload, "no whole \"seq\"");
                return;
            }

            SeriesOf(node, kind, boot).Arrive(number, payload);
        }

        private void RecordIotaMeasure(string topic, string device, byte[] payload)
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("TimeInstant", out JsonElement instant)
                || instant.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(instant.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset end))
            {
                Malformed(topic, payload, "no \"TimeInstant\" time");
                return;
            }

            SeriesOf(device, SeriesKind.ReadingWindows, 0).Arrive(end.ToUnixTimeSeconds(), payload);
        }

        private void RecordStatus(string node, byte[] payload)
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("state", out JsonElement state) || state.ValueKind != JsonValueKind.String || state.GetString() != "online"
                || !root.TryGetProperty("started", out JsonElement started) || started.ValueKind != JsonValueKind.String)
            {
                return; // "offline", or not a status this ledger learns from
            }

            // A node with a store numbers its starts ("boot"): two starts within the same second share "started" but
            // not that number. Without a store, "started" is all there is.
            string text = root.TryGetProperty("boot", out JsonElement number) && number.ValueKind == JsonValueKind.Number
                ? "boot " + number.GetInt64()
                : started.GetString()!;
            if (!_boots.TryGetValue(node, out var boot))
            {
                _boots[node] = (text, 1);
            }
            else if (boot.Started != text)
            {
                _boots[node] = (text, boot.Boot + 1);
            }
        }

        private void Malformed(string topic, byte[] payload, string why)
        {
            string text = Encoding.UTF8.GetString(payload);
            _malformed.Add($"{topic}: {why}: {(text.Length > 120 ? text[..120] + "..." : text)}");
        }

        /// <summary>What was produced and received in one series.</summary>
        private sealed class Series
        {
            private readonly Dictionary<long, (byte[] Payload, int Arrivals)> _received = new();
            private readonly List<long> _firstArrivals = new();
            private readonly List<long> _conflicts = new();

            public Series(SeriesKey key)
            {
                Key = key;
            }

            public SeriesKey Key { get; }

            public HashSet<long> Produced { get; } = new();

            private bool _declared;

            public bool Judged
            {
                get => _declared || Produced.Count > 0;
                set => _declared = value;
            }

            public int Distinct => _received.Count;

            public bool HasMissing
            {
                get
                {
                    foreach (long key in Produced)
                    {
                        if (!_received.ContainsKey(key))
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }

            public long[] Keys() => [.. _received.Keys.Order()];

            public void Arrive(long key, byte[] payload)
            {
                if (_received.TryGetValue(key, out var seen))
                {
                    _received[key] = (seen.Payload, seen.Arrivals + 1);
                    if (!seen.Payload.AsSpan().SequenceEqual(payload))
                    {
                        _conflicts.Add(key);
                    }

                    return;
                }

                _received[key] = (payload, 1);
                _firstArrivals.Add(key);
            }

            public SeriesVerdict Judge()
            {
                var lost = Produced.Where(k => !_received.ContainsKey(k)).OrderBy(k => k).ToArray();
                var unexpected = _firstArrivals.Where(k => !Produced.Contains(k)).OrderBy(k => k).ToArray();
                var outOfOrder = new List<(long Key, long After)>();
                long highest = long.MinValue;
                foreach (long key in _firstArrivals)
                {
                    if (key < highest)
                    {
                        outOfOrder.Add((key, highest));
                    }
                    else
                    {
                        highest = key;
                    }
                }

                var redelivered = _received.Where(r => r.Value.Arrivals > 1).Select(r => r.Key).OrderBy(k => k).ToArray();
                int duplicates = _received.Values.Sum(r => r.Arrivals - 1);
                return new SeriesVerdict(Key, Produced.Count, _received.Count, duplicates, lost, unexpected, [.. outOfOrder], redelivered, _conflicts.Distinct().OrderBy(k => k).ToArray());
            }
        }
    }

    /// <summary>
    /// The verdict on one series. <see cref="Lost"/>: produced, never received. <see cref="Unexpected"/>: received,
    /// never produced. <see cref="OutOfOrder"/>: a number whose first arrival came after a higher number's.
    /// <see cref="Duplicates"/>: arrivals beyond the first (allowed: QoS 1 redelivers), of the numbers in
    /// <see cref="Redelivered"/>; <see cref="Conflicting"/>: numbers received again with other bytes (a reused number, not a redelivery).
    /// </summary>
    public sealed record SeriesVerdict(
        SeriesKey Key,
        int Produced,
        int Received,
        int Duplicates,
        long[] Lost,
        long[] Unexpected,
        (long Key, long After)[] OutOfOrder,
        long[] Redelivered,
        long[] Conflicting)
    {
        public bool Ok => Lost.Length == 0 && Unexpected.Length == 0 && OutOfOrder.Length == 0 && Conflicting.Length == 0;

        /// <summary>"sim-0001 readings: produced 12, received 10 distinct, 3 redeliveries; LOST 2: 4-5" and the other problems, each list cut after <paramref name="max"/> items.</summary>
        public string Describe(int max = 8)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{Key}: produced {Produced}, received {Received} distinct, {Duplicates} redeliver{(Duplicates == 1 ? "y" : "ies")}");
            if (Lost.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; LOST {Lost.Length}: {Ranges(Lost, max)}");
            }

            if (Unexpected.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; UNEXPECTED (never produced) {Unexpected.Length}: {Ranges(Unexpected, max)}");
            }

            if (OutOfOrder.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; OUT OF ORDER {OutOfOrder.Length}: {string.Join(", ", OutOfOrder.Take(max).Select(o => $"{o.Key} after {o.After}"))}{More(OutOfOrder.Length, max)}");
            }

            if (Conflicting.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; REUSED (received again with other bytes) {Conflicting.Length}: {Ranges(Conflicting, max)}");
            }

            return text.ToString();
        }

        /// <summary>"3, 7-12, 15" from sorted numbers, at most <paramref name="max"/> runs.</summary>
        public static string Ranges(long[] sorted, int max)
        {
            var runs = new List<string>();
            int i = 0;
            int total = 0;
            while (i < sorted.Length)
            {
                int j = i;
                while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
                {
                    j++;
                }

                total++;
                if (runs.Count < max)
                {
                    runs.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
                }

                i = j + 1;
            }

            return string.Join(", ", runs) + More(total, max);
        }

        private static string More(int count, int max) => count > max ? $" and {count - max} more" : string.Empty;
    }

    /// <summary>The verdict on every judged series of a <see cref="DeliveryLedger"/>, with the malformed messages.</summary>
    public sealed record DeliveryVerdict(IReadOnlyList<SeriesVerdict> Series, IReadOnlyList<string> Malformed, IReadOnlyList<string> Unjudged)
    {
        public bool Ok => Malformed.Count == 0 && Series.All(s => s.Ok);

        public int Lost => Series.Sum(s => s.Lost.Length);

        public int Unexpected => Series.Sum(s => s.Unexpected.Length);

        public int OutOfOrder => Series.Sum(s => s.OutOfOrder.Length);

        public int Duplicates => Series.Sum(s => s.Duplicates);

        public int Conflicting => Series.Sum(s => s.Conflicting.Length);

        /// <summary>The verdict for one series, or null if it was not judged.</summary>
        public SeriesVerdict? Of(string node, SeriesKind kind, int boot = 1) =>
            Series.FirstOrDefault(s => s.Key == new SeriesKey(node, kind, kind == SeriesKind.Health ? boot : 0));

        /// <summary>A line per series (problems first), then the first malformed messages and the unjudged series.</summary>
        public string Describe(int max = 8)
        {
            var text = new StringBuilder();
            int bad = Series.Count(s => !s.Ok);
            text.AppendLine(Ok
                ? $"delivery complete: {Series.Count} series judged, nothing lost, unexpected, out of order or reused"
                : $"delivery INCOMPLETE: {bad} of {Series.Count} series with problems ({Lost} lost, {Unexpected} unexpected, {OutOfOrder} out of order, {Conflicting} reused), {Malformed.Count} malformed message(s)");
            foreach (SeriesVerdict series in Series.OrderBy(s => s.Ok))
            {
                text.AppendLine("  " + series.Describe(max));
            }

            foreach (string message in Malformed.Take(max))
            {
                text.AppendLine("  MALFORMED " + message);
            }

            if (Malformed.Count > max)
            {
                text.AppendLine($"  and {Malformed.Count - max} more malformed");
            }

            foreach (string line in Unjudged)
            {
                text.AppendLine("  " + line);
            }

            return text.ToString().TrimEnd();
        }

        public override string ToString() => Describe();
    }
}
