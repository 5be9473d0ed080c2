using System;
using System.IO;
using System.Linq;
using Edge.DeviceTests.Vectors;
using Xunit;

namespace Edge.DeviceTests.Host
{
    /// <summary>
    /// The vectors embedded in the device tests (tests/Edge.DeviceTests/Vectors: TicVectors.cs, P1Vectors.cs) are the
    /// files of tests/Edge.Tests/TestData/tic and /dsmr byte for byte, and each source is exactly what the generator
    /// writes. After a file is added or changed, rewrite the sources and review their diff:
    /// <c>EDGE_WRITE_VECTORS=1 dotnet test tests/Edge.DeviceTests.Host -c Release --filter FullyQualifiedName~VectorFileTests</c>.
    /// </summary>
    public sealed class VectorFileTests
    {
        public static TheoryData<string> SetNames => new(VectorSource.Sets.Select(s => s.Class));

        [Fact]
        public void The_embedded_tic_vectors_are_the_capture_files_byte_for_byte()
        {
            Assert.Equal(VectorSource.Tic.Files.Select(v => v.File), TicVectors.FileNames);
            for (int i = 0; i < VectorSource.Tic.Files.Length; i++)
            {
                Assert.True(Read(VectorSource.Tic, i).AsSpan().SequenceEqual(TicVectors.Bytes(i)), VectorSource.Tic.Files[i].File + " differs from its embedded copy");
            }

            Assert.Null(TicVectors.Bytes(VectorSource.Tic.Files.Length));
        }

        [Fact]
        public void The_embedded_p1_vectors_are_the_telegram_files_byte_for_byte()
        {
            Assert.Equal(VectorSource.P1.Files.Select(v => v.File), P1Vectors.FileNames);
            for (int i = 0; i < VectorSource.P1.Files.Length; i++)
            {
                Assert.True(Read(VectorSource.P1, i).AsSpan().SequenceEqual(P1Vectors.Bytes(i)), VectorSource.P1.Files[i].File + " differs from its embedded copy");
            }

            Assert.Null(P1Vectors.Bytes(VectorSource.P1.Files.Length));
        }

        [Theory]
        [MemberData(nameof(SetNames))]
        public void The_vector_source_is_what_the_generator_writes(string setName)
        {
            VectorSet set = VectorSource.Sets.Single(s => s.Class == setName);
            string path = Path.Combine(RepositoryRoot(), "tests", "Edge.DeviceTests", "Vectors", set.Class + ".cs");
            byte[][] contents = Enumerable.Range(0, set.Files.Length).Select(i => Read(set, i)).ToArray();
            string expected = VectorSource.Render(set, contents);
            if (Environment.GetEnvironmentVariable("EDGE_WRITE_VECTORS") == "1")
            {
                File.WriteAllText(path, expected);
            }

            Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
        }

        [Theory]
        [MemberData(nameof(SetNames))]
        public void Every_file_of_the_reference_set_is_embedded(string setName)
        {
            VectorSet set = VectorSource.Sets.Single(s => s.Class == setName);
            string[] files = Directory.GetFiles(Folder(set), set.Pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(files, set.Files.Select(v => v.File).Order(StringComparer.Ordinal));
        }

        private static string Folder(VectorSet set) => Path.Combine(AppContext.BaseDirectory, "TestData", set.Folder);

        private static byte[] Read(VectorSet set, int index) => File.ReadAllBytes(Path.Combine(Folder(set), set.Files[index].File));

        internal static string RepositoryRoot()
        {
            for (DirectoryInfo? d = new(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Edge.sln")))
                {
                    return d.FullName;
                }
            }

            throw new DirectoryNotFoundException("Edge.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
