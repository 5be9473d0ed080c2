using System.Collections.Generic;
using System.IO;
using Xunit;

namespace Edge.NanoGate.Tests
{
    public class ProjitemsReaderTests
    {
        [Fact]
        public void Resolves_MSBuildThisFileDirectory_and_Windows_separators()
        {
            using TempTree tree = new TempTree();
            string a = tree.Write("Core/Model/Reading.cs", "// a");
            string b = tree.Write("Core/Outbox.cs", "// b");
            string projitems = tree.WriteProjitems("Core/Core.projitems",
                "$(MSBuildThisFileDirectory)Model\\Reading.cs", "$(MSBuildThisFileDirectory)Outbox.cs");

            IReadOnlyList<string> files = ProjitemsReader.ReadCompileItems(projitems);

            Assert.Equal(new[] { Path.GetFullPath(a), Path.GetFullPath(b) }, files);
        }

        [Fact]
        public void Expands_wildcards_and_honours_Exclude_and_Remove()
        {
            using TempTree tree = new TempTree();
            string a = tree.Write("Core/A.cs", "// a");
            tree.Write("Core/Skip.cs", "// skipped by Exclude");
            string c = tree.Write("Core/Deep/Er/C.cs", "// c");
            tree.Write("Core/Deep/Gone.cs", "// removed by Remove");
            tree.Write("Core/obj/Debug/Generated.cs", "// build output");
            tree.Write("Core/notes.txt", "not a source");
            string projitems = tree.Write("Core/Core.projitems",
                "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><ItemGroup>"
                + "<Compile Include=\"$(MSBuildThisFileDirectory)**\\*.cs\" Exclude=\"$(MSBuildThisFileDirectory)Skip.cs\" />"
                + "<Compile Remove=\"$(MSBuildThisFileDirectory)Deep/Gone.cs\" />"
                + "</ItemGroup></Project>");

            IReadOnlyList<string> files = ProjitemsReader.ReadCompileItems(projitems);

            Assert.Equal(new[] { Path.GetFullPath(a), Path.GetFullPath(c) }, files);
        }

        [Fact]
        public void Rejects_unknown_MSBuild_properties()
        {
            using TempTree tree = new TempTree();
            string projitems = tree.WriteProjitems("Core/Core.projitems", "$(SomeOtherDir)A.cs");

            GateUsageException error = Assert.Throws<GateUsageException>(() => ProjitemsReader.ReadCompileItems(projitems));

            Assert.Contains("unsupported MSBuild property in Compile item '$(SomeOtherDir)A.cs'", error.Message);
        }
    }
}
