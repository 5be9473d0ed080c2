using System;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Edge.Benchmarks
{
    /// <summary>How many items (TIC groups, samples...) one benchmark operation handles, for <see cref="ThroughputColumn"/>.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class ItemsPerOperationAttribute : Attribute
    {
        public ItemsPerOperationAttribute(int items)
        {
            Items = items;
        }

        public int Items { get; }
    }

    /// <summary>
    /// A rate derived from the measured mean (which BenchmarkDotNet already divides by OperationsPerInvoke):
    /// operations per second ("Frames/s" when one operation is one frame), or items per second when the benchmark
    /// method carries <see cref="ItemsPerOperationAttribute"/> ("Groups/s": groups per frame times frames/s).
    /// </summary>
    public sealed class ThroughputColumn : IColumn
    {
        private readonly bool _perItem;

        public ThroughputColumn(string name, bool perItem)
        {
            ColumnName = name;
            _perItem = perItem;
        }

        public string Id => nameof(ThroughputColumn) + "." + ColumnName;

        public string ColumnName { get; }

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => _perItem ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => _perItem
            ? "Items (TIC groups) handled per second: ItemsPerOperation / Mean"
            : "Operations (frames, samples, closes, encodes) per second: 1 s / Mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            return GetValue(summary, benchmarkCase, SummaryStyle.Default);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            BenchmarkReport? report = summary[benchmarkCase];
            double? meanNs = report?.ResultStatistics?.Mean;
            if (meanNs == null || meanNs.Value <= 0)
            {
                return "NA";
            }

            double items = 1;
            if (_perItem)
            {
                ItemsPerOperationAttribute? attribute = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<ItemsPerOperationAttribute>();
                if (attribute == null)
                {
                    return "-";
                }

                items = attribute.Items;
            }

            double perSecond = items * 1e9 / meanNs.Value;
            return perSecond.ToString("N0", CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary)
        {
            return true;
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase)
        {
            return false;
        }

        public override string ToString()
        {
            return ColumnName;
        }
    }
}
