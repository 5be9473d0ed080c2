#nullable disable
namespace Edge.Core.Model
{
    /// <summary>How far a reading can be trusted. Readings that failed a checksum or plausibility check never
    /// become a <see cref="Reading"/> at all: drivers count them instead, so that every refusal is visible in health.</summary>
    public enum ReadingQuality : byte
    {
        /// <summary>Measured and verified.</summary>
        Good = 0,

        /// <summary>Measured, but with a caveat: derived from a bound (power decaying between pulses),
        /// or stamped by a clock that is not synchronised.</summary>
        Uncertain = 1,
    }
}
