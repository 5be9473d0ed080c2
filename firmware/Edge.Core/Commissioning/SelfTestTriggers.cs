#nullable disable
using System;
using Edge.Core.Node;
using Edge.Core.Platform;

namespace Edge.Core.Commissioning
{
    /// <summary>
    /// Runs the commissioning self-test when the node itself should: once at first boot, when its meters have had time
    /// to speak, and on a long press of the board's button (the selftest command runs it on its own). A report that
    /// cannot be published yet (no broker) is held, the latest only, and published once the node is connected; one
    /// replaced by a newer report before that is counted in <see cref="Unpublished"/> and said in the log. "First
    /// boot" lasts until a boot report reached the broker: the node writes <see cref="MarkerFile"/> to its store then,
    /// so a node commissioned without its broker tests itself again at the next start. Without a store every start
    /// is a first boot. After each run the verdict is there to show on the status LED for <see cref="VerdictShownMs"/>.
    /// Kept by the start-up beside the node, never inside it: the node's retained memory has no room to spare.
    /// </summary>
    public sealed class SelfTestTriggers
    {
        /// <summary>Written in the store when the first boot's report has been published.</summary>
        public const string MarkerFile = "commissioned";

        /// <summary>The boot self-test waits this long after start, connected: a TIC line in a fixed mode has listened
        /// at the other mode's speed by then (20 s of silence, then 4 s), and Modbus meters have answered a cycle.</summary>
        public const long BootSettleMs = 60000;

        /// <summary>The boot self-test runs this long after start even without the broker, whose failure it then
        /// names; its report is published once the node connects.</summary>
        public const long BootLatestMs = 120000;

        /// <summary>A press held this long runs the self-test: longer than any press by accident or while fitting the
        /// board, and the ESP32 boot button's role (GPIO0 low at reset) is over once the firmware runs.</summary>
        public const long LongPressMs = 3000;

        /// <summary>How long the status LED shows the last verdict after a run.</summary>
        public const long VerdictShownMs = 60000;

        /// <summary>Trigger name of the first boot's run.</summary>
        public const string BootTrigger = "boot";

        /// <summary>Trigger name of a long press's run.</summary>
        public const string ButtonTrigger = "button";

        private readonly EdgeNode _node;
        private readonly IDigitalInput _button;
        private readonly long _startedMs;
        private bool _bootDue;
        private long _pressedSinceMs = -1;
        private bool _pressHandled;
        private SelfTestReport _pending;
        private string _pendingTrigger;
        private DateTime _pendingAt;
        private long _verdictUntilMs = -1;

        /// <summary>Triggers for <paramref name="node"/> (started), with the board's button (null: none), counting the
        /// boot's wait from <paramref name="startedMs"/>.</summary>
        public SelfTestTriggers(EdgeNode node, IDigitalInput button, long startedMs)
        {
            if (node == null)
            {
                throw new ArgumentNullException("node");
            }

            _node = node;
            _button = button;
            _startedMs = startedMs;
            IStore store = node.Store;
            _bootDue = store == null || !store.Exists(MarkerFile);
        }

        /// <summary>True when a button was given: the loop must poll it.</summary>
        public bool HasButton
        {
            get { return _button != null; }
        }

        /// <summary>True until the first boot's self-test has run.</summary>
        public bool BootDue
        {
            get { return _bootDue; }
        }

        /// <summary>Self-tests run by these triggers.</summary>
        public int Runs { get; private set; }

        /// <summary>Reports never published: replaced by a newer one while the broker was out of reach.</summary>
        public int Unpublished { get; private set; }

        /// <summary>Reports published.</summary>
        public int Published { get; private set; }

        /// <summary>The verdict of the last run here (Pass before any): the report itself is not kept, its lines are
        /// in the log and its document on the broker.</summary>
        public SelfTestVerdict LastVerdict { get; private set; }

        /// <summary>True while a report waits for the broker.</summary>
        public bool Holding
        {
            get { return _pending != null; }
        }

        /// <summary>True while the last verdict is to be shown on the LED.</summary>
        public bool ShowingVerdict(long monotonicMs)
        {
            return Runs > 0 && monotonicMs < _verdictUntilMs;
        }

        /// <summary>Checks the button and the boot's schedule, and publishes a held report once connected. Call it on
        /// every pass of the loop: the button is polled, so passes should come at least every 100 ms while it exists.</summary>
        public void Step(long monotonicMs)
        {
            if (_button != null && StepButton(monotonicMs))
            {
                Run(ButtonTrigger, monotonicMs);
            }

            bool connected = _node.Link.State == LinkState.Connected;
            long sinceStart = monotonicMs - _startedMs;
            if (_bootDue && ((connected && sinceStart >= BootSettleMs) || sinceStart >= BootLatestMs))
            {
                _bootDue = false;
                Run(BootTrigger, monotonicMs);
            }

            if (_pending != null && connected && NodeSelfTest.Publish(_node, _pending, _pendingAt, _pendingTrigger, null))
            {
                Delivered(_pendingTrigger);
                _pending = null;
                _pendingTrigger = null;
            }
        }

        /// <summary>Runs the self-test now on behalf of <paramref name="trigger"/>: lines to the log, the report
        /// published or held. Returns the report.</summary>
        public SelfTestReport Run(string trigger, long monotonicMs)
        {
            SelfTestReport report = NodeSelfTest.Run(_node, monotonicMs);
            Runs++;
            LastVerdict = report.Overall;
            _verdictUntilMs = monotonicMs + VerdictShownMs;
            ILog log = _node.Log;
            NodeSelfTest.WriteLines(log, report);
            DateTime at = _node.UtcNow;
            if (NodeSelfTest.Publish(_node, report, at, trigger, null))
            {
                Delivered(trigger);
                return report;
            }

            if (_pending != null)
            {
                Unpublished++;
                Write(LogLevel.Warning, "the " + _pendingTrigger + " report held since " + _pendingAt.ToString() + " is replaced by this one and never published (" + Unpublished.ToString() + " so far)");
            }

            _pending = report;
            _pendingTrigger = trigger;
            _pendingAt = at;
            Write(LogLevel.Warning, "the report is held until the broker is reached");
            return report;
        }

        private bool StepButton(long monotonicMs)
        {
            if (!_button.IsActive)
            {
                _pressedSinceMs = -1;
                _pressHandled = false;
                return false;
            }

            if (_pressedSinceMs < 0)
            {
                _pressedSinceMs = monotonicMs;
            }

            if (_pressHandled || monotonicMs - _pressedSinceMs < LongPressMs)
            {
                return false;
            }

            // Once a press: holding the button longer does not run it again.
            _pressHandled = true;
            return true;
        }

        private void Delivered(string trigger)
        {
            Published++;
            IStore store = _node.Store;
            if (trigger == BootTrigger && store != null && !store.Exists(MarkerFile))
            {
                try
                {
                    store.Write(MarkerFile, new byte[] { 1 }, 0, 1);
                }
                catch (Exception e)
                {
                    // The next start tests itself again: harmless, and said.
                    Write(LogLevel.Warning, "commissioned marker not written (" + e.Message + "): the next start runs the self-test again");
                }
            }
        }

        private void Write(LogLevel level, string message)
        {
            ILog log = _node.Log;
            if (log != null && log.IsEnabled(level))
            {
                log.Write(level, NodeSelfTest.LogCategory, message);
            }
        }
    }
}
