#nullable disable
using Edge.Core.Model;

namespace Edge.Core.ReportByException
{
    /// <summary>
    /// Applies the change rules to every reading: says which readings to publish at once. State per rule is held in
    /// arrays made at start-up, so checking a reading allocates nothing.
    /// </summary>
    public sealed class ChangeDetector
    {
        private readonly ChangeRule[] _rules;
        private readonly bool[] _hasLast;
        private readonly long[] _lastValue;
        private readonly long[] _lastReportMs;
        private readonly int[] _ruleMeter;

        /// <summary>Creates a detector over the given rules (none if null).</summary>
        public ChangeDetector(ChangeRule[] rules)
        {
            _rules = rules == null ? new ChangeRule[0] : rules;
            _hasLast = new bool[_rules.Length];
            _lastValue = new long[_rules.Length];
            _lastReportMs = new long[_rules.Length];
            _ruleMeter = new int[_rules.Length];
        }

        /// <summary>Number of rules watched.</summary>
        public int RuleCount
        {
            get { return _rules.Length; }
        }

        /// <summary>True if the reading is to be published now; the reading becomes the reference for the next change.
        /// A rule for every meter keeps one reference per meter only for the first meter it sees.</summary>
        public bool ShouldReport(int meter, Reading reading, long monotonicMs)
        {
            for (int i = 0; i < _rules.Length; i++)
            {
                ChangeRule rule = _rules[i];
                if (rule.Quantity != reading.Quantity || (rule.Meter >= 0 && rule.Meter != meter))
                {
                    continue;
                }

                if (_hasLast[i] && _ruleMeter[i] != meter)
                {
                    continue;
                }

                long value = DecimalMath.Rescale(reading.Value, reading.Decimals, rule.Decimals);
                if (!_hasLast[i])
                {
                    Remember(i, meter, value, monotonicMs);
                    return true;
                }

                long change = value - _lastValue[i];
                if (change < 0)
                {
                    change = -change;
                }

                long last = _lastValue[i] < 0 ? -_lastValue[i] : _lastValue[i];
                long threshold = rule.DeadbandPercent > 0 ? last * rule.DeadbandPercent / 100 : rule.Deadband;
                if (change > threshold && monotonicMs - _lastReportMs[i] >= rule.MinIntervalMs)
                {
                    Remember(i, meter, value, monotonicMs);
                    return true;
                }

                return false;
            }

            return false;
        }

        private void Remember(int rule, int meter, long value, long monotonicMs)
        {
            _hasLast[rule] = true;
            _ruleMeter[rule] = meter;
            _lastValue[rule] = value;
            _lastReportMs[rule] = monotonicMs;
        }
    }
}
