using System;
using System.Text;
using System.Text.Json;
using Edge.Core.Payloads;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class JsonWriterTests
    {
        [Theory]
        [InlineData(2302, 1, "230.2")]
        [InlineData(2300, 2, "23")]
        [InlineData(230200, 3, "230.2")]
        [InlineData(-5, 3, "-0.005")]
        [InlineData(5, 5, "0.00005")]
        [InlineData(0, 2, "0")]
        [InlineData(-10, 1, "-1")]
        [InlineData(123456789012, 0, "123456789012")]
        [InlineData(long.MaxValue, 0, "9223372036854775807")]
        [InlineData(long.MinValue, 0, "-9223372036854775808")]
        [InlineData(long.MinValue, 3, "-9223372036854775.808")]
        public void Writes_decimals_exactly_without_exponent_or_trailing_zeros(long mantissa, int decimals, string expected)
        {
            Assert.Equal(expected, Write(w => w.Decimal(mantissa, decimals)));
        }

        [Fact]
        public void Writes_nested_objects_and_arrays_with_commas_in_the_right_places()
        {
            string json = Write(w =>
            {
                w.BeginObject();
                w.Name("a");
                w.Integer(1);
                w.Name("b");
                w.BeginArray();
                w.Integer(2);
                w.BeginObject();
                w.EndObject();
                w.Boolean(true);
                w.Null();
                w.EndArray();
                w.Name("c");
                w.String("x");
                w.EndObject();
            });
            Assert.Equal("{\"a\":1,\"b\":[2,{},true,null],\"c\":\"x\"}", json);
        }

        [Fact]
        public void Escapes_strings_per_rfc8259_and_encodes_utf8()
        {
            string json = Write(w => w.String("a\"b\\c\n\u0001é€😀"));
            Assert.Equal("\"a\\\"b\\\\c\\u000a\\u0001é€😀\"", json);
            Assert.Equal("a\"b\\c\n\u0001é€😀", JsonSerializer.Deserialize<string>(json));
        }

        [Fact]
        public void Writes_timestamps_as_rfc3339_utc()
        {
            Assert.Equal("\"2026-03-29T01:00:05Z\"", Write(w => w.Timestamp(Utc.At("2026-03-29T01:00:05.730Z"))));
            Assert.Equal("\"0999-01-02T03:04:05Z\"", Write(w => w.Timestamp(new DateTime(999, 1, 2, 3, 4, 5, DateTimeKind.Utc))));
        }

        [Fact]
        public void Flags_overflow_instead_of_writing_past_the_buffer()
        {
            var writer = new JsonWriter(new byte[8]);
            writer.BeginObject();
            writer.Name("quantity");
            writer.Integer(12345);
            writer.EndObject();
            Assert.True(writer.Overflowed);
            Assert.Equal(8, writer.Length);

            writer.Reset();
            writer.Integer(7);
            Assert.False(writer.Overflowed);
            Assert.Equal("7", Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length));
        }

        [Fact]
        public void Allocates_nothing_while_writing()
        {
            var writer = new JsonWriter(new byte[256]);
            var time = Utc.At("2026-11-25T20:00:00Z");
            void WriteOnce()
            {
                writer.Reset();
                writer.BeginObject();
                writer.Name("phaseVoltage.L1");
                writer.Decimal(2302, 1);
                writer.Name("t");
                writer.Timestamp(time);
                writer.Name("s");
                writer.String("é");
                writer.EndObject();
            }

            WriteOnce();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                WriteOnce();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static string Write(Action<JsonWriter> write)
        {
            var writer = new JsonWriter(new byte[256]);
            write(writer);
            Assert.False(writer.Overflowed);
            return Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length);
        }
    }
}
