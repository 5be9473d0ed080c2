using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Edge.Host.Listening
{
    /// <summary>
    /// The table of `edge listen`: one row per node (or IoT Agent device, "apikey/device"), fixed columns, counts
    /// right-aligned. The node column widens to the longest name, so that the columns stay aligned.
    /// </summary>
    public static class NodeTable
    {
        private const int NodeWidth = 20;

        public static void Write(IReadOnlyList<NodeCounts> nodes, TextWriter output)
        {
            string[] names = nodes.Select(n => OneLine.Of(n.NodeId)).ToArray();
            int width = Math.Max(NodeWidth, names.Length == 0 ? 0 : names.Max(n => n.Length));
            output.WriteLine(
                $"{"node".PadRight(width)} {"state",-8} {"reports",8} {"last window",-28} {"events",7} {"health",7} {"commands",8} {"results",7} {"missing",8} {"repeated",8} {"reordered",9} {"violations",10}");
            for (int i = 0; i < nodes.Count; i++)
            {
                NodeCounts node = nodes[i];
                string window = node.LastReportEnd is DateTime end ? $"{node.LastWindow} to {end:HH:mm:ss}Z".TrimStart() : "-";
                output.WriteLine(
                    $"{names[i].PadRight(width)} {OneLine.Of(node.State),-8} {node.Reports,8} {window,-28} {node.Events,7} {node.Health,7} {node.Commands,8} {node.Results,7} {node.Missing,8} {node.Repeated,8} {node.Reordered,9} {node.Violations,10}");
            }
        }
    }
}
