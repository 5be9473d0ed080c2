using System;
using System.Collections.Generic;
using Edge.Core.Platform;
using Edge.Drivers.Modbus;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>
    /// A line to one SDM630 whose replies to a read plan were all made in advance (by a <see cref="SimulatedSdm630"/>),
    /// answered at once, so that the line itself allocates and costs next to nothing while the master polls: what
    /// measuring the master alone needs (the zero-allocation test, the poll-cycle benchmark).
    /// </summary>
    public sealed class PreparedSdm630Link : ISerialLink
    {
        private readonly Dictionary<int, byte[]> _replies = new();
        private byte[] _pending = [];
        private int _at;

        public PreparedSdm630Link(int slave, ModbusReadPlan plan)
        {
            var meter = new SimulatedSdm630(slave);
            meter.SetPhase(1, 230.2f, 5.5f, 1200.5f);
            meter.SetInputFloat(0x0048, 4210.123f);
            var frame = new byte[8];
            for (int read = 0; read < plan.Count; read++)
            {
                int length = ModbusFrames.Read(frame, slave, plan.Function(read), plan.Start(read), plan.Registers(read));
                _replies[plan.Start(read)] = meter.Answer(frame, length)!;
            }
        }

        /// <summary>Frames written.</summary>
        public long Requests { get; private set; }

        public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
        {
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, _pending.Length - _at);
            Array.Copy(_pending, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Requests++;
            _pending = _replies[ModbusFrames.Word(buffer, offset + 2)];
            _at = 0;
        }
    }
}
