// Declarations only (bodies throw): the part of nanoFramework.TestFramework 3.0.77 the device tests call.
// Confirmed in nanoframework/nanoFramework.TestFramework: source/TestFrameworkShared/TestClassAttribute.cs,
// TestMethodAttribute.cs, SetupAttribute.cs, CleanupAttribute.cs, DataRowAttribute.cs, SkipTestException.cs;
// source/TestFramework/Assert.cs (IsTrue, IsFalse, IsNull, IsNotNull, ThrowsException, SkipTest),
// Assert.AreEqual.cs (one overload per primitive type, no delta), OutputHelper.cs. The real Assert methods take
// the message through [CallerArgumentExpression]; mscorlib 1.17.11 has no such attribute (the package declares
// its own), and it changes nothing for a caller, so it is left out here.
using System;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            throw new NotImplementedException();
        }

        public object[] MethodParameters
        {
            get { throw new NotImplementedException(); }
        }
    }

    public class SkipTestException : Exception
    {
        public SkipTestException(string message)
        {
            throw new NotImplementedException();
        }
    }

    public static class OutputHelper
    {
        public static void WriteLine(string message)
        {
            throw new NotImplementedException();
        }
    }

    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void AreEqual(byte expected, byte actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void AreEqual(char expected, char actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void AreEqual(DateTime expected, DateTime actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void AreEqual(int expected, int actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void AreEqual(long expected, long actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void AreEqual(uint expected, uint actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void AreEqual(string expected, string actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void AreEqual(object expected, object actual, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void IsTrue(bool condition, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void IsFalse(bool condition, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void IsNull(object value, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void IsNotNull(object value, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            throw new NotImplementedException();
        }

        public static void SkipTest(string message = null)
        {
            throw new NotImplementedException();
        }
    }
}
