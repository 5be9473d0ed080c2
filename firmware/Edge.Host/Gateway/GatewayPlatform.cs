using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.IO;
using Edge.Core.Commands;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers.Startup;
using Edge.Host.Cli;
using Edge.Host.Platform;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// <see cref="INodePlatform"/> on a Linux gateway (Raspberry Pi class): the node's UARTs are serial devices
    /// (<see cref="GatewayHardware.SerialDevices"/>), its GPIO numbers lines of one GPIO chip, its I2C bus
    /// /dev/i2c-N, its store a directory, its broker link MQTTnet (with the setup's TLS and credentials, or the
    /// command line's). What cannot be opened throws a
    /// <see cref="GatewayDeviceException"/> naming the device and the likely cause, kept as <see cref="Refusal"/>.
    /// </summary>
    public sealed class GatewayPlatform : INodePlatform, IDisposable
    {
        private readonly GatewayHardware _hardware;
        private readonly BrokerConnectionChoice _broker;
        private readonly string _setupDirectory;
        private readonly Dictionary<int, SerialPortLink> _lines = new();
        private readonly Dictionary<int, object> _pins = new();
        private readonly List<IDisposable> _opened = new();
        private MqttNetLink? _link;

        /// <summary>A platform on <paramref name="hardware"/>; what <paramref name="broker"/> gives replaces the
        /// setup's broker settings one by one (<see cref="GatewayBroker"/>), whose files are looked for in
        /// <paramref name="setupDirectory"/> (the config's; the current directory by default).</summary>
        public GatewayPlatform(GatewayHardware hardware, IStore store, IClock clock, ILog log, BrokerConnectionChoice? broker, string? setupDirectory = null)
        {
            _hardware = hardware;
            _broker = broker ?? new BrokerConnectionChoice();
            _setupDirectory = setupDirectory ?? Directory.GetCurrentDirectory();
            Store = store;
            Clock = clock;
            Log = log;
        }

        public IStore Store { get; }

        public IClock Clock { get; }

        public ILog Log { get; }

        public ISystemInfo? SystemInfo => null;

        public INodeControl? Control => null;

        /// <summary>The gateway's network is the host's, up before the node starts.</summary>
        public bool NetworkUp => true;

        /// <summary>The first device that could not be opened, or null.</summary>
        public string? Refusal { get; private set; }

        /// <summary>The broker link opened, or null.</summary>
        public MqttNetLink? Link => _link;

        public ISerialLink OpenSerialLine(int comPort, int rxPin, int txPin, int directionPin)
        {
            if (_lines.TryGetValue(comPort, out SerialPortLink? opened))
            {
                return opened;
            }

            if (!_hardware.SerialDevices.TryGetValue(comPort, out string? path))
            {
                throw Refuse($"COM{comPort} has no serial device: give one with --serial COM{comPort}=/dev/ttyUSB0");
            }

            IDigitalOutput? direction = directionPin == PinMap.None ? null : OpenOutput(directionPin);
            ISerialDevice device;
            try
            {
                device = _hardware.SerialPorts.Open(path, SerialLineSettings.P1);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException or ArgumentException or InvalidOperationException)
            {
                throw Refuse(SerialRefusal(path, $"COM{comPort}", e), e);
            }

            var line = new SerialPortLink(device, direction);
            _lines[comPort] = line;
            _opened.Add(line);
            return line;
        }

        public IPulseInput OpenPulseInput(int pin, PulseQualifier qualifier) =>
            Claim(pin, "pulse input", () => new GpioPulseLink(_hardware.Gpio, pin, qualifier, Clock)).Qualifier;

        public IDigitalOutput OpenOutput(int pin) => Claim(pin, "output", () => new GpioOutput(_hardware.Gpio, pin));

        public IDigitalInput OpenInput(int pin) => Claim(pin, "input", () => new GpioInput(_hardware.Gpio, pin));

        /// <summary>The chip at <paramref name="address"/> on /dev/i2c-<paramref name="busId"/>; the data and clock
        /// pins are the bus's own on a gateway (GPIO2 and GPIO3 on a Raspberry Pi's I2C1), set by the kernel.</summary>
        public IRegisterBus OpenI2cDevice(int busId, int dataPin, int clockPin, int address)
        {
            try
            {
                var bus = new I2cRegisterBusAdapter(_hardware.OpenI2c(new I2cConnectionSettings(busId, address)));
                _opened.Add(bus);
                return bus;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException or ArgumentException or PlatformNotSupportedException)
            {
                throw Refuse(I2cRefusal(busId, $" (address 0x{address:x2})", e), e);
            }
        }

        public IMqttLink OpenBrokerLink(NodeSetup setup)
        {
            if (!GatewayBroker.TryResolve(setup, _broker, _setupDirectory, out BrokerConnection? connection, out string problem))
            {
                throw Refuse(problem);
            }

            _link = new MqttNetLink(connection!, log: Log);
            return _link;
        }

        /// <summary>Why a serial device would not open, and what to check.</summary>
        public static string SerialRefusal(string path, string use, Exception e) => e switch
        {
            UnauthorizedAccessException => $"cannot open {path} ({use}): permission denied; add the user to the dialout group (sudo usermod -aG dialout $USER, then log in again)",
            FileNotFoundException or DirectoryNotFoundException => $"cannot open {path} ({use}): no such device; is the adapter plugged in (ls /dev/ttyUSB* /dev/serial/by-id)?",
            _ => $"cannot open {path} ({use}): {OneLine(e)}; is it the right device, and not in use by another program?",
        };

        public void Dispose()
        {
            _link?.Dispose();
            foreach (IDisposable device in _opened)
            {
                device.Dispose();
            }

            if (_hardware.GpioOpened)
            {
                _hardware.Gpio.Dispose();
            }
        }

        private T Claim<T>(int pin, string use, Func<T> open)
            where T : class
        {
            if (_pins.TryGetValue(pin, out object? held))
            {
                return held as T ?? throw Refuse($"GPIO{pin} is already the node's {UseOf(held)}, asked again as {use}");
            }

            try
            {
                T opened = open();
                _pins[pin] = opened;
                return opened;
            }
            catch (Exception e) when (e is not GatewayDeviceException)
            {
                throw Refuse(
                    $"cannot open GPIO{pin} of {_hardware.GpioName} as {use}: {OneLine(e)}; is the user in the gpio group, is the line in use by " +
                    "another program (gpioinfo), does the chip have that line?", e);
            }
        }

        private static string UseOf(object held) => held switch
        {
            GpioPulseLink => "pulse input",
            GpioOutput => "output",
            _ => "input",
        };

        private GatewayDeviceException Refuse(string message, Exception? inner = null)
        {
            Refusal ??= message;
            return new GatewayDeviceException(message, inner);
        }

        /// <summary>Why I2C bus <paramref name="busId"/> could not be opened, and what usually fixes it.</summary>
        internal static string I2cRefusal(int busId, string where, Exception e) =>
            $"cannot open I2C bus /dev/i2c-{busId}{where}: {OneLine(e)}; is the bus enabled (raspi-config, dtparam=i2c_arm=on) and the user in the i2c group?";

        private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ');
    }
}
