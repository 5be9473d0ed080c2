using System;
using Edge.Core.Meters;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.S0;
using Edge.Drivers.Tic;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers
{
    public class MeterFactoryTests
    {
        private static readonly MeterIdentity Omit = new(MeterIdPolicy.Omit, null!);

        [Fact]
        public void Builds_an_s0_meter_on_its_pulse_input()
        {
            var input = new FakePulseInput();
            var spec = new MeterSpec { Kind = "s0", Id = "main", Port = "gpio4", PulsesPerKwh = 800, InitialEnergyWh = 1200, MaxPowerW = 9000 };

            var meter = Assert.IsType<S0PulseMeter>(MeterFactory.Build(spec, Ports(input), Omit));

            Assert.Equal("main", meter.MeterId);
            Assert.Equal(1200, meter.EnergyWh);
            Assert.Equal("S0 pulse output, 800 imp/kWh, register from 1200 Wh, at most 9000 W", meter.Describe());
        }

        [Theory]
        [InlineData(null, TicMode.Auto, "auto")]
        [InlineData("historique", TicMode.Historique, "historique")]
        [InlineData("standard", TicMode.Standard, "standard")]
        public void Builds_a_tic_meter_on_its_serial_line_in_the_configured_mode(string? mode, TicMode expected, string name)
        {
            var spec = new MeterSpec { Kind = "tic", Id = "linky", Port = "uart1", TicMode = mode };

            var meter = Assert.IsType<TicMeter>(MeterFactory.Build(spec, Ports(new Line()), Omit));

            Assert.Equal(("linky", expected), (meter.MeterId, meter.Decoder.ConfiguredMode));
            Assert.StartsWith("TIC on a serial line, mode " + name + ", ", meter.Describe());
        }

        [Theory]
        [InlineData("dsmr", "gpio4", 1000, null, "kind", "meter 'main': kind 'dsmr' is not one of s0, tic")]
        [InlineData("s0", "gpio4", 0, null, "pulsesPerKwh", "meter 'main': pulsesPerKwh 0 is outside 1..100000")]
        [InlineData("s0", "uart1", 1000, null, "port", "meter 'main': port 'uart1' is not a pulse input")]
        [InlineData("s0", "gpio9", 1000, null, "port", "meter 'main': port 'gpio9' is not a pulse input")]
        [InlineData("tic", "gpio4", 0, null, "port", "meter 'main': port 'gpio4' is not a serial line")]
        [InlineData("tic", "uart1", 0, "fast", "ticMode", "meter 'main': ticMode 'fast' is not one of auto, historique, standard")]
        public void Refuses_a_spec_naming_the_field_it_gets_wrong(string kind, string port, int pulsesPerKwh, string? ticMode, string field, string message)
        {
            var spec = new MeterSpec { Kind = kind, Id = "main", Port = port, PulsesPerKwh = pulsesPerKwh, TicMode = ticMode };

            var error = Assert.Throws<ArgumentException>(() => MeterFactory.Build(spec, Ports(new FakePulseInput(), new Line()), Omit));

            Assert.Equal(field, error.ParamName);
            Assert.StartsWith(message, error.Message);
        }

        [Fact]
        public void Refuses_a_meter_without_an_id()
        {
            var spec = new MeterSpec { Kind = "s0", Port = "gpio4", PulsesPerKwh = 1000 };
            Assert.Equal("id", Assert.Throws<ArgumentException>(() => MeterFactory.Build(spec, Ports(new FakePulseInput()), Omit)).ParamName);
        }

        [Fact]
        public void Refuses_a_port_declared_twice()
        {
            var ports = new MeterPorts().AddPulseInput("gpio4", new FakePulseInput());
            Assert.Equal("name", Assert.Throws<ArgumentException>(() => ports.AddSerialLink("gpio4", new Line())).ParamName);
        }

        private static MeterPorts Ports(FakePulseInput? input = null, Line? line = null)
        {
            var ports = new MeterPorts();
            if (input is not null)
            {
                ports.AddPulseInput("gpio4", input);
            }

            if (line is not null)
            {
                ports.AddSerialLink("uart1", line);
            }

            return ports;
        }

        private static MeterPorts Ports(Line line) => Ports(null, line);

        private sealed class Line : ISerialLink
        {
            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
            {
            }

            public int Read(byte[] buffer, int offset, int count) => 0;

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
