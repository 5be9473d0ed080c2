using System;
using Edge.Drivers.Modbus;
using Xunit;

namespace Edge.Tests.Drivers.Modbus
{
    public class ModbusValueTests
    {
        private static byte[] Registers(params ushort[] words)
        {
            var bytes = new byte[2 * words.Length];
            for (int i = 0; i < words.Length; i++)
            {
                bytes[2 * i] = (byte)(words[i] >> 8);
                bytes[(2 * i) + 1] = (byte)words[i];
            }

            return bytes;
        }

        private static byte[] Float(float value)
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            return Registers((ushort)(bits >> 16), (ushort)bits);
        }

        [Theory]
        [InlineData(230.2f, 1, 2302)]
        [InlineData(4210.123f, 3, 4210123)]
        [InlineData(-1919.7f, 1, -19197)]
        [InlineData(0.95f, 3, 950)]
        [InlineData(49.98f, 2, 4998)]
        [InlineData(0f, 3, 0)]
        [InlineData(16777216f, 0, 16777216)]
        [InlineData(1.0e12f, 0, 999999995904)]
        public void Turns_a_float32_into_the_exact_rounded_decimal_without_floating_point(float value, int power, long expected)
        {
            Assert.True(ModbusValue.TryScale(Float(value), 0, ModbusValueType.Float32, false, power, out long scaled));
            Assert.Equal(expected, scaled);
        }

        [Fact]
        public void Matches_rounding_in_double_precision_for_every_power_over_many_floats()
        {
            var random = new Random(7);
            for (int i = 0; i < 20_000; i++)
            {
                float value = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 7)));
                int power = random.Next(0, 4);
                Assert.True(ModbusValue.TryScale(Float(value), 0, ModbusValueType.Float32, false, power, out long scaled));
                Assert.Equal((long)Math.Round(value * Math.Pow(10, power), MidpointRounding.AwayFromZero), scaled);
            }
        }

        [Theory]
        [InlineData(float.NaN)]
        [InlineData(float.PositiveInfinity)]
        [InlineData(float.NegativeInfinity)]
        public void Gives_no_value_for_a_float32_that_is_no_number(float value)
        {
            Assert.False(ModbusValue.TryScale(Float(value), 0, ModbusValueType.Float32, false, 1, out _));
        }

        [Fact]
        public void Gives_no_value_beyond_a_long()
        {
            Assert.False(ModbusValue.TryScale(Float(3.0e38f), 0, ModbusValueType.Float32, false, 0, out _));
            Assert.False(ModbusValue.TryScale(Registers(0xFFFF, 0xFFFF), 0, ModbusValueType.UInt32, false, 10, out _));
        }

        [Fact]
        public void Reads_a_subnormal_float32_as_zero()
        {
            Assert.True(ModbusValue.TryScale(Registers(0x0000, 0x0001), 0, ModbusValueType.Float32, false, 9, out long value));
            Assert.Equal(0, value);
        }

        [Fact]
        public void Reads_16_and_32_bit_integers_signed_or_not_in_either_word_order()
        {
            byte[] data = Registers(0xFF38, 0x0001, 0x86A0);
            Assert.True(ModbusValue.TryScale(data, 0, ModbusValueType.Int16, false, 0, out long int16));
            Assert.True(ModbusValue.TryScale(data, 0, ModbusValueType.UInt16, false, 1, out long uint16));
            Assert.True(ModbusValue.TryScale(data, 2, ModbusValueType.UInt32, false, 0, out long highFirst));
            Assert.True(ModbusValue.TryScale(data, 2, ModbusValueType.Int32, true, 0, out long lowFirst));
            Assert.True(ModbusValue.TryScale(data, 0, ModbusValueType.Int32, false, 0, out long negative));
            Assert.Equal((-200L, 653360L, 100000L, unchecked((int)0x86A00001), unchecked((long)(int)0xFF380001)), (int16, uint16, highFirst, (long)lowFirst, negative));
        }

        [Fact]
        public void Reads_a_float32_sent_low_word_first()
        {
            Assert.True(ModbusValue.TryScale(Registers(0x3334, 0x4366), 0, ModbusValueType.Float32, true, 1, out long value));
            Assert.Equal(2302, value);
        }
    }
}
