using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// What a Linux gateway's hardware is reached through: the GPIO controller of one chip, the serial devices, the
    /// I2C buses, and which serial device stands for each of the node's UARTs (the config's ports name UARTs of the
    /// board: COM2 the meter port, COM3 the RS-485 port). The tests give .NET IoT drivers and ports of their own.
    /// </summary>
    public sealed class GatewayHardware
    {
        private readonly Func<GpioController> _openGpio;
        private GpioController? _gpio;

        public GatewayHardware(Func<GpioController> openGpio, ISerialPorts serialPorts, Func<I2cConnectionSettings, I2cDevice> openI2c, IReadOnlyDictionary<int, string> serialDevices, string gpioName)
        {
            _openGpio = openGpio;
            SerialPorts = serialPorts;
            OpenI2c = openI2c;
            SerialDevices = serialDevices;
            GpioName = gpioName;
        }

        /// <summary>Default devices: COM2 (the meter port) on /dev/ttyUSB0, COM3 (RS-485) on /dev/ttyUSB1.</summary>
        public static IReadOnlyDictionary<int, string> DefaultSerialDevices { get; } = new Dictionary<int, string>
        {
            [2] = "/dev/ttyUSB0",
            [3] = "/dev/ttyUSB1",
        };

        /// <summary>The gateway itself: GPIO lines of /dev/gpiochip<paramref name="gpioChip"/> through libgpiod,
        /// System.IO.Ports, /dev/i2c-N.</summary>
        public static GatewayHardware Linux(int gpioChip, IReadOnlyDictionary<int, string> serialDevices) =>
            new(() => new GpioController(new LibGpiodDriver(gpioChip)), new SystemSerialPorts(), I2cDevice.Create, serialDevices, $"/dev/gpiochip{gpioChip}");

        public ISerialPorts SerialPorts { get; }

        public Func<I2cConnectionSettings, I2cDevice> OpenI2c { get; }

        /// <summary>The serial device of each UART number.</summary>
        public IReadOnlyDictionary<int, string> SerialDevices { get; }

        /// <summary>The GPIO chip, for messages: "/dev/gpiochip0".</summary>
        public string GpioName { get; }

        /// <summary>The controller, opened on first use (a node without GPIO needs no GPIO chip).</summary>
        public GpioController Gpio => _gpio ??= _openGpio();

        /// <summary>Whether the controller was opened.</summary>
        public bool GpioOpened => _gpio is not null;
    }
}
