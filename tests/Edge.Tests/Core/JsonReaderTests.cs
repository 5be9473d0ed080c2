using System;
using System.Collections.Generic;
using System.Text;
using Edge.Core.Payloads;
using Xunit;

namespace Edge.Tests.Core
{
    /// <summary>The JSON pull reader against RFC 8259: what it reads, where it stops, and that no text makes it throw.</summary>
    public class JsonReaderTests
    {
        [Fact]
        public void Reads_the_tokens_of_nested_values_with_their_depth_and_position()
        {
            var reader = Reader("{\"a\":[1,{\"b\":null}], \"c\":true}");

            var tokens = new List<(JsonToken, int, int)>();
            while (reader.Read())
            {
                tokens.Add((reader.Token, reader.Depth, reader.Position));
            }

            Assert.Equal(
                [
                    (JsonToken.BeginObject, 1, 0), (JsonToken.Name, 1, 1), (JsonToken.BeginArray, 2, 5), (JsonToken.Number, 2, 6),
                    (JsonToken.BeginObject, 3, 8), (JsonToken.Name, 3, 9), (JsonToken.Null, 3, 13), (JsonToken.EndObject, 3, 17),
                    (JsonToken.EndArray, 2, 18), (JsonToken.Name, 1, 21), (JsonToken.True, 1, 25), (JsonToken.EndObject, 1, 29),
                ],
                tokens);
            Assert.Equal((JsonToken.End, JsonError.None, (string?)null), (reader.Token, reader.ErrorKind, reader.Error));
        }

        [Fact]
        public void Decodes_every_escape_of_section_7()
        {
            var reader = Reader("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\u00e9\\uD83D\\uDE00\"");

            Assert.True(reader.Read());
            Assert.Equal(JsonToken.String, reader.Token);
            Assert.Equal("a\"b\\c/d\b\f\n\r\tA\u00e9\U0001F600", reader.GetString());
            Assert.True(reader.ValueEquals("a\"b\\c/d\b\f\n\r\tA\u00e9\U0001F600"));
            Assert.False(reader.ValueEquals("a\"b\\c/d\b\f\n\r\tA\u00e9"));
            Assert.False(reader.Read());
            Assert.Equal(JsonToken.End, reader.Token);
        }

        [Fact]
        public void Reads_characters_beyond_ascii_as_a_question_mark()
        {
            var reader = Reader("\"caf\u00e9 \u20ac\"");

            Assert.True(reader.Read());
            Assert.Equal("caf? ?", reader.GetString());
        }

        [Theory]
        [InlineData("0", true, 0L)]
        [InlineData("-0", true, 0L)]
        [InlineData("86400", true, 86400L)]
        [InlineData("-12", true, -12L)]
        [InlineData("999999999999999999", true, 999999999999999999L)]
        [InlineData("9999999999999999999", false, 0L)]
        [InlineData("12.5", false, 0L)]
        [InlineData("5.0", false, 0L)]
        [InlineData("1e3", false, 0L)]
        [InlineData("1E+3", false, 0L)]
        [InlineData("-1.5e-3", false, 0L)]
        public void Takes_every_number_of_section_6_and_gives_integers_only_when_written_as_one(string text, bool integer, long expected)
        {
            var reader = Reader(text);

            Assert.True(reader.Read());
            Assert.Equal((JsonToken.Number, 0, text.Length), (reader.Token, reader.ValueStart, reader.ValueLength));
            Assert.Equal((integer, expected), (reader.TryGetInteger(out long value), value));
        }

        [Theory]
        [InlineData("230", true, 2300L)]
        [InlineData("230.5", true, 2305L)]
        [InlineData("230.50", true, 2305L)]
        [InlineData("-230.5", true, -2305L)]
        [InlineData("230.55", false, 0L)]
        [InlineData("2.3e2", false, 0L)]
        public void Scales_a_decimal_without_rounding_or_exponent(string text, bool exact, long expected)
        {
            var reader = Reader(text);

            Assert.True(reader.Read());
            Assert.Equal((exact, expected), (reader.TryGetScaled(1, out long value), value));
        }

        [Theory]
        [InlineData("", JsonError.ExpectedValue, 0)]
        [InlineData("   ", JsonError.ExpectedValue, 3)]
        [InlineData("tru", JsonError.ExpectedValue, 0)]
        [InlineData("nul", JsonError.ExpectedValue, 0)]
        [InlineData("+1", JsonError.ExpectedValue, 0)]
        [InlineData(".5", JsonError.ExpectedValue, 0)]
        [InlineData("01", JsonError.BadNumber, 1)]
        [InlineData("-", JsonError.BadNumber, 1)]
        [InlineData("--1", JsonError.BadNumber, 1)]
        [InlineData("1.", JsonError.BadNumber, 2)]
        [InlineData("1.e3", JsonError.BadNumber, 2)]
        [InlineData("1e", JsonError.BadNumber, 2)]
        [InlineData("1e+", JsonError.BadNumber, 3)]
        [InlineData("1 2", JsonError.TextAfterValue, 2)]
        [InlineData("{} x", JsonError.TextAfterValue, 3)]
        [InlineData("\"abc", JsonError.UnclosedString, 4)]
        [InlineData("\"abc\\", JsonError.UnclosedString, 5)]
        [InlineData("\"a\\qb\"", JsonError.UnknownEscape, 3)]
        [InlineData("\"\\u12x4\"", JsonError.BadUnicodeEscape, 5)]
        [InlineData("\"\\u12", JsonError.BadUnicodeEscape, 5)]
        [InlineData("\"a\tb\"", JsonError.ControlCharacter, 2)]
        [InlineData("{", JsonError.ExpectedName, 1)]
        [InlineData("{,}", JsonError.ExpectedName, 1)]
        [InlineData("{\"a\":1,}", JsonError.ExpectedName, 7)]
        [InlineData("{1:2}", JsonError.ExpectedName, 1)]
        [InlineData("{\"a\" 1}", JsonError.ExpectedColon, 5)]
        [InlineData("{\"a\"", JsonError.ExpectedColon, 4)]
        [InlineData("{\"a\":}", JsonError.ExpectedValue, 5)]
        [InlineData("{\"a\":1 \"b\":2}", JsonError.ExpectedCommaOrClose, 7)]
        [InlineData("{\"a\":1]", JsonError.ExpectedCommaOrClose, 6)]
        [InlineData("[1}", JsonError.ExpectedCommaOrClose, 2)]
        [InlineData("[1,]", JsonError.ExpectedValue, 3)]
        [InlineData("[", JsonError.ExpectedValue, 1)]
        [InlineData("[1", JsonError.ExpectedCommaOrClose, 2)]
        [InlineData("]", JsonError.ExpectedValue, 0)]
        public void Stops_at_the_first_byte_that_breaks_the_grammar_and_says_what_was_expected(string text, JsonError error, int position)
        {
            var reader = Reader(text);

            while (reader.Read())
            {
            }

            Assert.Equal((JsonToken.Error, error, position), (reader.Token, reader.ErrorKind, reader.ErrorPosition));
            Assert.Equal(JsonErrors.Message(error), reader.Error);
            Assert.False(reader.Read());
            Assert.Equal(JsonToken.Error, reader.Token);
        }

        [Fact]
        public void Counts_positions_from_the_start_of_the_text_not_of_the_array()
        {
            byte[] bytes = Encoding.UTF8.GetBytes("xxxx[1,}yy");
            var reader = new JsonReader();
            reader.Reset(bytes, 4, 4);

            Assert.True(reader.Read());
            Assert.Equal(0, reader.Position);
            Assert.True(reader.Read());
            Assert.Equal((1, 5), (reader.Position, reader.ValueStart));
            Assert.False(reader.Read());
            Assert.Equal((JsonError.ExpectedValue, 3), (reader.ErrorKind, reader.ErrorPosition));
        }

        [Fact]
        public void Refuses_nesting_beyond_its_depth_where_it_begins()
        {
            var reader = new JsonReader(4);
            byte[] four = Encoding.UTF8.GetBytes("[[{\"a\":[]}]]");
            reader.Reset(four, 0, four.Length);
            while (reader.Read())
            {
            }

            Assert.Equal(JsonToken.End, reader.Token);

            byte[] five = Encoding.UTF8.GetBytes("[[{\"a\":[[]]}]]");
            reader.Reset(five, 0, five.Length);
            while (reader.Read())
            {
            }

            Assert.Equal((JsonToken.Error, JsonError.TooDeep, 8), (reader.Token, reader.ErrorKind, reader.ErrorPosition));
        }

        [Fact]
        public void A_thousand_open_brackets_end_in_an_error_not_a_stack_overflow()
        {
            var reader = Reader(new string('[', 1000));
            int tokens = 0;
            while (reader.Read())
            {
                tokens++;
            }

            Assert.Equal((JsonReader.DefaultMaxDepth, JsonError.TooDeep, JsonReader.DefaultMaxDepth), (tokens, reader.ErrorKind, reader.ErrorPosition));
        }

        [Fact]
        public void Reads_a_huge_string_whole()
        {
            string huge = new string('h', 200_000) + "\\n";
            var reader = Reader("[\"" + huge + "\"]");

            Assert.True(reader.Read());
            Assert.True(reader.Read());
            Assert.Equal((JsonToken.String, 2, huge.Length), (reader.Token, reader.ValueStart, reader.ValueLength));
            string value = reader.GetString();
            Assert.Equal((200_001, '\n'), (value.Length, value[^1]));
            Assert.True(reader.Read());
            Assert.Equal(JsonToken.EndArray, reader.Token);
        }

        [Fact]
        public void Every_cut_of_a_valid_text_ends_in_an_error_at_or_before_the_cut()
        {
            byte[] bytes = Encoding.UTF8.GetBytes("{\"id\":\"a\\u0041\\\"\",\"n\":[-1.5e3,true,false,null,{}],\"s\":\"x\"}");
            var reader = new JsonReader();
            for (int length = 0; length < bytes.Length; length++)
            {
                reader.Reset(bytes, 0, length);
                int reads = 0;
                while (reader.Read())
                {
                    reads++;
                }

                // A cut inside a trailing number could still be a number; nothing here ends with one at depth 0.
                Assert.True(reader.Token == JsonToken.Error, $"cut at {length}: {reader.Token}");
                Assert.InRange(reader.ErrorPosition, 0, length);
                Assert.InRange(reads, 0, length);
            }

            reader.Reset(bytes, 0, bytes.Length);
            while (reader.Read())
            {
            }

            Assert.Equal(JsonToken.End, reader.Token);
        }

        [Fact]
        public void Random_bytes_never_make_it_throw_and_ascii_ones_are_judged_as_the_platform_reader_judges_them()
        {
            var random = new Random(8259);
            byte[] alphabet = Encoding.ASCII.GetBytes("{}[]:,\"\\ u0123456789abcdefeE+-.tnrl\t\n");
            var reader = new JsonReader();
            for (int round = 0; round < 5000; round++)
            {
                byte[] bytes = new byte[random.Next(0, 40)];
                for (int i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = round % 2 == 0 ? alphabet[random.Next(alphabet.Length)] : (byte)random.Next(256);
                }

                reader.Reset(bytes, 0, bytes.Length);
                int reads = 0;
                while (reader.Read())
                {
                    Assert.InRange(++reads, 1, bytes.Length);
                    if (reader.Token == JsonToken.String || reader.Token == JsonToken.Name)
                    {
                        Assert.NotNull(reader.GetString());
                    }
                }

                Assert.True(reader.Token == JsonToken.End || (reader.Token == JsonToken.Error && reader.ErrorPosition >= 0 && reader.ErrorPosition <= bytes.Length && reader.Error != null));
                if (round % 2 == 0)
                {
                    // ASCII text: the platform's reader agrees on what is JSON (this reader does not check UTF-8).
                    Assert.Equal(IsJson(bytes), reader.Token == JsonToken.End);
                }
            }
        }

        [Fact]
        public void Reading_a_command_allocates_nothing()
        {
            byte[] bytes = Encoding.UTF8.GetBytes("{\"id\":\"a\\u0041\",\"state\":\"pulse\",\"seconds\":5,\"list\":[true,null,-2.5e1]}");
            var reader = new JsonReader();
            ReadAll(reader, bytes);

            long before = GC.GetAllocatedBytesForCurrentThread();
            int matched = ReadAll(reader, bytes);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(2, matched);
        }

        private static int ReadAll(JsonReader reader, byte[] bytes)
        {
            int matched = 0;
            reader.Reset(bytes, 0, bytes.Length);
            while (reader.Read())
            {
                if (reader.Token == JsonToken.String && reader.ValueEquals("pulse"))
                {
                    matched++;
                }

                if (reader.Token == JsonToken.Number && reader.TryGetInteger(out long seconds) && seconds == 5)
                {
                    matched++;
                }
            }

            return matched;
        }

        /// <summary>What the platform's own reader says of the text, as the reference for RFC 8259.</summary>
        private static bool IsJson(byte[] bytes)
        {
            try
            {
                var options = new System.Text.Json.JsonReaderOptions { MaxDepth = JsonReader.DefaultMaxDepth };
                var reference = new System.Text.Json.Utf8JsonReader(bytes, options);
                while (reference.Read())
                {
                }

                return HasValue(bytes) && reference.BytesConsumed == bytes.Length;
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        private static bool HasValue(byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
                {
                    return true;
                }
            }

            return false;
        }

        private static JsonReader Reader(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            var reader = new JsonReader();
            reader.Reset(bytes, 0, bytes.Length);
            return reader;
        }
    }
}
