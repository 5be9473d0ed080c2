#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// The register tables of the Eastron SDM meters, from Eastron's published Modbus protocol documents ("Eastron
    /// SDM630Modbus Smart Meter Modbus Protocol Implementation" V1.8, "SDM230Modbus" V1.4, "SDM120" V2.4, "SDM72D-M
    /// Modbus Protocol" V1.1). Every measurement is an input register (function 0x04) holding an IEEE 754 float32
    /// over two registers, high word first; energies are in kWh and kvarh (scale 3 to Wh and varh). Addresses are
    /// those sent on the line: the documents' "30001" is register 0x0000. Each table is built only when its model
    /// is asked for, so the node's heap holds one.
    /// </summary>
    public static class EastronRegisterMaps
    {
        /// <summary>Model name of the SDM120 (single phase, 45 A; 2400 baud 8N1 by default).</summary>
        public const string Sdm120 = "sdm120";

        /// <summary>Model name of the SDM230 (single phase, 100 A; 2400 baud 8N1 by default).</summary>
        public const string Sdm230 = "sdm230";

        /// <summary>Model name of the SDM630 (three phase, 100 A; 9600 baud 8N1 by default).</summary>
        public const string Sdm630 = "sdm630";

        /// <summary>Model name of the SDM72D-M (three phase, reduced register set; 9600 baud 8N1 by default).</summary>
        public const string Sdm72 = "sdm72";

        /// <summary>The models, as a configuration names them.</summary>
        public const string Names = Sdm120 + ", " + Sdm230 + ", " + Sdm630 + ", " + Sdm72;

        /// <summary>The SDM630 answers at most 40 values, 80 registers, per request (its protocol document, §2).</summary>
        public const int Sdm630MaxRegisters = 80;

        /// <summary>The SDM230 document allows at most 30 values, 60 registers, per read; the SDM120 and SDM72, whose
        /// documents give no figure, are held to the same.</summary>
        public const int SinglePhaseMaxRegisters = 60;

        /// <summary>Eastron meters answer reads that span registers they do not define (read as 0), so a request may
        /// cross any gap within its register limit.</summary>
        private const int AnyGap = ModbusFunction.MaxReadRegisters;

        private const int Input = ModbusFunction.ReadInputRegisters;
        private const ModbusValueType F = ModbusValueType.Float32;

        /// <summary>The table of model <paramref name="name"/> (see <see cref="Names"/>), or null for another name.</summary>
        public static ModbusRegisterMap Named(string name)
        {
            switch (name)
            {
                case Sdm120:
                    return SinglePhase(Sdm120);
                case Sdm230:
                    return SinglePhase(Sdm230);
                case Sdm630:
                    return ThreePhase();
                case Sdm72:
                    return Sdm72Table();
                default:
                    return null;
            }
        }

        /// <summary>SDM120 and SDM230: the same input registers (30001 to 30079 of both documents).</summary>
        private static ModbusRegisterMap SinglePhase(string model)
        {
            return new ModbusRegisterMap(model, 11, SinglePhaseMaxRegisters, AnyGap)
                .Add(Input, 0x0000, F, false, 0, 1, QuantityId.PhaseVoltageL1)
                .Add(Input, 0x0006, F, false, 0, 3, QuantityId.CurrentL1)
                .Add(Input, 0x000C, F, false, 0, 1, QuantityId.TotalActivePower)
                .Add(Input, 0x0012, F, false, 0, 1, QuantityId.TotalApparentPower)
                .Add(Input, 0x0018, F, false, 0, 1, QuantityId.TotalReactivePower)
                .Add(Input, 0x001E, F, false, 0, 3, QuantityId.PowerFactor)
                .Add(Input, 0x0046, F, false, 0, 2, QuantityId.Frequency)
                .Add(Input, 0x0048, F, false, 3, 0, QuantityId.TotalActiveEnergyImport)
                .Add(Input, 0x004A, F, false, 3, 0, QuantityId.TotalActiveEnergyExport)
                .Add(Input, 0x004C, F, false, 3, 0, QuantityId.TotalReactiveEnergyImport)
                .Add(Input, 0x004E, F, false, 3, 0, QuantityId.TotalReactiveEnergyExport);
        }

        /// <summary>SDM630: per-phase values 30001 to 30035, system totals 30053 to 30063, 30071 to 30079, and the
        /// neutral current 30225.</summary>
        private static ModbusRegisterMap ThreePhase()
        {
            return new ModbusRegisterMap(Sdm630, 25, Sdm630MaxRegisters, AnyGap)
                .Add(Input, 0x0000, F, false, 0, 1, QuantityId.PhaseVoltageL1)
                .Add(Input, 0x0002, F, false, 0, 1, QuantityId.PhaseVoltageL2)
                .Add(Input, 0x0004, F, false, 0, 1, QuantityId.PhaseVoltageL3)
                .Add(Input, 0x0006, F, false, 0, 3, QuantityId.CurrentL1)
                .Add(Input, 0x0008, F, false, 0, 3, QuantityId.CurrentL2)
                .Add(Input, 0x000A, F, false, 0, 3, QuantityId.CurrentL3)
                .Add(Input, 0x000C, F, false, 0, 1, QuantityId.ActivePowerL1)
                .Add(Input, 0x000E, F, false, 0, 1, QuantityId.ActivePowerL2)
                .Add(Input, 0x0010, F, false, 0, 1, QuantityId.ActivePowerL3)
                .Add(Input, 0x0012, F, false, 0, 1, QuantityId.ApparentPowerL1)
                .Add(Input, 0x0014, F, false, 0, 1, QuantityId.ApparentPowerL2)
                .Add(Input, 0x0016, F, false, 0, 1, QuantityId.ApparentPowerL3)
                .Add(Input, 0x001E, F, false, 0, 3, QuantityId.PowerFactorL1)
                .Add(Input, 0x0020, F, false, 0, 3, QuantityId.PowerFactorL2)
                .Add(Input, 0x0022, F, false, 0, 3, QuantityId.PowerFactorL3)
                .Add(Input, 0x0034, F, false, 0, 1, QuantityId.TotalActivePower)
                .Add(Input, 0x0038, F, false, 0, 1, QuantityId.TotalApparentPower)
                .Add(Input, 0x003C, F, false, 0, 1, QuantityId.TotalReactivePower)
                .Add(Input, 0x003E, F, false, 0, 3, QuantityId.PowerFactor)
                .Add(Input, 0x0046, F, false, 0, 2, QuantityId.Frequency)
                .Add(Input, 0x0048, F, false, 3, 0, QuantityId.TotalActiveEnergyImport)
                .Add(Input, 0x004A, F, false, 3, 0, QuantityId.TotalActiveEnergyExport)
                .Add(Input, 0x004C, F, false, 3, 0, QuantityId.TotalReactiveEnergyImport)
                .Add(Input, 0x004E, F, false, 3, 0, QuantityId.TotalReactiveEnergyExport)
                .Add(Input, 0x00E0, F, false, 0, 3, QuantityId.CurrentN);
        }

        /// <summary>SDM72D-M: total system power 30053, import and export energy 30073 and 30075.</summary>
        private static ModbusRegisterMap Sdm72Table()
        {
            return new ModbusRegisterMap(Sdm72, 3, SinglePhaseMaxRegisters, AnyGap)
                .Add(Input, 0x0034, F, false, 0, 1, QuantityId.TotalActivePower)
                .Add(Input, 0x0048, F, false, 3, 0, QuantityId.TotalActiveEnergyImport)
                .Add(Input, 0x004A, F, false, 3, 0, QuantityId.TotalActiveEnergyExport);
        }
    }
}
