#nullable disable
namespace Edge.Core.Model
{
    /// <summary>One row of the quantity vocabulary: what a <see cref="QuantityId"/> is called in payloads, its unit
    /// and how windows aggregate it.</summary>
    public sealed class QuantityDefinition
    {
        /// <summary>A row; the table in <see cref="Quantities"/> is the only maker.</summary>
        public QuantityDefinition(QuantityId id, string name, string unit, QuantityKind kind)
        {
            Id = id;
            Name = name;
            Unit = unit;
            Kind = kind;
        }

        /// <summary>The id, which is also the row's index in the table.</summary>
        public QuantityId Id { get; private set; }

        /// <summary>The vocabulary name, after the FIWARE Smart Data Models attributes, e.g. "phaseVoltage.L1".</summary>
        public string Name { get; private set; }

        /// <summary>The SenML / UCUM unit symbol; empty for a state.</summary>
        public string Unit { get; private set; }

        /// <summary>Sampled, cumulative register or discrete state.</summary>
        public QuantityKind Kind { get; private set; }
    }
}
