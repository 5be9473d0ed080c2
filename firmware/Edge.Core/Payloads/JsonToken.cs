// What a JsonReader reports: the tokens it stops on, the errors it stops with, and the words of those errors.
#nullable disable

namespace Edge.Core.Payloads
{
    /// <summary>What <see cref="JsonReader.Read"/> stopped on.</summary>
    public enum JsonToken : byte
    {
        /// <summary>No token yet: Read has not been called.</summary>
        None = 0,
        /// <summary>'{': the start of an object.</summary>
        BeginObject = 1,
        /// <summary>'}': the end of an object.</summary>
        EndObject = 2,
        /// <summary>'[': the start of an array.</summary>
        BeginArray = 3,
        /// <summary>']': the end of an array.</summary>
        EndArray = 4,

        /// <summary>A member's name; its value is the next token.</summary>
        Name = 5,
        /// <summary>A string value.</summary>
        String = 6,
        /// <summary>A number value.</summary>
        Number = 7,
        /// <summary>The literal true.</summary>
        True = 8,
        /// <summary>The literal false.</summary>
        False = 9,
        /// <summary>The literal null.</summary>
        Null = 10,

        /// <summary>The end of the text after one complete value.</summary>
        End = 11,

        /// <summary>The text is not JSON at <see cref="JsonReader.ErrorPosition"/>; see <see cref="JsonReader.Error"/>.</summary>
        Error = 12,
    }

    /// <summary>What the text lacks where a <see cref="JsonReader"/> stopped with <see cref="JsonToken.Error"/>.</summary>
    public enum JsonError : byte
    {
        /// <summary>No error.</summary>
        None = 0,
        /// <summary>A value was expected.</summary>
        ExpectedValue = 1,
        /// <summary>A member name in quotes was expected.</summary>
        ExpectedName = 2,
        /// <summary>A ':' was expected after a member name.</summary>
        ExpectedColon = 3,
        /// <summary>A ',' or a closing bracket was expected.</summary>
        ExpectedCommaOrClose = 4,
        /// <summary>A string is not closed before the end of the text.</summary>
        UnclosedString = 5,
        /// <summary>An unknown escape in a string.</summary>
        UnknownEscape = 6,
        /// <summary>A \u escape without four hex digits.</summary>
        BadUnicodeEscape = 7,
        /// <summary>A raw control character inside a string.</summary>
        ControlCharacter = 8,
        /// <summary>A number not in JSON form (RFC 8259 section 6).</summary>
        BadNumber = 9,
        /// <summary>Text after the one complete value.</summary>
        TextAfterValue = 10,
        /// <summary>Nested deeper than the reader allows.</summary>
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
