using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Edge.Core.Node;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Core.Node
{
    /// <summary>
    /// The firmware's static tables (quantity names and units, the TIC label table, the CRC table...): built once
    /// whatever the nodes, so not in any node's figure (NodeMemoryBudgetTests), but on the device in the same heap.
    /// Measured here on their own, on 64-bit .NET and estimated for nanoCLR, where the text of a string literal stays
    /// in the assembly's flash (a literal costs a 12-byte heap block) and the objects and arrays the static
    /// constructors build are heap (docs/memory.md, "The static tables").
    /// </summary>
    [Collection(MemoryMeasurementCollection.Name)]
    public class StaticTablesMemoryTests
    {
        /// <summary>The static tables on 64-bit .NET, string literals left out (measured 14,472 bytes, 14,856 once
        /// the command names, built at their first use, exist: the TIC label table 8.2 KB and its slot table 0.5 KB,
        /// the quantity table 3 KB; 16,152 with the field-name tables of the setup readers, 16,464 with the Eastron register
        /// tables of the Modbus driver, 16,848 with the command names, 17,384 with the setup reader's Modbus and P1
        /// choices and field names and the meter state names of health, 17,776 with the P1 driver's field table, counter
        /// names and CRC nibble table, 18,160 once the command names exist).</summary>
        public const int StaticTablesBudgetBytes = 18 * 1024;

        /// <summary>What of them is heap on the device, by the nanoCLR estimate, a 12-byte block for each string literal
        /// they hold included (measured 35,712 bytes, 36,120 with the command names: the TIC label table alone
        /// 24.6 KB, its objects a 12-byte block per field; 39,144 with the field-name tables of the setup readers, 39,936
        /// with the Eastron register tables, 40,344 with the command names, 41,508 with the setup reader's Modbus and P1
        /// tables (models, speeds, parities, P1 lines, value types, table and row field names) and the meter state
        /// names of health, 42,060 with the P1 driver's tables, 42,468 once the command names exist. The TIC label table is the one to shrink next: a byte and short array per field instead of
        /// an object per label).</summary>
        public const int DeviceHeapBudgetBytes = 42 * 1024;

        private readonly ITestOutputHelper _output;

        public StaticTablesMemoryTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>Every static field of the portable code (Edge.Core, Edge.Drivers) that holds an object, by
        /// Type.Field, once the type's initialiser has run: the firmware's tables, whatever its nodes.</summary>
        internal static IEnumerable<KeyValuePair<string, object>> StaticRoots()
        {
            foreach (Type type in typeof(EdgeNode).Assembly.GetTypes())
            {
                if (type.Namespace == null || !(type.Namespace.StartsWith("Edge.Core", StringComparison.Ordinal) || type.Namespace.StartsWith("Edge.Drivers", StringComparison.Ordinal)) || type.ContainsGenericParameters)
                {
                    continue;
                }

                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.IsLiteral && !field.FieldType.IsPrimitive && field.GetValue(null) is object value)
                    {
                        yield return new KeyValuePair<string, object>(type.Name + "." + field.Name, value);
                    }
                }
            }
        }

        [Fact]
        public void The_static_tables_keep_within_their_budget_on_dotnet_and_in_the_device_heap()
        {
            var net = new RetainedBytes(2);
            var device = new RetainedBytes(2, RetainedBytes.Layout.NanoClr);
            var lines = new List<string>();
            foreach (KeyValuePair<string, object> root in StaticRoots())
            {
                long literalsBefore = device.LiteralReferences;
                long bytes = net.Measure(root.Key, root.Value);
                long deviceBytes = device.Measure(root.Key, root.Value);
                long heap = deviceBytes + ((device.LiteralReferences - literalsBefore) * RetainedBytes.LiteralHeapBytes);
                if (bytes > 0)
                {
                    lines.Add(root.Key + ": " + bytes + " (device heap " + heap + ")");
                }
            }

            long deviceHeap = device.Total + (device.LiteralReferences * RetainedBytes.LiteralHeapBytes);
            var text = new StringBuilder();
            text.Append("static tables: ").Append(net.Total).Append(" bytes on 64-bit .NET; device estimate ").Append(device.Total)
                .Append(" and ").Append(device.LiteralReferences).Append(" string literals (text in flash, a 12-byte block each in the heap): heap ").Append(deviceHeap).Append('\n');
            lines.Sort(StringComparer.Ordinal);
            foreach (string line in lines)
            {
                text.Append(line).Append('\n');
            }

            _output.WriteLine(text.ToString());
            Assert.True(net.Total <= StaticTablesBudgetBytes, net.Total + " bytes of static tables, over the budget of " + StaticTablesBudgetBytes + "\n" + text);
            Assert.True(deviceHeap <= DeviceHeapBudgetBytes, deviceHeap + " bytes of static tables in the device heap, over the budget of " + DeviceHeapBudgetBytes + "\n" + text);
        }
    }
}
