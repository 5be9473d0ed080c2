using System;
using System.Collections.Generic;
using Edge.Core.Aggregation;
using Edge.Core.Commands;
using Edge.Core.Model;
using Edge.Core.Payloads;
using Edge.Core.Time;
using Xunit;

namespace Edge.Tests.Core.Node
{
    /// <summary>The walk's sizes against what the runtime allocates, object by object: the breakdown of
    /// docs/memory.md is only as good as this.</summary>
    public class RetainedBytesTests
    {
        [Fact]
        public void Sizes_arrays_strings_and_objects_as_the_runtime_allocates_them()
        {
            Assert.Equal(Allocated(() => new byte[100]), Walked(new byte[100]));
            Assert.Equal(Allocated(() => new long[3]), Walked(new long[3]));
            Assert.Equal(Allocated(() => new string('x', 11)), Walked(new string('x', 11)));
            Assert.Equal(Allocated(() => new object()), Walked(new object()));
            Assert.Equal(Allocated(() => new DateTime[5]), Walked(new DateTime[5]));
        }

        [Fact]
        public void Sizes_node_parts_as_the_runtime_allocates_them()
        {
            var plan = new WindowPlan(new FixedWindowCalendar(900), new[] { QuantityId.TotalActiveEnergyImport, QuantityId.PhaseVoltageL1 }, StatisticSet.Compact);
            var exclude = new object[] { plan, plan.Calendar };
            Assert.Equal(Allocated(() => new WindowAggregator(plan, 2, 4, 60000)), Walked(new WindowAggregator(plan, 2, 4, 60000), exclude));
            Assert.Equal(Allocated(() => new JsonWriter(new byte[300])), Walked(new JsonWriter(new byte[300])));
            Assert.Equal(Allocated(() => new CommandQueue(8, 32)), Walked(new CommandQueue(8, 32)));
            Assert.Equal(Allocated(() => new CommandFields()), Walked(new CommandFields()));
        }

        [Fact]
        public void Counts_a_shared_object_once_for_the_first_path_that_reaches_it()
        {
            byte[] shared = new byte[1000];
            var parts = new RetainedBytes(2);
            long first = parts.Measure("first", new object[] { shared });
            long second = parts.Measure("second", new object[] { shared });

            Assert.Equal(RetainedBytes.ShallowSize(new object[1]) + RetainedBytes.ShallowSize(shared), first);
            Assert.Equal(RetainedBytes.ShallowSize(new object[1]), second);
            Assert.Equal(first + second, parts.Total);
            Assert.Equal(RetainedBytes.ShallowSize(shared), parts.Of("first[0]"));
        }

        [Fact]
        public void Leaves_out_excluded_objects_and_interned_literals()
        {
            byte[] excluded = new byte[500];
            var parts = new RetainedBytes(1);
            parts.Exclude(excluded);

            Assert.Equal(RetainedBytes.ShallowSize(new object[2]), parts.Measure("holder", new object[] { excluded, "a literal" }));
        }

        [Fact]
        public void Estimates_the_device_in_heap_blocks_of_12_bytes()
        {
            var parts = new RetainedBytes(1, RetainedBytes.Layout.NanoClr);

            // A header block and one block per field, whatever its type; arrays a 20-byte header and their elements
            // (a reference takes a block), in whole blocks.
            Assert.Equal(12 * (1 + 3), parts.Measure("object", new ThreeFields()));
            Assert.Equal(36, parts.Measure("bytes", new byte[10]));
            Assert.Equal(36 + 36, parts.Measure("references", new object[] { new byte[10] }));
            Assert.Equal(24, parts.Measure("string", new string('x', 5)));
        }

        private sealed class ThreeFields
        {
            public bool Flag { get; set; }

            public long Count { get; set; }

            public DateTime Time { get; set; }
        }

        private static long Walked(object value, params object[] excluded)
        {
            var parts = new RetainedBytes(1);
            foreach (object e in excluded)
            {
                parts.Exclude(e);
            }

            return parts.Measure("value", value);
        }

        /// <summary>Bytes this thread allocates to make the value (the second time: the first may run type initialisers).</summary>
        private static long Allocated(Func<object> make)
        {
            GC.KeepAlive(make());
            long before = GC.GetAllocatedBytesForCurrentThread();
            object value = make();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(value);
            return allocated;
        }
    }
}
