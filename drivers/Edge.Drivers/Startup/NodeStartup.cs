#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Meters.Buses;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Core.Setup;
using Edge.Drivers.I2c;

namespace Edge.Drivers.Startup
{
    /// <summary>
    /// The node's start-up from its <see cref="NodeSetup"/> on a board's <see cref="INodePlatform"/>: opens exactly
    /// the lines and inputs the configured meters name (a UART's pins are routed only for a meter that reads it),
    /// builds each driver through <see cref="MeterFactory"/>, wires the broker link, store, relay and the adapters'
    /// counters into an <see cref="EdgeNode"/> and starts it; then <see cref="Step"/> is the device's loop, ticking
    /// the node once a second and driving the status LED. A setup that cannot run fails with a message naming the
    /// meter and port at fault, logged and kept in <see cref="Failure"/>, and the LED shows it: never an exception
    /// out of <see cref="Start"/>.
    /// </summary>
    public sealed class NodeStartup
    {
        /// <summary>The node loop's period: EdgeNode.Tick is meant to run about once a second.</summary>
        public const int TickIntervalMs = 1000;

        /// <summary>Shortest pulse an S0 input counts unless its meter says otherwise (minPulseMs): an S0 pulse lasts
        /// at least 30 ms (IEC 62053-31, output pulse duration); shorter active levels are glitches.</summary>
        public const int S0MinPulseMs = PulseQualifier.DefaultMinWidthMs;

        /// <summary>The UART of the TIC and P1 lines (COM1 is nanoFramework's debug port).</summary>
        public const int MeterComPort = 2;

        /// <summary>The UART of the RS-485 bus.</summary>
        public const int Rs485ComPort = 3;

        /// <summary>Longest wait for a Modbus slave's first byte, which Modbus over Serial Line V1.02 section 2.4.1
        /// leaves to the application: well above a meter's turnaround, short enough that a dead meter holds the line
        /// for less than a poll cycle.</summary>
        public const long Rs485ResponseTimeoutMs = 500;

        /// <summary>Wait after a broadcast for every slave to act on it (Modbus over Serial Line V1.02 section 2.4.1:
        /// typically 100 to 200 ms).</summary>
        public const long Rs485TurnaroundMs = 200;

        /// <summary>The I2C bus of the sensors (the ESP32's I2C1).</summary>
        public const int I2cBusId = 1;

        private const string Tag = "startup";

        private readonly INodePlatform _platform;
        private int _inFlightWindow;
        private EdgeNode _node;
        private StatusLed _led;
        private SelfTestTriggers _selfTests;
        private bool _fallback;
        private long _nextTickMs;

        /// <summary>A start-up on <paramref name="platform"/>; nothing is opened before <see cref="Start"/>.</summary>
        public NodeStartup(INodePlatform platform)
        {
            if (platform == null)
            {
                throw new ArgumentNullException("platform");
            }

            _platform = platform;
        }

        /// <summary>The running node, or null while none started.</summary>
        public EdgeNode Node
        {
            get { return _node; }
        }

        /// <summary>Why the last <see cref="Start"/> failed (the meter, port or setting at fault), or null.</summary>
        public string Failure { get; private set; }

        /// <summary>The status LED, or null when the board has none (or no setup named its pin yet).</summary>
        public StatusLed Led
        {
            get { return _led; }
        }

        /// <summary>True while the node runs a last good configuration because the current one was refused.</summary>
        public bool RunningFallback
        {
            get { return _node != null && _fallback; }
        }

        /// <summary>Ticks of the node that threw: each is logged at error level with the running count, and the
        /// loop goes on with the next tick. Not a health field: the composed node publishes exactly what the host's
        /// node does for the same input, and a platform adapter's counters are the only fields it adds.</summary>
        public long TickFailures { get; private set; }

        /// <summary>The commissioning self-test's triggers (first boot, the button), once the node is started; null before.</summary>
        public SelfTestTriggers SelfTests
        {
            get { return _selfTests; }
        }

        /// <summary>While the board's button exists, passes come at least this often, so that a press is timed
        /// within a tenth of a second.</summary>
        public const int ButtonPollMs = 100;

        /// <summary>Where the node stands, the first that holds of <see cref="NodeState"/>'s order.</summary>
        public NodeState State
        {
            get
            {
                if (_node == null)
                {
                    return NodeState.NoConfig;
                }

                if (!_platform.NetworkUp)
                {
                    return NodeState.NoNetwork;
                }

                if (!_node.Session.IsReady)
                {
                    return NodeState.NoBroker;
                }

                if (_fallback)
                {
                    return NodeState.ConfigFallback;
                }

                return _node.OutboxDepth > _inFlightWindow ? NodeState.PublishingBacklog : NodeState.Connected;
            }
        }

        /// <summary>
        /// Opens what <paramref name="setup"/> uses, builds and starts its node; <paramref name="fallback"/> says the
        /// setup is the last good one, run because the current file was refused. Returns false, with
        /// <see cref="Failure"/> logged and set, when the setup is missing, names a port the board does not have or
        /// cannot open, or holds a meter or node setting that cannot work. A node already started is not replaced.
        /// </summary>
        public bool Start(NodeSetup setup, bool fallback)
        {
            if (_node != null)
            {
                throw new InvalidOperationException("the node is already started");
            }

            Failure = null;
            if (setup == null)
            {
                return Fail("no configuration to run");
            }

            // The LED first, so that a setup that fails below is shown as such.
            if (_led == null && setup.Pins.StatusLed != PinMap.None && setup.Pins.StatusLedKind != PinMap.PlainLed)
            {
                // An addressable LED ignores a GPIO level: driving its data line high or low would show nothing and
                // claim the pin for no use.
                _platform.Log.Write(LogLevel.Warning, "startup", "status LED on GPIO" + setup.Pins.StatusLed.ToString() + " is an addressable " + setup.Pins.StatusLedKind + ", which this firmware does not drive: no LED patterns");
            }
            else if (_led == null && setup.Pins.StatusLed != PinMap.None)
            {
                string ledFailure = OpenLed(setup.Pins.StatusLed);
                if (ledFailure != null)
                {
                    return Fail(ledFailure);
                }
            }

            string refused = MeterPortPlan.Check(setup);
            if (refused != null)
            {
                return Fail(refused);
            }

            IDigitalInput button = null;
            try
            {
                EdgeNode node = Assemble(setup);
                if (setup.Pins.Button != PinMap.None)
                {
                    button = (IDigitalInput)Opened(_platform.OpenInput(setup.Pins.Button), "button on GPIO" + setup.Pins.Button.ToString());
                }

                node.Start();
                _node = node;
            }
            catch (Exception e)
            {
                return Fail(e.Message);
            }

            _selfTests = new SelfTestTriggers(_node, button, _platform.Clock.MonotonicMs);

            // The setup itself is not kept: what the node needs is in its NodeConfig, and the secrets it was read
            // with (the Wi-Fi password) are left to the reader.
            _inFlightWindow = setup.Node.InFlightWindow;
            _fallback = fallback;
            _nextTickMs = _platform.Clock.MonotonicMs;
            Write(LogLevel.Info, "node " + setup.Node.NodeId + " started with " + setup.Meters.Length.ToString() + " meter(s) on board " + setup.Board
                + (fallback ? ", on its last good configuration" : string.Empty));
            return true;
        }

        /// <summary>One pass of the device loop: ticks the node when its second is due (a tick that throws is
        /// logged and counted, and the loop goes on), then shows the state on the LED. Returns the ms to wait before
        /// the next pass: until the next tick or the LED's next change, whichever comes first, at least 1.</summary>
        public int Step()
        {
            long now = _platform.Clock.MonotonicMs;
            long wait = TickIntervalMs;
            if (_node != null)
            {
                if (now >= _nextTickMs)
                {
                    Tick();

                    // A pass that came late (a long flash write) is not made up with a burst of ticks.
                    _nextTickMs += TickIntervalMs;
                    if (_nextTickMs <= now)
                    {
                        _nextTickMs = now + TickIntervalMs;
                    }
                }

                wait = _nextTickMs - now;
                StepSelfTests(now);
                if (_selfTests != null && _selfTests.HasButton && wait > ButtonPollMs)
                {
                    wait = ButtonPollMs;
                }
            }

            if (_led != null)
            {
                int ledWait = _selfTests != null && _selfTests.ShowingVerdict(now) ? _led.ShowVerdict(_selfTests.LastVerdict, now) : _led.Show(State, now);
                wait = ledWait < wait ? ledWait : wait;
            }

            return wait < 1 ? 1 : (int)wait;
        }

        private void StepSelfTests(long now)
        {
            try
            {
                _selfTests.Step(now);
            }
            catch (Exception e)
            {
                TickFailures++;
                Write(LogLevel.Error, "self-test failed (" + TickFailures.ToString() + " failures so far): " + e.Message);
            }
        }

        private void Tick()
        {
            try
            {
                _node.Tick();
            }
            catch (Exception e)
            {
                TickFailures++;
                Write(LogLevel.Error, "tick failed (" + TickFailures.ToString() + " so far): " + e.Message);
            }
        }

        private EdgeNode Assemble(NodeSetup setup)
        {
            NodeConfig config = setup.Node;
            if (config.Board == null)
            {
                config.Board = setup.Board;
            }

            MeterPorts ports = OpenPorts(setup);
            if (_platform.Store != null && MeterPortPlan.AnyS0(setup))
            {
                // S0 meters keep their pulse count in the store through reboots.
                ports.AddStore(_platform.Store);
            }
            MeterDriver[] drivers = new MeterDriver[setup.Meters.Length];
            for (int i = 0; i < drivers.Length; i++)
            {
                // The meter's number is never published from a node set up on its own (the TIC's ADSC is personal
                // data): MeterIdPolicy's default.
                drivers[i] = MeterFactory.Build(setup.Meters[i], ports, new MeterIdentity(MeterIdPolicy.Omit, null));
            }

            IMqttLink link = _platform.OpenBrokerLink(setup);
            if (link == null)
            {
                throw new InvalidOperationException("broker " + setup.Broker.Host + ": the platform opened no link");
            }

            EdgeNode node = new EdgeNode(config, _platform.Clock, link, _platform.Store, _platform.Log);
            for (int i = 0; i < drivers.Length; i++)
            {
                node.AddMeter(drivers[i]);
            }

            node.SystemInfo = _platform.SystemInfo;
            node.Control = _platform.Control;
            if (setup.Pins.Relays.Length > 0)
            {
                // relay/set drives one relay, the first of the board's; the others stay off, as opened.
                node.Relay = OpenOutput("relay", setup.Pins.Relays[0]);
            }

            AddCounters(node, link);
            AddCounters(node, _platform.Store);
            return node;
        }

        private static void AddCounters(EdgeNode node, object adapter)
        {
            ICounterSource counters = adapter as ICounterSource;
            if (counters != null)
            {
                node.AddCounters(counters);
            }
        }

        /// <summary>The ports the meters name, each opened once, in the order first named.</summary>
        private MeterPorts OpenPorts(NodeSetup setup)
        {
            MeterPorts ports = new MeterPorts();
            PinMap pins = setup.Pins;
            for (int i = 0; i < setup.Meters.Length; i++)
            {
                string port = setup.Meters[i].Port;
                if (MeterPortPlan.NamedBefore(setup, i))
                {
                    continue;
                }

                if (port == PortNames.Tic || port == PortNames.P1)
                {
                    int rx = port == PortNames.Tic ? pins.TicRx : pins.P1Rx;
                    string what = "port '" + port + "' (COM" + MeterComPort.ToString() + " receiving on GPIO" + rx.ToString() + ")";
                    ISerialLink line = null;
                    try
                    {
                        line = _platform.OpenSerialLine(MeterComPort, rx, PinMap.None, PinMap.None);
                    }
                    catch (Exception e)
                    {
                        throw new InvalidOperationException(what + " could not be opened: " + e.Message);
                    }

                    ports.AddSerialLink(port, (ISerialLink)Opened(line, what));
                    if (port == PortNames.P1 && pins.P1Request != PinMap.None)
                    {
                        // DSMR P1 companion standard 5.0.2 section 5.3: the meter sends while Data Request is raised.
                        // The P1 driver raises it once its line is open; without the pin, P1 pin 2 is tied to +5 V.
                        ports.AddDigitalOutput(PortNames.P1Request, OpenOutput("P1 data request", pins.P1Request));
                    }
                }
                else if (port == PortNames.Rs485)
                {
                    ports.AddRs485Line(port, OpenRs485(setup.Meters[i], pins));
                }
                else if (port == PortNames.I2c)
                {
                    ports.AddI2cBus(port, OpenI2c(setup, pins));
                }
                else
                {
                    int pin = pins.S0[MeterPortPlan.S0Channel(port)];
                    string what = "port '" + port + "' (pulse input on GPIO" + pin.ToString() + ")";
                    IPulseInput input = null;
                    try
                    {
                        input = _platform.OpenPulseInput(pin, QualifierOf(setup.Meters[i]));
                    }
                    catch (Exception e)
                    {
                        throw new InvalidOperationException(what + " could not be opened: " + e.Message);
                    }

                    ports.AddPulseInput(port, (IPulseInput)Opened(input, what));
                }
            }

            return ports;
        }

        /// <summary>The pulse qualifier of an S0 meter's input: its minimum pulse width and active edge, bounce
        /// bridged up to <see cref="PulseQualifier.MaxBounceFor"/> of that width.</summary>
        private static PulseQualifier QualifierOf(MeterSpec meter)
        {
            int minPulseMs = meter.Pulses != null ? meter.Pulses.MinPulseMs : S0MinPulseMs;
            return new PulseQualifier(meter.Pulses != null && meter.Pulses.ActiveHigh, minPulseMs, PulseQualifier.MaxBounceFor(minPulseMs));
        }

        /// <summary>The RS-485 line on COM3, at the settings of <paramref name="first"/>, the first Modbus meter (the
        /// setup reader made every meter of the line agree), with a request slot for each meter of the setup.</summary>
        private Rs485Line OpenRs485(MeterSpec first, PinMap pins)
        {
            string what = "port '" + PortNames.Rs485 + "' (COM" + Rs485ComPort.ToString() + " on GPIO" + pins.Rs485Tx.ToString() + " TX, GPIO" + pins.Rs485Rx.ToString() + " RX, GPIO" + pins.Rs485De.ToString() + " DE)";
            ISerialLink link = null;
            try
            {
                link = _platform.OpenSerialLine(Rs485ComPort, pins.Rs485Rx, pins.Rs485Tx, pins.Rs485De);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(what + " could not be opened: " + e.Message);
            }

            int baud = first.Baud > 0 ? first.Baud : MeterKinds.ModbusBaudOf(first.ModbusModel);
            int stopBits = first.StopBits > 0 ? first.StopBits : 1;
            return new Rs485Line((ISerialLink)Opened(link, what), baud, first.Parity, stopBits, Rs485ResponseTimeoutMs, Rs485TurnaroundMs, NodeSetupReader.MaxMeters);
        }

        /// <summary>The I2C bus on the board's SDA and SCL pins, with a device at the address of each chip the
        /// setup names on it.</summary>
        private I2cBus OpenI2c(NodeSetup setup, PinMap pins)
        {
            I2cBus bus = new I2cBus();
            for (int i = 0; i < setup.Meters.Length; i++)
            {
                if (setup.Meters[i].Port != PortNames.I2c)
                {
                    continue;
                }

                int address = MeterPortPlan.I2cAddress(setup.Meters[i]);
                string what = "port '" + PortNames.I2c + "' (I2C" + I2cBusId.ToString() + " on GPIO" + pins.I2cSda.ToString() + " SDA, GPIO" + pins.I2cScl.ToString() + " SCL) at address " + address.ToString();
                IRegisterBus device = null;
                try
                {
                    device = _platform.OpenI2cDevice(I2cBusId, pins.I2cSda, pins.I2cScl, address);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException(what + " could not be opened: " + e.Message);
                }

                bus.Attach(address, (IRegisterBus)Opened(device, what));
            }

            bus.Check = new I2cBusCheck(bus, new I2cBusScan.DeviceAt(new I2cScanDevices(_platform, pins).Open));
            return bus;
        }

        /// <summary>Opens a device at any address of the sensors' bus for the self-test's scan.</summary>
        private sealed class I2cScanDevices
        {
            private readonly INodePlatform _platform;
            private readonly int _dataPin;
            private readonly int _clockPin;

            public I2cScanDevices(INodePlatform platform, PinMap pins)
            {
                _platform = platform;
                _dataPin = pins.I2cSda;
                _clockPin = pins.I2cScl;
            }

            public IRegisterBus Open(int address)
            {
                return _platform.OpenI2cDevice(I2cBusId, _dataPin, _clockPin, address);
            }
        }

        private IDigitalOutput OpenOutput(string function, int pin)
        {
            string what = function + " output on GPIO" + pin.ToString();
            IDigitalOutput output = null;
            try
            {
                output = _platform.OpenOutput(pin);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(what + " could not be opened: " + e.Message);
            }

            return (IDigitalOutput)Opened(output, what);
        }

        private static object Opened(object port, string what)
        {
            if (port == null)
            {
                throw new InvalidOperationException(what + ": the platform cannot open it");
            }

            return port;
        }

        private string OpenLed(int pin)
        {
            try
            {
                _led = new StatusLed(OpenOutput("status LED", pin));
                return null;
            }
            catch (Exception e)
            {
                return e.Message;
            }
        }

        private bool Fail(string why)
        {
            Failure = why;
            Write(LogLevel.Error, why);
            if (_led != null)
            {
                _led.Show(NodeState.NoConfig, _platform.Clock.MonotonicMs);
            }

            return false;
        }

        private void Write(LogLevel level, string message)
        {
            ILog log = _platform.Log;
            if (log != null && log.IsEnabled(level))
            {
                log.Write(level, Tag, message);
            }
        }
    }
}
