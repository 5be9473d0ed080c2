using System.Device.Gpio;
using System.Threading;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.DeviceTests.Support;
using Edge.Firmware.Platform;

namespace Edge.Firmware.Hil
{
    /// <summary>
    /// The loopback harness on a board, for the device tests' Hil/ classes: built on the firmware's own adapters
    /// (UartSerialLink, GpioDigitalOutput, GpioPulseInput, I2cRegisterBus, LittleFsFiles, M2MqttLink), with the pins
    /// and the broker of the node setup deployed on the board and the harness-only pins of hardware/test-harness.md.
    /// Not part of the firmware: this file is linked into the device tests (Edge.DeviceTests.nfproj,
    /// tests/Edge.DeviceTests.Check) and left out of the firmware build, since it needs the device tests'
    /// <see cref="LoopbackHarness"/>. A harness is present only when its strap pin is jumpered to GND.
    /// </summary>
    public sealed class BoardHarness : LoopbackHarness
    {
        /// <summary>Where the node's files live, as the firmware's Program.StorageDirectory.</summary>
        private const string StorageDirectory = "I:\\edge\\";

        /// <summary>The meter UART (COM2, the board profiles' meter port).</summary>
        private const int MeterComPort = 2;

        /// <summary>The sensors fitted on the harness (hardware/test-harness.md): INA219 with A0 = A1 = GND (INA219
        /// datasheet table 1: 0x40), SHT3x with ADDR low (SHT3x datasheet table 7: 0x44), BME280 with SDO low (BME280
        /// datasheet §6.2: 0x76).</summary>
        private static readonly int[] Sensors = new int[] { 0x40, 0x44, 0x76 };

        /// <summary>The shortest pulse the node's S0 inputs count (IEC 62053-31: 30 ms).</summary>
        private const int MinPulse = Edge.Drivers.Startup.NodeStartup.S0MinPulseMs;

        private readonly string _name;
        private readonly DeviceClock _clock;
        private readonly ISerialLink _uart;
        private readonly IDigitalOutput _output;
        private readonly IPulseInput _input;
        private readonly int _i2cBus;
        private readonly IMqttLink _broker;
        private readonly MqttConnectOptions _brokerOptions;
        private IStore _store;

        private BoardHarness(NodeSetup setup, int[] harnessPins, GpioController gpio, IStore store)
        {
            _name = setup.Board;
            _clock = new DeviceClock();
            _store = store;
            PinMap pins = setup.Pins;
            _uart = new UartSerialLink(MeterComPort, pins.TicRx, harnessPins[0], -1);

            // Active low: "on" pulls the pulse input low as an S0 open collector does, and the input counts falling edges.
            _output = new GpioDigitalOutput(gpio, harnessPins[1], true);
            _input = new GpioPulseInput(gpio, pins.S0[0], true, new PulseQualifier(false, MinPulse, PulseQualifier.MaxBounceFor(MinPulse)), _clock).Qualifier;
            nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(pins.I2cSda, nanoFramework.Hardware.Esp32.DeviceFunction.I2C1_DATA);
            nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(pins.I2cScl, nanoFramework.Hardware.Esp32.DeviceFunction.I2C1_CLOCK);
            _i2cBus = 1;
            BrokerSettings broker = setup.Broker;
            _broker = new M2MqttLink(broker.Host, broker.Port, broker.Tls, store, broker.CaFile, broker.ClientCertificateFile,
                broker.ClientKeyFile, setup.Node.InFlightWindow, _clock, new DebugLog(LogLevel.Info));
            _brokerOptions = new MqttConnectOptions();
            _brokerOptions.ClientId = "edge-hil-" + setup.Board;
            _brokerOptions.UseTls = broker.Tls;
            _brokerOptions.CleanSession = true;
        }

        /// <summary>
        /// The harness of this board, or null when there is none: no node setup in the store, a board with no harness
        /// wiring in hardware/test-harness.md, or the strap pin not jumpered to GND (read with its pull-up).
        /// </summary>
        public static LoopbackHarness Detect()
        {
            DebugLog log = new DebugLog(LogLevel.Info);
            try
            {
                return Probe(log);
            }
            catch (System.Exception e)
            {
                // nanoCLR and boards without GPIO, LittleFS or COM2 throw here: no harness there, and the console says why.
                log.Write(LogLevel.Info, "hil", "no harness: " + e.Message);
                return null;
            }
        }

        private static LoopbackHarness Probe(DebugLog log)
        {
            IStore store = new ReplacingStore(new LittleFsFiles(), StorageDirectory);
            NodeSetup setup = new ConfigSource(store, log).Load();
            if (setup == null)
            {
                log.Write(LogLevel.Info, "hil", "no harness: no node setup in the store");
                return null;
            }

            int[] harnessPins = HarnessPins(setup.Board);
            if (harnessPins == null)
            {
                log.Write(LogLevel.Info, "hil", "no harness: board " + setup.Board + " has no harness wiring");
                return null;
            }

            GpioController gpio = new GpioController();
            GpioPin strap = gpio.OpenPin(harnessPins[2], PinMode.InputPullUp);
            bool strapped = (int)strap.Read() == 0;
            strap.Dispose();
            log.Write(LogLevel.Info, "hil", strapped ? "harness on " + setup.Board : "no harness: strap GPIO" + harnessPins[2].ToString() + " not tied to GND");
            return strapped ? new BoardHarness(setup, harnessPins, gpio, store) : null;
        }

        /// <summary>The harness-only pins of a board profile (hardware/test-harness.md): meter UART TX (jumpered to the
        /// meter RX), pulse output (wired to the first S0 input), strap; null for a board without harness wiring.</summary>
        private static int[] HarnessPins(string board)
        {
            switch (board)
            {
                case "esp32-devkitc":
                    return new int[] { 17, 16, 19 };
                case "m5stack-atom-lite":
                    return new int[] { 19, 23, 22 };
                case "olimex-esp32-poe-iso":
                    return new int[] { 4, 33, 2 };
                case "wt32-eth01":
                    return new int[] { 17, 33, 12 };
                default:
                    return null;
            }
        }

        /// <summary>The board profile's name.</summary>
        public override string Name
        {
            get { return _name; }
        }

        /// <summary>The device's monotonic clock.</summary>
        public override long MonotonicMs
        {
            get { return _clock.MonotonicMs; }
        }

        /// <summary>Sleeps the test thread; the UART, the pin events and the broker run on their own.</summary>
        public override void Pause(int ms)
        {
            Thread.Sleep(ms);
        }

        /// <summary>COM2 on the meter RX pin with TX routed to the harness's TX pin.</summary>
        public override ISerialLink MeterUart
        {
            get { return _uart; }
        }

        /// <summary>The harness's pulse output, active low.</summary>
        public override IDigitalOutput PulseOutput
        {
            get { return _output; }
        }

        /// <summary>The first S0 input of the profile.</summary>
        public override IPulseInput PulseInput
        {
            get { return _input; }
        }

        /// <summary>The node's shortest S0 pulse.</summary>
        public override int MinPulseMs
        {
            get { return MinPulse; }
        }

        /// <summary>The chip at <paramref name="address"/> on I2C1 at 100 kHz.</summary>
        public override IRegisterBus OpenI2c(int address)
        {
            return new I2cRegisterBus(_i2cBus, address, false);
        }

        /// <summary>INA219 0x40, SHT3x 0x44, BME280 0x76.</summary>
        public override int[] I2cAddresses
        {
            get { return Sensors; }
        }

        /// <summary>The node's store on I:\edge\.</summary>
        public override IStore Store
        {
            get { return _store; }
        }

        /// <summary>A new store over LittleFS, as the firmware opens it at boot: nothing kept from the one before.</summary>
        public override IStore RebootStore()
        {
            _store = new ReplacingStore(new LittleFsFiles(), StorageDirectory);
            return _store;
        }

        /// <summary>M2MqttLink to the setup's broker (mqtts with its CA file when the setup says tls).</summary>
        public override IMqttLink Broker
        {
            get { return _broker; }
        }

        /// <summary>Client id edge-hil-{board}, clean session, TLS as the setup.</summary>
        public override MqttConnectOptions BrokerOptions
        {
            get { return _brokerOptions; }
        }

        /// <summary>edge/hil/{board}/loopback.</summary>
        public override string BrokerTopic
        {
            get { return "edge/hil/" + _name + "/loopback"; }
        }
    }
}
