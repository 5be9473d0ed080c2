using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static Edge.NanoGate.Tests.GateTestSupport;

namespace Edge.NanoGate.Tests
{
    /// <summary>
    /// One bad sample per IL rule. Each compiles (against nano mscorlib where possible), so only the
    /// inspector can reject it; each assertion checks the rule and the type or member named.
    /// </summary>
    public class InspectionRuleTests
    {
        [Fact]
        public void Rejects_generic_class_definition()
        {
            byte[] assembly = CompileNano(@"
namespace Edge.Samples
{
    public class Box<T>
    {
        public T Value;
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation violation = Single(violations, GateRule.GenericDefinition, "Edge.Samples.Box<T>");
            Assert.Equal("Edge.Samples.Box<T>: [generic-definition] generic type definition (type parameters: T)", violation.ToString());
        }

        [Fact]
        public void Rejects_generic_method_definition()
        {
            byte[] assembly = CompileNano(@"
namespace Edge.Samples
{
    public static class Util
    {
        public static T First<T>(T[] items)
        {
            return items[0];
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation violation = Single(violations, GateRule.GenericDefinition, "Edge.Samples.Util.First<T>(T[])");
            Assert.Contains("generic method definition (type parameters: T)", violation.Message);
        }

        [Fact]
        public void Rejects_generic_instantiation_in_a_field_of_type_Action_of_int()
        {
            // nano mscorlib declares Action<T>, so this compiles; the 1.x interpreter still cannot run it.
            byte[] assembly = CompileNano(@"
namespace Edge.Samples
{
    public class Holder
    {
        private System.Action<int> _callback;

        public void Set(System.Action<int> callback)
        {
            _callback = callback;
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation field = Single(violations, GateRule.GenericInstantiation, "Edge.Samples.Holder._callback");
            Assert.Equal("field type uses generic instantiation System.Action<Int32>", field.Message);
            GateViolation parameter = Single(violations, GateRule.GenericInstantiation, "Edge.Samples.Holder.Set(System.Action<Int32>)");
            Assert.Equal("signature uses generic instantiation System.Action<Int32>", parameter.Message);
        }

        [Fact]
        public void Rejects_call_to_generic_method_instantiation_naming_the_calling_method()
        {
            byte[] assembly = CompileNano(@"
namespace Edge.Samples
{
    public static class Util
    {
        public static T Echo<T>(T value) { return value; }
    }

    public class Caller
    {
        public int Run() { return Util.Echo<int>(5); }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation call = Single(violations, GateRule.GenericInstantiation, "Edge.Samples.Caller.Run()");
            Assert.Equal("calls generic method instantiation Edge.Samples.Util.Echo<Int32>", call.Message);
        }

        [Fact]
        public void Rejects_generic_instantiation_used_only_inside_a_method_body()
        {
            // The Func<int,int> appears in no field or signature: only the IL walk can attribute it.
            byte[] assembly = CompileNano(@"
namespace Edge.Samples
{
    public class Calc
    {
        public int Apply(int k)
        {
            System.Func<int, int> add = x => x + k;
            return add(2);
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation use = Single(violations, GateRule.GenericInstantiation, "Edge.Samples.Calc.Apply(Int32)");
            Assert.Contains("generic instantiation System.Func<Int32, Int32>", use.Message);
            Assert.Contains("accesses System.Func<Int32, Int32>.", use.Message);
        }

        [Fact]
        public void Rejects_reference_to_an_assembly_other_than_mscorlib()
        {
            byte[] other = CompileNanoLibrary("namespace Other { public static class Helper { public static int Two() { return 2; } } }", "Other");
            byte[] assembly = CompileNano(
                "namespace Edge.Samples { public class User { public int Get() { return Other.Helper.Two(); } } }",
                MetadataReference.CreateFromImage(other));

            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation reference = Single(violations, GateRule.AssemblyReference, "assembly Sample");
            Assert.Equal("references assembly Other 0.0.0.0; portable code may reference mscorlib only", reference.Message);
            Assert.DoesNotContain(violations, v => v.Message.Contains("mscorlib 1.", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Rejects_async_method_and_its_state_machine()
        {
            byte[] assembly = CompileDotNet(@"
using System.Threading.Tasks;
namespace Edge.Samples
{
    public class Worker
    {
        public async Task RunAsync()
        {
            await Task.Delay(1);
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation method = Single(violations, GateRule.AsyncStateMachine, "Edge.Samples.Worker.RunAsync()");
            Assert.StartsWith("async method (AsyncStateMachineAttribute)", method.Message);
            GateViolation machine = Single(violations, GateRule.AsyncStateMachine, "Edge.Samples.Worker.<RunAsync>d__0");
            Assert.Contains("implements IAsyncStateMachine", machine.Message);
        }

        [Fact]
        public void Rejects_async_iterator()
        {
            byte[] assembly = CompileDotNet(@"
using System.Collections.Generic;
using System.Threading.Tasks;
namespace Edge.Samples
{
    public class Feed
    {
        public async IAsyncEnumerable<int> ReadAll()
        {
            await Task.Yield();
            yield return 1;
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation method = Single(violations, GateRule.AsyncStateMachine, "Edge.Samples.Feed.ReadAll()");
            Assert.StartsWith("async method (AsyncIteratorStateMachineAttribute)", method.Message);
            Single(violations, GateRule.GenericInstantiation, "Edge.Samples.Feed.ReadAll()");
        }

        [Fact]
        public void Rejects_dynamic()
        {
            byte[] assembly = CompileDotNet(@"
namespace Edge.Samples
{
    public class Late
    {
        public object Call(dynamic target)
        {
            return target.Measure(3);
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            GateViolation parameter = Single(violations, GateRule.Dynamic, "Edge.Samples.Late.Call(Object) parameter target");
            Assert.Equal("uses dynamic (DynamicAttribute)", parameter.Message);
            List<GateViolation> binder = violations
                .Where(v => v.Rule == GateRule.Dynamic && v.Message.StartsWith("uses dynamic (references Microsoft.CSharp.RuntimeBinder.", System.StringComparison.Ordinal))
                .ToList();
            Assert.True(binder.Count > 0, "expected a RuntimeBinder reference:\n" + Describe(violations));
            Assert.Contains(violations, v => v.Rule == GateRule.AssemblyReference && v.Message.StartsWith("references assembly Microsoft.CSharp ", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Rejects_multidimensional_array_in_field_and_method_body()
        {
            // int[,] compiles against nano mscorlib (array methods are synthesized), but nano has no ARRAY support.
            byte[] assembly = CompileNano(@"
namespace Edge.Samples
{
    public class Grid
    {
        private int[,] _cells = new int[2, 3];

        public int Corner()
        {
            return _cells[1, 2];
        }

        public static int Local()
        {
            long[,] scratch = new long[4, 4];
            scratch[0, 0] = 7;
            return (int)scratch[0, 0];
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            Assert.Equal("field type uses multidimensional array Int32[,]",
                Single(violations, GateRule.MultidimensionalArray, "Edge.Samples.Grid._cells").Message);
            Assert.Equal("accesses Int32[,].Get, which uses multidimensional array Int32[,]",
                Single(violations, GateRule.MultidimensionalArray, "Edge.Samples.Grid.Corner()").Message);
            Assert.Contains(violations, v => v.Rule == GateRule.MultidimensionalArray
                && v.Location == "Edge.Samples.Grid.Local()"
                && v.Message.Contains("multidimensional array Int64[,]", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Reports_one_violation_per_member_and_offending_type()
        {
            byte[] assembly = CompileNano(@"
namespace Edge.Samples
{
    public class Twice
    {
        public int Run()
        {
            int[,] a = new int[1, 1];
            a[0, 0] = 1;
            a[0, 0] = 2;
            return a[0, 0];
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            // .ctor, Set (twice) and Get all use Int32[,]: one thing to fix in Run(), so one line.
            GateViolation only = Assert.Single(violations);
            Assert.Equal(GateRule.MultidimensionalArray, only.Rule);
            Assert.Equal("Edge.Samples.Twice.Run()", only.Location);
            Assert.Contains("multidimensional array Int32[,]", only.Message);
        }

        [Fact]
        public void Accepts_nongeneric_constructs_the_device_runs()
        {
            byte[] assembly = CompileNano(@"
using System;
using System.Collections;
namespace Edge.Samples
{
    public delegate int Transform(int value);

    public class Fine
    {
        private static readonly byte[] Crc = { 1, 2, 3 };
        private readonly int[][] _rows = new int[2][];
        private Transform _transform = Double;

        public static int Double(int x) { return x * 2; }

        public int Run(ArrayList list)
        {
            Action done = () => { };
            done();
            _rows[0] = new int[] { Crc[0] };
            return _transform(_rows[0][0]) + list.Count;
        }
    }
}");
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(assembly);

            Assert.True(violations.Count == 0, Describe(violations));
        }
    }
}
