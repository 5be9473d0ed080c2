#nullable disable
using System;
using Edge.Core.Model;
using Edge.DeviceTests.Support;
using Edge.DeviceTests.Vectors;
using Edge.Drivers.P1;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.P1
{
    /// <summary>
    /// The real DSMR P1 telegrams of the reference set (embedded byte for byte in Vectors/P1Vectors.cs) decoded on the
    /// runtime that runs the driver, to the values tests/Edge.Tests/TestData/dsmr/ORIGIN.md lists. Telegram layout and
    /// CRC-16 (from '/' through '!'): DSMR 5.0.2 P1 Companion Standard §6.2 and §6.4; value units as printed (§6.5).
    /// </summary>
    [TestClass]
    public class P1TelegramTests
    {
        /// <summary>The node's clock when the telegrams arrive: every reading carries it.</summary>
        private static readonly DateTime Now = new DateTime(2026, 12, 2, 12, 0, 0);

        private static P1TelegramDecoder _decoder;
        private static ReadingLog _readings;
        private static P1Outcome _last;

        [TestMethod]
        public void Decodes_a_dsmr5_three_phase_telegram_with_gas_to_its_listed_values()
        {
            int valid = Decode(P1Vectors.Isk5ThreePhaseGas(), false, 0);

            Assert.AreEqual(1, valid);
            Assert.AreEqual((int)P1Outcome.Valid, (int)_last);
            P1Telegram t = _decoder.Telegram;
            Assert.AreEqual(50, t.Version);
            Assert.IsTrue(t.HadCrc);
            Assert.AreEqual(0x6EEE, t.Crc);
            Assert.AreEqual("/ISk5\\2MT382-1000", t.Header);
            // 170102192002W: 19:20:02 local winter time, UTC+1.
            Assert.AreEqual(new DateTime(2017, 1, 2, 18, 20, 2), t.MeterTime);

            // Energies in Wh, powers in W, voltages in V, currents in A, gas in m3: mantissa and decimals.
            Expect(QuantityId.ActiveEnergyImportT1, 4426, 0);
            Expect(QuantityId.ActiveEnergyImportT2, 2399, 0);
            Expect(QuantityId.ActiveEnergyExportT1, 2444, 0);
            Expect(QuantityId.ActiveEnergyExportT2, 0, 0);
            Expect(QuantityId.TotalActiveEnergyImport, 4426 + 2399, 0); // no 1.8.0: the tariff registers' sum
            Expect(QuantityId.TotalActiveEnergyExport, 2444, 0);
            Expect(QuantityId.TariffPeriod, 2, 0);
            Expect(QuantityId.TotalActivePower, 244, 0);
            Expect(QuantityId.PhaseVoltageL1, 2300, 1);
            Expect(QuantityId.PhaseVoltageL2, 2300, 1);
            Expect(QuantityId.PhaseVoltageL3, 2290, 1);
            Expect(QuantityId.CurrentL1, 48, 2);
            Expect(QuantityId.CurrentL2, 44, 2);
            Expect(QuantityId.CurrentL3, 86, 2);
            Expect(QuantityId.ActivePowerL1, 70, 0);
            Expect(QuantityId.ActivePowerL2, 32, 0);
            Expect(QuantityId.ActivePowerL3, 142, 0);
            Expect(QuantityId.GasVolume, 107, 3);
            Assert.AreEqual(18, _readings.Count);
            Assert.AreEqual(Now, _readings.At(0).Time);

            Assert.AreEqual(3, t.DeviceType(1)); // M-Bus device type 3: gas (EN 13757-3 table 3)
            DateTime gasTime;
            Assert.IsTrue(t.TryChannelTime(1, out gasTime));
            Assert.AreEqual(new DateTime(2017, 1, 2, 15, 10, 5), gasTime);
            Assert.AreEqual(13L, t.Value(P1Fields.IndexOf("0-0:96.7.21")));
            Assert.IsFalse(t.HasChannel(2)); // channel 2 states gas but sends no value
            P1Counters c = _decoder.Counters;
            Assert.AreEqual(0L, c.Rejected);
            Assert.AreEqual(0L, c.UnknownObis + c.MalformedLines + c.MalformedValues + c.MalformedTimestamps + c.UnmappedChannels);
        }

        [TestMethod]
        public void Decodes_an_emucs_telegram_with_its_monthly_peak_gas_and_water()
        {
            Decode(P1Vectors.EmucsFluvius(), false, 0);

            Assert.AreEqual((int)P1Outcome.Valid, (int)_last);
            P1Telegram t = _decoder.Telegram;
            Assert.AreEqual(0x3AD7, t.Crc);
            Assert.AreEqual(50217, t.Version);
            Expect(QuantityId.AverageActivePowerImport, 2351, 0);
            Expect(QuantityId.PhaseVoltageL1, 2347, 1);
            Expect(QuantityId.GasVolume, 112384, 3);
            Expect(QuantityId.WaterVolume, 872234, 3);
            Expect(QuantityId.TotalActiveEnergyImport, 15792, 0);
            Expect(QuantityId.TotalActiveEnergyExport, 11, 0);

            int peak = P1Fields.IndexOf("1-0:1.6.0");
            Assert.AreEqual(2589L, t.Value(peak));
            DateTime peakTime;
            Assert.IsTrue(t.TryTime(peak, out peakTime));
            Assert.AreEqual(new DateTime(2020, 5, 9, 11, 45, 58), peakTime); // 200509134558S: summer time, UTC+2
            Assert.AreEqual(3, t.PeakCount);
            int decimals;
            Assert.AreEqual(3695L, t.PeakValueOf(0, out decimals));
            Assert.AreEqual(0, decimals);
            Assert.AreEqual(5980L, t.PeakValueOf(1, out decimals));
            Assert.AreEqual(4318L, t.PeakValueOf(2, out decimals));
            Assert.AreEqual(7, t.DeviceType(2)); // water
        }

        [TestMethod]
        public void Reads_a_telegram_in_wh_and_var_by_its_printed_units()
        {
            Decode(P1Vectors.SagemcomWhUnits(), false, 0);

            Assert.AreEqual((int)P1Outcome.Valid, (int)_last);
            Assert.AreEqual(0x7EF9, _decoder.Telegram.Crc);
            Expect(QuantityId.TotalActiveEnergyImport, 6545766, 0);
            Expect(QuantityId.ActiveEnergyImportT1, 5017120, 0);
            Expect(QuantityId.ActiveEnergyImportT2, 1528646, 0);
            Expect(QuantityId.TotalActivePower, 286, 0);
            Expect(QuantityId.TotalReactiveEnergyExport, 3897726, 0);
            Expect(QuantityId.TotalReactivePower, -166, 0); // +Q 0 var minus -Q 166 var
        }

        [TestMethod]
        public void Takes_an_unpadded_three_digit_crc_and_gives_heat_in_joules()
        {
            Decode(P1Vectors.HeatUnpaddedCrc(), false, 0);

            Assert.AreEqual((int)P1Outcome.Valid, (int)_last);
            Assert.AreEqual(0x0B9F, _decoder.Telegram.Crc); // printed "B9F"
            Expect(QuantityId.HeatEnergy, 240860000000L, 0); // 240.860 GJ
            Assert.AreEqual(1, _readings.Count);
            Assert.AreEqual(4, _decoder.Telegram.DeviceType(1)); // heat
        }

        [TestMethod]
        public void Takes_a_dsmr22_telegram_without_crc_only_on_a_line_set_up_for_dsmr22()
        {
            Decode(P1Vectors.Dsmr22NoCrc(), true, 0);
            Assert.AreEqual((int)P1Outcome.Valid, (int)_last);
            Assert.IsFalse(_decoder.Telegram.HadCrc);
            Assert.AreEqual(-1, _decoder.Telegram.Version);
            Expect(QuantityId.TotalActiveEnergyImport, 2002, 0);
            Expect(QuantityId.TotalActivePower, 1010, 0);
            Expect(QuantityId.GasVolume, 1001, 3); // "(00001.001)" on the line after the profile's "(m3)"

            Decode(P1Vectors.Dsmr22NoCrc(), false, 0);
            Assert.AreEqual((int)P1Outcome.MissingCrc, (int)_last);
            Assert.AreEqual(0, _readings.Count);
            Assert.AreEqual(1L, _decoder.Counters.RejectedMissingCrc);
        }

        [TestMethod]
        public void Rejects_the_spec_example_whose_printed_crc_is_wrong_and_counts_it()
        {
            int valid = Decode(P1Vectors.SpecExampleBadCrc(), true, 0);

            Assert.AreEqual(0, valid);
            Assert.AreEqual((int)P1Outcome.BadCrc, (int)_last);
            Assert.AreEqual(0, _readings.Count);
            Assert.AreEqual(1L, _decoder.Counters.RejectedCrc);
            Assert.AreEqual(0L, _decoder.Counters.TelegramsValid);
            Assert.AreEqual(0L, _decoder.Counters.UnknownObis + _decoder.Counters.MalformedValues);
        }

        [TestMethod]
        public void Rejects_a_telegram_with_one_digit_damaged_by_its_crc()
        {
            byte[] bytes = P1Vectors.Isk5ThreePhaseGas();
            // "1-0:1.8.1(000004.426*kWh)": the 4 of 4.426 becomes a 5, a plausible value only the CRC can refuse.
            int at = IndexOf(bytes, "000004.426") + 5;
            Assert.AreEqual((byte)'4', bytes[at]);
            bytes[at] = (byte)'5';

            int valid = Decode(bytes, false, 0);

            Assert.AreEqual(0, valid);
            Assert.AreEqual((int)P1Outcome.BadCrc, (int)_last);
            Assert.AreEqual(0, _readings.Count);
            Assert.AreEqual(1L, _decoder.Counters.Telegrams);
            Assert.AreEqual(1L, _decoder.Counters.RejectedCrc);
        }

        [TestMethod]
        public void Decodes_a_telegram_split_across_reads_of_any_size()
        {
            // A UART read returns what arrived: 1 byte, a FIFO's worth, or a line cut anywhere (even inside the CRC).
            int[] blocks = new int[] { 1, 3, 7, 64, 120, 889 };
            for (int b = 0; b < blocks.Length; b++)
            {
                int valid = Decode(P1Vectors.Isk5ThreePhaseGas(), false, blocks[b]);

                Assert.AreEqual(1, valid, "block of " + blocks[b].ToString());
                Assert.AreEqual(0x6EEE, _decoder.Telegram.Crc);
                Expect(QuantityId.TotalActiveEnergyImport, 6825, 0);
                Expect(QuantityId.GasVolume, 107, 3);
                Assert.AreEqual(18, _readings.Count);
            }
        }

        [TestMethod]
        public void Refuses_a_telegram_cut_by_the_next_and_decodes_the_next()
        {
            byte[] first = P1Vectors.Isk5ThreePhaseGas();
            byte[] second = P1Vectors.SagemcomWhUnits();
            // The first loses its end (bytes lost on the line), the second follows whole.
            int cut = IndexOf(first, "1-0:31.7.0");
            byte[] line = new byte[cut + second.Length];
            Array.Copy(first, 0, line, 0, cut);
            Array.Copy(second, 0, line, cut, second.Length);

            int valid = Decode(line, false, 5);

            Assert.AreEqual(1, valid);
            Assert.AreEqual(1L, _decoder.Counters.RejectedTruncated);
            Assert.AreEqual(2L, _decoder.Counters.Telegrams);
            Assert.AreEqual(0x7EF9, _decoder.Telegram.Crc);
            Expect(QuantityId.TotalActiveEnergyImport, 6545766, 0);
            Assert.IsFalse(_readings.Has(QuantityId.GasVolume)); // nothing of the cut telegram
        }

        /// <summary>Feeds <paramref name="bytes"/> to a new decoder in reads of <paramref name="block"/> bytes (0: all
        /// at once); returns how many valid telegrams ended.</summary>
        private static int Decode(byte[] bytes, bool acceptsNoCrc, int block)
        {
            _decoder = new P1TelegramDecoder(acceptsNoCrc);
            _readings = new ReadingLog();
            _last = P1Outcome.None;
            int size = block == 0 ? bytes.Length : block;
            int valid = 0;
            for (int at = 0; at < bytes.Length; at += size)
            {
                int count = bytes.Length - at < size ? bytes.Length - at : size;
                P1Outcome last;
                valid += _decoder.ReadAll(bytes, at, count, Now, _readings, out last);
                if (last != P1Outcome.None)
                {
                    _last = last;
                }
            }

            return valid;
        }

        private static void Expect(QuantityId quantity, long value, int decimals)
        {
            Assert.IsTrue(_readings.Has(quantity), "no reading of " + ((int)quantity).ToString());
            Assert.AreEqual(1, _readings.CountOf(quantity));
            Reading r = _decoder.Telegram.ReadingOf(quantity, Now);
            Assert.AreEqual(value, _readings.Last(quantity));
            Assert.AreEqual(value, r.Value);
            Assert.AreEqual(decimals, (int)r.Decimals);
        }

        private static int IndexOf(byte[] bytes, string text)
        {
            for (int i = 0; i + text.Length <= bytes.Length; i++)
            {
                int k = 0;
                while (k < text.Length && bytes[i + k] == (byte)text[k])
                {
                    k++;
                }

                if (k == text.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
