using System;
using System.IO;
using System.Linq;
using Edge.DeviceTests.Vectors;
using Xunit;

namespace Edge.DeviceTests.Host
{
    /// <summary>
    /// The TIC vectors embedded in the device tests (tests/Edge.DeviceTests/Vectors/TicVectors.cs) are the capture
    /// files of tests/Edge.Tests/TestData/tic byte for byte, and the source is exactly what the generator writes.
    /// After a capture is added or changed, rewrite the source and review its diff:
    /// <c>EDGE_WRITE_VECTORS=1 dotnet test tests/Edge.DeviceTests.Host -c Release --filter FullyQualifiedName~VectorFileTests</c>.
    /// </summary>
    public sealed class VectorFileTests
    {
        private static readonly string Captures = Path.Combine(AppContext.BaseDirectory, "TestData", "tic");

        [Fact]
        public void The_embedded_vectors_are_the_capture_files_byte_for_byte()
        {
            Assert.Equal(VectorSource.Vectors.Select(v => v.File), TicVectors.FileNames);
            for (int i = 0; i < VectorSource.Vectors.Length; i++)
            {
                byte[] file = File.ReadAllBytes(Path.Combine(Captures, VectorSource.Vectors[i].File));
                Assert.True(file.AsSpan().SequenceEqual(TicVectors.Bytes(i)), VectorSource.Vectors[i].File + " differs from its embedded copy");
            }

            Assert.Null(TicVectors.Bytes(VectorSource.Vectors.Length));
        }

        [Fact]
        public void The_vector_source_is_what_the_generator_writes()
        {
            string path = Path.Combine(RepositoryRoot(), "tests", "Edge.DeviceTests", "Vectors", "TicVectors.cs");
            byte[][] contents = VectorSource.Vectors.Select(v => File.ReadAllBytes(Path.Combine(Captures, v.File))).ToArray();
            string expected = VectorSource.Render(contents);
            if (Environment.GetEnvironmentVariable("EDGE_WRITE_VECTORS") == "1")
            {
                File.WriteAllText(path, expected);
            }

            Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
        }

        [Fact]
        public void Every_capture_of_the_reference_set_is_embedded()
        {
            string[] files = Directory.GetFiles(Captures, "*.bin").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(files, VectorSource.Vectors.Select(v => v.File).Order(StringComparer.Ordinal));
        }

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
