#nullable disable
namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// Turns the registers of one value into the exact decimal a <c>Reading</c> carries: the raw value times
    /// 10^power, rounded half away from zero, in integers only. A float32 is taken apart into its sign, exponent and
    /// 24-bit significand (IEEE 754-2008 §3.4), so no floating point is needed: some ESP32 firmware builds have no
    /// double precision and nanoFramework's mscorlib has no Math, and the result is the same on every platform.
    /// </summary>
    public static class ModbusValue
    {
        /// <summary>Largest power of ten a value may be multiplied by: 2^24 x 10^10 still fits a long.</summary>
        public const int MaxPower = 10;

        /// <summary>Registers a value of <paramref name="type"/> spans: 1 or 2.</summary>
        public static int Width(ModbusValueType type)
        {
            return type == ModbusValueType.UInt16 || type == ModbusValueType.Int16 ? 1 : 2;
        }

        /// <summary>The value at <paramref name="offset"/> of <paramref name="data"/> (register bytes as sent) times
        /// 10^<paramref name="power"/>, rounded; false when there is none: a float32 NaN or infinity, or a result
        /// beyond a long.</summary>
        public static bool TryScale(byte[] data, int offset, ModbusValueType type, bool lowWordFirst, int power, out long value)
        {
            value = 0;
            if (power < 0 || power > MaxPower)
            {
                return false;
            }

            long raw;
            switch (type)
            {
                case ModbusValueType.UInt16:
                    raw = ModbusFrames.Word(data, offset);
                    break;
                case ModbusValueType.Int16:
                    raw = (short)ModbusFrames.Word(data, offset);
                    break;
                case ModbusValueType.UInt32:
                    raw = Bits(data, offset, lowWordFirst);
                    break;
                case ModbusValueType.Int32:
                    raw = (int)Bits(data, offset, lowWordFirst);
                    break;
                case ModbusValueType.Float32:
                    return TryScaleFloat(Bits(data, offset, lowWordFirst), power, out value);
                default:
                    return false;
            }

            long factor = Pow10(power);
            long magnitude = raw < 0 ? -raw : raw;
            if (magnitude > long.MaxValue / factor)
            {
                return false;
            }

            value = raw * factor;
            return true;
        }

        /// <summary>The IEEE 754 single of <paramref name="bits"/> times 10^<paramref name="power"/>, rounded half
        /// away from zero; false for NaN, infinity (exponent field 255) or a result beyond a long.</summary>
        public static bool TryScaleFloat(long bits, int power, out long value)
        {
            value = 0;
            int exponent = (int)((bits >> 23) & 0xFF);
            long significand = bits & 0x7FFFFF;
            if (exponent == 0xFF)
            {
                return false;
            }

            // Normal numbers carry an implicit leading 1; subnormals have exponent field 0 and weigh 2^-149.
            int shift;
            if (exponent == 0)
            {
                shift = -149;
            }
            else
            {
                significand |= 0x800000;
                shift = exponent - 150;
            }

            long n = significand * Pow10(power);
            if (shift >= 0)
            {
                if (shift > 62 || n > (long.MaxValue >> shift))
                {
                    return false;
                }

                n <<= shift;
            }
            else if (-shift > 62)
            {
                n = 0;
            }
            else
            {
                n = (n + (1L << (-shift - 1))) >> -shift;
            }

            value = (bits & 0x80000000L) != 0 ? -n : n;
            return true;
        }

        /// <summary>10^<paramref name="power"/> for 0 to <see cref="MaxPower"/>, by multiplication (no table in the heap).</summary>
        public static long Pow10(int power)
        {
            long result = 1;
            for (int i = 0; i < power; i++)
            {
                result *= 10;
            }

            return result;
        }

        private static long Bits(byte[] data, int offset, bool lowWordFirst)
        {
            long first = ModbusFrames.Word(data, offset);
            long second = ModbusFrames.Word(data, offset + 2);
            return lowWordFirst ? (second << 16) | first : (first << 16) | second;
        }
    }
}
