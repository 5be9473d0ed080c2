#nullable enable
using System;
using System.IO;
using System.Text;
using Edge.Core.Commands;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers.Modbus;
using Edge.Drivers.P1;
using Edge.Drivers.Tic;
using Edge.Host.Platform;
using Edge.Host.Replay;

namespace Edge.Fuzz.Targets
{
    /// <summary>
    /// One entry per parser that takes bytes from outside the node. Each runs the parser over the input the way the
    /// node does and checks what the parser promises whatever the input: it terminates within a step bound, refuses
    /// by status and counter rather than by exception, and keeps its counters consistent. A broken promise is a
    /// <see cref="FuzzFinding"/>; any other exception escaping is a crash of the parser itself.
    /// </summary>
    public sealed class ParserTargets
    {
        /// <summary>The names accepted on the command line and by <see cref="Run"/>.</summary>
        public static readonly string[] Names = { "tic", "p1", "modbus", "config", "command", "json" };

        private static readonly string[] CommandNames = { "config/get", "config/set", "relay/set", "selftest", "resync", "reboot", "unknown" };

        private readonly TicFrameDecoder _tic = new TicFrameDecoder(TicMode.Auto);
        private readonly P1TelegramDecoder _p1 = new P1TelegramDecoder(false);
        private readonly JsonReader _json = new JsonReader();
        private readonly byte[] _modbusRequest = new byte[ModbusFrames.FixedLength];
        // A reply as long as the largest input: the check itself must refuse an oversized reply, not the harness.
        private readonly byte[] _reply = new byte[8192];
        private readonly byte[] _secrets;
        private readonly byte[] _board;
        private EdgeNode? _node;
        private string? _storeDirectory;

        public ParserTargets(byte[] secrets, byte[] board)
        {
            _secrets = secrets;
            _board = board;
        }

        /// <summary>Bytes consumed per call of a streaming decoder before the input counts as not terminating: every
        /// call must consume at least one byte or report an event, so a whole input takes at most 2 calls a byte.</summary>
        public static int StepBound(int length)
        {
            return (2 * length) + 2;
        }

        public void Run(string target, byte[] data, int length)
        {
            switch (target)
            {
                case "tic": Tic(data, length); break;
                case "p1": P1(data, length); break;
                case "modbus": Modbus(data, length); break;
                case "config": Config(data, length); break;
                case "command": Command(data, length); break;
                case "json": Json(data, length); break;
                default: throw new ArgumentException("unknown target " + target + " (" + string.Join(", ", Names) + ")");
            }
        }

        /// <summary>The TIC decoder, fed the input in one stream (a fresh decoder state per input).</summary>
        public void Tic(byte[] data, int length)
        {
            TicFrameDecoder decoder = _tic;
            decoder.Reset();
            long framesBefore = decoder.Counters.Frames;
            int at = 0;
            int steps = 0;
            int starts = 0;
            while (at < length)
            {
                int consumed;
                TicEvent e = decoder.Decode(data, at, length - at, out consumed);
                if (consumed <= 0 || consumed > length - at)
                {
                    throw new FuzzFinding("tic", "consumed " + consumed + " of " + (length - at) + " bytes");
                }

                if (e == TicEvent.FrameStart)
                {
                    starts++;
                }

                if (e == TicEvent.Group && decoder.Group.Length > TicFrameDecoder.MaxGroupLength)
                {
                    throw new FuzzFinding("tic", "a group longer than " + TicFrameDecoder.MaxGroupLength);
                }

                at += consumed;
                if (++steps > StepBound(length))
                {
                    throw new FuzzFinding("tic", "no end after " + steps + " calls");
                }
            }

            TicCounters c = decoder.Counters;
            if (c.FramesValid + c.FramesAborted + c.FramesCut > c.Frames)
            {
                throw new FuzzFinding("tic", "more frames ended than started");
            }

            if (c.Frames - framesBefore < 0)
            {
                throw new FuzzFinding("tic", "frame counter went back");
            }
        }

        /// <summary>The P1 decoder, fed the input in one stream.</summary>
        public void P1(byte[] data, int length)
        {
            P1TelegramDecoder decoder = _p1;
            decoder.Reset();
            int at = 0;
            int steps = 0;
            while (at < length)
            {
                int used = decoder.Feed(data, at, length - at);
                if (used < 0 || used > length - at || (used == 0 && decoder.Outcome == P1Outcome.None))
                {
                    throw new FuzzFinding("p1", "fed " + (length - at) + " bytes, used " + used);
                }

                if (decoder.Outcome == P1Outcome.Valid && !decoder.Telegram.HadCrc)
                {
                    throw new FuzzFinding("p1", "a telegram without CRC taken by a decoder that requires one");
                }

                at += used;
                if (++steps > StepBound(length))
                {
                    throw new FuzzFinding("p1", "no end after " + steps + " calls");
                }
            }

            P1Counters c = decoder.Counters;
            if (c.TelegramsValid + c.Rejected > c.Telegrams + 1)
            {
                throw new FuzzFinding("p1", "more telegrams ended than started");
            }
        }

        /// <summary>The reply check, against a read request drawn from the first bytes (slave, start, count).</summary>
        public void Modbus(byte[] data, int length)
        {
            int slave = length > 0 ? 1 + (data[0] % 247) : 1;
            int count = length > 1 ? 1 + (data[1] % 125) : 1;
            int function = length > 2 && (data[2] & 1) == 1 ? ModbusFunction.ReadHoldingRegisters : ModbusFunction.ReadInputRegisters;
            ModbusFrames.Read(_modbusRequest, slave, function, 0, count);
            int skip = length > 3 ? 3 : length;
            int replyLength = Math.Min(length - skip, _reply.Length);
            byte[] reply = _reply;
            Array.Copy(data, skip, reply, 0, replyLength);
            int code;
            ModbusReplyStatus status = ModbusReply.Check(_modbusRequest, reply, replyLength, out code);
            if (status == ModbusReplyStatus.Valid && replyLength != ModbusFrames.ReplyLength(_modbusRequest))
            {
                throw new FuzzFinding("modbus", "a valid reply of " + replyLength + " bytes where " + ModbusFrames.ReplyLength(_modbusRequest) + " were due");
            }

            if ((status == ModbusReplyStatus.Valid || status == ModbusReplyStatus.Exception) && !ModbusCrc.Holds(reply, replyLength))
            {
                throw new FuzzFinding("modbus", "a reply taken whose CRC does not hold");
            }
        }

        /// <summary>The JSON reader, read to its end or its error within one step per byte.</summary>
        public void Json(byte[] data, int length)
        {
            JsonReader reader = _json;
            reader.Reset(data, 0, length);
            int steps = 0;
            while (reader.Read())
            {
                if (++steps > length + 1)
                {
                    throw new FuzzFinding("json", "more tokens than bytes");
                }

                if (reader.Depth > JsonReader.DefaultMaxDepth + 1)
                {
                    throw new FuzzFinding("json", "depth " + reader.Depth + " past the bound");
                }

                if (reader.ValueStart < 0 || reader.ValueLength < 0 || reader.ValueStart + reader.ValueLength > length)
                {
                    throw new FuzzFinding("json", "a value outside the text");
                }
            }

            if (reader.Token != JsonToken.End && reader.Token != JsonToken.Error)
            {
                throw new FuzzFinding("json", "stopped on " + reader.Token + " without an end or an error");
            }

            if (reader.Token == JsonToken.Error && (reader.ErrorKind == JsonError.None || reader.ErrorPosition < 0 || reader.ErrorPosition > length))
            {
                throw new FuzzFinding("json", "an error without a cause or a place");
            }
        }

        /// <summary>The node configuration reader: the input as config.json, with real secrets and board profile.</summary>
        public void Config(byte[] data, int length)
        {
            var problems = new SetupProblems();
            NodeSetup setup = NodeSetupReader.Read(data, length, _secrets, _secrets.Length, _board, _board.Length, problems);
            if (setup == null)
            {
                throw new FuzzFinding("config", "no setup returned");
            }

            for (int i = 0; i < problems.Count; i++)
            {
                SetupProblem p = problems.At(i);
                if (string.IsNullOrEmpty(p.File) || p.Path == null || string.IsNullOrEmpty(p.Problem))
                {
                    throw new FuzzFinding("config", "a problem without a file, a path or a reason: " + p);
                }
            }
        }

        /// <summary>A command: its first byte picks the topic, the rest is the payload, delivered then run by the node loop:
        /// every command is counted once as run (answered, maybe with an error) or refused, none is lost.</summary>
        public void Command(byte[] data, int length)
        {
            EdgeNode node = Node();
            CommandDispatcher commands = node.Commands;
            long before = commands.Executed + commands.Refused;
            long failedBefore = commands.Failed;
            string name = CommandNames[length > 0 ? data[0] % CommandNames.Length : 0];
            byte[] payload = new byte[length > 0 ? length - 1 : 0];
            Array.Copy(data, length > 0 ? 1 : 0, payload, 0, payload.Length);
            commands.Receive("edge/fuzz/cmd/" + name, payload);
            commands.Run(0);
            long after = commands.Executed + commands.Refused;
            if (after != before + 1)
            {
                throw new FuzzFinding("command", "one command counted " + (after - before) + " times as run or refused");
            }

            if (commands.Failed - failedBefore > 1)
            {
                throw new FuzzFinding("command", "one command counted " + (commands.Failed - failedBefore) + " times as failed");
            }
        }

        /// <summary>Removes the store of the command target.</summary>
        public void Close()
        {
            if (_storeDirectory != null && Directory.Exists(_storeDirectory))
            {
                Directory.Delete(_storeDirectory, true);
            }
        }

        private EdgeNode Node()
        {
            if (_node == null)
            {
                _storeDirectory = Path.Combine(Path.GetTempPath(), "edge-fuzz-" + Environment.ProcessId);
                Directory.CreateDirectory(_storeDirectory);
                var config = new NodeConfig { NodeId = "fuzz" };
                _node = new EdgeNode(config, new ManualClock(new DateTime(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc), true), new TextWriterLink(TextWriter.Null), new FileStore(_storeDirectory), null);
                _node.AddMeter(new QuietMeter());
                _node.Start();
            }

            return _node;
        }
    }
}
