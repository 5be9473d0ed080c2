#nullable disable
using Edge.Core.Payloads;
using Edge.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Payloads
{
    /// <summary>The JSON pull reader that parses commands and setup files, against RFC 8259, on the device.</summary>
    [TestClass]
    public class JsonReaderTests
    {
        private static readonly JsonReader Reader = new JsonReader();

        [TestMethod]
        public void Reads_the_tokens_of_nested_values_with_their_depth_and_position()
        {
            Start("{\"a\":[1,{\"b\":null}], \"c\":true}");

            int[] tokens = new int[]
            {
                (int)JsonToken.BeginObject, 1, 0, (int)JsonToken.Name, 1, 1, (int)JsonToken.BeginArray, 2, 5,
                (int)JsonToken.Number, 2, 6, (int)JsonToken.BeginObject, 3, 8, (int)JsonToken.Name, 3, 9,
                (int)JsonToken.Null, 3, 13, (int)JsonToken.EndObject, 3, 17, (int)JsonToken.EndArray, 2, 18,
                (int)JsonToken.Name, 1, 21, (int)JsonToken.True, 1, 25, (int)JsonToken.EndObject, 1, 29,
            };
            for (int i = 0; i < tokens.Length; i += 3)
            {
                Assert.IsTrue(Reader.Read(), "token " + (i / 3).ToString());
                Assert.AreEqual(tokens[i], (int)Reader.Token);
                Assert.AreEqual(tokens[i + 1], Reader.Depth);
                Assert.AreEqual(tokens[i + 2], Reader.Position);
            }

            Assert.IsFalse(Reader.Read());
            Assert.AreEqual((int)JsonToken.End, (int)Reader.Token);
            Assert.IsNull(Reader.Error);
        }

        [TestMethod]
        public void Decodes_the_escapes_of_section_7()
        {
            Start("\"a\\\"b\\\\c\\/d\\n\\t\\u0041\"");

            Assert.IsTrue(Reader.Read());
            Assert.AreEqual((int)JsonToken.String, (int)Reader.Token);
            Assert.AreEqual("a\"b\\c/d\n\tA", Reader.GetString());
            Assert.IsTrue(Reader.ValueEquals("a\"b\\c/d\n\tA"));
            Assert.IsFalse(Reader.ValueEquals("a\"b\\c/d\n\t"));
        }

        [TestMethod]
        [DataRow("0", true, 0L)]
        [DataRow("-12", true, -12L)]
        [DataRow("86400", true, 86400L)]
        [DataRow("999999999999999999", true, 999999999999999999L)]
        [DataRow("9999999999999999999", false, 0L)]
        [DataRow("12.5", false, 0L)]
        [DataRow("1e3", false, 0L)]
        public void Gives_an_integer_only_for_a_number_written_as_one(string text, bool integer, long expected)
        {
            Start(text);

            Assert.IsTrue(Reader.Read());
            Assert.AreEqual((int)JsonToken.Number, (int)Reader.Token);
            Assert.AreEqual(text.Length, Reader.ValueLength);
            long value;
            Assert.AreEqual(integer, Reader.TryGetInteger(out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("230", true, 2300L)]
        [DataRow("230.5", true, 2305L)]
        [DataRow("-230.5", true, -2305L)]
        [DataRow("230.55", false, 0L)]
        [DataRow("2.3e2", false, 0L)]
        public void Scales_a_decimal_to_one_decimal_without_rounding(string text, bool exact, long expected)
        {
            Start(text);

            Assert.IsTrue(Reader.Read());
            long value;
            Assert.AreEqual(exact, Reader.TryGetScaled(1, out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("", (int)JsonError.ExpectedValue, 0)]
        [DataRow("01", (int)JsonError.BadNumber, 1)]
        [DataRow("1.", (int)JsonError.BadNumber, 2)]
        [DataRow("{} x", (int)JsonError.TextAfterValue, 3)]
        [DataRow("\"abc", (int)JsonError.UnclosedString, 4)]
        [DataRow("\"a\\qb\"", (int)JsonError.UnknownEscape, 3)]
        [DataRow("{\"a\":1,}", (int)JsonError.ExpectedName, 7)]
        [DataRow("{\"a\" 1}", (int)JsonError.ExpectedColon, 5)]
        [DataRow("{\"a\":1]", (int)JsonError.ExpectedCommaOrClose, 6)]
        [DataRow("[1,]", (int)JsonError.ExpectedValue, 3)]
        public void Stops_at_the_first_byte_that_breaks_the_grammar(string text, int error, int position)
        {
            Start(text);

            while (Reader.Read())
            {
            }

            Assert.AreEqual((int)JsonToken.Error, (int)Reader.Token);
            Assert.AreEqual(error, (int)Reader.ErrorKind);
            Assert.AreEqual(position, Reader.ErrorPosition);
            Assert.AreEqual(JsonErrors.Message((JsonError)error), Reader.Error);
            Assert.IsFalse(Reader.Read());
        }

        [TestMethod]
        public void A_thousand_open_brackets_end_in_an_error_not_a_stack_overflow()
        {
            // The device's stack is a few KB: the reader keeps depth in a counter and stops at its limit.
            byte[] brackets = new byte[1000];
            for (int i = 0; i < brackets.Length; i++)
            {
                brackets[i] = (byte)'[';
            }

            JsonReader reader = new JsonReader();
            reader.Reset(brackets, 0, brackets.Length);
            int tokens = 0;
            while (reader.Read())
            {
                tokens++;
            }

            Assert.AreEqual(JsonReader.DefaultMaxDepth, tokens);
            Assert.AreEqual((int)JsonError.TooDeep, (int)reader.ErrorKind);
            Assert.AreEqual(JsonReader.DefaultMaxDepth, reader.ErrorPosition);
        }

        [TestMethod]
        public void Counts_positions_from_the_start_of_the_text_not_of_the_array()
        {
            byte[] bytes = Text.Bytes("xxxx[1,}yy");
            JsonReader reader = new JsonReader();
            reader.Reset(bytes, 4, 4);

            Assert.IsTrue(reader.Read());
            Assert.AreEqual(0, reader.Position);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual(1, reader.Position);
            Assert.AreEqual(5, reader.ValueStart);
            Assert.IsFalse(reader.Read());
            Assert.AreEqual((int)JsonError.ExpectedValue, (int)reader.ErrorKind);
            Assert.AreEqual(3, reader.ErrorPosition);
        }

        private static void Start(string text)
        {
            byte[] bytes = Text.Bytes(text);
            Reader.Reset(bytes, 0, bytes.Length);
        }
    }
}
