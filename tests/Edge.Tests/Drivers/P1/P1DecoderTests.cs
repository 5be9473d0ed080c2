using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Edge.Core.Model;
using Edge.Drivers.P1;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.P1
{
    /// <summary>The decoder fed in blocks of every size, the quirks of real meters, refusals by cause, and no
    /// allocation per telegram.</summary>
    public class P1DecoderTests
    {
        internal static readonly string[] CrcVectors = [P1VectorTests.Isk5, P1VectorTests.Emucs, P1VectorTests.WhUnits, P1VectorTests.Heat];

        /// <summary>The readings as text, for comparing two decodings.</summary>
        internal static string Summary(RecordingSink sink) =>
            string.Join(";", sink.Readings.Select(r => $"{r.Quantity}={r.Value}e-{r.Decimals}"));

        /// <summary>A telegram built from its data lines, with its CRC computed and printed in 4 hex digits.</summary>
        internal static byte[] Telegram(params string[] lines)
        {
            string body = "/TST5\\2TEST\r\n\r\n1-3:0.2.8(50)\r\n" + string.Concat(lines.Select(l => l + "\r\n")) + "!";
            byte[] bytes = Encoding.ASCII.GetBytes(body);
            return Encoding.ASCII.GetBytes(body + P1Crc.Compute(bytes, 0, bytes.Length).ToString("X4") + "\r\n");
        }

        [Fact]
        public void Blocks_of_every_size_give_the_same_readings_as_the_whole_telegram()
        {
            foreach (string file in CrcVectors.Append(P1VectorTests.V22))
            {
                byte[] bytes = P1CrcAndFieldTests.Vector(file);
                bool legacy = file == P1VectorTests.V22;
                string whole = Summary(P1VectorTests.Decode(bytes, legacy).Sink);
                Assert.NotEmpty(whole);
                for (int size = 1; size <= bytes.Length; size++)
                {
                    var decoder = new P1TelegramDecoder(legacy);
                    var sink = new RecordingSink();
                    int valid = 0;
                    for (int at = 0; at < bytes.Length; at += size)
                    {
                        valid += decoder.ReadAll(bytes, at, Math.Min(size, bytes.Length - at), P1VectorTests.Now, sink, out _);
                    }

                    Assert.Equal(1, valid);
                    Assert.Equal(whole, Summary(sink));
                }
            }
        }

        [Fact]
        public void Back_to_back_telegrams_with_noise_between_each_decode()
        {
            byte[] one = P1CrcAndFieldTests.Vector(P1VectorTests.Isk5);
            byte[] noise = [0x00, 0xFF, (byte)'x', (byte)'!', (byte)'1'];
            byte[] stream = [.. noise, .. one, .. one, .. noise, .. one];
            var (decoder, sink, last) = P1VectorTests.Decode(stream);
            Assert.Equal(P1Outcome.Valid, last);
            Assert.Equal(3, decoder.Counters.TelegramsValid);
            Assert.Equal(54, sink.Readings.Count);
            Assert.Equal(2 * noise.Length, decoder.Counters.StrayBytes);
        }

        [Fact]
        public void Crc_printed_in_lower_case_or_unpadded_is_accepted()
        {
            byte[] full = Telegram("1-0:1.8.1(000001.000*kWh)");
            string text = Encoding.ASCII.GetString(full);
            int bang = text.IndexOf('!');
            int crc = Convert.ToInt32(text.Substring(bang + 1, 4), 16);
            foreach (string printed in new[] { crc.ToString("x4"), crc.ToString("X") })
            {
                byte[] bytes = Encoding.ASCII.GetBytes(text[..(bang + 1)] + printed + "\r\n");
                Assert.Equal(P1Outcome.Valid, P1VectorTests.Decode(bytes).Last);
            }
        }

        [Fact]
        public void Crc_field_of_five_digits_is_refused()
        {
            string text = Encoding.ASCII.GetString(Telegram("1-0:1.8.1(000001.000*kWh)"));
            int bang = text.IndexOf('!');
            byte[] bytes = Encoding.ASCII.GetBytes(text[..(bang + 1)] + "0" + text[(bang + 1)..]);
            var (decoder, sink, last) = P1VectorTests.Decode(bytes);
            Assert.Equal(P1Outcome.BadCrc, last);
            Assert.Empty(sink.Readings);
        }

        [Fact]
        public void Telegram_cut_by_the_next_header_is_counted_truncated_and_the_next_one_decodes()
        {
            byte[] one = P1CrcAndFieldTests.Vector(P1VectorTests.Isk5);
            byte[] stream = [.. one[..400], .. one];
            var (decoder, sink, last) = P1VectorTests.Decode(stream);
            Assert.Equal(1, decoder.Counters.RejectedTruncated);
            Assert.Equal(1, decoder.Counters.TelegramsValid);
            Assert.Equal(18, sink.Readings.Count);
        }

        [Fact]
        public void Line_longer_than_the_buffer_refuses_its_telegram()
        {
            byte[] bytes = Telegram("0-0:96.13.0(" + new string('3', P1TelegramDecoder.MaxLineLength) + ")", "1-0:1.8.1(000001.000*kWh)");
            var (decoder, sink, _) = P1VectorTests.Decode(bytes);
            Assert.Equal(1, decoder.Counters.RejectedLineTooLong);
            Assert.Empty(sink.Readings);
        }

        [Fact]
        public void Longest_text_message_of_dsmr5_fits_the_line()
        {
            byte[] bytes = Telegram("0-0:96.13.0(" + new string('3', 2048) + ")", "1-0:1.8.1(000001.000*kWh)");
            var (_, sink, last) = P1VectorTests.Decode(bytes);
            Assert.Equal(P1Outcome.Valid, last);
            Assert.Contains(sink.Readings, r => r.Quantity == QuantityId.ActiveEnergyImportT1 && r.Value == 1000);
        }

        [Fact]
        public void Unknown_obis_codes_are_counted_and_skipped()
        {
            var (decoder, sink, last) = P1VectorTests.Decode(Telegram("1-0:99.1.0(123)", "1-0:1.8.1(000001.500*kWh)", "1-0:1.8.2(000000.500*kWh)"));
            Assert.Equal(P1Outcome.Valid, last);
            Assert.Equal(1, decoder.Counters.UnknownObis);
            Assert.Equal(2000, P1VectorTests.ByQuantity(sink)[QuantityId.TotalActiveEnergyImport].Value);
        }

        [Theory]
        [InlineData("1-0:1.8.1(000001.000*kW)")]
        [InlineData("1-0:1.8.1(000001.000)")]
        [InlineData("1-0:1.8.1(000001.000*kWhh)")]
        [InlineData("1-0:1.8.1(00000A.000*kWh)")]
        [InlineData("1-0:1.8.1(000001.*kWh)")]
        [InlineData("1-0:1.8.1()")]
        [InlineData("1-0:32.7.0(230.0*kV)")]
        [InlineData("0-0:96.14.0(0001.5)")]
        public void Value_of_the_wrong_unit_or_shape_is_refused_and_counted_while_the_telegram_stands(string line)
        {
            var (decoder, sink, last) = P1VectorTests.Decode(Telegram(line, "1-0:2.8.1(000002.000*kWh)"));
            Assert.Equal(P1Outcome.Valid, last);
            Assert.Equal(1, decoder.Counters.MalformedValues);
            var q = P1VectorTests.ByQuantity(sink);
            Assert.False(q.ContainsKey(QuantityId.ActiveEnergyImportT1));
            Assert.False(q.ContainsKey(QuantityId.PhaseVoltageL1));
            Assert.Equal((2000L, 0), q[QuantityId.ActiveEnergyExportT1]);
        }

        [Fact]
        public void Malformed_line_is_counted()
        {
            var (decoder, _, last) = P1VectorTests.Decode(Telegram("garbage", "1-0:1.8.1(000001.000*kWh)"));
            Assert.Equal(P1Outcome.Valid, last);
            Assert.Equal(1, decoder.Counters.MalformedLines);
        }

        [Fact]
        public void Malformed_timestamp_is_counted_and_its_value_kept_without_a_time()
        {
            var (decoder, sink, last) = P1VectorTests.Decode(Telegram(
                "0-0:1.0.0(171302192002W)",
                "1-0:1.6.0(632525252525W)(02.589*kW)",
                "0-1:24.1.0(003)",
                "0-1:24.2.1(170102161005X)(00000.107*m3)"));
            Assert.Equal(P1Outcome.Valid, last);
            P1Telegram t = decoder.Telegram;
            Assert.Equal(3, decoder.Counters.MalformedTimestamps);
            Assert.False(t.HasMeterTime);
            int peak = P1Fields.IndexOf("1-0:1.6.0");
            Assert.True(t.Has(peak));
            Assert.Equal(2589, t.Value(peak));
            Assert.False(t.TryTime(peak, out _));
            Assert.False(t.TryChannelTime(1, out _));
            Assert.Equal((107L, 3), P1VectorTests.ByQuantity(sink)[QuantityId.GasVolume]);
        }

        [Fact]
        public void Summer_and_winter_letters_give_utc_plus_two_and_plus_one()
        {
            var (decoder, _, _) = P1VectorTests.Decode(Telegram("0-0:1.0.0(260701120000S)"));
            Assert.Equal(new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc), decoder.Telegram.MeterTime);
            (decoder, _, _) = P1VectorTests.Decode(Telegram("0-0:1.0.0(260101000000W)"));
            Assert.Equal(new DateTime(2025, 12, 31, 23, 0, 0, DateTimeKind.Utc), decoder.Telegram.MeterTime);
        }

        [Fact]
        public void Exported_power_gives_negative_signed_phase_and_total_power()
        {
            var q = P1VectorTests.ByQuantity(P1VectorTests.Decode(Telegram(
                "1-0:1.7.0(00.000*kW)", "1-0:2.7.0(01.250*kW)", "1-0:21.7.0(00.100*kW)", "1-0:22.7.0(00.000*kW)",
                "1-0:41.7.0(00.000*kW)", "1-0:42.7.0(00.675*kW)")).Sink);
            Assert.Equal((-1250L, 0), q[QuantityId.TotalActivePower]);
            Assert.Equal((100L, 0), q[QuantityId.ActivePowerL1]);
            Assert.Equal((-675L, 0), q[QuantityId.ActivePowerL2]);
            Assert.False(q.ContainsKey(QuantityId.ActivePowerL3));
        }

        [Fact]
        public void Import_and_export_of_different_precisions_are_aligned_before_the_difference()
        {
            var q = P1VectorTests.ByQuantity(P1VectorTests.Decode(Telegram("1-0:21.7.0(0.1234*kW)", "1-0:22.7.0(3*W)")).Sink);
            // 123.4 W minus 3 W.
            Assert.Equal((1204L, 1), q[QuantityId.ActivePowerL1]);
        }

        [Fact]
        public void Channel_without_a_device_type_or_with_a_unit_against_it_is_counted_unmapped()
        {
            var (decoder, sink, _) = P1VectorTests.Decode(Telegram(
                "0-1:24.2.1(170102161005W)(00000.107*m3)",
                "0-2:24.1.0(004)",
                "0-2:24.2.1(170102161005W)(00000.107*m3)"));
            Assert.Equal(2, decoder.Counters.UnmappedChannels);
            Assert.Empty(sink.Readings);
        }

        [Fact]
        public void Steady_state_decoding_allocates_nothing_per_telegram()
        {
            byte[][] telegrams = CrcVectors.Select(P1CrcAndFieldTests.Vector).ToArray();
            var decoder = new P1TelegramDecoder(false);
            var sink = new CountingSink();
            void DecodeAll()
            {
                foreach (byte[] t in telegrams)
                {
                    decoder.ReadAll(t, 0, t.Length, P1VectorTests.Now, sink, out _);
                }
            }

            // Warmed up well past the JIT's tier-up threshold, so that the loop measured runs the final code.
            for (int i = 0; i < 100; i++)
            {
                DecodeAll();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++)
            {
                DecodeAll();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(300 * telegrams.Length, decoder.Counters.TelegramsValid);
            Assert.Equal(300 * telegrams.Sum(t => P1VectorTests.Decode(t).Sink.Readings.Count), sink.Count);
        }

        internal sealed class CountingSink : IReadingSink
        {
            public int Count;

            public void Add(Reading reading) => Count++;

            public void AddEvent(MeterEventKind kind, Reading reading) => Count++;
        }
    }
}
