#nullable disable
using System;
using System.Collections;
using Edge.Core.Payloads;

namespace Edge.Core.Commissioning
{
    /// <summary>
    /// The checks of one commissioning self-test, in the order they ran: for each, a verdict, the item checked ("meter
    /// main", "clock", "broker"), what was seen, and for a warning or a failure what the installer should do. Read as
    /// lines on the serial console (<c>FAIL meter main: no data on the TIC line, check the wires ...</c>) and as a JSON
    /// document on the node's selftest topic. Built when a self-test runs and dropped after it is reported, so it holds
    /// no memory of the running node.
    /// </summary>
    public sealed class SelfTestReport
    {
        /// <summary>Version of the JSON document, its field "v".</summary>
        public const int Version = 1;

        private readonly ArrayList _checks = new ArrayList();
        private int _passed;
        private int _warned;
        private int _failed;

        /// <summary>Checks recorded.</summary>
        public int Count
        {
            get { return _checks.Count; }
        }

        /// <summary>Checks that passed.</summary>
        public int Passed
        {
            get { return _passed; }
        }

        /// <summary>Checks that warned.</summary>
        public int Warned
        {
            get { return _warned; }
        }

        /// <summary>Checks that failed.</summary>
        public int Failed
        {
            get { return _failed; }
        }

        /// <summary>The gravest verdict of all checks: Fail if any failed, else Warn if any warned, else Pass.</summary>
        public SelfTestVerdict Overall
        {
            get { return _failed > 0 ? SelfTestVerdict.Fail : _warned > 0 ? SelfTestVerdict.Warn : SelfTestVerdict.Pass; }
        }

        /// <summary>Records that <paramref name="item"/> works, with what was seen ("TIC standard, 9600 baud, last group 1 s ago").</summary>
        public void Pass(string item, string reason)
        {
            Add(SelfTestVerdict.Pass, item, reason, null);
        }

        /// <summary>Records that <paramref name="item"/> works but needs a look: what is off and what to do about it.</summary>
        public void Warn(string item, string reason, string action)
        {
            Add(SelfTestVerdict.Warn, item, reason, action);
        }

        /// <summary>Records that <paramref name="item"/> does not work: what is wrong and what to do about it.</summary>
        public void Fail(string item, string reason, string action)
        {
            Add(SelfTestVerdict.Fail, item, reason, action);
        }

        /// <summary>Verdict of check <paramref name="index"/>.</summary>
        public SelfTestVerdict VerdictAt(int index)
        {
            return Check(index).Verdict;
        }

        /// <summary>Item of check <paramref name="index"/>.</summary>
        public string ItemAt(int index)
        {
            return Check(index).Item;
        }

        /// <summary>What check <paramref name="index"/> saw.</summary>
        public string ReasonAt(int index)
        {
            return Check(index).Reason;
        }

        /// <summary>What to do about check <paramref name="index"/>; null for a pass.</summary>
        public string ActionAt(int index)
        {
            return Check(index).Action;
        }

        /// <summary>Index of the first check of <paramref name="item"/>, or -1.</summary>
        public int IndexOf(string item)
        {
            for (int i = 0; i < _checks.Count; i++)
            {
                if (Check(i).Item == item)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Check <paramref name="index"/> as a console line: <c>PASS|WARN|FAIL item: reason, what to do</c>.</summary>
        public string LineAt(int index)
        {
            SelfTestCheck check = Check(index);
            string line = NameOf(check.Verdict) + " " + check.Item + ": " + check.Reason;
            return check.Action == null ? line : line + ", " + check.Action;
        }

        /// <summary>The closing console line: <c>SELFTEST FAIL: 7 checks, 5 passed, 1 warned, 1 failed</c>.</summary>
        public string SummaryLine()
        {
            return "SELFTEST " + NameOf(Overall) + ": " + _checks.Count.ToString() + " checks, " + _passed.ToString() + " passed, "
                + _warned.ToString() + " warned, " + _failed.ToString() + " failed";
        }

        /// <summary>"PASS", "WARN" or "FAIL".</summary>
        public static string NameOf(SelfTestVerdict verdict)
        {
            return verdict == SelfTestVerdict.Fail ? "FAIL" : verdict == SelfTestVerdict.Warn ? "WARN" : "PASS";
        }

        /// <summary>The JSON field's value: "pass", "warn" or "fail".</summary>
        public static string JsonNameOf(SelfTestVerdict verdict)
        {
            return verdict == SelfTestVerdict.Fail ? "fail" : verdict == SelfTestVerdict.Warn ? "warn" : "pass";
        }

        /// <summary>
        /// Writes the report as the selftest document: <c>{"v":1,"node":...,"at":...,"trigger":...,"verdict":...,
        /// "passed":n,"warned":n,"failed":n,"checks":[{"verdict":...,"item":...,"reason":...,"action":...}]}</c>, the
        /// action only for a warning or a failure. <paramref name="trigger"/> says what started it: "boot", "command" or
        /// "button"; <paramref name="commandId"/>, the id of the command that asked for it, is written as "id" after
        /// the trigger (null: none).
        /// </summary>
        public void WriteJson(JsonWriter writer, string nodeId, DateTime at, string trigger, string commandId)
        {
            writer.BeginObject();
            writer.Name("v");
            writer.Integer(Version);
            writer.Name("node");
            writer.String(nodeId);
            writer.Name("at");
            writer.Timestamp(at);
            writer.Name("trigger");
            writer.String(trigger);
            if (commandId != null)
            {
                writer.Name("id");
                writer.String(commandId);
            }

            writer.Name("verdict");
            writer.String(JsonNameOf(Overall));
            writer.Name("passed");
            writer.Integer(_passed);
            writer.Name("warned");
            writer.Integer(_warned);
            writer.Name("failed");
            writer.Integer(_failed);
            writer.Name("checks");
            writer.BeginArray();
            for (int i = 0; i < _checks.Count; i++)
            {
                SelfTestCheck check = Check(i);
                writer.BeginObject();
                writer.Name("verdict");
                writer.String(JsonNameOf(check.Verdict));
                writer.Name("item");
                writer.String(check.Item);
                writer.Name("reason");
                writer.String(check.Reason);
                if (check.Action != null)
                {
                    writer.Name("action");
                    writer.String(check.Action);
                }

                writer.EndObject();
            }

            writer.EndArray();
            writer.EndObject();
        }

        /// <summary>The document of <see cref="WriteJson"/> in a buffer of its own, sized to fit: a report's size
        /// depends on the meters and what they say, and it is written rarely, so it is not kept in a fixed buffer.
        /// Returns the buffer; its first <paramref name="length"/> bytes are the document.</summary>
        public byte[] ToJson(string nodeId, DateTime at, string trigger, string commandId, out int length)
        {
            JsonWriter writer = new JsonWriter(new byte[1024]);
            WriteJson(writer, nodeId, at, trigger, commandId);
            if (writer.Overflowed)
            {
                writer = new JsonWriter(new byte[writer.RequiredLength]);
                WriteJson(writer, nodeId, at, trigger, commandId);
            }

            length = writer.Length;
            return writer.Buffer;
        }

        private void Add(SelfTestVerdict verdict, string item, string reason, string action)
        {
            if (item == null || item.Length == 0)
            {
                throw new ArgumentException("a check names its item", "item");
            }

            if (reason == null || reason.Length == 0)
            {
                throw new ArgumentException("a check says what it saw", "reason");
            }

            if (verdict != SelfTestVerdict.Pass && (action == null || action.Length == 0))
            {
                throw new ArgumentException("a warning or a failure says what to do", "action");
            }

            _checks.Add(new SelfTestCheck(verdict, item, reason, verdict == SelfTestVerdict.Pass ? null : action));
            if (verdict == SelfTestVerdict.Fail)
            {
                _failed++;
            }
            else if (verdict == SelfTestVerdict.Warn)
            {
                _warned++;
            }
            else
            {
                _passed++;
            }
        }

        private SelfTestCheck Check(int index)
        {
            return (SelfTestCheck)_checks[index];
        }

        private sealed class SelfTestCheck
        {
            public readonly SelfTestVerdict Verdict;
            public readonly string Item;
            public readonly string Reason;
            public readonly string Action;

            public SelfTestCheck(SelfTestVerdict verdict, string item, string reason, string action)
            {
                Verdict = verdict;
                Item = item;
                Reason = reason;
                Action = action;
            }
        }
    }
}
