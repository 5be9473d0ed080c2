using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Host
{
    /// <summary>What one device test case came to, as the TestFramework's launcher would print it.</summary>
    internal enum DeviceOutcome
    {
        Passed,
        Failed,
        Skipped,
    }

    /// <summary>One line of the launcher: a [Setup], a [Cleanup], a [TestMethod] or one [DataRow] of a test.</summary>
    internal sealed record DeviceTestCase(string Id, Type Class, MethodInfo Method, object[]? Arguments, DeviceTestKind Kind);

    internal enum DeviceTestKind
    {
        Setup,
        Test,
        Cleanup,
    }

    /// <summary>The result of running one case: outcome and the message the launcher would print after it.</summary>
    internal sealed record DeviceResult(DeviceOutcome Outcome, string Message);

    /// <summary>
    /// The device tests of an assembly found and run the way nanoFramework.TestFramework's launcher
    /// (source/UnitTestLauncher/Program.cs, 3.0.77) finds and runs them: for each class marked [TestClass], in the
    /// assembly's order, its [Setup] first, then its [TestMethod]s, then its [DataRow] methods one case per row,
    /// then its [Cleanup]; each method invoked statically (no instance); a case is named
    /// <c>Namespace.Class.Method.index</c>, the index being that of the attribute among the method's attributes
    /// once [TestMethod] is left out of a method that has rows. A skipped [Setup] skips the class's other cases; a
    /// failed one does not stop them. Here each case can also be run alone (a filtered host run): the class's
    /// [Setup] then runs first, once, and runs again after its [Cleanup].
    /// </summary>
    internal sealed class DeviceTestCatalog
    {
        private readonly Dictionary<Type, DeviceResult> _setups = new();

        public DeviceTestCatalog(Assembly assembly, Func<Type, bool> include)
        {
            var cases = new List<DeviceTestCase>();
            foreach (Type type in assembly.GetTypes())
            {
                if (type.IsClass && include(type) && type.GetCustomAttributes(true).Any(a => a.GetType() == typeof(TestClassAttribute)))
                {
                    MethodInfo[] methods = type.GetMethods();
                    cases.AddRange(CasesOf(type, methods, typeof(SetupAttribute), DeviceTestKind.Setup));
                    cases.AddRange(CasesOf(type, methods, typeof(TestMethodAttribute), DeviceTestKind.Test));
                    cases.AddRange(CasesOf(type, methods, typeof(DataRowAttribute), DeviceTestKind.Test));
                    cases.AddRange(CasesOf(type, methods, typeof(CleanupAttribute), DeviceTestKind.Cleanup));
                }
            }

            Cases = cases;
            ById = cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        }

        /// <summary>Every case, in the launcher's order.</summary>
        public IReadOnlyList<DeviceTestCase> Cases { get; }

        public IReadOnlyDictionary<string, DeviceTestCase> ById { get; }

        /// <summary>Runs one case with the launcher's semantics; output lines go to <paramref name="output"/>.</summary>
        public DeviceResult Run(DeviceTestCase test, Action<string> output)
        {
            lock (_setups)
            {
                OutputHelper.Sink = output;
                try
                {
                    if (test.Kind == DeviceTestKind.Setup)
                    {
                        DeviceResult setup = Invoke(test);
                        _setups[test.Class] = setup;
                        return setup;
                    }

                    DeviceResult classSetup = EnsureSetup(test.Class);
                    if (classSetup.Outcome == DeviceOutcome.Skipped)
                    {
                        return new DeviceResult(DeviceOutcome.Skipped, "[Setup] skipped: " + classSetup.Message);
                    }

                    DeviceResult result = Invoke(test);
                    if (test.Kind == DeviceTestKind.Cleanup)
                    {
                        _setups.Remove(test.Class);
                    }

                    return result;
                }
                finally
                {
                    OutputHelper.Sink = null;
                }
            }
        }

        /// <summary>The launcher's line for a result.</summary>
        public static string LauncherLine(DeviceTestCase test, DeviceResult result) => result.Outcome switch
        {
            DeviceOutcome.Passed => $"Test passed,{test.Id},{result.Message}",
            DeviceOutcome.Failed => $"Test failed,{test.Id},{result.Message}",
            _ => $"Test skipped,{test.Id},{result.Message}",
        };

        private DeviceResult EnsureSetup(Type type)
        {
            if (_setups.TryGetValue(type, out DeviceResult? done))
            {
                return done;
            }

            DeviceResult result = new(DeviceOutcome.Passed, "0");
            foreach (DeviceTestCase setup in Cases.Where(c => c.Class == type && c.Kind == DeviceTestKind.Setup))
            {
                result = Invoke(setup);
                if (result.Outcome == DeviceOutcome.Skipped)
                {
                    break;
                }
            }

            _setups[type] = result;
            return result;
        }

        /// <summary>
        /// Calls the method as the launcher does, <c>method.Invoke(null, parameters)</c>: nanoFramework's interpreter
        /// runs an instance method with no instance, so no constructor runs and instance state does not exist. .NET
        /// needs a target: an object of the class whose constructor never ran, and a class with instance fields is
        /// refused, since on the device they would be a null dereference.
        /// </summary>
        private static DeviceResult Invoke(DeviceTestCase test)
        {
            FieldInfo? field = test.Class.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).FirstOrDefault();
            if (field != null)
            {
                return new DeviceResult(DeviceOutcome.Failed, $"{test.Class.FullName} has the instance field {field.Name}: the launcher calls tests without an instance, keep test state in static fields");
            }

            object? target = test.Method.IsStatic ? null : System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(test.Class);
            long start = DateTime.UtcNow.Ticks;
            try
            {
                test.Method.Invoke(target, test.Arguments);
                return new DeviceResult(DeviceOutcome.Passed, (DateTime.UtcNow.Ticks - start).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (TargetInvocationException e) when (e.InnerException is SkipTestException skip)
            {
                return new DeviceResult(DeviceOutcome.Skipped, skip.Message);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                return new DeviceResult(DeviceOutcome.Failed, e.InnerException is TestFrameworkShared.AssertFailedException
                    ? e.InnerException.Message
                    : e.InnerException.GetType().FullName + ": " + e.InnerException.Message + Environment.NewLine + e.InnerException.StackTrace);
            }
        }

        private static IEnumerable<DeviceTestCase> CasesOf(Type type, MethodInfo[] methods, Type attribute, DeviceTestKind kind)
        {
            foreach (MethodInfo method in methods)
            {
                object[] attributes = LauncherAttributes(method);
                for (int i = 0; i < attributes.Length; i++)
                {
                    if (attributes[i].GetType() == attribute)
                    {
                        object[]? arguments = attributes[i] is DataRowAttribute row ? row.MethodParameters : null;
                        yield return new DeviceTestCase($"{type.FullName}.{method.Name}.{i}", type, method, arguments, kind);
                    }
                }
            }
        }

        /// <summary>The method's attributes as the launcher indexes them: [TestMethod] left out when rows exist
        /// (its Helper.RemoveTestMethodIfDataRowExists). Attributes the host compiler adds and a device build would
        /// not (nullable context and the like) are left out too, so the names match the device's.</summary>
        private static object[] LauncherAttributes(MethodInfo method)
        {
            object[] all = method.GetCustomAttributes(true)
                .Where(a => a.GetType().Namespace != "System.Runtime.CompilerServices" && a.GetType().Namespace != "System.Diagnostics")
                .ToArray();
            bool rows = all.Any(a => a is DataRowAttribute);
            return rows ? all.Where(a => a is not TestMethodAttribute).ToArray() : all;
        }
    }
}
