using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Edge.DeviceTests.Host
{
    /// <summary>The Visual Studio project of the device tests (Edge.DeviceTests.nfproj lists its files, as nanoFramework
    /// projects do) compiles exactly the sources the compile check and the host run take (every .cs of the folder).</summary>
    public sealed class ProjectFileTests
    {
        [Fact]
        public void The_nanoframework_project_lists_every_source_of_the_device_tests()
        {
            string folder = Path.Combine(VectorFileTests.RepositoryRoot(), "tests", "Edge.DeviceTests");
            XNamespace ms = "http://schemas.microsoft.com/developer/msbuild/2003";
            XDocument project = XDocument.Load(Path.Combine(folder, "Edge.DeviceTests.nfproj"));

            string[] all = project.Descendants(ms + "Compile").Select(c => ((string)c.Attribute("Include")!).Replace('\\', '/')).ToArray();
            string[] listed = all.Where(f => !f.StartsWith("../", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

            // The board harness and the firmware adapters, linked from the firmware tree: every one exists.
            string[] linked = all.Where(f => f.StartsWith("../", StringComparison.Ordinal)).ToArray();
            Assert.Contains("../../firmware/Edge.Firmware/Hil/BoardHarness.cs", linked);
            Assert.All(linked, f => Assert.True(File.Exists(Path.Combine(folder, f)), f + " is listed but missing"));
            string[] sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToArray();

            Assert.Equal(sources, listed);
            Assert.Equal("NFUnitTest", project.Descendants(ms + "AssemblyName").Single().Value);
        }

        [Fact]
        public void The_packages_are_the_releases_the_declarations_and_the_firmware_use()
        {
            string root = VectorFileTests.RepositoryRoot();
            XDocument packages = XDocument.Load(Path.Combine(root, "tests", "Edge.DeviceTests", "packages.config"));
            XDocument firmware = XDocument.Load(Path.Combine(root, "firmware", "Edge.Firmware", "packages.config"));

            string Version(XDocument d, string id) => (string)d.Descendants("package").Single(p => (string?)p.Attribute("id") == id).Attribute("version")!;

            Assert.Equal(Version(firmware, "nanoFramework.CoreLibrary"), Version(packages, "nanoFramework.CoreLibrary"));
            Assert.Equal("3.0.77", Version(packages, "nanoFramework.TestFramework"));
            string nfproj = File.ReadAllText(Path.Combine(root, "tests", "Edge.DeviceTests", "Edge.DeviceTests.nfproj"));
            Assert.Contains(@"packages\nanoFramework.TestFramework.3.0.77\lib\nanoFramework.TestFramework.dll", nfproj);
        }
    }
}
