using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Edge.Core.Model;
using Edge.Core.Security;
using Edge.Drivers.Tic;
using Edge.Host.Simulation;
using Edge.Host.Protocols.Tic;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    public class TicMeterTests
    {
        private static readonly DateTime Start = Utc.At("2026-11-25T20:00:00Z");

        [Theory]
        [InlineData(TicMode.Standard, 9600)]
        [InlineData(TicMode.Historique, 1200)]
        public void Reads_a_simulated_meter_at_its_line_speed(TicMode mode, int baud)
        {
            var rig = new Rig(mode, mode, watts: 1500);
            rig.Run(seconds: 30);

            Assert.Equal(baud, rig.Port.OpenedBaud);
            Assert.True(rig.Meter.Counters.FramesValid >= (mode == TicMode.Standard ? 20 : 8), $"{rig.Meter.Counters.FramesValid} frames");
            Assert.Equal(0, rig.Meter.Counters.Rejected);
            long register = (long)Math.Floor(rig.Simulated.TotalWh);
            Assert.InRange(rig.Sink.Readings.Last(r => r.Quantity == QuantityId.TotalActiveEnergyImport).Value, register - 2, register);
            Assert.Equal((int)Math.Round(1500 / 0.95), rig.Sink.Readings.Last(r => r.Quantity == QuantityId.TotalApparentPower).Value);
        }

        [Fact]
        public void Finds_the_line_speed_by_itself_in_auto_mode()
        {
            var rig = new Rig(TicMode.Auto, TicMode.Standard, watts: 800);
            rig.Run(seconds: 20);

            Assert.Equal(TicMeter.StandardBaud, rig.Meter.Baud);
            Assert.Equal(1, rig.Meter.SpeedSwitches);
            Assert.Contains(rig.Sink.Readings, r => r.Quantity == QuantityId.TotalActiveEnergyImport);
            Assert.Equal(TicMode.Standard, rig.Meter.Decoder.DetectedMode);
        }

        [Fact]
        public void Loses_no_valid_reading_to_bit_errors_and_cut_frames_and_reports_none_from_a_bad_group()
        {
            var rig = new Rig(TicMode.Standard, TicMode.Standard, watts: 2000);
            rig.Port.BitErrorRate = 0.002;
            rig.Port.CutFrameRate = 0.1;
            rig.Run(seconds: 300);

            TicCounters c = rig.Meter.Counters;
            Assert.True(c.RejectedChecksum + c.RejectedFraming > 0);
            Assert.True(c.FramesCut + c.GroupsCut > 0);
            Assert.True(c.FramesValid > 100);

            // Every energy reading is a plausible register value: monotonic, never a corrupted digit.
            long[] registers = rig.Sink.Readings.Where(r => r.Quantity == QuantityId.TotalActiveEnergyImport).Select(r => r.Value).ToArray();
            Assert.Equal(registers.OrderBy(v => v), registers);
            Assert.InRange(registers[^1] - registers[0], 150, 170); // 2 kW for 5 minutes = 166.7 Wh
        }

        [Fact]
        public void Raises_an_overload_event_once_when_adps_appears_and_once_when_it_ends()
        {
            var sink = new RecordingSink();
            var run = new TicRun(TicMode.Historique);
            TicField[] normal = [new("ISOUSC", "30"), new("BASE", "000012345"), new("IINST", "010"), new("PAPP", "02300")];
            TicField[] overload = [new("ISOUSC", "30"), new("BASE", "000012346"), new("IINST", "035"), new("ADPS", "035"), new("PAPP", "08050")];

            run.Feed(TicFrameWriter.Frame(TicMode.Historique, normal));
            run.Feed(TicFrameWriter.Frame(TicMode.Historique, overload));
            run.Feed(TicFrameWriter.Frame(TicMode.Historique, overload));
            run.Feed(TicFrameWriter.Frame(TicMode.Historique, normal));

            Assert.Equal(2, run.Sink.Events.Count);
            Assert.Equal(MeterEventKind.OverloadStarted, run.Sink.Events[0].Kind);
            Assert.Equal((QuantityId.CurrentL1, 35L), (run.Sink.Events[0].Reading.Quantity, run.Sink.Events[0].Reading.Value));
            Assert.Equal(MeterEventKind.OverloadEnded, run.Sink.Events[1].Kind);
        }

        [Fact]
        public void Never_publishes_the_meter_identifier_by_default()
        {
            var rig = new Rig(TicMode.Standard, TicMode.Standard, watts: 500);
            rig.Run(seconds: 5);
            Assert.Null(rig.Meter.PublishedMeterId);
        }

        [Fact]
        public void Publishes_the_identifier_in_clear_only_when_configured()
        {
            var rig = new Rig(TicMode.Standard, TicMode.Standard, watts: 500, new MeterIdentity(MeterIdPolicy.Clear, null!));
            rig.Run(seconds: 5);
            Assert.Equal("099999999999", rig.Meter.PublishedMeterId);
        }

        [Fact]
        public void Pseudonymises_the_identifier_with_a_keyed_hash()
        {
            byte[] key = Encoding.UTF8.GetBytes("city-pilot-2026-secret-key");
            var rig = new Rig(TicMode.Standard, TicMode.Standard, watts: 500, new MeterIdentity(MeterIdPolicy.Pseudonymise, key));
            rig.Run(seconds: 5);

            byte[] mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("099999999999"));
            Assert.Equal(Convert.ToHexStringLower(mac, 0, 16), rig.Meter.PublishedMeterId);
            Assert.DoesNotContain("099999999999", rig.Meter.PublishedMeterId!);
        }

        [Fact]
        public void Polling_allocates_nothing_in_steady_state()
        {
            var frames = Enumerable.Range(0, 4).SelectMany(_ => TicRun.Vector("tic_std_1P_linky_lains_frame1.bin")).ToArray();
            var link = new ReplayLink(frames);
            var meter = new TicMeter("main", link, TicMode.Standard, new MeterIdentity(MeterIdPolicy.Omit, null!));
            var sink = new NullSink();
            meter.Poll(Start, 0, sink);
            link.Rewind();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++)
            {
                link.Rewind();
                meter.Poll(Start, i, sink);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(51 * 4, meter.Counters.FramesValid);
        }

        [Fact]
        public void Declares_every_tic_energy_register_as_wrapping_after_nine_digits()
        {
            var rules = new Rig(TicMode.Auto, TicMode.Historique, 0).Meter.RegisterRules(2);
            Assert.All(rules, r => Assert.Equal((2, 1_000_000_000L, 0L), (r.Meter, r.Modulus, r.NoiseTolerance)));
            var quantities = rules.Select(r => r.Quantity).ToHashSet();
            Assert.Contains(QuantityId.TotalActiveEnergyImport, quantities);
            Assert.Contains(QuantityId.ActiveEnergyImportT6, quantities);
            Assert.Contains(QuantityId.ActiveEnergyImportD4, quantities);
            Assert.Contains(QuantityId.TotalActiveEnergyExport, quantities);
            Assert.Contains(QuantityId.ReactiveEnergyQ4, quantities);
        }

        private sealed class Rig
        {
            private long _ms;

            public Rig(TicMode driverMode, TicMode meterMode, double watts, MeterIdentity? identity = null)
            {
                Simulated = new SimulatedTicMeter(meterMode, _ => watts, Start, 1_000_000, seed: 1);
                Port = new VirtualTicSerialPort(Simulated, Start, seed: 2);
                Meter = new TicMeter("main", Port, driverMode, identity ?? new MeterIdentity(MeterIdPolicy.Omit, null!));
            }

            public SimulatedTicMeter Simulated { get; }

            public VirtualTicSerialPort Port { get; }

            public TicMeter Meter { get; }

            public RecordingSink Sink { get; } = new();

            public void Run(int seconds)
            {
                for (int i = 0; i < seconds * 4; i++)
                {
                    _ms += 250;
                    Port.AdvanceTo(_ms);
                    Meter.Poll(Start.AddMilliseconds(_ms), _ms, Sink);
                }
            }
        }

        private sealed class NullSink : IReadingSink
        {
            public void Add(Reading reading)
            {
            }

            public void AddEvent(MeterEventKind kind, Reading reading)
            {
            }
        }

        /// <summary>A serial link that hands out the same bytes again after each rewind.</summary>
        private sealed class ReplayLink : Edge.Core.Platform.ISerialLink
        {
            private readonly byte[] _bytes;
            private int _position;

            public ReplayLink(byte[] bytes) => _bytes = bytes;

            public void Rewind() => _position = 0;

            public void Open(int baudRate, int dataBits, Edge.Core.Platform.SerialParity parity, int stopBits)
            {
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(count, _bytes.Length - _position);
                Array.Copy(_bytes, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
