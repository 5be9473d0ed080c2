using System;
using System.IO;
using Xunit;

namespace Edge.NanoGate.Tests
{
    /// <summary>The gate applied to the project's own portable code, so that the test command enforces it too.</summary>
    public class PortableCodeTests
    {
        [Fact]
        public void The_portable_core_drivers_and_template_pass_the_gate_with_every_public_member_documented()
        {
            string root = RepositoryRoot();
            var output = new StringWriter();
            var error = new StringWriter();

            int exitCode = GateCli.Run(
                [
                    "--require-docs",
                    Path.Combine(root, "firmware", "Edge.Core", "Edge.Core.projitems"),
                    Path.Combine(root, "drivers", "Edge.Drivers", "Edge.Drivers.projitems"),
                    Path.Combine(root, "drivers", "Template"),
                ],
                output,
                error);

            Assert.True(exitCode == GateCli.Pass, output.ToString() + error);
            Assert.Matches(@"nanoFramework gate: \d+ source files, 0 violations: PASS", output.ToString());
        }

        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
