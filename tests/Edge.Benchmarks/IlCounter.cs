using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Edge.Benchmarks
{
    /// <summary>
    /// Counts the IL the portable code executes on a <see cref="TicCostHarness"/> path: what the nanoFramework
    /// interpreter, which has no JIT, dispatches one by one. Run as <c>Edge.Benchmarks tic-il PATH FRAMES [FILE]</c>.
    /// <para>It copies the assembly that holds the portable code (edge.dll) in memory and adds, at the start of every
    /// basic block of every method, an increment of that block's counter (Mono.Cecil); it then loads that copy and
    /// the harness into their own load context, runs the harness with 0 (once before, for the static constructors)
    /// and with FRAMES frames, and multiplies each
    /// block's executions by what the block holds: IL instructions, calls (call, callvirt, newobj), field accesses
    /// (ldfld, stfld, ldsfld... and their address forms) and array accesses (ldelem, stelem, ldelema, ldlen). The
    /// difference of the two runs, per frame and per byte, is printed. Library code the portable code calls (Array.Copy,
    /// DateTime.Ticks) counts as one call at the call site and nothing inside: on the device such methods run
    /// natively. Exact and independent of the machine and its load; the real interpreter weighs instructions
    /// unequally (a call or an array access costs more than a ldloc), which is why the four are counted apart.</para>
    /// </summary>
    public static class IlCounter
    {
        public const string Command = "tic-il";

        private const string CounterType = "EdgeIlBlockCounter";
        private const string CounterField = "Hits";

        public static int Run(string[] args)
        {
            if (args.Length < 3 || !int.TryParse(args[2], out int frames) || frames <= 0)
            {
                Console.Error.WriteLine("usage: Edge.Benchmarks " + Command + " decode|interpret|meter|node FRAMES [FILE]");
                return 2;
            }

            string dir = AppContext.BaseDirectory;
            List<BlockCost> blocks = new List<BlockCost>();
            byte[] instrumented = Instrument(Path.Combine(dir, "edge.dll"), blocks);
            InstrumentedContext context = new InstrumentedContext(instrumented, Path.Combine(dir, "Edge.Benchmarks.dll"));
            Assembly edge = context.LoadFromAssemblyName(new AssemblyName("edge"));
            Assembly harness = context.LoadFromAssemblyName(new AssemblyName("Edge.Benchmarks"));
            FieldInfo hits = edge.GetType(CounterType, true)!.GetField(CounterField)!;
            MethodInfo run = harness.GetType(typeof(TicCostHarness).FullName!, true)!.GetMethod(nameof(TicCostHarness.Run))!;

            string file = args.Length > 3 ? args[3] : TicDecodeBenchmarks.StandardFile;
            // A first run pays for the static constructors (the label tables), which the next two must not count.
            Execute(run, hits, blocks.Count, args[1], 0, file);
            long[] baseline = Execute(run, hits, blocks.Count, args[1], 0, file);
            long[] measured = Execute(run, hits, blocks.Count, args[1], frames, file);
            Totals total = new Totals();
            Dictionary<string, Totals> byMethod = new Dictionary<string, Totals>();
            for (int b = 0; b < blocks.Count; b++)
            {
                long runs = measured[b] - baseline[b];
                if (runs == 0)
                {
                    continue;
                }

                BlockCost cost = blocks[b];
                total.Add(cost, runs);
                if (!byMethod.TryGetValue(cost.Method, out Totals? method))
                {
                    method = new Totals();
                    byMethod.Add(cost.Method, method);
                }

                method.Add(cost, runs);
            }

            int bytes = RepoFiles.TicFrame(file).Length;
            double perFrame = 1.0 / frames;
            Console.WriteLine(args[1] + ", " + file + " (" + bytes + " B), " + frames + " frames; executed per frame / per byte:");
            Console.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "  IL {0,9:F0} / {1,6:F1}   calls {2,7:F0} / {3,5:F2}   fields {4,7:F0} / {5,5:F2}   arrays {6,7:F0} / {7,5:F2}",
                total.Il * perFrame, total.Il * perFrame / bytes, total.Calls * perFrame, total.Calls * perFrame / bytes,
                total.Fields * perFrame, total.Fields * perFrame / bytes, total.Arrays * perFrame, total.Arrays * perFrame / bytes));
            if (Environment.GetEnvironmentVariable("BY_METHOD") == "1")
            {
                List<KeyValuePair<string, Totals>> methods = new List<KeyValuePair<string, Totals>>(byMethod);
                methods.Sort((x, y) => y.Value.Il.CompareTo(x.Value.Il));
                foreach (KeyValuePair<string, Totals> m in methods)
                {
                    Console.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                        "  {0,9:F0} IL {1,6:F0} calls {2,6:F0} fields {3,6:F0} arrays  {4}",
                        m.Value.Il * perFrame, m.Value.Calls * perFrame, m.Value.Fields * perFrame, m.Value.Arrays * perFrame, m.Key));
                }
            }

            string? blocksOf = Environment.GetEnvironmentVariable("BLOCKS");
            if (!string.IsNullOrEmpty(blocksOf))
            {
                // The basic blocks of the methods whose name contains BLOCKS: where in a method the IL goes.
                for (int b = 0; b < blocks.Count; b++)
                {
                    if (blocks[b].Method.Contains(blocksOf, StringComparison.Ordinal))
                    {
                        Console.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                            "  {0} IL_{1:x4}: {2,3} IL x {3,8:F2} per frame", blocks[b].Method, blocks[b].Offset, blocks[b].Il, (measured[b] - baseline[b]) * perFrame));
                    }
                }
            }

            return 0;
        }

        private static long[] Execute(MethodInfo run, FieldInfo hits, int blocks, string path, int frames, string file)
        {
            long[] counts = new long[blocks];
            hits.SetValue(null, counts);
            TextWriter console = Console.Out;
            Console.SetOut(TextWriter.Null);
            object? status;
            try
            {
                status = run.Invoke(null, new object[] { new[] { TicCostHarness.Command, path, frames.ToString(System.Globalization.CultureInfo.InvariantCulture), file } });
            }
            finally
            {
                Console.SetOut(console);
            }

            if (!(status is int code) || code != 0)
            {
                throw new InvalidOperationException("the harness failed");
            }

            hits.SetValue(null, new long[blocks]);
            return counts;
        }

        /// <summary>edge.dll with a counter increment at the start of every basic block; the cost of each block
        /// (by its index in the counter array) is added to <paramref name="blocks"/>.</summary>
        private static byte[] Instrument(string path, List<BlockCost> blocks)
        {
            using ModuleDefinition module = ModuleDefinition.ReadModule(path);
            TypeDefinition counter = new TypeDefinition(string.Empty, CounterType,
                Mono.Cecil.TypeAttributes.Public | Mono.Cecil.TypeAttributes.Abstract | Mono.Cecil.TypeAttributes.Sealed | Mono.Cecil.TypeAttributes.Class,
                module.TypeSystem.Object);
            FieldDefinition hits = new FieldDefinition(CounterField, Mono.Cecil.FieldAttributes.Public | Mono.Cecil.FieldAttributes.Static,
                new ArrayType(module.TypeSystem.Int64));
            counter.Fields.Add(hits);

            List<TypeDefinition> types = new List<TypeDefinition>();
            foreach (TypeDefinition type in module.Types)
            {
                Collect(type, types);
            }

            foreach (TypeDefinition type in types)
            {
                foreach (MethodDefinition method in type.Methods)
                {
                    if (method.HasBody)
                    {
                        InstrumentMethod(method, hits, blocks);
                    }
                }
            }

            module.Types.Add(counter);
            using MemoryStream output = new MemoryStream();
            module.Write(output);
            return output.ToArray();
        }

        private static void Collect(TypeDefinition type, List<TypeDefinition> into)
        {
            into.Add(type);
            foreach (TypeDefinition nested in type.NestedTypes)
            {
                Collect(nested, into);
            }
        }

        private static void InstrumentMethod(MethodDefinition method, FieldDefinition hits, List<BlockCost> blocks)
        {
            Mono.Cecil.Cil.MethodBody body = method.Body;
            body.SimplifyMacros();
            IList<Instruction> code = body.Instructions;
            HashSet<Instruction> leaders = new HashSet<Instruction> { code[0] };
            foreach (Instruction i in code)
            {
                if (i.Operand is Instruction target)
                {
                    leaders.Add(target);
                }
                else if (i.Operand is Instruction[] targets)
                {
                    leaders.UnionWith(targets);
                }

                FlowControl flow = i.OpCode.FlowControl;
                if (i.Next != null && (flow == FlowControl.Branch || flow == FlowControl.Cond_Branch || flow == FlowControl.Return || flow == FlowControl.Throw))
                {
                    leaders.Add(i.Next);
                }
            }

            foreach (ExceptionHandler h in body.ExceptionHandlers)
            {
                foreach (Instruction? i in new[] { h.TryStart, h.TryEnd, h.HandlerStart, h.HandlerEnd, h.FilterStart })
                {
                    if (i != null)
                    {
                        leaders.Add(i);
                    }
                }
            }

            // Each block's cost, then its counter code in front of it; branches and handlers are moved onto the
            // counter code, so that every way into the block counts.
            string name = method.DeclaringType.FullName + "::" + method.Name;
            Dictionary<Instruction, Instruction> entry = new Dictionary<Instruction, Instruction>();
            List<Instruction> original = new List<Instruction>(code);
            ILProcessor il = body.GetILProcessor();
            BlockCost? cost = null;
            foreach (Instruction i in original)
            {
                if (leaders.Contains(i))
                {
                    cost = new BlockCost(name, i.Offset);
                    int id = blocks.Count;
                    blocks.Add(cost);
                    Instruction first = il.Create(OpCodes.Ldsfld, hits);
                    il.InsertBefore(i, first);
                    il.InsertBefore(i, il.Create(OpCodes.Ldc_I4, id));
                    il.InsertBefore(i, il.Create(OpCodes.Ldelema, method.Module.TypeSystem.Int64));
                    il.InsertBefore(i, il.Create(OpCodes.Dup));
                    il.InsertBefore(i, il.Create(OpCodes.Ldind_I8));
                    il.InsertBefore(i, il.Create(OpCodes.Ldc_I4_1));
                    il.InsertBefore(i, il.Create(OpCodes.Conv_I8));
                    il.InsertBefore(i, il.Create(OpCodes.Add));
                    il.InsertBefore(i, il.Create(OpCodes.Stind_I8));
                    entry.Add(i, first);
                }

                cost!.Count(i.OpCode);
            }

            foreach (Instruction i in original)
            {
                if (i.Operand is Instruction target && entry.TryGetValue(target, out Instruction? moved))
                {
                    i.Operand = moved;
                }
                else if (i.Operand is Instruction[] targets)
                {
                    for (int t = 0; t < targets.Length; t++)
                    {
                        targets[t] = entry.TryGetValue(targets[t], out Instruction? m) ? m : targets[t];
                    }
                }
            }

            foreach (ExceptionHandler h in body.ExceptionHandlers)
            {
                h.TryStart = Moved(entry, h.TryStart);
                h.TryEnd = Moved(entry, h.TryEnd);
                h.HandlerStart = Moved(entry, h.HandlerStart);
                h.HandlerEnd = Moved(entry, h.HandlerEnd);
                h.FilterStart = Moved(entry, h.FilterStart);
            }

            body.OptimizeMacros();
        }

        private static Instruction? Moved(Dictionary<Instruction, Instruction> entry, Instruction? i)
        {
            return i != null && entry.TryGetValue(i, out Instruction? moved) ? moved : i;
        }

        private sealed class BlockCost
        {
            public BlockCost(string method, int offset)
            {
                Method = method;
                Offset = offset;
            }

            public string Method { get; }
            public int Offset { get; }
            public int Il { get; private set; }
            public int Calls { get; private set; }
            public int Fields { get; private set; }
            public int Arrays { get; private set; }

            public void Count(OpCode op)
            {
                Il++;
                Code c = op.Code;
                if (c == Code.Call || c == Code.Callvirt || c == Code.Newobj)
                {
                    Calls++;
                }
                else if (c == Code.Ldfld || c == Code.Ldflda || c == Code.Stfld || c == Code.Ldsfld || c == Code.Ldsflda || c == Code.Stsfld)
                {
                    Fields++;
                }
                else if (c == Code.Ldlen || c == Code.Ldelema || (c >= Code.Ldelem_I1 && c <= Code.Stelem_Any))
                {
                    Arrays++;
                }
            }
        }

        private sealed class Totals
        {
            public double Il;
            public double Calls;
            public double Fields;
            public double Arrays;

            public void Add(BlockCost cost, long runs)
            {
                Il += (double)cost.Il * runs;
                Calls += (double)cost.Calls * runs;
                Fields += (double)cost.Fields * runs;
                Arrays += (double)cost.Arrays * runs;
            }
        }

        /// <summary>Loads the instrumented edge.dll and a second copy of the harness that uses it; everything else
        /// comes from the default context.</summary>
        private sealed class InstrumentedContext : AssemblyLoadContext
        {
            private readonly byte[] _edge;
            private readonly string _harness;

            public InstrumentedContext(byte[] edge, string harness)
                : base("il-count")
            {
                _edge = edge;
                _harness = harness;
            }

            protected override Assembly? Load(AssemblyName name)
            {
                if (name.Name == "edge")
                {
                    return LoadFromStream(new MemoryStream(_edge));
                }

                return name.Name == "Edge.Benchmarks" ? LoadFromAssemblyPath(_harness) : null;
            }
        }
    }
}
