using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Meters
{
    public class MeterDriverTests
    {
        private static readonly DateTime T0 = Utc.At("2026-11-25T20:00:00Z");

        [Fact]
        public void A_setup_that_fails_leaves_the_driver_failed_with_its_reason_until_a_retry_succeeds()
        {
            var chip = new ProbedChip(pollIntervalMs: 0) { Present = false };
            var sink = new RecordingSink();

            chip.Poll(T0, 0, sink);
            Assert.Equal((MeterState.Failed, "no answer at 0x40"), (chip.State, chip.Reason));
            Assert.Equal((1, 0, 1), (chip.Setups, chip.Reads, chip.Failures));
            Assert.Equal("FAIL meter chip: no answer at 0x40, check its wiring and settings; the node tries again every 30 s", SelfTests.Line(chip, 0));

            // Until the retry delay has passed, setup is not tried again and nothing is read.
            chip.Present = true;
            chip.Poll(T0, MeterDriver.DefaultRetryMs - 1, sink);
            Assert.Equal((MeterState.Failed, 1, 0), (chip.State, chip.Setups, chip.Reads));

            chip.Poll(T0, MeterDriver.DefaultRetryMs, sink);
            Assert.Equal((MeterState.Ready, (string?)null, 2, 1), (chip.State, chip.Reason, chip.Setups, chip.Reads));
            Assert.Equal("PASS meter chip: ready, " + chip.Describe(), SelfTests.Line(chip, MeterDriver.DefaultRetryMs));
            Assert.Single(sink.Readings);
        }

        [Fact]
        public void Reads_at_most_once_per_poll_interval()
        {
            var chip = new ProbedChip(pollIntervalMs: 5000);
            var sink = new RecordingSink();
            for (long ms = 0; ms <= 12000; ms += 1000)
            {
                chip.Poll(T0.AddMilliseconds(ms), ms, sink);
            }

            // Read at 0, 5000 and 10000 ms; set up once.
            Assert.Equal((1, 3), (chip.Setups, chip.Reads));
            Assert.Equal(new long[] { 0, 5000, 10000 }, chip.ReadAtMs.ToArray());
        }

        [Fact]
        public void A_warning_keeps_the_driver_reading_and_clears_when_its_cause_goes()
        {
            var chip = new ProbedChip(pollIntervalMs: 0);
            var sink = new RecordingSink();
            chip.Poll(T0, 0, sink);
            chip.Overheated = true;
            chip.Poll(T0, 1000, sink);
            Assert.Equal((MeterState.Warning, "die temperature 126 C"), (chip.State, chip.Reason));
            Assert.Equal("WARN meter chip: die temperature 126 C, check its wiring and settings", SelfTests.Line(chip, 1000));

            chip.Overheated = false;
            chip.Poll(T0, 2000, sink);
            Assert.Equal((MeterState.Ready, (string?)null, 3), (chip.State, chip.Reason, chip.Reads));
        }

        [Fact]
        public void An_exception_while_reading_fails_the_driver_instead_of_stopping_the_node_loop()
        {
            var chip = new ProbedChip(pollIntervalMs: 0) { Throw = true };
            chip.Poll(T0, 0, new RecordingSink());
            Assert.Equal((MeterState.Failed, "bus stuck low"), (chip.State, chip.Reason));

            chip.Throw = false;
            chip.Poll(T0, MeterDriver.DefaultRetryMs, new RecordingSink());
            Assert.Equal(MeterState.Ready, chip.State);
        }

        [Fact]
        public void Refuses_a_driver_without_a_name_or_with_a_negative_interval()
        {
            Assert.Equal("meterId", Assert.Throws<ArgumentException>(() => new ProbedChip(0, "")).ParamName);
            Assert.Equal("pollIntervalMs", Assert.Throws<ArgumentOutOfRangeException>(() => new ProbedChip(-1)).ParamName);
        }

        /// <summary>A chip that answers its probe only when present, and reports its temperature.</summary>
        [Fact]
        public void A_reason_written_what_then_what_to_do_is_split_into_the_line_s_reason_and_action()
        {
            var chip = new ProbedChip(pollIntervalMs: 0) { Present = false, Absence = "no answer at 0x40: check SDA and SCL" };
            chip.Poll(T0, 0, new RecordingSink());

            Assert.Equal("FAIL meter chip: no answer at 0x40, check SDA and SCL", SelfTests.Line(chip, 0));
        }

        [Fact]
        public void A_driver_not_set_up_yet_warns()
        {
            var chip = new ProbedChip(pollIntervalMs: 0);

            Assert.Equal("WARN meter chip: not set up yet, run the self-test again once the node has polled it", SelfTests.Line(chip, 0));
        }

        internal sealed class ProbedChip : MeterDriver
        {
            public ProbedChip(long pollIntervalMs, string id = "chip")
                : base(id, pollIntervalMs)
            {
            }

            public bool Present { get; set; } = true;

            public bool Overheated { get; set; }

            public bool Throw { get; set; }

            public string Absence { get; set; } = "no answer at 0x40";

            public int Setups { get; private set; }

            public int Reads { get; private set; }

            public System.Collections.Generic.List<long> ReadAtMs { get; } = new();

            public override string Describe() => "probed chip at 0x40";

            protected override void Setup(long monotonicMs)
            {
                Setups++;
                if (!Present)
                {
                    MarkFailed(Absence);
                }
            }

            protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
                if (Throw)
                {
                    throw new InvalidOperationException("bus stuck low");
                }

                Reads++;
                ReadAtMs.Add(monotonicMs);
                if (Overheated)
                {
                    MarkWarning("die temperature 126 C");
                }
                else
                {
                    ClearWarning();
                }

                sink.Add(new Reading(QuantityId.PhaseVoltageL1, 230, 0, utcNow, ReadingQuality.Good));
            }
        }
    }
}
