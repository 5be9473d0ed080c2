using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text;

namespace Edge.Tests.Core.Node
{
    /// <summary>
    /// Estimates the bytes an object graph retains on 64-bit .NET (CoreCLR), by field path, so that tests and
    /// docs can say where a node's bytes go: GC.GetTotalMemory only gives a total. The graph is walked by
    /// reflection; an object reached twice counts once, for the first path that reaches it, and objects passed to
    /// <see cref="Exclude"/> (the configuration, the clock, the broker link, a simulator) count for no one.
    /// <para>Sizes follow CoreCLR's layout: a 16-byte header (sync block and method table), fields packed by size
    /// class by class, objects of at least 24 bytes and a multiple of 8; arrays add an 8-byte length, strings a
    /// 4-byte length and a terminating char. Interned strings (literals) live with the program, not the heap, and
    /// count 0; so do types, reflection objects and a delegate's method (its target is walked).</para>
    /// <para>With <see cref="Layout.NanoClr"/> it estimates the same graph on nanoFramework's 32-bit nanoCLR instead,
    /// whose heap is made of 12-byte blocks: an object takes a block for its header and one per field whatever the
    /// field's type, an array a 20-byte header and its elements (12 bytes for a reference), a string its UTF-8 bytes,
    /// everything rounded up to whole blocks. An estimate from the runtime's design, not a measurement.</para>
    /// </summary>
    internal sealed class RetainedBytes
    {
        /// <summary>Whose object layout the sizes follow.</summary>
        public enum Layout
        {
            /// <summary>64-bit CoreCLR, the runtime the tests run on: exact (see RetainedBytesTests).</summary>
            CoreClr64,

            /// <summary>nanoFramework's nanoCLR on a 32-bit device: an estimate.</summary>
            NanoClr,
        }

        /// <summary>nanoCLR's heap block: 4 bytes of type and size, 8 of data.</summary>
        private const int NanoBlock = 12;

        /// <summary>nanoCLR's array header: a heap block and the element count, type and size.</summary>
        private const int NanoArrayHeader = 20;

        private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

        /// <summary>Reference arrays up to this length name their elements [0], [1]...; longer ones sum them as [*].</summary>
        private const int NamedElements = 4;

        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, long> _bytesByPath = new();
        private readonly List<string> _paths = new();
        private readonly Dictionary<string, int> _levels = new();
        private readonly Dictionary<Type, long> _baseSizes = new();
        private readonly int _depth;
        private readonly Layout _layout;
        private bool _recording = true;

        /// <param name="depth">Levels of field path kept in the breakdown (1: the parts measured only).</param>
        /// <param name="layout">Whose object layout the sizes follow.</param>
        public RetainedBytes(int depth, Layout layout = Layout.CoreClr64)
        {
            _depth = depth;
            _layout = layout;
        }

        /// <summary>References to string literals (interned strings) reached, each counted: the walk leaves literals
        /// out of <see cref="Total"/> (the runtime holds them whatever the node). nanoCLR keeps a literal's text in
        /// the assembly, in flash, and gives each string it loads a heap block of 12 bytes pointing there.</summary>
        public long LiteralReferences { get; private set; }

        /// <summary>The heap block nanoCLR gives a string literal it loads: its text stays in flash.</summary>
        public const int LiteralHeapBytes = NanoBlock;

        /// <summary>Bytes of everything measured so far.</summary>
        public long Total { get; private set; }

        /// <summary>Makes <paramref name="value"/> itself count for no one, and what only it reaches, since the walk
        /// stops there; an object it reaches that a part also reaches still counts for that part.</summary>
        public void Exclude(object value)
        {
            _seen.Add(value);
        }

        /// <summary>Makes <paramref name="root"/> and everything it reaches count for no one (static tables shared by
        /// every node); returns their bytes.</summary>
        public long ExcludeGraph(object? root)
        {
            _recording = false;
            try
            {
                return Walk(root, "", 1);
            }
            finally
            {
                _recording = true;
            }
        }

        /// <summary>Walks <paramref name="root"/> as the part <paramref name="name"/>; returns the bytes it retains
        /// that no part measured before retains.</summary>
        public long Measure(string name, object? root)
        {
            long bytes = Walk(root, name, 1);
            Total += bytes;
            return bytes;
        }

        /// <summary>Walks the fields of <paramref name="owner"/> as the part <paramref name="name"/>, with the owner's own
        /// bytes even when it was excluded: what is left of an object whose members were measured as parts of their
        /// own (exclude it first, so that those parts do not reach back into it).</summary>
        public long MeasureRest(string name, object owner)
        {
            _seen.Add(owner);
            long bytes = OwnSize(owner) + WalkFields(owner, owner.GetType(), name, 1);
            Record(name, 1, bytes);
            Total += bytes;
            return bytes;
        }

        /// <summary>Bytes under a path: a part ("publisher"), or a field path under it ("publisher._outbox").</summary>
        public long Of(string path)
        {
            return _bytesByPath.TryGetValue(path, out long bytes) ? bytes : 0;
        }

        /// <summary>The breakdown, one path a line, indented by level, in walk order; paths under
        /// <paramref name="minBytes"/> are left out (their bytes stay in their parent's).</summary>
        public string Format(long minBytes)
        {
            var text = new StringBuilder();
            foreach (string path in _paths)
            {
                long bytes = _bytesByPath[path];
                if (bytes < minBytes)
                {
                    continue;
                }

                int level = _levels[path];
                text.Append(' ', 2 * (level - 1)).Append(level == 1 ? path : path.Substring(path.LastIndexOf('.') + 1))
                    .Append(' ').Append(bytes).Append('\n');
            }

            return text.ToString();
        }

        /// <summary>Every path kept, with its bytes, in walk order.</summary>
        public IEnumerable<KeyValuePair<string, long>> Paths()
        {
            foreach (string path in _paths)
            {
                yield return new KeyValuePair<string, long>(path, _bytesByPath[path]);
            }
        }

        /// <summary>The bytes <paramref name="value"/> itself takes (its header and fields, or an array's elements),
        /// without what its references reach.</summary>
        public static long ShallowSize(object value)
        {
            return new RetainedBytes(0).OwnSize(value);
        }

        private long Walk(object? value, string path, int level)
        {
            if (value is string literal && ReferenceEquals(string.IsInterned(literal), literal))
            {
                LiteralReferences++;
                return 0;
            }

            if (value == null || Ignored(value) || !_seen.Add(value))
            {
                return 0;
            }

            long bytes = OwnSize(value);
            Type type = value.GetType();

            if (value is Delegate callback)
            {
                bytes += Walk(callback.Target, path + ".Target", level + 1);
            }
            else if (value is Array array)
            {
                Type element = type.GetElementType()!;
                if (!element.IsPrimitive && !element.IsEnum && !element.IsPointer)
                {
                    int index = 0;
                    foreach (object? item in array)
                    {
                        string name = path + (array.Length <= NamedElements ? "[" + index + "]" : "[*]");
                        bytes += element.IsValueType ? WalkStruct(item!, name, level + 1) : Walk(item, name, level + 1);
                        index++;
                    }
                }
            }
            else if (!(value is string))
            {
                bytes += WalkFields(value, type, path, level);
            }

            Record(path, level, bytes);
            return bytes;
        }

        /// <summary>What the references inside a struct (a field or an array element) reach.</summary>
        private long WalkStruct(object boxed, string path, int level)
        {
            Type type = boxed.GetType();
            if (type.IsPrimitive || type.IsEnum || !HasReferences(type))
            {
                return 0;
            }

            long bytes = WalkFields(boxed, type, path, level);
            Record(path, level, bytes);
            return bytes;
        }

        private long WalkFields(object value, Type type, string path, int level)
        {
            long bytes = 0;
            for (Type? t = type; t != null; t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(Declared))
                {
                    Type fieldType = field.FieldType;
                    if (fieldType.IsPrimitive || fieldType.IsEnum || fieldType.IsPointer)
                    {
                        continue;
                    }

                    object? child = field.GetValue(value);
                    string name = path + "." + FieldName(field);
                    bytes += fieldType.IsValueType ? (child == null ? 0 : WalkStruct(child, name, level + 1)) : Walk(child, name, level + 1);
                }
            }

            return bytes;
        }

        private void Record(string path, int level, long bytes)
        {
            if (!_recording || level > _depth || bytes == 0)
            {
                return;
            }

            if (_bytesByPath.TryGetValue(path, out long before))
            {
                _bytesByPath[path] = before + bytes;
            }
            else
            {
                _bytesByPath[path] = bytes;
                _levels[path] = level;
                _paths.Add(path);
            }
        }

        private long OwnSize(object value)
        {
            if (_layout == Layout.NanoClr)
            {
                return NanoSize(value);
            }

            Type type = value.GetType();
            if (value is string text)
            {
                return Align(22 + (2L * text.Length));
            }

            if (value is Array array)
            {
                Type element = type.GetElementType()!;
                long elementBytes = element.IsValueType ? ValueSize(element) : 8;
                return Math.Max(24, Align(24 + (8L * (array.Rank - 1) * 2) + (array.LongLength * elementBytes)));
            }

            if (!_baseSizes.TryGetValue(type, out long size))
            {
                size = Math.Max(24, 16 + ClassFieldBytes(type));
                _baseSizes[type] = size;
            }

            return size;
        }

        /// <summary>The estimate of <see cref="Layout.NanoClr"/>.</summary>
        private static long NanoSize(object value)
        {
            Type type = value.GetType();
            if (value is string text)
            {
                return NanoBlocks(NanoBlock + Encoding.UTF8.GetByteCount(text) + 1);
            }

            if (value is Array array)
            {
                Type element = type.GetElementType()!;
                return NanoBlocks(NanoArrayHeader + (array.LongLength * NanoElementSize(element)));
            }

            if (type.IsValueType)
            {
                return NanoBlocks(NanoBlock + NanoElementSize(type)); // a boxed value
            }

            return NanoBlock * (1 + NanoFieldBlocks(type));
        }

        /// <summary>Blocks the instance fields of a class (and its bases) or struct take: one each, and a struct other
        /// than DateTime and TimeSpan also its own boxed header and fields.</summary>
        private static long NanoFieldBlocks(Type type)
        {
            long blocks = 0;
            for (Type? t = type; t != null; t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(Declared))
                {
                    Type fieldType = field.FieldType;
                    blocks += 1;
                    if (fieldType.IsValueType && !fieldType.IsPrimitive && !fieldType.IsEnum && fieldType != typeof(DateTime) && fieldType != typeof(TimeSpan))
                    {
                        blocks += 1 + NanoFieldBlocks(fieldType);
                    }
                }
            }

            return blocks;
        }

        /// <summary>An array element on nanoCLR: primitives their size, references and structs a heap block.</summary>
        private static long NanoElementSize(Type element)
        {
            if (element.IsEnum)
            {
                element = Enum.GetUnderlyingType(element);
            }

            if (element == typeof(DateTime) || element == typeof(TimeSpan))
            {
                return 8;
            }

            return element.IsPrimitive ? ValueSize(element) : NanoBlock;
        }

        private static long NanoBlocks(long bytes)
        {
            return (bytes + NanoBlock - 1) / NanoBlock * NanoBlock;
        }

        /// <summary>Fields of a class and its bases, each class's own packed and padded to 8 bytes (CoreCLR lays a
        /// derived class's fields after its base's).</summary>
        private static long ClassFieldBytes(Type type)
        {
            if (type.IsValueType)
            {
                return Align(ValueSize(type)); // a boxed value
            }

            long bytes = 0;
            for (Type? t = type; t != null; t = t.BaseType)
            {
                long own = 0;
                foreach (FieldInfo field in t.GetFields(Declared))
                {
                    own += field.FieldType.IsValueType ? ValueSize(field.FieldType) : 8;
                }

                bytes += Align(own);
            }

            return bytes;
        }

        /// <summary>The bytes a value of <paramref name="type"/> takes in a field or array: primitives their size,
        /// structs their fields packed and padded to their largest.</summary>
        private static long ValueSize(Type type)
        {
            if (type.IsEnum)
            {
                type = Enum.GetUnderlyingType(type);
            }

            if (type == typeof(bool) || type == typeof(byte) || type == typeof(sbyte)) return 1;
            if (type == typeof(short) || type == typeof(ushort) || type == typeof(char)) return 2;
            if (type == typeof(int) || type == typeof(uint) || type == typeof(float)) return 4;
            if (type == typeof(long) || type == typeof(ulong) || type == typeof(double) || type == typeof(IntPtr) || type == typeof(UIntPtr)) return 8;
            if (type.IsPointer || !type.IsValueType) return 8;

            long bytes = 0;
            long largest = 1;
            foreach (FieldInfo field in type.GetFields(Declared))
            {
                long size = ValueSize(field.FieldType);
                bytes += size;
                largest = Math.Max(largest, Math.Min(size, 8));
            }

            return Math.Max(1, (bytes + largest - 1) / largest * largest);
        }

        private static bool HasReferences(Type type)
        {
            foreach (FieldInfo field in type.GetFields(Declared))
            {
                Type fieldType = field.FieldType;
                if (!fieldType.IsValueType || (!fieldType.IsPrimitive && !fieldType.IsEnum && HasReferences(fieldType)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Ignored(object value)
        {
            return value is MemberInfo || value is Module || value is Assembly || value is Pointer
                || (value is string text && ReferenceEquals(string.IsInterned(text), text));
        }

        /// <summary>An auto-property's backing field by the property's name.</summary>
        private static string FieldName(FieldInfo field)
        {
            string name = field.Name;
            return name.StartsWith('<') && name.EndsWith(">k__BackingField", StringComparison.Ordinal) ? name.Substring(1, name.IndexOf('>') - 1) : name;
        }

        private static long Align(long bytes)
        {
            return (bytes + 7) & ~7L;
        }
    }
}
