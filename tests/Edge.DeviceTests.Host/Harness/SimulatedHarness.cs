using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Edge.Core.Platform;
using Edge.DeviceTests.Support;

namespace Edge.DeviceTests.Host.Harness
{
    /// <summary>
    /// The loopback harness of hardware/test-harness.md in simulation, installed as <see cref="LoopbackHarness.Current"/>
    /// before any device test runs, so the Hil tests run in CI: a UART whose TX is wired to its RX (7 data bits drop
    /// bit 7 as the wire does), an output wired to a debounced pulse input, an I2C bus with an INA219 (0x40), an SHT3x
    /// (0x44) and a BME280 (0x76), a store whose files survive a simulated reboot, and a broker that echoes to
    /// subscribers. Time is simulated: <see cref="Pause"/> moves it on.
    /// </summary>
    internal sealed class SimulatedHarness : LoopbackHarness
    {
        /// <summary>The shortest pulse the node's S0 inputs count.</summary>
        public const int MinPulse = Edge.Drivers.Startup.NodeStartup.S0MinPulseMs;

        private readonly SimulatedClock _clock = new();
        private readonly SerialLoopback _uart = new();
        private readonly PulseWire _pulse;
        private readonly SimulatedI2cBus _bus = new();
        private readonly SimulatedFlash _flash = new();
        private readonly LoopbackBroker _broker;
        private SimulatedStore _store;

        public SimulatedHarness()
        {
            _pulse = new PulseWire(_clock, new PulseQualifier(false, MinPulse, PulseQualifier.MaxBounceFor(MinPulse)));
            _broker = new LoopbackBroker(_clock);
            _store = new SimulatedStore(_flash);
        }

        [ModuleInitializer]
        internal static void Install() => Current = new SimulatedHarness();

        public override string Name => "simulated";

        public override long MonotonicMs => _clock.Ms;

        public override void Pause(int ms)
        {
            _clock.Advance(ms);
            _broker.Run();
        }

        public override ISerialLink MeterUart => _uart;

        public override IDigitalOutput PulseOutput => _pulse;

        public override IPulseInput PulseInput => _pulse.Qualifier;

        public override int MinPulseMs => MinPulse;

        public override IRegisterBus OpenI2c(int address) => _bus.DeviceAt(address);

        public override int[] I2cAddresses => [0x40, 0x44, 0x76];

        public override IStore Store => _store;

        public override IStore RebootStore()
        {
            _store.Close();
            _store = new SimulatedStore(_flash);
            return _store;
        }

        public override IMqttLink Broker => _broker;

        public override MqttConnectOptions BrokerOptions => new() { ClientId = "edge-hil", UseTls = true, CleanSession = true };

        public override string BrokerTopic => "edge/hil/loopback";
    }

    /// <summary>Simulated monotonic milliseconds.</summary>
    internal sealed class SimulatedClock
    {
        public long Ms { get; private set; } = 1000;

        public void Advance(int ms) => Ms += ms;
    }

    /// <summary>A UART with TX wired to RX: bytes written come back in order, cut to the data bits of the line.</summary>
    internal sealed class SerialLoopback : ISerialLink
    {
        private readonly Queue<byte> _wire = new();
        private int _mask = -1;

        public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
        {
            _mask = (1 << dataBits) - 1;
            _wire.Clear();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _wire.Count > 0)
            {
                buffer[offset + n++] = _wire.Dequeue();
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_mask < 0)
            {
                throw new System.InvalidOperationException("the UART is not open");
            }

            for (int i = 0; i < count; i++)
            {
                _wire.Enqueue((byte)(buffer[offset + i] & _mask));
            }
        }
    }

    /// <summary>
    /// An output wired to a pulse input: each change of the output is an edge of the line at the simulated time, fed
    /// to the node's <see cref="PulseQualifier"/>, as the device's pin interrupt feeds it. "On" closes the S0 contact,
    /// pulling the pulled-up line low.
    /// </summary>
    internal sealed class PulseWire : IDigitalOutput
    {
        private readonly SimulatedClock _clock;
        private bool _level;

        public PulseWire(SimulatedClock clock, PulseQualifier qualifier)
        {
            _clock = clock;
            Qualifier = qualifier;
        }

        public PulseQualifier Qualifier { get; }

        public bool IsOn => _level;

        public void Set(bool on)
        {
            if (on != _level)
            {
                _level = on;
                Qualifier.Edge(_clock.Ms, !on);
            }
        }
    }

    /// <summary>An I2C bus with an INA219 at 0x40, an SHT3x at 0x44 and a BME280 at 0x76; nothing else answers.</summary>
    internal sealed class SimulatedI2cBus
    {
        public IRegisterBus DeviceAt(int address) => new Device(address is 0x40 or 0x44 or 0x76, address == 0x76);

        private sealed class Device(bool present, bool bme280) : IRegisterBus
        {
            private int _register = -1;

            public bool Write(byte[] data)
            {
                if (present && data.Length > 0)
                {
                    _register = data[0];
                }

                return present;
            }

            public bool Read(byte[] data)
            {
                if (!present)
                {
                    return false;
                }

                for (int i = 0; i < data.Length; i++)
                {
                    // BME280 datasheet §5.4.1: register 0xD0 "id" reads 0x60.
                    data[i] = bme280 && _register == 0xD0 ? (byte)0x60 : (byte)0;
                }

                return true;
            }

            public bool WriteRead(byte[] write, byte[] read) => Write(write) && Read(read);
        }
    }

    /// <summary>The flash the store lives in: what survives a reboot.</summary>
    internal sealed class SimulatedFlash
    {
        public Dictionary<string, byte[]> Files { get; } = new();
    }

    /// <summary>A store over <see cref="SimulatedFlash"/>; closed by a reboot, after which it refuses every call.</summary>
    internal sealed class SimulatedStore(SimulatedFlash flash) : IStore
    {
        private bool _closed;

        public void Close() => _closed = true;

        public bool Exists(string name) => Open().ContainsKey(name);

        public int Length(string name) => Open().TryGetValue(name, out byte[]? b) ? b.Length : -1;

        public int Read(string name, byte[] buffer, int offset)
        {
            if (!Open().TryGetValue(name, out byte[]? b))
            {
                return 0;
            }

            System.Array.Copy(b, 0, buffer, offset, b.Length);
            return b.Length;
        }

        public void Write(string name, byte[] data, int offset, int count) => Open()[name] = data.AsSpan(offset, count).ToArray();

        public void Delete(string name) => Open().Remove(name);

        private Dictionary<string, byte[]> Open() =>
            _closed ? throw new System.InvalidOperationException("store used after the reboot that closed it") : flash.Files;
    }

    /// <summary>
    /// A broker link to a broker that accepts the connection one step after it was asked for, acknowledges QoS 1
    /// publishes, and sends each message back to a matching subscription (exact topic), as a broker does.
    /// </summary>
    internal sealed class LoopbackBroker(SimulatedClock clock) : IMqttLink
    {
        private readonly HashSet<string> _subscriptions = new();
        private readonly Queue<(string Topic, byte[] Payload)> _inbound = new();
        private readonly Queue<int> _acks = new();
        private int _ticket;
        private long _connectAt = -1;

        public LinkState State { get; private set; }

        public LinkFailure Failure => LinkFailure.None;

        public int RefusedCode => 0;

        public bool SessionPresent => false;

        public event MqttMessageHandler? MessageReceived;

        public void BeginConnect(MqttConnectOptions options)
        {
            State = LinkState.Connecting;
            _connectAt = clock.Ms + 1;
        }

        public void Disconnect()
        {
            State = LinkState.Disconnected;
            _subscriptions.Clear();
            _inbound.Clear();
            _acks.Clear();
        }

        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (State != LinkState.Connected)
            {
                return 0;
            }

            int ticket = ++_ticket;
            if (qos > 0)
            {
                _acks.Enqueue(ticket);
            }

            if (_subscriptions.Contains(topic))
            {
                _inbound.Enqueue((topic, payload.AsSpan(0, length).ToArray()));
            }

            return ticket;
        }

        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            delivered = _acks.TryDequeue(out ticket);
            return delivered;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            if (State != LinkState.Connected)
            {
                return false;
            }

            _subscriptions.Add(topicFilter);
            return true;
        }

        /// <summary>What the broker does while time passes: completes the connection, delivers messages.</summary>
        public void Run()
        {
            if (State == LinkState.Connecting && clock.Ms >= _connectAt)
            {
                State = LinkState.Connected;
            }

            while (State == LinkState.Connected && _inbound.Count > 0)
            {
                (string topic, byte[] payload) = _inbound.Dequeue();
                MessageReceived?.Invoke(topic, payload);
            }
        }
    }
}
