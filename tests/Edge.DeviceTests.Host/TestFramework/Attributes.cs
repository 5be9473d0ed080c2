using System;

// The host side of the nanoFramework.TestFramework API the device tests are written against: the same names and
// signatures as tests/Edge.Firmware.Api/nanoFramework.TestFramework declares, with the behaviour of
// nanoFramework.TestFramework 3.0.77 (source/TestFrameworkShared and source/TestFramework in its repository), so
// that the device test sources compile and run here unchanged.
namespace nanoFramework.TestFramework
{
    /// <summary>A class whose tests the launcher runs.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    /// <summary>A test: a public static-callable method without parameters (or with one <see cref="DataRowAttribute"/> per case).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Runs once before the class's tests; skipped, it skips them all.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs once after the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    /// <summary>One case of a test: the arguments it is called with.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        /// <summary>A case with these arguments; as on the device, none or null is refused.</summary>
        public DataRowAttribute(params object[] methodParameters)
        {
            ArgumentNullException.ThrowIfNull(methodParameters);
            if (methodParameters.Length == 0)
            {
                throw new ArgumentException("a DataRow needs at least one argument", nameof(methodParameters));
            }

            MethodParameters = methodParameters;
        }

        /// <summary>The arguments of the case.</summary>
        public object[] MethodParameters { get; }
    }

    /// <summary>Thrown by <see cref="Assert.SkipTest"/>: the launcher reports the test skipped with its message.</summary>
    public class SkipTestException : Exception
    {
        /// <summary>A skip with its reason.</summary>
        public SkipTestException(string message)
            : base(message)
        {
        }
    }

    /// <summary>Test output: the launcher's console on the device, the test's output here.</summary>
    public static class OutputHelper
    {
        /// <summary>Where lines go while a test runs (the host runner sets it per test); the console otherwise.</summary>
        public static Action<string>? Sink { get; set; }

        /// <summary>Writes a line.</summary>
        public static void WriteLine(string message)
        {
            if (Sink != null)
            {
                Sink(message);
            }
            else
            {
                Console.WriteLine(message);
            }
        }
    }
}

namespace TestFrameworkShared
{
    /// <summary>A failed assertion; its message is what the launcher prints after "Test failed,name,".</summary>
    public class AssertFailedException : Exception
    {
        /// <summary>A failure with its message.</summary>
        public AssertFailedException(string message)
            : base(message)
        {
        }
    }
}
