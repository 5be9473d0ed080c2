#nullable disable
using System;

namespace Edge.Core.Model
{
    /// <summary>
    /// Names, units and kinds of the canonical quantities, indexed by <see cref="QuantityId"/>.
    /// Units are SenML / UCUM symbols (RFC 8428 section 12.1, RFC 8798); "1" is dimensionless.
    /// Plain arrays rather than a dictionary: nanoFramework's mscorlib has no generic collections.
    /// </summary>
    public static class Quantities
    {
        /// <summary>Number of ids in <see cref="QuantityId"/>; the tables below have exactly this length.</summary>
        public const int Count = 65;

        private const byte I = (byte)QuantityKind.Instantaneous;
        private const byte C = (byte)QuantityKind.Cumulative;
        private const byte S = (byte)QuantityKind.State;

        private static readonly string[] Names =
        {
            "totalActiveEnergyImport", "totalActiveEnergyExport",
            "activeEnergyImport.T1", "activeEnergyImport.T2", "activeEnergyImport.T3", "activeEnergyImport.T4",
            "activeEnergyImport.T5", "activeEnergyImport.T6", "activeEnergyImport.T7", "activeEnergyImport.T8",
            "activeEnergyImport.T9", "activeEnergyImport.T10",
            "activeEnergyExport.T1", "activeEnergyExport.T2", "activeEnergyExport.T3", "activeEnergyExport.T4",
            "totalReactiveEnergyImport", "totalReactiveEnergyExport",
            "reactiveEnergy.Q1", "reactiveEnergy.Q2", "reactiveEnergy.Q3", "reactiveEnergy.Q4",
            "totalActivePower", "activePower.L1", "activePower.L2", "activePower.L3",
            "totalApparentPower", "apparentPower.L1", "apparentPower.L2", "apparentPower.L3",
            "totalReactivePower",
            "phaseVoltage.L1", "phaseVoltage.L2", "phaseVoltage.L3",
            "averageVoltage.L1", "averageVoltage.L2", "averageVoltage.L3",
            "current.L1", "current.L2", "current.L3", "current.N",
            "frequency",
            "powerFactor", "powerFactor.L1", "powerFactor.L2", "powerFactor.L3",
            "subscribedPower", "cutoffPower",
            "tariffPeriod",
            "gasVolume", "waterVolume", "heatEnergy",
            "dcVoltage", "dcCurrent", "dcPower",
            "temperature", "relativeHumidity", "pressure",
            "activeEnergyImport.D1", "activeEnergyImport.D2", "activeEnergyImport.D3", "activeEnergyImport.D4",
            "totalApparentPowerExport",
            "averageActivePowerImport", "averageActivePowerExport",
        };

        private static readonly string[] Units =
        {
            "Wh", "Wh",
            "Wh", "Wh", "Wh", "Wh", "Wh", "Wh", "Wh", "Wh", "Wh", "Wh",
            "Wh", "Wh", "Wh", "Wh",
            "varh", "varh",
            "varh", "varh", "varh", "varh",
            "W", "W", "W", "W",
            "VA", "VA", "VA", "VA",
            "var",
            "V", "V", "V",
            "V", "V", "V",
            "A", "A", "A", "A",
            "Hz",
            "1", "1", "1", "1",
            "VA", "VA",
            "",
            "m3", "m3", "J",
            "V", "A", "W",
            "Cel", "%RH", "Pa",
            "Wh", "Wh", "Wh", "Wh",
            "VA",
            "W", "W",
        };

        private static readonly byte[] Kinds =
        {
            C, C,
            C, C, C, C, C, C, C, C, C, C,
            C, C, C, C,
            C, C,
            C, C, C, C,
            I, I, I, I,
            I, I, I, I,
            I,
            I, I, I,
            I, I, I,
            I, I, I, I,
            I,
            I, I, I, I,
            I, I,
            S,
            C, C, C,
            I, I, I,
            I, I, I,
            C, C, C, C,
            I,
            I, I,
        };

        /// <summary>The vocabulary name, e.g. "phaseVoltage.L1".</summary>
        public static string NameOf(QuantityId id)
        {
            return Names[IndexOf(id)];
        }

        /// <summary>The SenML / UCUM unit symbol, e.g. "V"; empty for states such as the tariff period.</summary>
        public static string UnitOf(QuantityId id)
        {
            return Units[IndexOf(id)];
        }

        /// <summary>Whether the quantity is sampled, a cumulative register or a discrete state.</summary>
        public static QuantityKind KindOf(QuantityId id)
        {
            return (QuantityKind)Kinds[IndexOf(id)];
        }

        /// <summary>Looks a quantity up by its vocabulary name (configuration, commands); false if unknown.</summary>
        public static bool TryParse(string name, out QuantityId id)
        {
            for (int i = 0; i < Count; i++)
            {
                if (Names[i] == name)
                {
                    id = (QuantityId)i;
                    return true;
                }
            }

            id = QuantityId.TotalActiveEnergyImport;
            return false;
        }

        private static int IndexOf(QuantityId id)
        {
            int index = (int)id;
            if (index < 0 || index >= Count)
            {
                throw new ArgumentOutOfRangeException("id");
            }

            return index;
        }
    }
}
