#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Meters.Buses;
using Edge.Core.Model;

namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// A Modbus RTU meter at one slave address of a shared RS-485 line, read by its register map. The master is a
    /// state machine moved on at every poll of the node loop and never waits: it puts one request of the read plan
    /// on the line, and on a later poll, once the line has ended the transaction (answer, silence, timeout), judges
    /// the reply and puts the next. A failed try is sent again up to <see cref="Retries"/> times; a request that
    /// fails every try costs its registers' readings that cycle, sets a warning, and after
    /// <see cref="FailAfter"/> such failures in a row the meter is failed, to be set up again after
    /// <see cref="MeterDriver.RetryMs"/>: a meter that comes back recovers by itself. Buffers are sized at
    /// construction from the largest read of the plan.
    /// </summary>
    public sealed class ModbusMeter : MeterDriver, ICounterSource
    {
        /// <summary>Tries after the first before a request counts as failed: a lost frame on a noisy line is
        /// common, three in a row is a fault.</summary>
        public const int DefaultRetries = 2;

        /// <summary>Requests failed in a row before the meter is failed.</summary>
        public const int DefaultFailAfter = 3;

        /// <summary>Poll cycle of a meter whose configuration gives none: the node's sampling second.</summary>
        public const long DefaultCycleMs = 1000;

        /// <summary>Registers one configuration write may carry: two float32 settings of an Eastron meter, with room.</summary>
        public const int MaxWriteRegisters = 8;

        private readonly Rs485Line _line;
        private readonly Rs485Request _request;
        private readonly ModbusReadPlan _plan;
        private readonly ModbusCounters _counters = new ModbusCounters();
        private readonly long _cycleMs;
        private readonly ushort[] _writeValues = new ushort[MaxWriteRegisters];
        private int _writeAddress;
        private int _writeCount;
        private bool _writePending;
        private bool _writing;
        private bool _awaiting;
        private int _read = -1;
        private int _attempt;
        private int _failedInRow;
        private long _cycleDueMs;

        /// <param name="meterId">Name of the meter in reports.</param>
        /// <param name="line">The RS-485 line the meter is on, shared with the other slaves.</param>
        /// <param name="slave">The meter's slave address, 1 to 247 (MODBUS over Serial Line V1.02, §2.2).</param>
        /// <param name="map">The meter model's registers.</param>
        /// <param name="cycleMs">Time from the start of one poll cycle to the start of the next.</param>
        public ModbusMeter(string meterId, Rs485Line line, int slave, ModbusRegisterMap map, long cycleMs)
            : base(meterId, 0)
        {
            if (line == null)
            {
                throw new ArgumentNullException("line");
            }

            if (map == null || map.Count == 0)
            {
                throw new ArgumentException("a Modbus meter needs a register map with at least one row", "map");
            }

            if (slave < ModbusFunction.FirstSlave || slave > ModbusFunction.LastSlave)
            {
                throw new ArgumentOutOfRangeException("slave", "slave addresses go from 1 to 247");
            }

            if (cycleMs < 0)
            {
                throw new ArgumentOutOfRangeException("cycleMs");
            }

            _line = line;
            _plan = new ModbusReadPlan(map);
            _cycleMs = cycleMs;
            Slave = slave;
            Retries = DefaultRetries;
            FailAfter = DefaultFailAfter;
            int reply = ModbusFrames.ReadReplyOverhead + (2 * _plan.LargestRead);
            _request = new Rs485Request(slave, ModbusFrames.WriteMultipleOverhead + (2 * MaxWriteRegisters), reply > ModbusFrames.FixedLength ? reply : ModbusFrames.FixedLength);
        }

        /// <summary>The meter's slave address.</summary>
        public int Slave { get; private set; }

        /// <summary>The requests of a poll cycle.</summary>
        public ModbusReadPlan Plan
        {
            get { return _plan; }
        }

        /// <summary>Tries after the first before a request counts as failed.</summary>
        public int Retries { get; set; }

        /// <summary>Requests failed in a row (every try) before the meter is failed.</summary>
        public int FailAfter { get; set; }

        /// <summary>What was asked and what came back, by cause.</summary>
        public ModbusCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>Requests failed in a row so far; 0 after any valid answer.</summary>
        public int FailedInRow
        {
            get { return _failedInRow; }
        }

        /// <summary>True while a poll cycle is under way (a request queued, in flight or still to send).</summary>
        public bool InCycle
        {
            get { return _read >= 0; }
        }

        /// <summary>The line, which the node runs once a loop for all its slaves.</summary>
        public override IBusHub Bus
        {
            get { return _line; }
        }

        /// <summary>The counters of <see cref="Counters"/>, then "failedInRow" and "timesFailed", so health shows a
        /// meter going to its failed state (failedInRow reaching <see cref="FailAfter"/>) and how often it did.</summary>
        public int CounterCount
        {
            get { return _counters.CounterCount + 2; }
        }

        /// <summary>Name of counter <paramref name="index"/>: those of <see cref="ModbusCounters"/>, then "failedInRow"
        /// and "timesFailed".</summary>
        public string CounterName(int index)
        {
            int own = index - _counters.CounterCount;
            return own < 0 ? _counters.CounterName(index) : own == 0 ? "failedInRow" : "timesFailed";
        }

        /// <summary>Value of counter <paramref name="index"/>, in the order of <see cref="CounterName"/>.</summary>
        public long CounterValue(int index)
        {
            int own = index - _counters.CounterCount;
            return own < 0 ? _counters.CounterValue(index) : own == 0 ? _failedInRow : Failures;
        }

        /// <summary>Queues a configuration write of <paramref name="count"/> registers at
        /// <paramref name="address"/> (0x06 for one register, 0x10 for more), sent before the next read; false when
        /// a write is still pending. The outcome shows in <see cref="ModbusCounters.Writes"/> and
        /// <see cref="ModbusCounters.WritesFailed"/>.</summary>
        public bool Write(int address, ushort[] values, int count)
        {
            if (values == null || count < 1 || count > MaxWriteRegisters || count > values.Length)
            {
                throw new ArgumentOutOfRangeException("count", "a write carries 1 to 8 registers");
            }

            if (address < 0 || address + count > 0x10000)
            {
                throw new ArgumentOutOfRangeException("address");
            }

            if (_writePending)
            {
                return false;
            }

            Array.Copy(values, _writeValues, count);
            _writeAddress = address;
            _writeCount = count;
            _writePending = true;
            return true;
        }

        /// <summary>The model, slave address and the cycle's requests.</summary>
        public override string Describe()
        {
            return "Modbus RTU " + _plan.Map.Model + " at slave " + Slave.ToString() + ", " + _plan.Count.ToString() + " requests for " + _plan.Map.Count.ToString() + " values every " + _cycleMs.ToString() + " ms";
        }

        /// <summary>Says plainly what the bus shows for this meter: answers arriving, or what is wired or set wrong,
        /// from what it counted.</summary>
        public override void SelfTest(SelfTestReport report, long monotonicMs)
        {
            string item = SelfTestItem;
            string slave = "Modbus slave " + Slave.ToString();
            if (_counters.Answers > 0 && _failedInRow == 0)
            {
                if (!ReportState(report, monotonicMs))
                {
                    report.Pass(item, slave + " answers, " + _counters.Answers.ToString() + " answers, " + _counters.Timeouts.ToString() + " timeouts");
                }

                return;
            }

            if (_counters.Exceptions > 0 && _counters.LastExceptionCode == ModbusFunction.IllegalDataAddress)
            {
                report.Fail(item, slave + " answers but refuses a register of its map (exception 02)", "check the meter model or the custom register table");
                return;
            }

            if (_counters.Exceptions > 0)
            {
                report.Fail(item, slave + " refuses the requests (exception " + _counters.LastExceptionCode.ToString() + ")", "check the meter model and its function codes");
                return;
            }

            if (_counters.RejectedSlave > 0)
            {
                report.Fail(item, "another slave answers for " + slave, "two meters may be set to the same address: give each its own");
                return;
            }

            if (_counters.RejectedCrc + _counters.RejectedShape > 0)
            {
                report.Fail(item, slave + " answers but its replies fail their CRC", "check the line's baud rate and parity against the meter's, the 120 ohm terminations at both ends and the cable shield");
                return;
            }

            if (_counters.Timeouts > 0)
            {
                report.Fail(item, "no answer from " + slave, "check its address and baud rate on the meter's display, the A and B wires (swapped?), the common wire, and the transceiver's DE pin");
                return;
            }

            if (!ReportState(report, monotonicMs))
            {
                report.Warn(item, "no request answered yet", "run the self-test again after the first cycle");
            }
        }

        /// <summary>Starts afresh: the first cycle begins on this poll. A request still on the line from before is
        /// left to end and its outcome ignored.</summary>
        protected override void Setup(long monotonicMs)
        {
            _awaiting = false;
            _writing = false;
            _read = -1;
            _attempt = 0;
            _failedInRow = 0;
            _cycleDueMs = monotonicMs;
        }

        /// <summary>Moves the master on: judges the reply that came, then puts the next request (a retry, the next read
        /// of the plan or a pending write) on the line. Never waits.</summary>
        protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            if (_request.Busy)
            {
                return;
            }

            if (_awaiting)
            {
                _awaiting = false;
                Conclude(utcNow, sink);
                if (State == MeterState.Failed)
                {
                    return;
                }
            }

            if (_writePending && !_writing && _attempt == 0)
            {
                _writing = true;
            }

            if (!_writing && _read < 0)
            {
                if (monotonicMs < _cycleDueMs)
                {
                    return;
                }

                _read = 0;
                _attempt = 0;
                _cycleDueMs = monotonicMs + _cycleMs;
                _counters.Cycles++;
            }

            Send();
        }

        private void Send()
        {
            byte[] frame = _request.Frame;
            if (_writing)
            {
                _request.FrameLength = _writeCount == 1
                    ? ModbusFrames.WriteSingle(frame, Slave, _writeAddress, _writeValues[0])
                    : ModbusFrames.WriteMultiple(frame, Slave, _writeAddress, _writeValues, _writeCount);
            }
            else
            {
                _request.FrameLength = ModbusFrames.Read(frame, Slave, _plan.Function(_read), _plan.Start(_read), _plan.Registers(_read));
            }

            _request.ExpectedReplyLength = ModbusFrames.ReplyLength(frame);
            if (!_line.Submit(_request))
            {
                _counters.Refused++;
                return;
            }

            _counters.Requests++;
            _awaiting = true;
        }

        private void Conclude(DateTime utcNow, IReadingSink sink)
        {
            switch (_request.Outcome)
            {
                case Rs485Outcome.Answered:
                    int exception;
                    ModbusReplyStatus status = ModbusReply.Check(_request.Frame, _request.Reply, _request.ReplyLength, out exception);
                    switch (status)
                    {
                        case ModbusReplyStatus.Valid:
                            _counters.Answers++;
                            Succeeded(utcNow, sink);
                            return;
                        case ModbusReplyStatus.BadCrc:
                            _counters.RejectedCrc++;
                            Retry("replies fail their CRC");
                            return;
                        case ModbusReplyStatus.WrongSlave:
                            _counters.RejectedSlave++;
                            Retry("another slave answers at this meter's turn");
                            return;
                        case ModbusReplyStatus.Exception:
                            _counters.Exceptions++;
                            _counters.LastExceptionCode = exception;
                            if (ModbusFunction.IsTransient(exception))
                            {
                                Retry("the meter is busy");
                            }
                            else
                            {
                                GiveUp("the meter refuses a request with an exception");
                            }

                            return;
                        default:
                            _counters.RejectedShape++;
                            Retry("replies do not answer the request");
                            return;
                    }

                case Rs485Outcome.TimedOut:
                    _counters.Timeouts++;
                    Retry("the meter does not answer");
                    return;
                case Rs485Outcome.Overrun:
                    _counters.Overruns++;
                    Retry("replies are longer than any answer");
                    return;
            }
        }

        private void Succeeded(DateTime utcNow, IReadingSink sink)
        {
            _attempt = 0;
            if (_writing)
            {
                _counters.Writes++;
                EndWrite();
                return;
            }

            _failedInRow = 0;
            ClearWarning();
            ModbusRegisterMap map = _plan.Map;
            byte[] reply = _request.Reply;
            int start = _plan.Start(_read);
            int rows = _plan.Rows(_read);
            for (int i = 0; i < rows; i++)
            {
                int row = _plan.Row(_read, i);
                long value;
                if (map.TryValue(row, reply, 3 + (2 * (map.Address(row) - start)), out value))
                {
                    sink.Add(new Reading(map.Quantity(row), value, map.Decimals(row), utcNow, ReadingQuality.Good));
                }
                else
                {
                    _counters.BadValues++;
                }
            }

            NextRead();
        }

        /// <summary>Tries the same request again, or gives it up after <see cref="Retries"/> retries.</summary>
        private void Retry(string reason)
        {
            if (_attempt < Retries)
            {
                _attempt++;
                _counters.Retries++;
                return;
            }

            GiveUp(reason);
        }

        private void GiveUp(string reason)
        {
            _attempt = 0;
            if (_writing)
            {
                _counters.WritesFailed++;
                EndWrite();
                return;
            }

            _counters.Failures++;
            _failedInRow++;
            if (_failedInRow >= FailAfter)
            {
                _read = -1;
                MarkFailed(reason);
                return;
            }

            MarkWarning(reason);
            NextRead();
        }

        private void EndWrite()
        {
            _writing = false;
            _writePending = false;
        }

        private void NextRead()
        {
            _read++;
            if (_read >= _plan.Count)
            {
                _read = -1;
            }
        }
    }
}
