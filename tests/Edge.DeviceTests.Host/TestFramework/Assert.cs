using System;
using System.Diagnostics.CodeAnalysis;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assertions of nanoFramework.TestFramework 3.0.77 the device tests call, with its semantics: AreEqual has
    /// one overload per primitive type and compares with Equals (ordinal for strings), no delta; ThrowsException wants
    /// the exact exception type, not a derived one; a failure throws <see cref="AssertFailedException"/> with the
    /// message "Assert.X failed. ...".
    /// </summary>
    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "") => Equal(expected, actual, message);

        public static void AreEqual(byte expected, byte actual, string message = "") => Equal(expected, actual, message);

        public static void AreEqual(char expected, char actual, string message = "") => Equal(expected, actual, message);

        public static void AreEqual(DateTime expected, DateTime actual, string message = "") => Equal(expected, actual, message);

        public static void AreEqual(int expected, int actual, string message = "") => Equal(expected, actual, message);

        public static void AreEqual(long expected, long actual, string message = "") => Equal(expected, actual, message);

        public static void AreEqual(uint expected, uint actual, string message = "") => Equal(expected, actual, message);

        public static void AreEqual(object? expected, object? actual, string message = "") => Equal(expected, actual, message);

        public static void AreEqual(string? expected, string? actual, string message = "")
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                Fail("Assert.AreEqual", $"Expected:<{Shown(expected)}>. Actual:<{Shown(actual)}>. {message}");
            }
        }

        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition)
            {
                Fail("Assert.IsTrue", message);
            }
        }

        public static void IsFalse(bool condition, string message = "")
        {
            if (condition)
            {
                Fail("Assert.IsFalse", message);
            }
        }

        public static void IsNull(object? value, string message = "")
        {
            if (value is not null)
            {
                Fail("Assert.IsNull", message);
            }
        }

        public static void IsNotNull([NotNull] object? value, string message = "")
        {
            if (value is null)
            {
                Fail("Assert.IsNotNull", message);
            }
        }

        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            ArgumentNullException.ThrowIfNull(action);
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() == exceptionType)
                {
                    return;
                }

                Fail("Assert.ThrowsException", $"Threw exception {ex.GetType().Name}, but exception {exceptionType.Name} was expected. {message}\r\nException Message: {ex.Message}");
            }

            Fail("Assert.ThrowsException", $"No exception thrown. {exceptionType.Name} exception was expected. {message}");
        }

        [DoesNotReturn]
        public static void SkipTest(string? message = null) => throw new SkipTestException(message!);

        private static void Equal(object? expected, object? actual, string message)
        {
            if (!Equals(expected, actual))
            {
                Fail("Assert.AreEqual", $"Expected:<{Shown(expected)}>. Actual:<{Shown(actual)}>. {message}");
            }
        }

        private static string Shown(object? value) => value?.ToString()?.Replace("\0", "\\0", StringComparison.Ordinal) ?? "(null)";

        [DoesNotReturn]
        private static void Fail(string assertion, string message) => throw new AssertFailedException($"{assertion} failed. {message}");
    }
}
