using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Edge.NanoGate
{
    /// <summary>
    /// Walks a method body's IL byte stream and returns the metadata tokens its instructions use (types,
    /// methods, fields, signatures). Generic and md-array uses that live only inside a body appear nowhere
    /// else in a form that names the method, so this is how the gate attributes them.
    /// </summary>
    internal static class IlTokenReader
    {
        // Operand encoding per opcode, taken from the runtime's own opcode table rather than re-typed by hand.
        private static readonly Dictionary<ushort, OperandType> OperandTypes = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(OpCode))
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => unchecked((ushort)o.Value), o => o.OperandType);

        public static List<EntityHandle> ReadTokens(MethodBodyBlock body)
        {
            List<EntityHandle> tokens = new List<EntityHandle>();
            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                int offset = il.Offset;
                ushort code = il.ReadByte();
                if (code == 0xFE)
                {
                    // Two-byte opcodes (ldftn, initobj, constrained., sizeof...) share the 0xFE prefix.
                    code = (ushort)(0xFE00 | il.ReadByte());
                }

                if (!OperandTypes.TryGetValue(code, out OperandType operand))
                {
                    throw new BadImageFormatException(
                        "unknown IL opcode 0x" + code.ToString("X", System.Globalization.CultureInfo.InvariantCulture)
                        + " (" + (ILOpCode)code + ") at IL offset " + offset);
                }

                switch (operand)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineI:
                    case OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineString:
                        // A user-string heap token: no type information in it.
                        il.Offset += 4;
                        break;
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineSig:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default:
                        throw new BadImageFormatException("unsupported IL operand type " + operand + " for " + (ILOpCode)code);
                }
            }

            return tokens;
        }
    }
}
