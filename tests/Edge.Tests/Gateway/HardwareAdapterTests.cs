using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.I2c;
using Edge.Core.Platform;
using Edge.Host.Gateway;
using Xunit;

namespace Edge.Tests.Gateway
{
    /// <summary>The gateway's adapters over .NET IoT and a serial device, with the hardware simulated below them.</summary>
    public class HardwareAdapterTests
    {
        [Fact]
        public void Capture_protocols_take_the_line_settings_of_their_standard()
        {
            Assert.Equal(new SerialLineSettings(1200, 7, SerialParity.Even, 1), SerialLineSettings.ForCapture("tic"));
            Assert.Equal(new SerialLineSettings(9600, 7, SerialParity.Even, 1), SerialLineSettings.ForCapture("tic-standard"));
            Assert.Equal(new SerialLineSettings(115200, 8, SerialParity.None, 1), SerialLineSettings.ForCapture("p1"));
            Assert.Equal("1200 7E1", SerialLineSettings.TicHistorique.ToString());
            Assert.Equal("115200 8N1", SerialLineSettings.P1.ToString());
            Assert.Equal(10, SerialLineSettings.TicStandard.BitsPerCharacter);
            Assert.Throws<ArgumentOutOfRangeException>(() => SerialLineSettings.ForCapture("modbus"));
        }

        [Fact]
        public void Serial_link_applies_the_drivers_line_settings_to_the_device()
        {
            var device = new MemorySerialDevice("/dev/ttyUSB0");
            var link = new SerialPortLink(device, null);

            link.Open(9600, 8, SerialParity.Even, 1);

            Assert.Equal([new SerialLineSettings(9600, 8, SerialParity.Even, 1)], device.Applied);
            Assert.Equal("9600 8E1", link.Settings.ToString());
        }

        [Fact]
        public void Serial_link_reads_only_what_has_arrived()
        {
            var device = new MemorySerialDevice("/dev/ttyUSB0") { ChunkBytes = 3 };
            var link = new SerialPortLink(device, null);
            var buffer = new byte[8];

            Assert.Equal(0, link.Read(buffer, 0, 8));
            device.Receive([0x02, 0x0A, 0x41, 0x44]);
            Assert.Equal(3, link.Read(buffer, 1, 8));
            Assert.Equal(new byte[] { 0, 0x02, 0x0A, 0x41 }, buffer[..4]);
            Assert.Equal(1, link.Read(buffer, 0, 8));
            Assert.Equal(0x44, buffer[0]);
        }

        [Fact]
        public void Serial_link_holds_the_rs485_direction_on_for_the_bytes_time_on_the_wire()
        {
            var device = new MemorySerialDevice("/dev/ttyAMA0");
            var direction = new RecordingOutput();
            var sleeps = new List<int>();
            var link = new SerialPortLink(device, direction, sleeps.Add);
            link.Open(9600, 8, SerialParity.None, 1);
            bool onDuringWrite = false;
            device.OnWrite = _ => onDuringWrite = direction.IsOn;

            link.Write([0x01, 0x03, 0x00, 0x00, 0x00, 0x02, 0xC4, 0x0B], 0, 8);

            // 8 bytes and the last one leaving the shift register: 9 x 10 bits at 9600 Bd = 9.4 ms, rounded up.
            Assert.True(onDuringWrite);
            Assert.Equal([10], sleeps);
            Assert.Equal([true, false], direction.Levels);
            Assert.Equal(8, device.Written.Count);
        }

        [Fact]
        public void Serial_link_without_direction_pin_writes_at_once()
        {
            var device = new MemorySerialDevice("/dev/ttyUSB1");
            var sleeps = new List<int>();
            var link = new SerialPortLink(device, null, sleeps.Add);

            link.Write([0x11, 0x22, 0x33], 1, 2);

            Assert.Equal(new byte[] { 0x22, 0x33 }, device.Written);
            Assert.Empty(sleeps);
        }

        [Fact]
        public void Pulse_link_feeds_both_edges_to_the_qualifier_which_counts_pulses_of_the_minimum_width()
        {
            var driver = new SimulatedGpioDriver();
            using var gpio = new GpioController(driver);
            var clock = new ManualClock(new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc), true);
            var input = new GpioPulseLink(gpio, 17, new PulseQualifier(false, 30, 10), clock);

            clock.Advance(100);
            driver.Drive(17, PinValue.Low);
            clock.Advance(40);
            driver.Drive(17, PinValue.High);
            clock.Advance(110);
            driver.Drive(17, PinValue.Low);
            clock.Advance(40);
            driver.Drive(17, PinValue.High);

            Assert.Equal(PinMode.InputPullUp, driver.Modes[17]);
            Assert.Equal(2, input.Qualifier.Count);
            Assert.Equal(250, input.Qualifier.LastEdgeMs);
        }

        [Fact]
        public void Pulse_link_refuses_a_glitch_and_bridges_a_bounce_through_the_qualifier()
        {
            var driver = new SimulatedGpioDriver();
            using var gpio = new GpioController(driver);
            var clock = new ManualClock(new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc), true);
            var input = new GpioPulseLink(gpio, 27, new PulseQualifier(false, 30, 10), clock);

            // A 5 ms glitch, then a pulse whose contact bounces open for 2 ms after 20 ms.
            clock.Advance(1000);
            driver.Pulse(27);
            clock.Advance(100);
            driver.Drive(27, PinValue.Low);
            clock.Advance(20);
            driver.Drive(27, PinValue.High);
            clock.Advance(2);
            driver.Drive(27, PinValue.Low);
            clock.Advance(30);
            driver.Drive(27, PinValue.High);

            Assert.Equal(1, input.Qualifier.Count);
            Assert.Equal(1, input.Qualifier.Glitches);
            Assert.Equal(1, input.Qualifier.Bounces);
            Assert.Equal(1100, input.Qualifier.LastEdgeMs);
        }

        [Fact]
        public void Pulse_link_pulls_the_line_down_for_rising_pulses()
        {
            var driver = new SimulatedGpioDriver();
            using var gpio = new GpioController(driver);
            var clock = new ManualClock(new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc), true);

            _ = new GpioPulseLink(gpio, 22, new PulseQualifier(true, 30, 10), clock);

            Assert.Equal(PinMode.InputPullDown, driver.Modes[22]);
        }

        [Fact]
        public void Output_opens_low_and_drives_the_line()
        {
            var driver = new SimulatedGpioDriver();
            using var gpio = new GpioController(driver);
            var relay = new GpioOutput(gpio, 23);

            relay.Set(true);
            relay.Set(false);

            Assert.Equal(PinMode.Output, driver.Modes[23]);
            Assert.Equal([(23, PinValue.Low), (23, PinValue.High), (23, PinValue.Low)], driver.Writes);
            Assert.False(relay.IsOn);
        }

        [Fact]
        public void Input_is_active_while_the_button_pulls_the_line_low()
        {
            var driver = new SimulatedGpioDriver();
            using var gpio = new GpioController(driver);
            var button = new GpioInput(gpio, 0);

            Assert.False(button.IsActive);
            driver.Drive(0, PinValue.Low);
            Assert.True(button.IsActive);
            Assert.Equal(PinMode.InputPullUp, driver.Modes[0]);
        }

        [Fact]
        public void I2c_adapter_reads_registers_through_the_iot_device()
        {
            var chip = new RegisterMapI2cDevice(new I2cConnectionSettings(1, 0x44));
            chip.Registers[0xE0] = 0x66;
            chip.Registers[0xE1] = 0x4B;
            var bus = new I2cRegisterBusAdapter(chip);
            var read = new byte[2];

            Assert.True(bus.WriteRead([0xE0], read));
            Assert.True(bus.Write([0x30, 0xA2]));
            Assert.True(bus.Read(new byte[1]));

            Assert.Equal(new byte[] { 0x66, 0x4B }, read);
            Assert.Equal(0xA2, chip.Registers[0x30]);
            Assert.Equal(["write 0xe0", "read 2", "write 0x30 0xa2", "read 1"], chip.Transfers);
        }

        [Fact]
        public void I2c_adapter_turns_a_missing_acknowledge_into_a_failed_transfer()
        {
            var chip = new RegisterMapI2cDevice(new I2cConnectionSettings(1, 0x76)) { Acknowledges = false };
            var bus = new I2cRegisterBusAdapter(chip);

            Assert.False(bus.Write([0xD0]));
            Assert.False(bus.Read(new byte[1]));
            Assert.False(bus.WriteRead([0xD0], new byte[1]));
            Assert.Empty(chip.Transfers);
        }

        /// <summary>An RS-485 direction output recording each level it was set to.</summary>
        private sealed class RecordingOutput : IDigitalOutput
        {
            public List<bool> Levels { get; } = new();

            public bool IsOn { get; private set; }

            public void Set(bool on)
            {
                Levels.Add(on);
                IsOn = on;
            }
        }
    }
}
