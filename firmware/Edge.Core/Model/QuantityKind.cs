#nullable disable
namespace Edge.Core.Model
{
    /// <summary>How a quantity behaves over time, which decides the statistics that make sense for it.</summary>
    public enum QuantityKind : byte
    {
        /// <summary>A sampled value (power, voltage, current): mean, min, max and last are meaningful.</summary>
        Instantaneous = 0,

        /// <summary>A monotonic register (energy, volume): first and last of a window, never a mean.</summary>
        Cumulative = 1,

        /// <summary>A discrete state coded as a number (the tariff period as the index of its register,
        /// 1 for T1): only the last value and the count are meaningful.</summary>
        State = 2,
    }
}
