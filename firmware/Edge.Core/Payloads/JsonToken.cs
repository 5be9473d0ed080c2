// What a JsonReader reports: the tokens it stops on, the errors it stops with, and the words of those errors.
#nullable disable

namespace Edge.Core.Payloads
{
    /// <summary>What <see cref="JsonReader.Read"/> stopped on.</summary>
    public enum JsonToken : byte
    {
        None = 0,
        BeginObject = 1,
        EndObject = 2,
        BeginArray = 3,
        EndArray = 4,

        /// <summary>A member's name; its value is the next token.</summary>
        Name = 5,
        String = 6,
        Number = 7,
        True = 8,
        False = 9,
        Null = 10,

        /// <summary>The end of the text after one complete value.</summary>
        End = 11,

        /// <summary>The text is not JSON at <see cref="JsonReader.ErrorPosition"/>; see <see cref="JsonReader.Error"/>.</summary>
        Error = 12,
    }

    /// <summary>What the text lacks where a <see cref="JsonReader"/> stopped with <see cref="JsonToken.Error"/>.</summary>
    public enum JsonError : byte
    {
        None = 0,
        ExpectedValue = 1,
        ExpectedName = 2,
        ExpectedColon = 3,
        ExpectedCommaOrClose = 4,
        UnclosedString = 5,
        UnknownEscape = 6,
        BadUnicodeEscape = 7,
        ControlCharacter = 8,
        BadNumber = 9,
        TextAfterValue = 10,
        TooDeep = 11,
    }

    /// <summary>The words of a <see cref="JsonError"/>, without a position: constants, so that reporting an error
    /// allocates nothing.</summary>
    public static class JsonErrors
    {
        private static readonly string[] Messages =
        {
            null,
            "a value is expected",
            "a member name in quotes is expected",
            "':' is expected after a member name",
            "',' or a closing bracket is expected",
            "a string is not closed",
            "unknown escape in a string",
            "a \\u escape needs four hex digits",
            "a control character in a string",
            "a number is not in JSON form (RFC 8259 section 6)",
            "text after the value",
            "nested deeper than the reader allows",
        };

        /// <summary>What is wrong; null for <see cref="JsonError.None"/>.</summary>
        public static string Message(JsonError error)
        {
            return Messages[(int)error];
        }
    }
}
