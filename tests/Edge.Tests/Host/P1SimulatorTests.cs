using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Edge.Core.Meters;
using Edge.Core.Platform;
using Edge.Drivers.P1;
using Edge.Host.Protocols;
using Edge.Host.Protocols.P1;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Host
{
    /// <summary>The simulated DSMR 5 meter: its telegrams, their formats and CRC, its registers and its line.</summary>
    public class P1SimulatorTests
    {
        private static readonly DateTime Winter = Utc.At("2026-12-02T10:00:00Z"); // a Wednesday, 11:00 local (CET)

        [Fact]
        public void Telegram_is_framed_from_slash_to_bang_with_the_crc_of_those_bytes()
        {
            byte[] telegram = P1TelegramWriter.Telegram("ISk5\\2MT382-1000", [P1TelegramWriter.Line("1-0:1.8.1", "000004.426*kWh")]);
            string text = Encoding.ASCII.GetString(telegram);

            Assert.StartsWith("/ISk5\\2MT382-1000\r\n\r\n1-0:1.8.1(000004.426*kWh)\r\n!", text);
            int bang = text.IndexOf('!');
            Assert.Equal(P1Crc.Compute(telegram, 0, bang + 1).ToString("X4"), text[(bang + 1)..^2]);
            Assert.EndsWith("\r\n", text);
            Assert.Equal(bang + 7, text.Length);
        }

        [Fact]
        public void Old_telegrams_end_at_the_bang()
        {
            string text = Encoding.ASCII.GetString(P1TelegramWriter.TelegramWithoutCrc("ISk5\\2MT382-1004", [P1TelegramWriter.Line("1-0:1.8.1", "00001.001*kWh")]));
            Assert.Equal("/ISk5\\2MT382-1004\r\n\r\n1-0:1.8.1(00001.001*kWh)\r\n!\r\n", text);
        }

        [Theory]
        [InlineData(4426, 9, 3, "kWh", "000004.426*kWh")]
        [InlineData(244, 5, 3, "kW", "00.244*kW")]
        [InlineData(2301, 4, 1, "V", "230.1*V")]
        [InlineData(3, 3, 0, "A", "003*A")]
        [InlineData(107, 8, 3, "m3", "00000.107*m3")]
        [InlineData(1_000_000_123, 9, 3, "kWh", "000000.123*kWh")]
        [InlineData(13, 5, 0, null, "00013")]
        public void Values_have_the_fixed_width_and_unit_of_the_standards_formats(long count, int digits, int decimals, string? unit, string expected)
        {
            Assert.Equal(expected, P1TelegramWriter.Fixed(count, digits, decimals, unit));
        }

        [Theory]
        [InlineData("2026-12-02T10:00:00Z", "261202110000W")]
        [InlineData("2026-07-01T10:00:00Z", "260701120000S")]
        [InlineData("2026-03-29T00:59:59Z", "260329015959W")]
        [InlineData("2026-03-29T01:00:00Z", "260329030000S")]
        [InlineData("2026-10-25T00:59:59Z", "261025025959S")]
        [InlineData("2026-10-25T01:00:00Z", "261025020000W")]
        public void Timestamps_are_local_time_with_s_in_summer_and_w_in_winter(string utc, string expected)
        {
            Assert.Equal(expected, P1TelegramWriter.Timestamp(Utc.At(utc)));
        }

        [Fact]
        public void Meter_writes_every_object_of_a_dsmr5_three_phase_meter_with_gas_in_the_standards_order()
        {
            var meter = new SimulatedP1Meter(_ => 1150, Winter, 4_210_000, seed: 1);
            meter.AdvanceTo(Winter.AddSeconds(30));
            Dictionary<string, string> objects = Objects(meter.TelegramAt(Winter.AddSeconds(30)));

            Assert.Equal(
                ["1-3:0.2.8", "0-0:1.0.0", "0-0:96.1.1", "1-0:1.8.1", "1-0:1.8.2", "1-0:2.8.1", "1-0:2.8.2", "0-0:96.14.0", "1-0:1.7.0", "1-0:2.7.0",
                 "0-0:96.7.21", "0-0:96.7.9", "1-0:99.97.0", "1-0:32.32.0", "1-0:52.32.0", "1-0:72.32.0", "1-0:32.36.0", "1-0:52.36.0", "1-0:72.36.0", "0-0:96.13.0",
                 "1-0:32.7.0", "1-0:52.7.0", "1-0:72.7.0", "1-0:31.7.0", "1-0:51.7.0", "1-0:71.7.0", "1-0:21.7.0", "1-0:41.7.0", "1-0:61.7.0", "1-0:22.7.0", "1-0:42.7.0", "1-0:62.7.0",
                 "0-1:24.1.0", "0-1:96.1.0", "0-1:24.2.1"],
                objects.Keys);
            Assert.Equal("(50)", objects["1-3:0.2.8"]);
            Assert.Equal("(261202110030W)", objects["0-0:1.0.0"]);

            // 4,210 kWh at commissioning, 40 % in tariff 1; a weekday at 11:00 is tariff 2 (normal), 1150 W for 30 s is 9.58 Wh.
            Assert.Equal("(001684.000*kWh)", objects["1-0:1.8.1"]);
            Assert.Equal("(002526.009*kWh)", objects["1-0:1.8.2"]);
            Assert.Equal("(000000.000*kWh)", objects["1-0:2.8.1"]);
            Assert.Equal("(0002)", objects["0-0:96.14.0"]);
            Assert.Equal("(01.150*kW)", objects["1-0:1.7.0"]);
            Assert.Equal(4_210_009, meter.RegisterWh);

            // The load shared 40/35/25 % over the phases.
            Assert.Equal(("(00.460*kW)", "(00.402*kW)", "(00.288*kW)"), (objects["1-0:21.7.0"], objects["1-0:41.7.0"], objects["1-0:61.7.0"]));
            Assert.Matches(@"^\(2[23]\d\.\d\*V\)$", objects["1-0:52.7.0"]);
            Assert.Equal("(002*A)", objects["1-0:31.7.0"]);
            Assert.Equal("(1)(0-0:96.7.19)(261109060000W)(0000000240*s)", objects["1-0:99.97.0"]);

            // The gas meter on channel 1, read at the last five-minute boundary, its identifier an octet string.
            Assert.Equal("(003)", objects["0-1:24.1.0"]);
            Assert.Equal("(" + Convert.ToHexString(Encoding.ASCII.GetBytes(SimulatedP1Meter.GasEquipmentId)) + ")", objects["0-1:96.1.0"]);
            Assert.Equal("(261202110000W)(03481.217*m3)", objects["0-1:24.2.1"]);
        }

        [Fact]
        public void Gas_reading_moves_on_every_five_minutes_with_its_capture_time()
        {
            var meter = new SimulatedP1Meter(_ => 500, Winter, 0, seed: 1);
            meter.AdvanceTo(Winter.AddMinutes(4).AddSeconds(59));
            Assert.Equal((Winter, SimulatedP1Meter.InitialGasM3), meter.GasReading);

            meter.AdvanceTo(Winter.AddMinutes(5));
            // 11:00 local: 0.10 m3/h for five minutes.
            Assert.Equal(Winter.AddMinutes(5), meter.GasReading.Utc);
            Assert.Equal(SimulatedP1Meter.InitialGasM3 + (0.10 / 12), meter.GasReading.M3, 9);
            Assert.Equal("(261202110500W)(03481.225*m3)", Objects(meter.TelegramAt(Winter.AddMinutes(5)))["0-1:24.2.1"]);
        }

        [Theory]
        [InlineData("2026-12-02T21:59:59Z", false)] // Wednesday 22:59:59 local
        [InlineData("2026-12-02T22:00:00Z", true)]  // Wednesday 23:00 local
        [InlineData("2026-12-03T05:59:59Z", true)]  // Thursday 06:59:59 local
        [InlineData("2026-12-03T06:00:00Z", false)] // Thursday 07:00 local
        [InlineData("2026-12-05T12:00:00Z", true)]  // Saturday noon
        [InlineData("2026-07-01T21:30:00Z", true)]  // Wednesday 23:30 summer time
        public void Low_tariff_is_the_dutch_night_and_weekend(string utc, bool low)
        {
            Assert.Equal(low, SimulatedP1Meter.IsLowTariff(Utc.At(utc)));
        }

        [Fact]
        public void Night_energy_goes_to_tariff_1_and_the_indicator_says_so()
        {
            DateTime night = Utc.At("2026-12-02T22:00:00Z");
            var meter = new SimulatedP1Meter(_ => 3600, night, 0, seed: 1);
            meter.AdvanceTo(night.AddMinutes(10));

            Assert.Equal((600.0, 0.0), (meter.ImportT1Wh, meter.ImportT2Wh));
            Assert.Equal("(0001)", Objects(meter.TelegramAt(night.AddMinutes(10)))["0-0:96.14.0"]);
        }

        [Fact]
        public void Line_sends_a_telegram_a_second_at_115200_baud_while_data_is_requested()
        {
            var meter = new SimulatedP1Meter(_ => 800, Winter, 4_210_000, seed: 1);
            var line = new VirtualP1SerialPort(meter, Winter, seed: 2);
            line.Open(VirtualP1SerialPort.Dsmr5Baud, 8, SerialParity.None, 1);
            byte[] first = meter.TelegramAt(Winter);

            // At 10 bits a byte, byte i starts i x 86.8 us into the telegram: 104 of them by 9 ms.
            line.AdvanceTo(9);
            var buffer = new byte[4096];
            Assert.Equal(first[..104], buffer[..line.Read(buffer, 0, buffer.Length)]);

            line.AdvanceTo(999);
            Assert.Equal(1, line.FramesSent);
            line.AdvanceTo(10_000);
            Assert.Equal(11, line.FramesSent);

            line.DataRequest = false;
            line.AdvanceTo(20_000);
            Assert.Equal(11, line.FramesSent);
        }

        [Fact]
        public void Line_opened_at_the_wrong_speed_gives_no_telegram_start()
        {
            var meter = new SimulatedP1Meter(_ => 800, Winter, 4_210_000, seed: 1);
            var line = new VirtualP1SerialPort(meter, Winter, seed: 2);
            line.Open(9600, 7, SerialParity.Even, 1);
            line.AdvanceTo(5_000);
            var buffer = new byte[8192];
            int read = line.Read(buffer, 0, buffer.Length);

            Assert.True(read > 4000);
            Assert.DoesNotContain("ISk5", Encoding.ASCII.GetString(buffer, 0, read));
        }

        [Fact]
        public void Bit_errors_on_the_line_are_refused_by_the_crc_and_counted_and_the_meter_stays_ready()
        {
            // 1 byte in 2,000 damaged: about a third of the 900-byte telegrams.
            var options = new SimulationOptions { Meter = P1Protocol.Dsmr5, StartUtc = Winter, Seed = 7, BitErrorRate = 0.0005 };
            var simulation = new NodeSimulation(options, new FakeMqttLink());
            simulation.Run(TimeSpan.FromMinutes(2));

            P1MeterRig rig = (P1MeterRig)simulation.Meter;
            P1Counters counters = rig.Meter.Counters;
            Assert.InRange(counters.RejectedCrc, 20, 80);
            Assert.InRange(counters.TelegramsValid, 40, 100);
            // Every telegram sent is seen; a bit flipped into a '/' starts one more, cut short by the real one.
            Assert.InRange(counters.Telegrams, rig.Line.FramesSent - 1, rig.Line.FramesSent + 5);
            // Each one that ended is valid or refused by cause; the last may still be under way.
            Assert.InRange(counters.TelegramsValid + counters.Rejected, counters.Telegrams - 1, counters.Telegrams);
            Assert.Equal(MeterState.Ready, rig.Meter.State);
        }

        [Fact]
        public void A_line_that_cuts_every_telegram_fails_the_meter_in_health()
        {
            var options = new SimulationOptions { Meter = P1Protocol.Dsmr5, StartUtc = Winter, Seed = 7, CutFrameRate = 1 };
            var simulation = new NodeSimulation(options, new FakeMqttLink());
            simulation.Run(TimeSpan.FromSeconds(30));

            P1MeterRig rig = (P1MeterRig)simulation.Meter;
            Assert.Equal(0, rig.Meter.Counters.TelegramsValid);
            Assert.True(rig.Meter.Counters.RejectedTruncated >= P1Meter.FailAfter);
            Assert.Equal(MeterState.Failed, rig.Meter.State);
        }

        /// <summary>The telegram's objects by OBIS reference, each with its values as sent; its CRC checked.</summary>
        private static Dictionary<string, string> Objects(byte[] telegram)
        {
            string text = Encoding.ASCII.GetString(telegram);
            int bang = text.IndexOf('!');
            Assert.Equal(P1Crc.Compute(telegram, 0, bang + 1).ToString("X4"), text[(bang + 1)..^2]);
            return text[..bang].Split("\r\n").Skip(2).Where(l => l.Length > 0).ToDictionary(l => l[..l.IndexOf('(')], l => l[l.IndexOf('(')..]);
        }
    }
}
