using System;
using System.Collections.Generic;
using System.IO;

namespace Edge.DeviceTests.Runner
{
    /// <summary>
    /// A name the launcher will print, and what it is: a class's [Setup], a test case, or a [Cleanup]. A test list
    /// file holds one a line, "kind name" (kind: setup, test or cleanup), as <c>edge-device-tests --assembly
    /// NFUnitTest.dll --list</c> writes it; blank lines and lines starting with # are ignored.
    /// </summary>
    internal sealed record ExpectedTest(string Id, string Kind)
    {
        public const string Setup = "setup";
        public const string Test = "test";
        public const string Cleanup = "cleanup";

        public override string ToString() => Kind + " " + Id;

        public static List<ExpectedTest> ReadList(TextReader reader)
        {
            var tests = new List<ExpectedTest>();
            int number = 0;
            for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
            {
                number++;
                string text = line.Trim();
                if (text.Length == 0 || text[0] == '#')
                {
                    continue;
                }

                int space = text.IndexOf(' ', StringComparison.Ordinal);
                string kind = space < 0 ? string.Empty : text[..space];
                if (kind != Setup && kind != Test && kind != Cleanup)
                {
                    throw new FormatException($"line {number}: \"setup NAME\", \"test NAME\" or \"cleanup NAME\" expected, not \"{text}\"");
                }

                tests.Add(new ExpectedTest(text[(space + 1)..].Trim(), kind));
            }

            return tests;
        }
    }
}
