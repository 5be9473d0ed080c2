#nullable disable
namespace Edge.Drivers.I2c
{
    /// <summary>
    /// The calibration of a TI current monitor (INA219, INA226) from its shunt and the largest current expected,
    /// in whole numbers: the current register's LSB is the smallest value of the 1-2-5 series at or above
    /// I_max / 2^15 (INA219 datasheet SBOS448 section 8.5.1 equation 2; INA226 SBOS547 section 7.5 equation 2: the
    /// register is 15 bits plus sign), so that readings are a round number of amperes per bit; the calibration
    /// register is then trunc(k / (Current_LSB x R_shunt)), k = 0.04096 on the INA219 (equation 1) and 0.00512
    /// on the INA226 (equation 1); the power register's LSB is 20 (INA219, equation 3) or 25 (INA226, equation 3)
    /// times the current LSB. A calibration that would not fit the register takes the next LSB up.
    /// </summary>
    public sealed class InaScaling
    {
        /// <summary>k of the INA219's calibration equation, 0.04096, in units of 10^-15 (nA x uOhm): SBOS448 8.5.1 eq. 1.</summary>
        public const long Ina219Constant = 40960000000000L;

        /// <summary>k of the INA226's calibration equation, 0.00512, in units of 10^-15: SBOS547 7.5 eq. 1.</summary>
        public const long Ina226Constant = 5120000000000L;

        /// <summary>The current register holds 15 bits of magnitude and a sign: Current_LSB >= I_max / 2^15.</summary>
        private const long CurrentSteps = 32768;

        private InaScaling()
        {
        }

        /// <summary>Current per bit of the current register, in nA.</summary>
        public long CurrentLsbNanoamps { get; private set; }

        /// <summary>The value written to the calibration register.</summary>
        public int Calibration { get; private set; }

        /// <summary>A current reading's value is the register times this, with <see cref="CurrentDecimals"/> decimals of an ampere.</summary>
        public long CurrentUnit { get; private set; }

        /// <summary>Decimals of an ampere of a current reading.</summary>
        public int CurrentDecimals { get; private set; }

        /// <summary>A power reading's value is the register times this, with <see cref="PowerDecimals"/> decimals of a watt.</summary>
        public long PowerUnit { get; private set; }

        /// <summary>Decimals of a watt of a power reading.</summary>
        public int PowerDecimals { get; private set; }

        /// <summary>The scaling for a shunt of <paramref name="shuntMicroOhms"/> and at most
        /// <paramref name="maxCurrentMilliamps"/>, or null when no calibration up to <paramref name="maxCalibration"/>
        /// fits (a shunt too large for the current).</summary>
        /// <param name="shuntMicroOhms">The shunt's resistance, in micro-ohms (0.1 ohm is 100000).</param>
        /// <param name="maxCurrentMilliamps">The largest current expected, in mA.</param>
        /// <param name="constant">k of the chip's calibration equation, in 10^-15 (<see cref="Ina219Constant"/>).</param>
        /// <param name="maxCalibration">Largest value the calibration register takes.</param>
        /// <param name="powerFactor">Power LSB over current LSB: 20 on the INA219, 25 on the INA226.</param>
        /// <param name="evenCalibration">True when bit 0 of the register is not used (INA219 section 8.6.3.5).</param>
        public static InaScaling Choose(long shuntMicroOhms, long maxCurrentMilliamps, long constant, int maxCalibration, int powerFactor, bool evenCalibration)
        {
            if (shuntMicroOhms <= 0 || maxCurrentMilliamps <= 0)
            {
                return null;
            }

            long least = ((maxCurrentMilliamps * 1000000L) + CurrentSteps - 1) / CurrentSteps;
            long lsb = 1;
            int step = 0;
            while (lsb < least)
            {
                lsb = NextOfSeries(lsb, ref step);
            }

            // Raising the LSB lowers the calibration: stop at the first that fits the register.
            for (int tries = 0; tries < 60; tries++)
            {
                long calibration = constant / (lsb * shuntMicroOhms);
                if (evenCalibration)
                {
                    calibration &= ~1L;
                }

                if (calibration <= maxCalibration)
                {
                    if (calibration < 1)
                    {
                        return null;
                    }

                    InaScaling scaling = new InaScaling();
                    scaling.CurrentLsbNanoamps = lsb;
                    scaling.Calibration = (int)calibration;
                    long unit;
                    int decimals;
                    Reduce(lsb, out unit, out decimals);
                    scaling.CurrentUnit = unit;
                    scaling.CurrentDecimals = decimals;
                    Reduce(lsb * powerFactor, out unit, out decimals);
                    scaling.PowerUnit = unit;
                    scaling.PowerDecimals = decimals;
                    return scaling;
                }

                lsb = NextOfSeries(lsb, ref step);
            }

            return null;
        }

        /// <summary>1, 2, 5, 10, 20, 50 ...</summary>
        private static long NextOfSeries(long value, ref int step)
        {
            step = (step + 1) % 3;
            return step == 2 ? (value * 5) / 2 : value * 2;
        }

        /// <summary>nano-units as a unit and the fewest decimals (1000000 nA is 1 with 3 decimals: 1 mA).</summary>
        private static void Reduce(long nano, out long unit, out int decimals)
        {
            unit = nano;
            decimals = 9;
            while (decimals > 0 && unit % 10 == 0)
            {
                unit /= 10;
                decimals--;
            }
        }
    }
}
