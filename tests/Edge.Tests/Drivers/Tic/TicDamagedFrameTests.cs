using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Model;
using Edge.Drivers.Tic;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    /// <summary>
    /// Every way one real frame can be damaged on the line (each single-bit flip of each byte, each truncation, each
    /// deletion of one byte), sent between intact copies of it through the driver: every energy register the driver
    /// publishes, the total included, and the subscribed power, is the meter's true value or is not published at all.
    /// Never another number. In historique mode the subscribed power comes only from a frame that ended complete and
    /// valid: a damaged frame that did not gives none.
    /// </summary>
    public class TicDamagedFrameTests
    {
        public static TheoryData<string, TicMode> Frames => new()
        {
            { "tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin", TicMode.Historique },
            { "tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin", TicMode.Historique },
            { "tic_hist_3P_linky_lains_frame1_as_captured.bin", TicMode.Historique },
            { "tic_std_1P_linky_lains_frame1.bin", TicMode.Standard },
        };

        [Theory]
        [MemberData(nameof(Frames))]
        public void A_damaged_frame_publishes_the_true_registers_and_subscribed_power_or_none(string file, TicMode mode)
        {
            byte[] frame = TicRun.Vector(file);
            Dictionary<QuantityId, long> truth = Checked(new TicLine(mode).Send(frame).Sink.Readings).ToDictionary(r => r.Quantity, r => r.Value);
            Assert.Contains(QuantityId.TotalActiveEnergyImport, truth.Keys);
            Assert.Contains(QuantityId.SubscribedPower, truth.Keys);

            var wrong = new List<string>();
            int damages = 0;
            foreach ((string what, byte[] damaged) in Damages(frame))
            {
                damages++;

                // Damaged frame first (no earlier value to compare with), then between intact frames.
                foreach (bool first in new[] { true, false })
                {
                    var line = new TicLine(mode);
                    if (!first)
                    {
                        line.Send(frame).Send(frame);
                    }

                    int before = line.Sink.Readings.Count;
                    long validBefore = line.Counters.FramesValid;
                    line.Send(damaged);
                    bool ended = line.Counters.FramesValid > validBefore;
                    if (mode == TicMode.Historique && !ended && line.Sink.Readings.Skip(before).Any(r => r.Quantity == QuantityId.SubscribedPower))
                    {
                        wrong.Add($"{what} ({(first ? "first" : "between")}): subscribedPower from a frame that did not end valid");
                    }

                    line.Send(frame).Send(frame);
                    foreach (Reading r in Checked(line.Sink.Readings))
                    {
                        if (!truth.TryGetValue(r.Quantity, out long expected) || r.Value != expected)
                        {
                            wrong.Add($"{what} ({(first ? "first" : "between")}): {Quantities.NameOf(r.Quantity)} = {r.Value}");
                        }
                    }

                    // The intact frames after the damage publish their total: nothing is held back for good.
                    Assert.Equal(truth[QuantityId.TotalActiveEnergyImport], line.Published(QuantityId.TotalActiveEnergyImport).Last());
                }
            }

            Assert.Equal(frame.Length * 8 + frame.Length + frame.Length, damages);
            Assert.True(wrong.Count == 0, $"{wrong.Count} wrong values published, e.g.:\n" + string.Join("\n", wrong.Take(20)));
        }

        /// <summary>The readings whose every value must be the meter's true one: energy registers and subscribed power.</summary>
        private static IEnumerable<Reading> Checked(IEnumerable<Reading> readings) =>
            readings.Where(r => Quantities.KindOf(r.Quantity) == QuantityKind.Cumulative || r.Quantity == QuantityId.SubscribedPower);

        private static IEnumerable<(string What, byte[] Damaged)> Damages(byte[] frame)
        {
            for (int i = 0; i < frame.Length; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] flipped = (byte[])frame.Clone();
                    flipped[i] ^= (byte)(1 << bit);
                    yield return ($"byte {i} ({Printable(frame[i])}) bit {bit}", flipped);
                }
            }

            for (int length = 0; length < frame.Length; length++)
            {
                yield return ($"cut after {length} bytes", frame.Take(length).ToArray());
            }

            for (int i = 0; i < frame.Length; i++)
            {
                yield return ($"byte {i} ({Printable(frame[i])}) deleted", frame.Take(i).Concat(frame.Skip(i + 1)).ToArray());
            }
        }

        private static string Printable(byte b) => b < 0x20 || b > 0x7E ? $"0x{b:X2}" : $"'{(char)b}'";
    }
}
