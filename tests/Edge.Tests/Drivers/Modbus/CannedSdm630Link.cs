using System;
using System.Collections.Generic;
using Edge.Core.Platform;
using Edge.Drivers.Modbus;
using Edge.Host.Protocols.Modbus;

namespace Edge.Tests.Drivers.Modbus
{
    /// <summary>
    /// A line whose slave's replies were all made in advance (by a <see cref="SimulatedSdm630"/>), so that the line
    /// itself allocates nothing while the master polls: what the zero-allocation test and the benchmark need.
    /// </summary>
    internal sealed class CannedSdm630Link : ISerialLink
    {
        private readonly Dictionary<int, byte[]> _replies = new();
        private byte[] _pending = [];
        private int _at;

        public CannedSdm630Link(int slave, ModbusReadPlan plan)
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
