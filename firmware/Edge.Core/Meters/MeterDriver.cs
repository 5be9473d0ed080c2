#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Commissioning;
using Edge.Core.Meters.Buses;
using Edge.Core.Model;

namespace Edge.Core.Meters
{
    /// <summary>
    /// The lifecycle every meter and sensor driver shares, so that each new driver only says how it sets up, how it
    /// reads and what its registers do. Setup runs on the first poll; a driver that cannot work marks itself failed
    /// with a reason and its setup is retried after <see cref="RetryMs"/>, so a meter plugged in late or a bus that
    /// comes back recovers without a reboot. A warning (reading, but something is off) is set and cleared by the
    /// driver. Reads happen at most every <see cref="PollIntervalMs"/>: a Modbus meter need not be asked every loop.
    /// Poll never throws: an exception from the driver marks it failed, with the exception's message as reason.
    /// </summary>
    public abstract class MeterDriver : IMeterDriver, ISelfTest
    {
        /// <summary>Setup is retried this long after a failure: long enough not to flood a bus or the log with
        /// attempts, short enough that an installer who fixes a wire sees it come back within a minute.</summary>
        public const long DefaultRetryMs = 30000;

        private long _nowMs;
        private long _retryAtMs;
        private long _nextReadMs;

        /// <param name="meterId">Name of the meter in reports.</param>
        /// <param name="pollIntervalMs">Least time between two reads; 0 reads on every poll.</param>
        protected MeterDriver(string meterId, long pollIntervalMs)
        {
            if (meterId == null || meterId.Length == 0)
            {
                throw new ArgumentException("meterId is required", "meterId");
            }

            if (pollIntervalMs < 0)
            {
                throw new ArgumentOutOfRangeException("pollIntervalMs");
            }

            MeterId = meterId;
            PollIntervalMs = pollIntervalMs;
            RetryMs = DefaultRetryMs;
        }

        /// <summary>Stable name of this meter on the node, used in payloads and log lines (e.g. "main").</summary>
        public string MeterId { get; private set; }

        /// <summary>Null unless the driver reads an identifier from its meter.</summary>
        public virtual string PublishedMeterId
        {
            get { return null; }
        }

        /// <summary>Longest <see cref="PublishedMeterId"/> this driver can give, in characters, for the bound of the
        /// reports that carry it: by default the longest any identity policy publishes; a driver that knows its
        /// policy says less.</summary>
        public virtual int LongestPublishedMeterIdChars
        {
            get { return Edge.Core.Security.MeterIdentity.MaxPublishedChars; }
        }

        /// <summary>Least time between two reads, in ms; 0 reads on every poll.</summary>
        public long PollIntervalMs { get; private set; }

        /// <summary>Delay before setup is tried again after a failure.</summary>
        public long RetryMs { get; protected set; }

        /// <summary>Where the driver stands: pending setup, ready, warning or failed (see <see cref="Reason"/>).</summary>
        public MeterState State { get; private set; }

        /// <summary>Why the driver is failed or warning; null when it is pending or ready.</summary>
        public string Reason { get; private set; }

        /// <summary>Times the driver went into the failed state.</summary>
        public int Failures { get; private set; }

        /// <summary>Runs setup when due, then reads when the poll interval has passed.</summary>
        public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            _nowMs = monotonicMs;
            if (State == MeterState.Failed)
            {
                if (monotonicMs < _retryAtMs)
                {
                    return;
                }

                State = MeterState.Pending;
                Reason = null;
            }

            try
            {
                if (State == MeterState.Pending)
                {
                    Setup(monotonicMs);
                    if (State == MeterState.Failed)
                    {
                        return;
                    }

                    if (State == MeterState.Pending)
                    {
                        State = MeterState.Ready;
                    }

                    _nextReadMs = monotonicMs;
                }

                if (monotonicMs < _nextReadMs)
                {
                    return;
                }

                _nextReadMs = monotonicMs + PollIntervalMs;
                Update(utcNow, monotonicMs, sink);
            }
            catch (Exception e)
            {
                MarkFailed(e.Message == null || e.Message.Length == 0 ? e.GetType().Name : e.Message);
            }
        }

        /// <summary>The driver's state as a self-test line: a failure or a warning with its reason, otherwise a pass
        /// saying what the driver is (<see cref="Describe"/>). Drivers override it to add what they saw on their
        /// line or bus, and call <see cref="ReportState"/> first.</summary>
        public virtual void SelfTest(SelfTestReport report, long monotonicMs)
        {
            if (!ReportState(report, monotonicMs))
            {
                report.Pass(SelfTestItem, "ready, " + Describe());
            }
        }

        /// <summary>How the self-test names this driver: "meter &lt;id&gt;"; a sensor says "sensor &lt;id&gt;".</summary>
        public virtual string SelfTestItem
        {
            get { return "meter " + MeterId; }
        }

        /// <summary>Adds a failure or a warning for the state the driver is in, or a warning when it has not been set
        /// up yet; returns false, adding nothing, when it is ready. A reason written "what is wrong: what to do" is
        /// split there; a reason without that form gets the retry as its action.</summary>
        protected bool ReportState(SelfTestReport report, long monotonicMs)
        {
            if (State == MeterState.Ready)
            {
                return false;
            }

            if (State == MeterState.Pending)
            {
                report.Warn(SelfTestItem, "not set up yet", "run the self-test again once the node has polled it");
                return true;
            }

            string reason = Reason == null || Reason.Length == 0 ? (State == MeterState.Failed ? "failed" : "warning") : Reason;
            int split = reason.IndexOf(": ");
            string action = split > 0 && split + 2 < reason.Length ? reason.Substring(split + 2) : null;
            reason = action == null ? reason : reason.Substring(0, split);
            if (State == MeterState.Failed)
            {
                long retryS = (RetryMs + 999) / 1000;
                report.Fail(SelfTestItem, reason, action != null ? action : "check its wiring and settings; the node tries again every " + retryS.ToString() + " s");
            }
            else
            {
                report.Warn(SelfTestItem, reason, action != null ? action : "check its wiring and settings");
            }

            return true;
        }

        /// <summary>One line saying what this driver is and how it is set up, for the log at start.</summary>
        public abstract string Describe();

        /// <summary>How this meter's cumulative registers wrap and jitter, for meter number <paramref name="meter"/>
        /// of the node; null when they never wrap and never jitter.</summary>
        public virtual RegisterRule[] RegisterRules(int meter)
        {
            return null;
        }

        /// <summary>The shared bus this driver's requests go through (an RS-485 line), which the node must run every
        /// loop whatever the driver's poll interval; null for a driver with an input of its own.</summary>
        public virtual IBusHub Bus
        {
            get { return null; }
        }

        /// <summary>Prepares the input (opens a line, probes a chip). Calls <see cref="MarkFailed"/> when it cannot.</summary>
        protected virtual void Setup(long monotonicMs)
        {
        }

        /// <summary>Reads what arrived since the last read and adds readings to the sink.</summary>
        protected abstract void Update(DateTime utcNow, long monotonicMs, IReadingSink sink);

        /// <summary>Stops reading until setup succeeds again, <see cref="RetryMs"/> from now.</summary>
        protected void MarkFailed(string reason)
        {
            State = MeterState.Failed;
            Reason = reason;
            Failures++;
            _retryAtMs = _nowMs + RetryMs;
        }

        /// <summary>Keeps reading but says something is off; a failure outranks a warning.</summary>
        protected void MarkWarning(string reason)
        {
            if (State != MeterState.Failed)
            {
                State = MeterState.Warning;
                Reason = reason;
            }
        }

        /// <summary>The cause of the warning has gone.</summary>
        protected void ClearWarning()
        {
            if (State == MeterState.Warning)
            {
                State = MeterState.Ready;
                Reason = null;
            }
        }
    }
}
