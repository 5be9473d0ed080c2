using System;
using System.Collections.Generic;
using Edge.Core.Model;
using Xunit;

namespace Edge.Tests.Core
{
    public class QuantitiesTests
    {
        /// <summary>Every id but None.</summary>
        public static QuantityId[] Real() => Array.FindAll(Enum.GetValues<QuantityId>(), id => id != QuantityId.None);

        [Fact]
        public void The_table_has_one_row_per_quantity_id_at_its_index()
        {
            Assert.Equal(Quantities.Count, Real().Length);
            for (int i = 0; i < Quantities.Count; i++)
            {
                QuantityDefinition row = Quantities.Of((QuantityId)i);
                Assert.Equal((QuantityId)i, row.Id);
                Assert.False(string.IsNullOrEmpty(row.Name));
                Assert.NotNull(row.Unit);
            }
        }

        [Fact]
        public void None_is_no_quantity_and_never_a_name()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Quantities.NameOf(QuantityId.None));
            Assert.False(Quantities.TryParse("none", out QuantityId parsed));
            Assert.Equal(QuantityId.None, parsed);
        }

        [Fact]
        public void Names_are_unique_and_parse_back_to_their_id()
        {
            var seen = new HashSet<string>();
            foreach (QuantityId id in Real())
            {
                string name = Quantities.NameOf(id);
                Assert.True(seen.Add(name), $"duplicate name {name}");
                Assert.True(Quantities.TryParse(name, out QuantityId parsed));
                Assert.Equal(id, parsed);
            }

            Assert.False(Quantities.TryParse("voltage", out _));
        }

        [Theory]
        [InlineData(QuantityId.TotalActiveEnergyImport, "totalActiveEnergyImport", "Wh", QuantityKind.Cumulative)]
        [InlineData(QuantityId.ActiveEnergyImportT10, "activeEnergyImport.T10", "Wh", QuantityKind.Cumulative)]
        [InlineData(QuantityId.ReactiveEnergyQ4, "reactiveEnergy.Q4", "varh", QuantityKind.Cumulative)]
        [InlineData(QuantityId.TotalActivePower, "totalActivePower", "W", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.ApparentPowerL3, "apparentPower.L3", "VA", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.TotalReactivePower, "totalReactivePower", "var", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.PhaseVoltageL1, "phaseVoltage.L1", "V", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.AverageVoltageL2, "averageVoltage.L2", "V", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.CurrentN, "current.N", "A", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.Frequency, "frequency", "Hz", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.PowerFactorL1, "powerFactor.L1", "1", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.SubscribedPower, "subscribedPower", "VA", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.TariffPeriod, "tariffPeriod", "", QuantityKind.State)]
        [InlineData(QuantityId.ActiveEnergyImportD4, "activeEnergyImport.D4", "Wh", QuantityKind.Cumulative)]
        [InlineData(QuantityId.TotalApparentPowerExport, "totalApparentPowerExport", "VA", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.AverageActivePowerImport, "averageActivePowerImport", "W", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.GasVolume, "gasVolume", "m3", QuantityKind.Cumulative)]
        [InlineData(QuantityId.HeatEnergy, "heatEnergy", "J", QuantityKind.Cumulative)]
        [InlineData(QuantityId.DcPower, "dcPower", "W", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.Temperature, "temperature", "Cel", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.RelativeHumidity, "relativeHumidity", "%RH", QuantityKind.Instantaneous)]
        [InlineData(QuantityId.Pressure, "pressure", "Pa", QuantityKind.Instantaneous)]
        public void Follows_the_vocabulary(QuantityId id, string name, string unit, QuantityKind kind)
        {
            Assert.Equal(name, Quantities.NameOf(id));
            Assert.Equal(unit, Quantities.UnitOf(id));
            Assert.Equal(kind, Quantities.KindOf(id));
        }

        [Fact]
        public void Rejects_an_id_outside_the_vocabulary()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Quantities.NameOf((QuantityId)200));
        }

        [Fact]
        public void Reading_rejects_more_decimals_than_supported()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new Reading(QuantityId.Frequency, 1, 10, DateTime.UnixEpoch, ReadingQuality.Good));
            Assert.Equal("Hz", new Reading(QuantityId.Frequency, 5001, 2, DateTime.UnixEpoch, ReadingQuality.Good).Unit);
        }
    }
}
