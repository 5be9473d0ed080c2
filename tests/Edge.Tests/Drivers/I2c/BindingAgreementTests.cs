using System;
using System.Linq;
using Edge.Core.Model;
using Edge.Drivers.I2c.Bme280;
using Edge.Drivers.I2c.Ina219;
using Edge.Drivers.I2c.Sht3x;
using Edge.Host.Protocols.I2c;
using Edge.Tests.Fakes;
using Iot.Device.Adc;
using Iot.Device.Bmxx80;
using Xunit;
using Sht3xBinding = Iot.Device.Sht3x.Sht3x;

namespace Edge.Tests.Drivers.I2c
{
    /// <summary>
    /// The portable drivers and the .NET IoT bindings (Iot.Device.Bindings) read the same simulated register map
    /// and must agree. The bindings compute in floating point where the portable drivers use the datasheets'
    /// integer forms, so they agree within the integer forms' resolution: 0.01 degC and 0.05 %RH for the BME280
    /// (section 8.1 against 4.2.3; the binding's t_fine is a truncated double), 1 Pa of pressure; the INA219's
    /// registers scale exactly; the SHT3x binding rounds to 0.1, the portable driver to 0.01.
    /// </summary>
    public class BindingAgreementTests
    {
        [Theory]
        [InlineData(I2cTestChips.ExampleAdcT, I2cTestChips.ExampleAdcP, 30000)]
        [InlineData(480000, 380000, 22000)]
        [InlineData(560000, 450000, 38000)]
        public void Bme280_agrees_with_the_iot_binding(int adcT, int adcP, int adcH)
        {
            var chip = new SimulatedBme280(I2cTestChips.ExampleCalibration()) { AdcT = adcT, AdcP = adcP, AdcH = adcH };
            var sink = new RecordingSink();
            new Bme280Sensor("room", chip, 0x76, 1000).Poll(I2cTestChips.Start, 0, sink);

            using var binding = new Bme280(new SimulatedI2cDevice(chip, 0x76));
            var read = binding.Read();
            Assert.NotNull(read.Temperature);
            Assert.NotNull(read.Pressure);
            Assert.NotNull(read.Humidity);
            Assert.InRange(Value(sink, QuantityId.Temperature) - read.Temperature!.Value.DegreesCelsius, -0.01, 0.01);
            Assert.InRange(Value(sink, QuantityId.Pressure) - read.Pressure!.Value.Pascals, -1.0, 1.0);
            Assert.InRange(Value(sink, QuantityId.RelativeHumidity) - read.Humidity!.Value.Percent, -0.05, 0.05);
        }

        [Theory]
        [InlineData(2000, 2995)]
        [InlineData(1234, 3000)]
        [InlineData(150, 1250)]
        public void Ina219_agrees_with_the_iot_binding(int shuntRegister, int busRegister)
        {
            var chip = new SimulatedIna219 { ShuntRegister = shuntRegister, BusRegister = busRegister };
            var sensor = new Ina219Sensor("dc", chip, 0x40, 2000, 20000, 1000);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);

            using var binding = new Ina219(new SimulatedI2cDevice(chip, 0x40));
            binding.SetCalibration((ushort)sensor.Scaling.Calibration, sensor.Scaling.CurrentLsbNanoamps / 1e9f);
            Assert.Equal((double)binding.ReadBusVoltage().Volts, Value(sink, QuantityId.DcVoltage), 6);
            Assert.Equal((double)binding.ReadCurrent().Amperes, Value(sink, QuantityId.DcCurrent), 4);
            Assert.Equal((double)binding.ReadPower().Watts, Value(sink, QuantityId.DcPower), 3);
        }

        [Theory]
        [InlineData(0x6666, 0x8000)]
        [InlineData(0x4000, 0x1000)]
        [InlineData(0x7A3C, 0xB20F)]
        public void Sht3x_agrees_with_the_iot_binding(int rawT, int rawRh)
        {
            var chip = new SimulatedSht3x { RawTemperature = rawT, RawHumidity = rawRh };
            var sink = new RecordingSink();
            var sensor = new Sht3xSensor("room", chip, 0x44, 1000);
            sensor.Poll(I2cTestChips.Start, 0, sink);
            sensor.Poll(I2cTestChips.Start, 1000, sink);

            using var binding = new Sht3xBinding(new SimulatedI2cDevice(chip, 0x44));
            // The binding rounds to 0.1 (half a tenth off at most), the portable driver to 0.01.
            Assert.InRange(Value(sink, QuantityId.Temperature) - binding.Temperature.DegreesCelsius, -0.055, 0.055);
            Assert.InRange(Value(sink, QuantityId.RelativeHumidity) - binding.Humidity.Percent, -0.055, 0.055);
        }

        private static double Value(RecordingSink sink, QuantityId quantity)
        {
            Reading reading = sink.Readings.Single(r => r.Quantity == quantity);
            return reading.Value / Math.Pow(10, reading.Decimals);
        }
    }
}
