using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;

namespace Edge.NanoGate
{
    /// <summary>A construct found inside one signature blob (field, method, local, type spec...).</summary>
    internal sealed class SignatureFinding
    {
        public SignatureFinding(GateRule rule, string kind, string name)
        {
            Rule = rule;
            Kind = kind;
            Name = name;
        }

        public GateRule Rule { get; }

        /// <summary>"generic instantiation" or "multidimensional array".</summary>
        public string Kind { get; }

        /// <summary>The offending type, e.g. "System.Action&lt;Int32&gt;" or "Int32[,]".</summary>
        public string Name { get; }

        /// <summary>E.g. "generic instantiation System.Action&lt;Int32&gt;" or "multidimensional array Int32[,]".</summary>
        public string Description => Kind + " " + Name;
    }

    /// <summary>Names of the generic parameters in scope, so signatures print "T" rather than "!0".</summary>
    internal sealed class GenericNames
    {
        public GenericNames(string[] typeParameters, string[] methodParameters)
        {
            TypeParameters = typeParameters;
            MethodParameters = methodParameters;
        }

        public string[] TypeParameters { get; }

        public string[] MethodParameters { get; }
    }

    /// <summary>
    /// Decodes signature blobs into readable C#-like type names. With a sink it also records every
    /// GENERICINST and every ARRAY (non-vector) it meets, at any depth; those are exactly the two encodings
    /// the nanoFramework 1.x metadata processor and interpreter cannot handle.
    /// </summary>
    internal sealed class SignatureTypeNamer : ISignatureTypeProvider<string, GenericNames?>
    {
        private readonly MetadataReader _reader;
        private List<SignatureFinding>? _sink;

        public SignatureTypeNamer(MetadataReader reader)
        {
            _reader = reader;
        }

        /// <summary>Runs a decode and returns what it found (outermost findings only, per rule).</summary>
        public List<SignatureFinding> Collect(System.Action decode)
        {
            List<SignatureFinding>? saved = _sink;
            List<SignatureFinding> found = new List<SignatureFinding>();
            _sink = found;
            try
            {
                decode();
            }
            finally
            {
                _sink = saved;
            }

            // Action<Func<Int32>> records Func<Int32> then Action<Func<Int32>>: report only the enclosing one.
            return found
                .Where(f => !found.Any(o => o != f && o.Rule == f.Rule
                    && o.Name.Length > f.Name.Length
                    && o.Name.Contains(f.Name, System.StringComparison.Ordinal)))
                .GroupBy(f => f.Description, System.StringComparer.Ordinal)
                .Select(g => g.First())
                .ToList();
        }

        public string TypeSpecName(TypeSpecificationHandle handle, GenericNames? context)
        {
            return _reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        }

        public string TypeName(EntityHandle handle, GenericNames? context)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return GetTypeFromDefinition(_reader, (TypeDefinitionHandle)handle, 0);
                case HandleKind.TypeReference:
                    return GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0);
                case HandleKind.TypeSpecification:
                    return TypeSpecName((TypeSpecificationHandle)handle, context);
                default:
                    return handle.Kind.ToString();
            }
        }

        public string GetArrayType(string elementType, ArrayShape shape)
        {
            // ARRAY encodes a rectangular array (or a rank-1 array with bounds); only SZARRAY (T[]) is supported.
            string name = elementType + "[" + (shape.Rank == 1 ? "*" : new string(',', shape.Rank - 1)) + "]";
            Record(GateRule.MultidimensionalArray, "multidimensional array", name);
            return name;
        }

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature) =>
            "delegate*<" + string.Join(", ", signature.ParameterTypes.Add(signature.ReturnType)) + ">";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            string name = StripArity(genericType) + "<" + string.Join(", ", typeArguments) + ">";
            Record(GateRule.GenericInstantiation, "generic instantiation", name);
            return name;
        }

        public string GetGenericMethodParameter(GenericNames? genericContext, int index) =>
            genericContext != null && index < genericContext.MethodParameters.Length
                ? genericContext.MethodParameters[index]
                : "!!" + index;

        public string GetGenericTypeParameter(GenericNames? genericContext, int index) =>
            genericContext != null && index < genericContext.TypeParameters.Length
                ? genericContext.TypeParameters[index]
                : "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string name = StripArity(reader.GetString(type.Name));
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return GetTypeFromDefinition(reader, declaring, rawTypeKind) + "." + name;
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference type = reader.GetTypeReference(handle);
            string name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, rawTypeKind) + "." + name;
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetTypeFromSpecification(MetadataReader reader, GenericNames? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            return reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }

        /// <summary>"System.Action`1" becomes "System.Action"; arity is shown by the type arguments instead.</summary>
        public static string StripArity(string name)
        {
            int tick = name.IndexOf('`', System.StringComparison.Ordinal);
            return tick < 0 ? name : name.Substring(0, tick);
        }

        private void Record(GateRule rule, string kind, string name)
        {
            _sink?.Add(new SignatureFinding(rule, kind, name));
        }
    }
}
