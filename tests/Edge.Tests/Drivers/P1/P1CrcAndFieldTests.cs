using System;
using System.IO;
using System.Text;
using Edge.Core.Model;
using Edge.Drivers.P1;
using Xunit;

namespace Edge.Tests.Drivers.P1
{
    /// <summary>CRC-16/ARC against its catalogued check value and the vectors' printed CRCs, and the OBIS table's
    /// rows and look-up.</summary>
    public class P1CrcAndFieldTests
    {
        internal static byte[] Vector(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "dsmr", name));

        [Fact]
        public void Crc16_arc_of_123456789_is_the_catalogued_check_value_BB3D()
        {
            byte[] text = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0xBB3D, P1Crc.Compute(text, 0, text.Length));
        }

        [Fact]
        public void Byte_by_byte_update_matches_the_block_update()
        {
            byte[] text = Encoding.ASCII.GetBytes("/ISk5\\2MT382-1000\r\n\r\n1-3:0.2.8(50)\r\n!");
            int crc = P1Crc.Initial;
            foreach (byte b in text)
            {
                crc = P1Crc.Update(crc, b);
            }

            Assert.Equal(P1Crc.Compute(text, 0, text.Length), crc);
        }

        [Fact]
        public void Byte_table_gives_the_same_crc_as_the_nibble_table()
        {
            byte[] telegram = Vector("dsmr_p1_emucs_fluvius_v171.txt");
            ushort[] table = P1Crc.BuildByteTable();
            Assert.Equal(P1Crc.Compute(telegram, 0, telegram.Length), P1Crc.Update(P1Crc.Initial, table, telegram, 0, telegram.Length));
            Assert.Equal(0xBB3D, P1Crc.Update(P1Crc.Initial, table, Encoding.ASCII.GetBytes("123456789"), 0, 9));
        }

        [Theory]
        [InlineData("dsmr_p1_v50_ndokter_ISk5_MT382_3phase_gas.txt", 0x6EEE)]
        [InlineData("dsmr_p1_emucs_fluvius_v171.txt", 0x3AD7)]
        [InlineData("dsmr_p1_sagemcom_t210_d_r_Wh_units.txt", 0x7EF9)]
        [InlineData("dsmr_p1_unpadded_crc_3hexdigits.txt", 0x0B9F)]
        [InlineData("dsmr_p1_v502_spec_example_printed_crc_EF2F_INVALID.txt", 0xE47C)]
        public void Crc_from_slash_through_bang_matches_the_vector(string file, int expected)
        {
            byte[] telegram = Vector(file);
            int bang = Array.IndexOf(telegram, (byte)'!');
            Assert.Equal(expected, P1Crc.Compute(telegram, 0, bang + 1));
        }

        [Theory]
        [InlineData("1-0:21.7.0", QuantityId.ActivePowerL1, 1, P1Unit.Power)]
        [InlineData("1-0:22.7.0", QuantityId.ActivePowerL1, -1, P1Unit.Power)]
        [InlineData("1-0:1.8.1", QuantityId.ActiveEnergyImportT1, 1, P1Unit.Energy)]
        [InlineData("1-0:2.7.0", QuantityId.TotalActivePower, -1, P1Unit.Power)]
        [InlineData("1-0:1.4.0", QuantityId.AverageActivePowerImport, 1, P1Unit.Power)]
        [InlineData("1-0:32.7.0", QuantityId.PhaseVoltageL1, 1, P1Unit.Voltage)]
        [InlineData("1-0:71.7.0", QuantityId.CurrentL3, 1, P1Unit.Current)]
        public void Row_of_an_obis_code_names_its_quantity_sign_and_unit(string obis, QuantityId quantity, int sign, P1Unit unit)
        {
            P1Field row = P1Fields.At(P1Fields.IndexOf(obis));
            Assert.Equal(obis, row.Obis);
            Assert.Equal(quantity, row.Quantity);
            Assert.Equal(sign, row.Sign);
            Assert.Equal(unit, row.Unit);
        }

        [Fact]
        public void Mbus_codes_of_channels_1_to_4_find_the_channel_row()
        {
            int row = P1Fields.IndexOf("0-n:24.2.1");
            Assert.True(P1Fields.At(row).IsChannel);
            for (int channel = 1; channel <= 4; channel++)
            {
                Assert.Equal(row, P1Fields.IndexOf(P1Fields.Pack(0, channel, 24, 2, 1)));
            }

            Assert.Equal(-1, P1Fields.IndexOf(P1Fields.Pack(1, 1, 24, 2, 1)));
        }

        [Fact]
        public void Packed_codes_of_every_row_are_distinct_and_found_again()
        {
            for (int i = 0; i < P1Fields.Count; i++)
            {
                P1Field row = P1Fields.At(i);
                Assert.Equal(i, P1Fields.IndexOf(row.Code));
                Assert.Equal(i, P1Fields.IndexOf(row.Obis));
            }
        }

        [Fact]
        public void Unknown_code_has_no_row()
        {
            Assert.Equal(-1, P1Fields.IndexOf(P1Fields.Pack(1, 0, 99, 1, 0)));
            Assert.Equal(-1, P1Fields.IndexOf("1-0:99.1.0"));
        }
    }
}
