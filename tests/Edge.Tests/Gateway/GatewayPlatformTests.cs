using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.I2c;
using System.IO;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Host.Gateway;
using Edge.Host.Platform;
using Xunit;

namespace Edge.Tests.Gateway
{
    /// <summary>What the gateway platform opens for the start-up, and how it refuses what it cannot open.</summary>
    public class GatewayPlatformTests
    {
        [Fact]
        public void Serial_line_of_a_uart_opens_its_mapped_device_once()
        {
            using var rig = new GatewayRig();
            MemorySerialDevice device = rig.Serial.Add("/dev/ttyUSB0");
            using GatewayPlatform platform = Platform(rig);

            ISerialLink line = platform.OpenSerialLine(2, 35, PinMap.None, PinMap.None);
            line.Open(1200, 7, SerialParity.Even, 1);

            Assert.Same(line, platform.OpenSerialLine(2, 35, PinMap.None, PinMap.None));
            Assert.Equal([SerialLineSettings.P1, SerialLineSettings.TicHistorique], device.Applied);
            Assert.Null(platform.Refusal);
        }

        [Fact]
        public void Rs485_line_drives_its_direction_pin_as_a_gpio_output()
        {
            using var rig = new GatewayRig();
            MemorySerialDevice device = rig.Serial.Add("/dev/ttyUSB1");
            using GatewayPlatform platform = Platform(rig);

            ISerialLink line = platform.OpenSerialLine(3, 26, 25, 27);
            line.Open(9600, 8, SerialParity.None, 1);
            line.Write([0x01, 0x03], 0, 2);

            Assert.Equal(PinMode.Output, rig.Gpio.Modes[27]);
            Assert.Equal([(27, PinValue.Low), (27, PinValue.High), (27, PinValue.Low)], rig.Gpio.Writes);
            Assert.Equal(new byte[] { 0x01, 0x03 }, device.Written);
        }

        [Fact]
        public void Serial_device_without_permission_is_refused_naming_the_dialout_group()
        {
            using var rig = new GatewayRig();
            rig.Serial.Refused["/dev/ttyUSB0"] = new UnauthorizedAccessException("Access to the port '/dev/ttyUSB0' is denied.");
            using GatewayPlatform platform = Platform(rig);

            var refused = Assert.Throws<GatewayDeviceException>(() => platform.OpenSerialLine(2, 35, PinMap.None, PinMap.None));

            Assert.Equal("cannot open /dev/ttyUSB0 (COM2): permission denied; add the user to the dialout group (sudo usermod -aG dialout $USER, then log in again)", refused.Message);
            Assert.Equal(refused.Message, platform.Refusal);
        }

        [Fact]
        public void Missing_serial_device_is_refused_as_unplugged()
        {
            using var rig = new GatewayRig();
            using GatewayPlatform platform = Platform(rig);

            var refused = Assert.Throws<GatewayDeviceException>(() => platform.OpenSerialLine(2, 34, PinMap.None, PinMap.None));

            Assert.Equal("cannot open /dev/ttyUSB0 (COM2): no such device; is the adapter plugged in (ls /dev/ttyUSB* /dev/serial/by-id)?", refused.Message);
        }

        [Fact]
        public void Uart_without_a_device_is_refused_with_the_option_that_maps_it()
        {
            using var rig = new GatewayRig();
            using GatewayPlatform platform = Platform(rig, new Dictionary<int, string>());

            var refused = Assert.Throws<GatewayDeviceException>(() => platform.OpenSerialLine(3, 26, 25, PinMap.None));

            Assert.Equal("COM3 has no serial device: give one with --serial COM3=/dev/ttyUSB0", refused.Message);
        }

        [Fact]
        public void Gpio_line_that_will_not_open_is_refused_naming_the_chip_and_the_gpio_group()
        {
            using var rig = new GatewayRig();
            rig.Gpio.Refused[32] = new IOException("Pin 32 not available: Device or resource busy");
            using GatewayPlatform platform = Platform(rig);

            var refused = Assert.Throws<GatewayDeviceException>(() => platform.OpenPulseInput(32, new PulseQualifier(false, 30, 10)));

            Assert.Equal(
                "cannot open GPIO32 of /dev/gpiochip0 as pulse input: Pin 32 not available: Device or resource busy; is the user in the gpio group, " +
                "is the line in use by another program (gpioinfo), does the chip have that line?",
                refused.Message);
        }

        [Fact]
        public void Gpio_line_asked_for_two_uses_is_refused()
        {
            using var rig = new GatewayRig();
            using GatewayPlatform platform = Platform(rig);

            IPulseInput input = platform.OpenPulseInput(33, new PulseQualifier(false, 30, 10));
            var refused = Assert.Throws<GatewayDeviceException>(() => platform.OpenOutput(33));

            Assert.Same(input, platform.OpenPulseInput(33, new PulseQualifier(false, 30, 10)));
            Assert.Equal("GPIO33 is already the node's pulse input, asked again as output", refused.Message);
        }

        [Fact]
        public void I2c_chip_opens_on_its_bus_and_address()
        {
            using var rig = new GatewayRig();
            var chip = new RegisterMapI2cDevice(new I2cConnectionSettings(1, 0x40));
            chip.Registers[0] = 0x12;
            rig.Chips[0x40] = chip;
            using GatewayPlatform platform = Platform(rig);

            IRegisterBus bus = platform.OpenI2cDevice(1, 21, 22, 0x40);
            var read = new byte[1];

            Assert.True(bus.WriteRead([0x00], read));
            Assert.Equal(0x12, read[0]);
        }

        [Fact]
        public void I2c_bus_that_will_not_open_is_refused_naming_the_bus()
        {
            using var rig = new GatewayRig();
            using GatewayPlatform platform = Platform(rig);

            var refused = Assert.Throws<GatewayDeviceException>(() => platform.OpenI2cDevice(1, 21, 22, 0x44));

            Assert.Equal(
                "cannot open I2C bus /dev/i2c-1 (address 0x44): Error 2 initializing the I2C bus 1; is the bus enabled (raspi-config, dtparam=i2c_arm=on) and the user in the i2c group?",
                refused.Message);
        }

        [Fact]
        public void Tls_broker_of_the_setup_is_opened_with_the_ca_beside_the_config_and_refused_without_it()
        {
            using var rig = new GatewayRig();
            using var pki = new Edge.Tests.Integration.Tls.TestPki();
            var setup = new NodeSetup();
            setup.Broker.Host = "broker.example";
            setup.Broker.Port = 8883;
            setup.Broker.Tls = true;
            setup.Broker.CaFile = @"I:\edge\ca.pem";
            using GatewayPlatform without = Platform(rig);

            var refused = Assert.Throws<GatewayDeviceException>(() => without.OpenBrokerLink(setup));
            pki.CreateCa("ca").Dispose();
            File.Copy(pki.PathOf("ca.pem"), Path.Combine(rig.Directory, "ca.pem"));
            using GatewayPlatform with = Platform(rig);
            IMqttLink link = with.OpenBrokerLink(setup);

            Assert.Equal($"config.json $.broker.ca: '{Path.Combine(rig.Directory, "ca.pem")}' does not exist; expected a PEM file of CA certificates", refused.Message);
            Assert.Same(with.Link, link);
            Assert.Equal(LinkState.Disconnected, link.State);
        }

        private static GatewayPlatform Platform(GatewayRig rig, IReadOnlyDictionary<int, string>? devices = null) =>
            new(rig.Hardware(devices), new FileStore(rig.Directory), new ManualClock(new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc), true), new ConsoleLog(LogLevel.Error, TextWriter.Null), null, rig.Directory);
    }
}
