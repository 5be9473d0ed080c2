#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>
    /// The options of an S0 meter beyond its constant and register (<see cref="MeterSpec.Pulses"/>): the medium it
    /// measures, how its input tells pulses from bounce and noise, when power or flow falls to zero, and the write
    /// policy of its persisted count. A new one holds the defaults.
    /// </summary>
    public sealed class PulseMeterSpec
    {
        /// <summary>IEC 62053-31, output pulse duration: at least 30 ms (the qualifier's default).</summary>
        public const int DefaultMinPulseMs = Edge.Core.Platform.PulseQualifier.DefaultMinWidthMs;

        /// <summary>A record of the count every 100 pulses: 0.1 kWh at 1000 imp/kWh, the most an unclean reboot
        /// loses; at 1000 W that is a record every 6 minutes (drivers/Edge.Drivers/S0/README.md, flash wear).</summary>
        public const int DefaultPersistPulses = 100;

        /// <summary>A changed count is recorded at least every 15 minutes, so a small load loses at most that much.</summary>
        public const int DefaultPersistMinutes = 15;

        /// <summary>Power (or flow) reads 0 after 5 minutes without a pulse: by then it is under one quantum per 5 min
        /// (12 W at 1000 imp/kWh).</summary>
        public const int DefaultZeroAfterS = 300;

        /// <summary><see cref="MeterKinds.S0Electricity"/>, <see cref="MeterKinds.S0Water"/> or
        /// <see cref="MeterKinds.S0Gas"/>.</summary>
        public string Measures = MeterKinds.S0Electricity;

        /// <summary>Shortest active level counted as a pulse (ms).</summary>
        public int MinPulseMs = DefaultMinPulseMs;

        /// <summary>True when the pulse drives the input high (rising leading edge); false for an open collector
        /// pulling a pulled-up input low (falling leading edge), the usual S0 wiring.</summary>
        public bool ActiveHigh;

        /// <summary>Pulses of the step that earns a record of the count.</summary>
        public int PersistPulses = DefaultPersistPulses;

        /// <summary>A changed count is recorded once its last record is this old (minutes).</summary>
        public int PersistMinutes = DefaultPersistMinutes;

        /// <summary>Seconds without a pulse after which power (or flow) reads 0.</summary>
        public int ZeroAfterS = DefaultZeroAfterS;

        /// <summary>True for a water or gas meter, whose constant is imp/m3 and register L.</summary>
        public bool MeasuresVolume
        {
            get { return Measures == MeterKinds.S0Water || Measures == MeterKinds.S0Gas; }
        }
    }
}
