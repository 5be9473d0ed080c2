#nullable disable
namespace Edge.Drivers.P1
{
    /// <summary>
    /// The unit a P1 field's value must carry (DSMR 5.0.2 P1 Companion Standard §6.12, table "Representation of
    /// COSEM objects"): the family, not the prefix. Meters differ in the prefix (kWh on most, Wh on the Sagemcom
    /// T210-D-r, GJ or MJ on heat meters), so the decoder reads the unit printed after the '*' of every value and
    /// scales it to the project's canonical unit; a value whose unit is not of the family is refused.
    /// </summary>
    public enum P1Unit : byte
    {
        /// <summary>No unit is printed (a count, a tariff code, a device type).</summary>
        None = 0,

        /// <summary>Active energy: kWh or Wh, given in Wh.</summary>
        Energy = 1,

        /// <summary>Active power: kW or W, given in W.</summary>
        Power = 2,

        /// <summary>Reactive energy: kvarh or varh, given in varh.</summary>
        ReactiveEnergy = 3,

        /// <summary>Reactive power: kvar or var, given in var.</summary>
        ReactivePower = 4,

        /// <summary>Voltage: V, given in V.</summary>
        Voltage = 5,

        /// <summary>Current: A, given in A.</summary>
        Current = 6,

        /// <summary>Volume: m3, given in m3 (gas and water M-Bus meters).</summary>
        Volume = 7,

        /// <summary>Heat: GJ or MJ (or kWh, as some heat meters print), given in J.</summary>
        Heat = 8,

        /// <summary>A duration: s, given in s (power failure log).</summary>
        Seconds = 9,

        /// <summary>The value of an M-Bus channel: m3 (gas, water) or GJ, MJ, kWh (heat); the channel's device type
        /// (0-n:24.1.0) says which quantity, and the unit must agree with it.</summary>
        Channel = 10,
    }
}
