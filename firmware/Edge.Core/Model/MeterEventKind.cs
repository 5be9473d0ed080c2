// The meter events the node publishes at once, and their names and units in payloads.
#nullable disable
namespace Edge.Core.Model
{
    /// <summary>Things a meter reports that must reach the platform at once, not at the end of the window.</summary>
    public enum MeterEventKind : byte
    {
        /// <summary>The subscribed power is being exceeded (Linky ADPS/ADIR, STGE bit 7): the breaker may trip.</summary>
        OverloadStarted = 1,

        /// <summary>The overload warning stopped.</summary>
        OverloadEnded = 2,

        /// <summary>Report by exception: the value moved beyond its deadband since it was last reported.</summary>
        ValueChanged = 3,

        /// <summary>A voltage sample above Un + 10 % (EN 50160 section 4.2.2).</summary>
        Overvoltage = 4,

        /// <summary>A voltage sample below Un - 10 %.</summary>
        Undervoltage = 5,

        /// <summary>The voltage is back within Un +/- 10 %.</summary>
        VoltageNormal = 6,

        /// <summary>Supply interruption: voltage below 5 % of Un (EN 50160 section 3.17, definition of an interruption).</summary>
        SupplyInterrupted = 7,

        /// <summary>The supply is back; the value is the interruption's duration in seconds.</summary>
        SupplyRestored = 8,

        /// <summary>A 10-minute mean voltage outside Un +/- 10 % (the band 95 % of a week's means must stay in).</summary>
        VoltageIntervalOutOfBand = 9,

        /// <summary>A 10-second mean frequency outside 50 Hz +/- 1 % (EN 50160 section 4.2.1).</summary>
        FrequencyOutOfRange = 10,

        /// <summary>The 10-second mean frequency is back within 50 Hz +/- 1 %.</summary>
        FrequencyNormal = 11,

        /// <summary>The meter delivered nothing for the silence limit: cable, meter or supply lost.</summary>
        MeterSilent = 12,

        /// <summary>The meter delivers again; the value is the silence's duration in seconds.</summary>
        MeterResumed = 13,

        /// <summary>End of a week: the share of its 10-minute mean voltages outside Un +/- 10 %, in percent
        /// (EN 50160 section 4.2.2.2: at most 5 %).</summary>
        VoltageWeek = 14,
    }

    /// <summary>Names of <see cref="MeterEventKind"/> in payloads (enum names are not available on the device).</summary>
    public static class MeterEvents
    {
        /// <summary>The unit of an event's value: the quantity's, except for durations and shares.</summary>
        public static string UnitOf(MeterEventKind kind, QuantityId quantity)
        {
            switch (kind)
            {
                case MeterEventKind.MeterSilent:
                case MeterEventKind.MeterResumed:
                case MeterEventKind.SupplyRestored:
                    return "s";
                case MeterEventKind.VoltageWeek:
                    return "%";
                default:
                    return Quantities.UnitOf(quantity);
            }
        }

        /// <summary>The event's name in payloads, the enum member in camel case ("overloadStarted"); "unknown" for a
        /// value outside the enum.</summary>
        public static string NameOf(MeterEventKind kind)
        {
            switch (kind)
            {
                case MeterEventKind.OverloadStarted:
                    return "overloadStarted";
                case MeterEventKind.OverloadEnded:
                    return "overloadEnded";
                case MeterEventKind.ValueChanged:
                    return "valueChanged";
                case MeterEventKind.Overvoltage:
                    return "overvoltage";
                case MeterEventKind.Undervoltage:
                    return "undervoltage";
                case MeterEventKind.VoltageNormal:
                    return "voltageNormal";
                case MeterEventKind.SupplyInterrupted:
                    return "supplyInterrupted";
                case MeterEventKind.SupplyRestored:
                    return "supplyRestored";
                case MeterEventKind.VoltageIntervalOutOfBand:
                    return "voltageIntervalOutOfBand";
                case MeterEventKind.FrequencyOutOfRange:
                    return "frequencyOutOfRange";
                case MeterEventKind.FrequencyNormal:
                    return "frequencyNormal";
                case MeterEventKind.MeterSilent:
                    return "meterSilent";
                case MeterEventKind.MeterResumed:
                    return "meterResumed";
                case MeterEventKind.VoltageWeek:
                    return "voltageWeek";
                default:
                    return "unknown";
            }
        }
    }
}
