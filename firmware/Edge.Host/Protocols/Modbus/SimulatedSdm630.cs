using System;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>
    /// A slave answering like an Eastron SDM630 (its "Smart Meter Modbus Protocol Implementation" V1.8): float32
    /// input registers high word first, the registers the meter does not define inside its range reading 0, and
    /// exception 02 beyond it. The values are settable one by one, or follow a load curve with
    /// <see cref="AdvanceTo"/>, which also integrates the import energy register.
    /// </summary>
    public sealed class SimulatedSdm630 : SimulatedModbusSlave
    {
        /// <summary>The input registers the SDM630 answers: 30001 to 30384 of its document (0x0000-0x017F).</summary>
        public const int InputRegisters = 0x0180;

        private readonly Func<DateTime, double>? _powerAt;
        private readonly Random _random;
        private DateTime _lastUtc;

        /// <summary>An SDM630 at <paramref name="address"/> with its registers at 0, or following
        /// <paramref name="powerAt"/> from <paramref name="startUtc"/> with <paramref name="importWh"/> on its register.</summary>
        public SimulatedSdm630(int address, Func<DateTime, double>? powerAt = null, DateTime startUtc = default, double importWh = 0, int seed = 1)
            : base(address)
        {
            for (int register = 0; register < InputRegisters; register++)
            {
                SetInput(register, 0);
            }

            _powerAt = powerAt;
            _lastUtc = startUtc;
            _random = new Random(seed);
            ImportWh = importWh;
            SetInputFloat(0x0048, (float)(importWh / 1000));
            SetInputFloat(0x0046, 50.0f);
        }

        /// <summary>The import register in Wh, as the meter counts it (its float32 register is in kWh).</summary>
        public double ImportWh { get; private set; }

        /// <summary>Phase voltages L1-L3 (30001-30005), currents (30007-30011), phase powers (30013-30017).</summary>
        public void SetPhase(int phase, float volts, float amps, float watts)
        {
            int at = 2 * (phase - 1);
            SetInputFloat(0x0000 + at, volts);
            SetInputFloat(0x0006 + at, amps);
            SetInputFloat(0x000C + at, watts);
            SetInputFloat(0x0012 + at, volts * amps);
            SetInputFloat(0x001E + at, volts * amps == 0 ? 1 : watts / (volts * amps));
        }

        /// <summary>Runs the meter to <paramref name="utc"/> on its load curve: three phases sharing the load 40/35/25 %,
        /// voltages near 230 V, the energy register integrated.</summary>
        public void AdvanceTo(DateTime utc)
        {
            if (_powerAt is null || utc <= _lastUtc)
            {
                return;
            }

            double watts = _powerAt(utc);
            ImportWh += watts * (utc - _lastUtc).TotalHours;
            _lastUtc = utc;
            double[] share = [0.40, 0.35, 0.25];
            double total = 0;
            for (int phase = 1; phase <= 3; phase++)
            {
                double volts = 230 + ((_random.NextDouble() - 0.5) * 4);
                double p = watts * share[phase - 1];
                total += p;
                SetPhase(phase, (float)volts, (float)(p / volts / 0.95), (float)p);
            }

            SetInputFloat(0x0034, (float)total);
            SetInputFloat(0x0038, (float)(total / 0.95));
            SetInputFloat(0x003E, 0.95f);
            SetInputFloat(0x0046, (float)(50 + ((_random.NextDouble() - 0.5) * 0.1)));
            SetInputFloat(0x0048, (float)(ImportWh / 1000));
        }
    }
}
