#nullable disable
namespace Edge.Drivers.P1
{
    /// <summary>How the value part of a P1 line is shaped (DSMR 5.0.2 P1 Companion Standard §6.4 and §6.12), which
    /// decides how the decoder reads the brackets after the OBIS code.</summary>
    public enum P1FieldKind : byte
    {
        /// <summary>One number, with the unit of the row when it has one: "(000004.426*kWh)", "(0002)".</summary>
        Number = 0,

        /// <summary>One text or octet string the decoder keeps no value of: an equipment identifier, a message.</summary>
        Text = 1,

        /// <summary>The telegram's time: "(YYMMDDhhmmssX)" (0-0:1.0.0).</summary>
        Timestamp = 2,

        /// <summary>The P1 version, two digits: "(50)" is DSMR 5.0 (1-3:0.2.8); e-MUCS prints "(50217)" (0-0:96.1.4).</summary>
        Version = 3,

        /// <summary>The M-Bus device type of a channel (0-n:24.1.0): 3 gas, 4 heat, 7 water (EN 13757-3 table 3).</summary>
        DeviceType = 4,

        /// <summary>A capture time then a number: the last value of an M-Bus channel (0-n:24.2.1, 0-n:24.2.3) and the
        /// e-MUCS monthly peak (1-0:1.6.0).</summary>
        TimedNumber = 5,

        /// <summary>The power failure event log (1-0:99.97.0): a count, an OBIS code, then pairs of end time and duration.</summary>
        PowerFailureLog = 6,

        /// <summary>The e-MUCS peak history (0-0:98.1.0): a count, two OBIS codes, then triples of month start, peak
        /// time and peak power.</summary>
        PeakHistory = 7,

        /// <summary>The DSMR 2.2/3.0 gas profile (0-n:24.3.0): capture time, period, interval, count, OBIS code and
        /// unit on the line, the value alone on the next line "(00001.001)".</summary>
        LegacyProfile = 8,
    }
}
