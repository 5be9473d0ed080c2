using System.IO;
using System.Linq;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Host
{
    public class SimulatorConsoleTests
    {
        private static readonly string Long = "virtual 2026-11-25 21:29:12Z (+00:02:12, 7200x)  load 3140 W  register 42100110 Wh  published 123456  outbox 12";

        [Fact]
        public void Redraws_the_progress_line_in_place_within_80_columns()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var console = new SimulatorConsole(output, error, interactive: true);

            console.Progress(Long);
            console.Progress("short");

            string drawn = error.ToString();
            Assert.DoesNotContain('\n', drawn);
            string[] frames = drawn.Split('\r').Skip(1).ToArray();
            Assert.Equal(2, frames.Length);
            Assert.Equal(Long[..76] + "...", frames[0]);
            Assert.Equal("short".PadRight(79), frames[1]);
        }

        [Fact]
        public void Clears_the_progress_line_before_a_message_line()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var console = new SimulatorConsole(output, error, interactive: true);

            console.Progress("virtual 12:00:00Z");
            console.Line("edge/n/readings  seq 1");
            console.Progress("virtual 12:01:00Z");
            console.EndProgress();

            Assert.Equal("edge/n/readings  seq 1\n", output.ToString().Replace("\r\n", "\n"));
            Assert.Equal("\rvirtual 12:00:00Z\r" + new string(' ', 17) + "\r\rvirtual 12:01:00Z\n", error.ToString().Replace("\r\n", "\n").Replace("\n", "\n"));
        }

        [Fact]
        public void Prints_progress_as_plain_whole_lines_when_not_on_a_terminal()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var console = new SimulatorConsole(output, error, interactive: false);

            console.Progress(Long);
            console.Line("edge/n/readings  seq 1");
            console.EndProgress();

            Assert.Equal(Long + "\n", error.ToString().Replace("\r\n", "\n"));
            Assert.DoesNotContain('\r', error.ToString().Replace("\r\n", "\n"));
        }
    }
}
