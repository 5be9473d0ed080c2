using System;
using System.Collections.Generic;
using Edge.Core.Model;
using Edge.Drivers.P1;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.P1
{
    /// <summary>Every telegram of the reference set decodes to the values its README lists; the spec example whose
    /// printed CRC is wrong is refused.</summary>
    public class P1VectorTests
    {
        internal const string Isk5 = "dsmr_p1_v50_ndokter_ISk5_MT382_3phase_gas.txt";
        internal const string Emucs = "dsmr_p1_emucs_fluvius_v171.txt";
        internal const string WhUnits = "dsmr_p1_sagemcom_t210_d_r_Wh_units.txt";
        internal const string Heat = "dsmr_p1_unpadded_crc_3hexdigits.txt";
        internal const string V22 = "dsmr_p1_v22_ndokter_no_crc.txt";
        internal const string Invalid = "dsmr_p1_v502_spec_example_printed_crc_EF2F_INVALID.txt";

        internal static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

        /// <summary>Feeds the whole telegram; returns the decoder and the readings of its valid telegrams.</summary>
        internal static (P1TelegramDecoder Decoder, RecordingSink Sink, P1Outcome Last) Decode(byte[] bytes, bool acceptsNoCrc = false)
        {
            var decoder = new P1TelegramDecoder(acceptsNoCrc);
            var sink = new RecordingSink();
            decoder.ReadAll(bytes, 0, bytes.Length, Now, sink, out P1Outcome last);
            return (decoder, sink, last);
        }

        internal static Dictionary<QuantityId, (long Value, int Decimals)> ByQuantity(RecordingSink sink)
        {
            var map = new Dictionary<QuantityId, (long, int)>();
            foreach (Reading r in sink.Readings)
            {
                map.Add(r.Quantity, (r.Value, r.Decimals));
            }

            return map;
        }

        private static int Row(string obis) => P1Fields.IndexOf(obis);

        [Fact]
        public void Isk5_telegram_decodes_to_its_listed_values_in_canonical_units()
        {
            var (decoder, sink, last) = Decode(P1CrcAndFieldTests.Vector(Isk5));
            Assert.Equal(P1Outcome.Valid, last);
            P1Telegram t = decoder.Telegram;
            Assert.Equal(50, t.Version);
            Assert.True(t.HadCrc);
            Assert.Equal(0x6EEE, t.Crc);
            Assert.Equal("/ISk5\\2MT382-1000", t.Header);
            // 170102192002W is 19:20:02 local winter time, UTC+1.
            Assert.Equal(new DateTime(2017, 1, 2, 18, 20, 2, DateTimeKind.Utc), t.MeterTime);

            var q = ByQuantity(sink);
            Assert.Equal((4426L, 0), q[QuantityId.ActiveEnergyImportT1]);
            Assert.Equal((2399L, 0), q[QuantityId.ActiveEnergyImportT2]);
            Assert.Equal((2444L, 0), q[QuantityId.ActiveEnergyExportT1]);
            Assert.Equal((0L, 0), q[QuantityId.ActiveEnergyExportT2]);
            Assert.Equal((6825L, 0), q[QuantityId.TotalActiveEnergyImport]);
            Assert.Equal((2444L, 0), q[QuantityId.TotalActiveEnergyExport]);
            Assert.Equal((2L, 0), q[QuantityId.TariffPeriod]);
            Assert.Equal((244L, 0), q[QuantityId.TotalActivePower]);
            Assert.Equal((2300L, 1), q[QuantityId.PhaseVoltageL1]);
            Assert.Equal((2300L, 1), q[QuantityId.PhaseVoltageL2]);
            Assert.Equal((2290L, 1), q[QuantityId.PhaseVoltageL3]);
            Assert.Equal((48L, 2), q[QuantityId.CurrentL1]);
            Assert.Equal((44L, 2), q[QuantityId.CurrentL2]);
            Assert.Equal((86L, 2), q[QuantityId.CurrentL3]);
            Assert.Equal((70L, 0), q[QuantityId.ActivePowerL1]);
            Assert.Equal((32L, 0), q[QuantityId.ActivePowerL2]);
            Assert.Equal((142L, 0), q[QuantityId.ActivePowerL3]);
            Assert.Equal((107L, 3), q[QuantityId.GasVolume]);
            Assert.Equal(18, q.Count);
            Assert.All(sink.Readings, r => Assert.Equal(Now, r.Time));

            Assert.Equal(3, t.DeviceType(1));
            Assert.True(t.TryChannelTime(1, out DateTime gasTime));
            Assert.Equal(new DateTime(2017, 1, 2, 15, 10, 5, DateTimeKind.Utc), gasTime);
            Assert.Equal(0, t.FailureCount);
            Assert.Equal(13L, t.Value(Row("0-0:96.7.21")));

            P1Counters c = decoder.Counters;
            Assert.Equal(1, c.TelegramsValid);
            Assert.Equal(0, c.Rejected);
            Assert.Equal(0, c.UnknownObis + c.MalformedLines + c.MalformedValues + c.MalformedTimestamps + c.UnmappedChannels);
            // Channel 2 states a gas device type but sends no value: nothing to map.
            Assert.False(t.HasChannel(2));
        }

        [Fact]
        public void Emucs_telegram_gives_average_demand_monthly_peak_history_gas_and_water()
        {
            var (decoder, sink, last) = Decode(P1CrcAndFieldTests.Vector(Emucs));
            Assert.Equal(P1Outcome.Valid, last);
            P1Telegram t = decoder.Telegram;
            Assert.Equal(0x3AD7, t.Crc);
            Assert.Equal(50217, t.Version);

            var q = ByQuantity(sink);
            Assert.Equal((2351L, 0), q[QuantityId.AverageActivePowerImport]);
            Assert.Equal((2347L, 1), q[QuantityId.PhaseVoltageL1]);
            Assert.Equal((2347L, 1), q[QuantityId.PhaseVoltageL2]);
            Assert.Equal((2347L, 1), q[QuantityId.PhaseVoltageL3]);
            Assert.Equal((112384L, 3), q[QuantityId.GasVolume]);
            Assert.Equal((872234L, 3), q[QuantityId.WaterVolume]);
            Assert.Equal((15792L, 0), q[QuantityId.TotalActiveEnergyImport]);
            Assert.Equal((11L, 0), q[QuantityId.TotalActiveEnergyExport]);
            Assert.Equal((0L, 0), q[QuantityId.TotalActivePower]);
            Assert.Equal((0L, 2), q[QuantityId.CurrentL1]);

            int peak = Row("1-0:1.6.0");
            Assert.True(t.Has(peak));
            Assert.Equal(2589L, t.Value(peak));
            Assert.Equal(0, t.Decimals(peak));
            Assert.True(t.TryTime(peak, out DateTime peakTime));
            // 200509134558S: summer time, UTC+2.
            Assert.Equal(new DateTime(2020, 5, 9, 11, 45, 58, DateTimeKind.Utc), peakTime);

            Assert.Equal(3, t.PeakCount);
            Assert.Equal(3695L, t.PeakValueOf(0, out int d0));
            Assert.Equal(0, d0);
            Assert.Equal(5980L, t.PeakValueOf(1, out _));
            Assert.Equal(4318L, t.PeakValueOf(2, out _));
            Assert.True(t.TryPeakTime(2, out DateTime third));
            // 200210035421W: winter time, UTC+1.
            Assert.Equal(new DateTime(2020, 2, 10, 2, 54, 21, DateTimeKind.Utc), third);
            Assert.True(t.TryPeakMonth(0, out DateTime month));
            Assert.Equal(new DateTime(2020, 4, 30, 22, 0, 0, DateTimeKind.Utc), month);

            Assert.Equal(3, t.DeviceType(1));
            Assert.Equal(7, t.DeviceType(2));
            Assert.Equal(0, decoder.Counters.UnknownObis + decoder.Counters.MalformedValues + decoder.Counters.MalformedTimestamps);
        }

        [Fact]
        public void Wh_unit_telegram_is_read_by_its_printed_units_not_assumed_kwh()
        {
            var (decoder, sink, last) = Decode(P1CrcAndFieldTests.Vector(WhUnits));
            Assert.Equal(P1Outcome.Valid, last);
            Assert.Equal(0x7EF9, decoder.Telegram.Crc);
            var q = ByQuantity(sink);
            Assert.Equal((6545766L, 0), q[QuantityId.TotalActiveEnergyImport]);
            Assert.Equal((5017120L, 0), q[QuantityId.ActiveEnergyImportT1]);
            Assert.Equal((1528646L, 0), q[QuantityId.ActiveEnergyImportT2]);
            Assert.Equal((58L, 0), q[QuantityId.TotalActiveEnergyExport]);
            Assert.Equal((286L, 0), q[QuantityId.TotalActivePower]);
            Assert.Equal((747L, 0), q[QuantityId.TotalReactiveEnergyImport]);
            Assert.Equal((3897726L, 0), q[QuantityId.TotalReactiveEnergyExport]);
            // +Q 0 var minus -Q 166 var.
            Assert.Equal((-166L, 0), q[QuantityId.TotalReactivePower]);
            Assert.Equal(new DateTime(2022, 10, 6, 13, 50, 14, DateTimeKind.Utc), decoder.Telegram.MeterTime);
        }

        [Fact]
        public void Heat_meter_telegram_with_an_unpadded_three_digit_crc_gives_heat_in_joules()
        {
            var (decoder, sink, last) = Decode(P1CrcAndFieldTests.Vector(Heat));
            Assert.Equal(P1Outcome.Valid, last);
            Assert.Equal(0x0B9F, decoder.Telegram.Crc);
            var q = ByQuantity(sink);
            // 240.860 GJ = 240,860,000,000 J.
            Assert.Equal((240860000000L, 0), q[QuantityId.HeatEnergy]);
            Assert.Single(q);
            Assert.Equal(4, decoder.Telegram.DeviceType(1));
            Assert.Equal(P1Unit.Heat, decoder.Telegram.ChannelUnitOf(1));
        }

        [Fact]
        public void Dsmr22_telegram_without_crc_is_taken_on_a_line_set_up_for_dsmr22()
        {
            var (decoder, sink, last) = Decode(P1CrcAndFieldTests.Vector(V22), acceptsNoCrc: true);
            Assert.Equal(P1Outcome.Valid, last);
            P1Telegram t = decoder.Telegram;
            Assert.False(t.HadCrc);
            Assert.Equal(-1, t.Version);
            Assert.False(t.HasMeterTime);
            var q = ByQuantity(sink);
            Assert.Equal((1001L, 0), q[QuantityId.ActiveEnergyImportT1]);
            Assert.Equal((1001L, 0), q[QuantityId.ActiveEnergyImportT2]);
            Assert.Equal((2002L, 0), q[QuantityId.TotalActiveEnergyImport]);
            Assert.Equal((2002L, 0), q[QuantityId.TotalActiveEnergyExport]);
            Assert.Equal((1010L, 0), q[QuantityId.TotalActivePower]);
            Assert.Equal((1L, 0), q[QuantityId.TariffPeriod]);
            // The profile's value line "(00001.001)" in the unit "(m3)" of the line before.
            Assert.Equal((1001L, 3), q[QuantityId.GasVolume]);
            Assert.False(t.TryChannelTime(1, out _));
            Assert.Equal(0, decoder.Counters.MalformedLines + decoder.Counters.MalformedValues + decoder.Counters.UnknownObis);
        }

        [Fact]
        public void Dsmr22_telegram_without_crc_is_refused_on_a_dsmr5_line()
        {
            var (decoder, sink, last) = Decode(P1CrcAndFieldTests.Vector(V22));
            Assert.Equal(P1Outcome.MissingCrc, last);
            Assert.Empty(sink.Readings);
            Assert.Equal(1, decoder.Counters.RejectedMissingCrc);
        }

        [Fact]
        public void Dsmr5_telegram_with_its_crc_cut_off_is_refused_even_on_a_dsmr22_line()
        {
            byte[] bytes = P1CrcAndFieldTests.Vector(Isk5);
            int bang = Array.IndexOf(bytes, (byte)'!');
            byte[] cut = new byte[bang + 3];
            Array.Copy(bytes, cut, bang + 1);
            cut[bang + 1] = (byte)'\r';
            cut[bang + 2] = (byte)'\n';
            var (decoder, sink, last) = Decode(cut, acceptsNoCrc: true);
            Assert.Equal(P1Outcome.MissingCrc, last);
            Assert.Empty(sink.Readings);
        }

        [Fact]
        public void Spec_example_with_the_wrong_printed_crc_is_rejected_and_counted()
        {
            var (decoder, sink, last) = Decode(P1CrcAndFieldTests.Vector(Invalid), acceptsNoCrc: true);
            Assert.Equal(P1Outcome.BadCrc, last);
            Assert.Empty(sink.Readings);
            Assert.Equal(1, decoder.Counters.RejectedCrc);
            Assert.Equal(0, decoder.Counters.TelegramsValid);
            // The lines of a rejected telegram are not counted.
            Assert.Equal(0, decoder.Counters.UnknownObis + decoder.Counters.MalformedValues);
        }

        [Fact]
        public void Spec_example_with_its_crc_corrected_decodes_failure_log_and_integer_amps()
        {
            string text = System.Text.Encoding.ASCII.GetString(P1CrcAndFieldTests.Vector(Invalid)).Replace("!EF2F", "!E47C");
            var (decoder, sink, last) = Decode(System.Text.Encoding.ASCII.GetBytes(text));
            Assert.Equal(P1Outcome.Valid, last);
            P1Telegram t = decoder.Telegram;
            var q = ByQuantity(sink);
            Assert.Equal((1L, 0), q[QuantityId.CurrentL1]);
            Assert.Equal((3L, 0), q[QuantityId.CurrentL3]);
            // 1.111 kW imported minus 4.444 kW exported on L1.
            Assert.Equal((-3333L, 0), q[QuantityId.ActivePowerL1]);
            Assert.Equal((-3333L, 0), q[QuantityId.ActivePowerL2]);
            Assert.Equal((-3333L, 0), q[QuantityId.ActivePowerL3]);
            Assert.Equal((12785123L, 3), q[QuantityId.GasVolume]);
            Assert.Equal(2, t.FailureCount);
            Assert.Equal(240L, t.FailureDurationSeconds(0));
            Assert.Equal(301L, t.FailureDurationSeconds(1));
            Assert.True(t.TryFailureEnd(0, out DateTime end));
            Assert.Equal(new DateTime(2010, 12, 8, 14, 24, 15, DateTimeKind.Utc), end);
        }
    }
}
