using System;
using System.Device.Gpio;
using Edge.Core.Commands;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers.Startup;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="INodePlatform"/> on the ESP32: each request opens the adapter of <c>Platform/</c> over the real
    /// nanoFramework API. A GPIO is given to one use only (the portable <see cref="PinClaims"/>): asked again for the
    /// same use (a start on the last good configuration after a refused one) the adapter already opened comes back,
    /// asked for another the pin is refused, naming the use it has, which the start-up reports.
    /// </summary>
    public sealed class DevicePlatform : INodePlatform
    {
        private readonly GpioController _gpio = new GpioController();
        private readonly PinClaims _pins = new PinClaims();
        private readonly UartSerialLink[] _byComPort = new UartSerialLink[4];
        private readonly DeviceClock _clock;
        private readonly IStore _store;
        private readonly ILog _log;
        private readonly DeviceSystemInfo _system;

        /// <summary>A platform on <paramref name="clock"/>, <paramref name="store"/> (the ReplacingStore on I:\edge\),
        /// <paramref name="log"/> and <paramref name="system"/>.</summary>
        public DevicePlatform(DeviceClock clock, IStore store, ILog log, DeviceSystemInfo system)
        {
            _clock = clock;
            _store = store;
            _log = log;
            _system = system;
        }

        /// <summary>The node's store.</summary>
        public IStore Store
        {
            get { return _store; }
        }

        /// <summary>The device clock.</summary>
        public IClock Clock
        {
            get { return _clock; }
        }

        /// <summary>The serial console.</summary>
        public ILog Log
        {
            get { return _log; }
        }

        /// <summary>Free memory (GC.Run).</summary>
        public ISystemInfo SystemInfo
        {
            get { return _system; }
        }

        /// <summary>The reboot (Power.RebootDevice).</summary>
        public INodeControl Control
        {
            get { return _system; }
        }

        /// <summary>Set by the start-up once the network helper reported the network ready.</summary>
        public bool NetworkUp { get; set; }

        /// <summary>UART <paramref name="comPort"/> with its pins routed (UartSerialLink), once per port.</summary>
        public ISerialLink OpenSerialLine(int comPort, int rxPin, int txPin, int directionPin)
        {
            if (comPort < 2 || comPort >= _byComPort.Length)
            {
                throw new ArgumentOutOfRangeException("comPort", "COM2 or COM3: COM1 is the debug port");
            }

            if (_byComPort[comPort] != null)
            {
                return _byComPort[comPort];
            }

            _pins.Claim(rxPin, "UART RX");
            _pins.Claim(txPin, "UART TX");
            _pins.Claim(directionPin, "RS-485 direction");
            UartSerialLink line = new UartSerialLink(comPort, rxPin, txPin, directionPin);
            _byComPort[comPort] = line;
            return line;
        }

        /// <summary>The chip at <paramref name="address"/> on I2C1 (I2cRegisterBus, 100 kHz), the bus's pins claimed
        /// and routed with Configuration.SetPinFunction on the first call.</summary>
        public IRegisterBus OpenI2cDevice(int busId, int dataPin, int clockPin, int address)
        {
            if (busId != 1)
            {
                throw new ArgumentOutOfRangeException("busId", "the sensors' bus is I2C1");
            }

            bool routed = _pins.UseOf(dataPin) == "I2C SDA" && _pins.UseOf(clockPin) == "I2C SCL";
            _pins.Claim(dataPin, "I2C SDA");
            _pins.Claim(clockPin, "I2C SCL");
            if (!routed)
            {
                Configuration.SetPinFunction(dataPin, DeviceFunction.I2C1_DATA);
                Configuration.SetPinFunction(clockPin, DeviceFunction.I2C1_CLOCK);
            }

            return new I2cRegisterBus(busId, address, false);
        }

        /// <summary>A pulse input on <paramref name="pin"/> (GpioPulseInput) feeding <paramref name="qualifier"/>, pulled
        /// towards the idle level where the pin can be; the qualifier is what the driver reads.</summary>
        public IPulseInput OpenPulseInput(int pin, PulseQualifier qualifier)
        {
            GpioPulseInput input = (GpioPulseInput)_pins.Claim(pin, "pulse input");
            if (input == null)
            {
                input = new GpioPulseInput(_gpio, pin, pin < PinClaims.FirstInputOnlyGpio, qualifier, _clock);
                _pins.Keep(pin, input);
            }

            return input.Qualifier;
        }

        /// <summary>An active-high push-pull output on <paramref name="pin"/> (GpioDigitalOutput), off.</summary>
        public IDigitalOutput OpenOutput(int pin)
        {
            if (pin >= PinClaims.FirstInputOnlyGpio)
            {
                throw new ArgumentException("GPIO" + pin.ToString() + " is input-only on the ESP32", "pin");
            }

            GpioDigitalOutput output = (GpioDigitalOutput)_pins.Claim(pin, "output");
            if (output == null)
            {
                output = new GpioDigitalOutput(_gpio, pin, false);
                _pins.Keep(pin, output);
            }

            return output;
        }

        /// <summary>The board's button on <paramref name="pin"/> (GpioButton), pulled up, active low.</summary>
        public IDigitalInput OpenInput(int pin)
        {
            GpioButton button = (GpioButton)_pins.Claim(pin, "button");
            if (button == null)
            {
                button = new GpioButton(_gpio, pin, pin < PinClaims.FirstInputOnlyGpio);
                _pins.Keep(pin, button);
            }

            return button;
        }

        /// <summary>The M2Mqtt link to the setup's broker, its TLS files read from the store.</summary>
        public IMqttLink OpenBrokerLink(NodeSetup setup)
        {
            BrokerSettings broker = setup.Broker;
            return new M2MqttLink(broker.Host, broker.Port, broker.Tls, _store, broker.CaFile, broker.ClientCertificateFile,
                broker.ClientKeyFile, setup.Node.InFlightWindow, _clock, _log);
        }
    }
}
