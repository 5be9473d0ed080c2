#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>
    /// How a meter's cumulative register behaves, so that window deltas stay exact: where it wraps (TIC registers
    /// have 9 digits and wrap after 999,999,999 Wh) and how large a decrease is still only noise (a register read as
    /// a float32 over Modbus jitters in its last digits).
    /// </summary>
    public sealed class RegisterRule
    {
        /// <param name="meter">Index of the meter (in the order the node added them).</param>
        /// <param name="quantity">The cumulative quantity of that meter the rule is for.</param>
        /// <param name="modulus">Where the register wraps, in the reading's unit and decimals; 0 if it never does.</param>
        /// <param name="noiseTolerance">Largest decrease still taken as noise rather than a reset; 0 for none.</param>
        public RegisterRule(int meter, QuantityId quantity, long modulus, long noiseTolerance)
        {
            Meter = meter;
            Quantity = quantity;
            Modulus = modulus;
            NoiseTolerance = noiseTolerance;
        }

        /// <summary>Index of the meter (in the order the node added them) whose register this rule describes.</summary>
        public int Meter { get; private set; }

        /// <summary>The cumulative quantity (register) of <see cref="Meter"/> the rule applies to.</summary>
        public QuantityId Quantity { get; private set; }

        /// <summary>The register counts modulo this (in the reading's unit and decimals); 0 if it never wraps.</summary>
        public long Modulus { get; private set; }

        /// <summary>A decrease up to this much is measurement noise, not a reset.</summary>
        public long NoiseTolerance { get; private set; }
    }
}
