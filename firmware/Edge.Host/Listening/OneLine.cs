using System.Text;

namespace Edge.Host.Listening
{
    /// <summary>
    /// Text from the broker made fit for one terminal line: whatever a topic or payload carries (newlines, escape
    /// sequences, NULs) cannot break the output or drive the terminal.
    /// </summary>
    public static class OneLine
    {
        /// <summary>Control characters as \u escapes; longer than <paramref name="limit"/>, cut with "...".</summary>
        public static string Of(string text, int limit = int.MaxValue)
        {
            var line = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (char.IsControl(c))
                {
                    line.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    line.Append(c);
                }

                if (line.Length > limit)
                {
                    break;
                }
            }

            return line.Length <= limit ? line.ToString() : line.ToString(0, limit - 3) + "...";
        }
    }
}
