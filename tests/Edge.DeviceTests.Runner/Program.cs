using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Edge.DeviceTests.Runner
{
    /// <summary>
    /// <c>edge-device-tests</c>: checks a run of the device tests from the launcher's console.
    /// <code>
    /// edge-device-tests --assembly NFUnitTest.dll --serial /dev/ttyUSB0 [--baud 921600]
    /// edge-device-tests --assembly NFUnitTest.dll -- nanoclr run --assemblies ...
    /// edge-device-tests --tests tests.txt --file run.log
    /// edge-device-tests --assembly NFUnitTest.dll --list
    /// </code>
    /// </summary>
    public static class Program
    {
        internal const string Usage =
            "usage: edge-device-tests (--assembly NFUnitTest.dll | --tests LIST) (--file LOG | --serial PORT [--baud N] | -- COMMAND [ARGS...])\n" +
            "                         [--timeout SECONDS] [--idle SECONDS] [--echo]\n" +
            "       edge-device-tests --assembly NFUnitTest.dll --list\n" +
            "Reads the lines of nanoFramework.TestFramework's launcher (\"Test passed,NAME,TICKS\", \"Test failed,NAME,MESSAGE\",\n" +
            "\"Test skipped,NAME,MESSAGE\") from a log (- for standard input), a serial console or a process (nanoclr), prints\n" +
            "each test of the assembly and \"N passed, N failed, N skipped\"; exits 1 when a test failed or never reported.\n" +
            "Stops when every test reported, at the end of the log or process, after --idle seconds without a line (default 120)\n" +
            "or after --timeout seconds (default 1800).";

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        internal static int Run(string[] args, TextWriter output, TextWriter error)
        {
            string? assembly = null, list = null, file = null, serial = null;
            int baud = 921600, timeout = 1800, idle = 120;
            bool echo = false, listOnly = false;
            string[]? command = null;
            try
            {
                for (int i = 0; i < args.Length; i++)
                {
                    switch (args[i])
                    {
                        case "--assembly": assembly = Value(args, ref i); break;
                        case "--tests": list = Value(args, ref i); break;
                        case "--file": file = Value(args, ref i); break;
                        case "--serial": serial = Value(args, ref i); break;
                        case "--baud": baud = Number(args, ref i); break;
                        case "--timeout": timeout = Number(args, ref i); break;
                        case "--idle": idle = Number(args, ref i); break;
                        case "--echo": echo = true; break;
                        case "--list": listOnly = true; break;
                        case "--": command = args[(i + 1)..]; i = args.Length; break;
                        default: throw new ArgumentException($"unknown option \"{args[i]}\"");
                    }
                }

                if ((assembly == null) == (list == null))
                {
                    throw new ArgumentException("give the tests to expect: --assembly or --tests (one of them)");
                }

                int sources = (file != null ? 1 : 0) + (serial != null ? 1 : 0) + (command is { Length: > 0 } ? 1 : 0);
                if (!listOnly && sources != 1)
                {
                    throw new ArgumentException("give one source: --file, --serial or -- COMMAND");
                }
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                error.WriteLine(Usage);
                return 2;
            }

            List<ExpectedTest> expected;
            try
            {
                expected = assembly != null ? AssemblyTests.List(assembly) : ExpectedTest.ReadList(File.OpenText(list!));
            }
            catch (Exception e) when (e is IOException or FormatException or BadImageFormatException or UnauthorizedAccessException)
            {
                error.WriteLine($"cannot read the tests to expect: {e.Message}");
                return 2;
            }

            if (listOnly)
            {
                foreach (ExpectedTest t in expected)
                {
                    output.WriteLine(t.ToString());
                }

                return 0;
            }

            using ILineSource source = file == "-" ? new TextSource(Console.In)
                : file != null ? new TextSource(File.OpenText(file))
                : serial != null ? new SerialSource(serial, baud)
                : new ProcessSource(command![0], command[1..]);
            return Check(source, expected, TimeSpan.FromSeconds(timeout), TimeSpan.FromSeconds(idle), echo, output);
        }

        /// <summary>Reads the source until every expected test reported (a saved log: to its end), it ends, it stays silent for
        /// <paramref name="idle"/> or <paramref name="timeout"/> passes; writes the report and returns the exit code.</summary>
        internal static int Check(ILineSource source, IReadOnlyList<ExpectedTest> expected, TimeSpan timeout, TimeSpan idle, bool echo, TextWriter output)
        {
            var report = new RunReport(expected);
            var clock = Stopwatch.StartNew();
            TimeSpan lastLine = TimeSpan.Zero;
            string? stopped = null;
            while (source.Finite || !report.Complete)
            {
                if (clock.Elapsed > timeout)
                {
                    stopped = $"stopped after {timeout.TotalSeconds:0} s (--timeout)";
                    break;
                }

                if (clock.Elapsed - lastLine > idle)
                {
                    stopped = $"nothing printed for {idle.TotalSeconds:0} s (--idle): the device is silent";
                    break;
                }

                string? line = source.Next(TimeSpan.FromSeconds(1), out bool ended);
                if (line != null)
                {
                    lastLine = clock.Elapsed;
                    if (report.Take(line) == null && echo)
                    {
                        output.WriteLine("| " + line);
                    }
                }
                else if (ended)
                {
                    stopped = "the output ended";
                    break;
                }
            }

            if (stopped != null && !report.Complete)
            {
                output.WriteLine(stopped + " before every test reported");
            }

            return report.Write(output);
        }

        private static string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value");
            }

            return args[++i];
        }

        private static int Number(string[] args, ref int i)
        {
            string name = args[i];
            string text = Value(args, ref i);
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) || n <= 0)
            {
                throw new ArgumentException($"{name}: a positive whole number expected, not \"{text}\"");
            }

            return n;
        }
    }
}
