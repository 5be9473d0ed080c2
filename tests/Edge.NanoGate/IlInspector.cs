using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Edge.NanoGate
{
    /// <summary>
    /// Stage 2: reads a compiled assembly's metadata and IL and reports every construct the nanoFramework
    /// 1.x interpreter cannot execute, naming the type or member that contains it. Compiling is not enough:
    /// nano mscorlib declares Action&lt;T&gt;/Func&lt;T&gt; and C# happily compiles user generics and int[,],
    /// yet none of them runs on the 1.x runtime.
    /// </summary>
    public static class IlInspector
    {
        public static IReadOnlyList<GateViolation> Inspect(byte[] assembly)
        {
            using (PEReader pe = new PEReader(ImmutableArray.Create(assembly)))
            {
                if (!pe.HasMetadata)
                {
                    throw new BadImageFormatException("not a .NET assembly: no metadata");
                }

                return new InspectionRun(pe, pe.GetMetadataReader()).Run();
            }
        }
    }

    /// <summary>One pass over one assembly; collects violations, each reported once.</summary>
    internal sealed class InspectionRun
    {
        private const string CompilerServices = "System.Runtime.CompilerServices.";
        private const string RuntimeBinderNamespace = "Microsoft.CSharp.RuntimeBinder";

        private readonly PEReader _pe;
        private readonly MetadataReader _reader;

        // Two namers: one records findings while scanning, the other only names things for messages, so
        // naming a member never adds findings to the scan in progress.
        private readonly SignatureTypeNamer _scanner;
        private readonly SignatureTypeNamer _namer;

        private readonly List<GateViolation> _violations = new List<GateViolation>();
        private readonly HashSet<string> _reported = new HashSet<string>(StringComparer.Ordinal);

        // Tokens already attributed to a member; the final sweep reports only those never seen.
        private readonly HashSet<EntityHandle> _seen = new HashSet<EntityHandle>();
        private readonly Dictionary<ParameterHandle, string> _parameterOwners = new Dictionary<ParameterHandle, string>();
        private readonly string _assemblyName;

        public InspectionRun(PEReader pe, MetadataReader reader)
        {
            _pe = pe;
            _reader = reader;
            _scanner = new SignatureTypeNamer(reader);
            _namer = new SignatureTypeNamer(reader);
            _assemblyName = reader.IsAssembly ? reader.GetString(reader.GetAssemblyDefinition().Name) : "module";
        }

        public IReadOnlyList<GateViolation> Run()
        {
            CheckAssemblyReferences();
            foreach (TypeDefinitionHandle type in _reader.TypeDefinitions)
            {
                CheckType(type);
            }

            CheckCustomAttributes();
            SweepUnattributed();
            return _violations;
        }

        // nanoFramework deploys an app as mscorlib plus the .pe files of its own packages; the portable code
        // must stand on mscorlib alone so that it builds unchanged into any device or host project.
        private void CheckAssemblyReferences()
        {
            foreach (AssemblyReferenceHandle handle in _reader.AssemblyReferences)
            {
                AssemblyReference reference = _reader.GetAssemblyReference(handle);
                string name = _reader.GetString(reference.Name);
                if (!string.Equals(name, "mscorlib", StringComparison.Ordinal))
                {
                    Report(GateRule.AssemblyReference, "assembly " + _assemblyName,
                        "references assembly " + name + " " + reference.Version + "; portable code may reference mscorlib only");
                }
            }
        }

        private void CheckType(TypeDefinitionHandle handle)
        {
            TypeDefinition type = _reader.GetTypeDefinition(handle);
            GenericNames typeGenerics = new GenericNames(GenericParameterNames(type.GetGenericParameters()), Array.Empty<string>());
            string typeName = TypeDisplayName(handle, typeGenerics);

            if (typeGenerics.TypeParameters.Length > 0)
            {
                Report(GateRule.GenericDefinition, typeName,
                    "generic type definition (type parameters: " + string.Join(", ", typeGenerics.TypeParameters) + ")");
            }

            if (!type.BaseType.IsNil)
            {
                CheckTypeUse(typeName, type.BaseType, typeGenerics, "base type is");
            }

            foreach (InterfaceImplementationHandle implHandle in type.GetInterfaceImplementations())
            {
                EntityHandle iface = _reader.GetInterfaceImplementation(implHandle).Interface;
                if (iface.Kind == HandleKind.TypeReference
                    && _namer.TypeName(iface, null) == CompilerServices + "IAsyncStateMachine")
                {
                    Report(GateRule.AsyncStateMachine, typeName,
                        "async state machine type (implements IAsyncStateMachine): async/await needs Task, which nanoFramework 1.x does not have");
                }

                CheckTypeUse(typeName, iface, typeGenerics, "implements");
            }

            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = _reader.GetFieldDefinition(fieldHandle);
                string fieldName = typeName + "." + _reader.GetString(field.Name);
                ReportFindings(fieldName, "field type uses", _scanner.Collect(() => field.DecodeSignature(_scanner, typeGenerics)));
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                CheckMethod(typeName, typeGenerics, methodHandle);
            }

            foreach (PropertyDefinitionHandle propertyHandle in type.GetProperties())
            {
                PropertyDefinition property = _reader.GetPropertyDefinition(propertyHandle);
                string propertyName = typeName + "." + _reader.GetString(property.Name);
                ReportFindings(propertyName, "property type uses", _scanner.Collect(() => property.DecodeSignature(_scanner, typeGenerics)));
            }

            foreach (EventDefinitionHandle eventHandle in type.GetEvents())
            {
                EventDefinition ev = _reader.GetEventDefinition(eventHandle);
                CheckTypeUse(typeName + "." + _reader.GetString(ev.Name), ev.Type, typeGenerics, "event type is");
            }
        }

        private void CheckMethod(string typeName, GenericNames typeGenerics, MethodDefinitionHandle handle)
        {
            MethodDefinition method = _reader.GetMethodDefinition(handle);
            GenericNames generics = new GenericNames(typeGenerics.TypeParameters, GenericParameterNames(method.GetGenericParameters()));
            string methodName = MethodDisplayName(typeName, method, generics);

            foreach (ParameterHandle parameter in method.GetParameters())
            {
                _parameterOwners[parameter] = methodName;
            }

            if (generics.MethodParameters.Length > 0)
            {
                Report(GateRule.GenericDefinition, methodName,
                    "generic method definition (type parameters: " + string.Join(", ", generics.MethodParameters) + ")");
            }

            ReportFindings(methodName, "signature uses", _scanner.Collect(() => method.DecodeSignature(_scanner, generics)));

            if (method.RelativeVirtualAddress == 0)
            {
                return; // abstract, extern or interface method: no body
            }

            MethodBodyBlock body = _pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                StandaloneSignature locals = _reader.GetStandaloneSignature(body.LocalSignature);
                ReportFindings(methodName, "local variable uses", _scanner.Collect(() => locals.DecodeLocalSignature(_scanner, generics)));
            }

            foreach (EntityHandle token in IlTokenReader.ReadTokens(body))
            {
                CheckIlOperand(methodName, generics, token);
            }
        }

        private void CheckIlOperand(string methodName, GenericNames generics, EntityHandle token)
        {
            switch (token.Kind)
            {
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                    CheckTypeUse(methodName, token, generics, "references");
                    break;
                case HandleKind.MemberReference:
                    CheckMemberReference(methodName, generics, (MemberReferenceHandle)token, "accesses");
                    break;
                case HandleKind.MethodSpecification:
                    CheckMethodSpecification(methodName, generics, (MethodSpecificationHandle)token);
                    break;
                case HandleKind.StandaloneSignature:
                    StandaloneSignature signature = _reader.GetStandaloneSignature((StandaloneSignatureHandle)token);
                    ReportFindings(methodName, "calli signature uses", _scanner.Collect(() => signature.DecodeMethodSignature(_scanner, generics)));
                    break;
                default:
                    break; // own types, methods and fields: their definitions are checked directly
            }
        }

        /// <summary>A use of a type (base type, interface, IL operand...): TypeSpecs may hide GENERICINST or ARRAY.</summary>
        private void CheckTypeUse(string location, EntityHandle typeHandle, GenericNames? generics, string context)
        {
            if (typeHandle.Kind == HandleKind.TypeReference)
            {
                CheckBinderReference(location, (TypeReferenceHandle)typeHandle);
            }
            else if (typeHandle.Kind == HandleKind.TypeSpecification)
            {
                _seen.Add(typeHandle);
                TypeSpecificationHandle spec = (TypeSpecificationHandle)typeHandle;
                ReportFindings(location, context, _scanner.Collect(() => _scanner.TypeSpecName(spec, generics)));
            }
        }

        private void CheckMemberReference(string location, GenericNames? generics, MemberReferenceHandle handle, string verb)
        {
            _seen.Add(handle);
            MemberReference member = _reader.GetMemberReference(handle);
            string display = MemberReferenceName(member);

            List<SignatureFinding> findings = new List<SignatureFinding>();
            if (member.Parent.Kind == HandleKind.TypeSpecification)
            {
                _seen.Add(member.Parent);
                TypeSpecificationHandle spec = (TypeSpecificationHandle)member.Parent;
                findings.AddRange(_scanner.Collect(() => _scanner.TypeSpecName(spec, generics)));
            }
            else if (member.Parent.Kind == HandleKind.TypeReference)
            {
                CheckBinderReference(location, (TypeReferenceHandle)member.Parent);
            }

            // The member's own signature can carry generics or md arrays too (e.g. a call to M(Action<int>)).
            // It is written in terms of the parent's generic parameters (!0), not the caller's, so it is
            // decoded without context; findings still open in !0/!!0 only restate the parent's instantiation.
            findings.AddRange(_scanner.Collect(() => DecodeMemberSignature(member))
                .Where(f => !f.Name.Contains('!', StringComparison.Ordinal)));
            ReportFindings(location, verb + " " + display + ", which uses", findings);
        }

        private void CheckMethodSpecification(string location, GenericNames? generics, MethodSpecificationHandle handle)
        {
            _seen.Add(handle);
            MethodSpecification spec = _reader.GetMethodSpecification(handle);
            Report(GateRule.GenericInstantiation, location,
                "calls generic method instantiation " + MethodSpecificationName(spec, generics));

            if (spec.Method.Kind == HandleKind.MemberReference)
            {
                CheckMemberReference(location, generics, (MemberReferenceHandle)spec.Method, "accesses");
            }
        }

        // `dynamic` compiles to call sites bound at run time by Microsoft.CSharp's RuntimeBinder (the DLR),
        // which needs Reflection.Emit and generics; nanoFramework has neither.
        private void CheckBinderReference(string location, TypeReferenceHandle handle)
        {
            string name = _namer.TypeName(handle, null);
            if (name.StartsWith(RuntimeBinderNamespace + ".", StringComparison.Ordinal))
            {
                _seen.Add(handle);
                Report(GateRule.Dynamic, location, "uses dynamic (references " + name + ")");
            }
        }

        private void CheckCustomAttributes()
        {
            foreach (CustomAttributeHandle handle in _reader.CustomAttributes)
            {
                CustomAttribute attribute = _reader.GetCustomAttribute(handle);
                string attributeType = AttributeTypeName(attribute);
                string location = DescribeAttributeTarget(attribute.Parent);

                switch (attributeType)
                {
                    case CompilerServices + "DynamicAttribute":
                        Report(GateRule.Dynamic, location, "uses dynamic (DynamicAttribute)");
                        break;
                    case CompilerServices + "AsyncStateMachineAttribute":
                    case CompilerServices + "AsyncIteratorStateMachineAttribute":
                        Report(GateRule.AsyncStateMachine, location,
                            "async method (" + attributeType.Substring(CompilerServices.Length) + "): nanoFramework 1.x has no Task or async/await");
                        break;
                }

                if (attribute.Constructor.Kind == HandleKind.MemberReference)
                {
                    CheckMemberReference(location, null, (MemberReferenceHandle)attribute.Constructor, "has attribute");
                }
            }
        }

        // Anything not met through a definition, body or attribute above (e.g. a MethodImpl's declaration)
        // is still reported, against the assembly, so nothing slips through unattributed.
        private void SweepUnattributed()
        {
            string location = "assembly " + _assemblyName;
            for (int row = 1; row <= _reader.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                TypeSpecificationHandle spec = MetadataTokens.TypeSpecificationHandle(row);
                if (!_seen.Contains(spec))
                {
                    CheckTypeUse(location, spec, null, "uses");
                }
            }

            foreach (MemberReferenceHandle member in _reader.MemberReferences)
            {
                if (!_seen.Contains(member))
                {
                    CheckMemberReference(location, null, member, "uses");
                }
            }

            for (int row = 1; row <= _reader.GetTableRowCount(TableIndex.MethodSpec); row++)
            {
                MethodSpecificationHandle spec = MetadataTokens.MethodSpecificationHandle(row);
                if (!_seen.Contains(spec))
                {
                    CheckMethodSpecification(location, null, spec);
                }
            }

            // Binder enums (CSharpBinderFlags...) are referenced without any IL use; once dynamic has been
            // reported with its member, listing them against the assembly adds only noise.
            bool dynamicReported = _violations.Any(v => v.Rule == GateRule.Dynamic);
            foreach (TypeReferenceHandle type in _reader.TypeReferences)
            {
                if (!dynamicReported && !_seen.Contains(type))
                {
                    CheckBinderReference(location, type);
                }
            }
        }

        private void DecodeMemberSignature(MemberReference member)
        {
            if (member.GetKind() == MemberReferenceKind.Method)
            {
                member.DecodeMethodSignature(_scanner, null);
            }
            else
            {
                member.DecodeFieldSignature(_scanner, null);
            }
        }

        private void ReportFindings(string location, string context, IEnumerable<SignatureFinding> findings)
        {
            foreach (SignatureFinding finding in findings)
            {
                // One line per member and offending type: a method calling Create, Start and get_Task on the
                // same AsyncTaskMethodBuilder<Int32> has one thing to fix, not three.
                Report(finding.Rule, location, context + " " + finding.Description, location + "|" + finding.Description);
            }
        }

        private void Report(GateRule rule, string location, string message, string? dedupeKey = null)
        {
            GateViolation violation = new GateViolation(rule, location, message);
            if (_reported.Add(dedupeKey ?? violation.ToString()))
            {
                _violations.Add(violation);
            }
        }

        private string[] GenericParameterNames(GenericParameterHandleCollection parameters)
        {
            return parameters.Select(p => _reader.GetString(_reader.GetGenericParameter(p).Name)).ToArray();
        }

        private string TypeDisplayName(TypeDefinitionHandle handle, GenericNames generics)
        {
            string name = _namer.GetTypeFromDefinition(_reader, handle, 0);
            return generics.TypeParameters.Length == 0 ? name : name + "<" + string.Join(", ", generics.TypeParameters) + ">";
        }

        private string MethodDisplayName(string typeName, MethodDefinition method, GenericNames generics)
        {
            string name = typeName + "." + _reader.GetString(method.Name);
            if (generics.MethodParameters.Length > 0)
            {
                name += "<" + string.Join(", ", generics.MethodParameters) + ">";
            }

            MethodSignature<string> signature = method.DecodeSignature(_namer, generics);
            return name + "(" + string.Join(", ", signature.ParameterTypes) + ")";
        }

        private string MemberReferenceName(MemberReference member)
        {
            return ParentName(member.Parent) + "." + _reader.GetString(member.Name);
        }

        private string MethodSpecificationName(MethodSpecification spec, GenericNames? generics)
        {
            string method;
            if (spec.Method.Kind == HandleKind.MethodDefinition)
            {
                MethodDefinition definition = _reader.GetMethodDefinition((MethodDefinitionHandle)spec.Method);
                method = _namer.GetTypeFromDefinition(_reader, definition.GetDeclaringType(), 0) + "." + _reader.GetString(definition.Name);
            }
            else
            {
                method = MemberReferenceName(_reader.GetMemberReference((MemberReferenceHandle)spec.Method));
            }

            ImmutableArray<string> arguments = spec.DecodeSignature(_namer, generics);
            return method + "<" + string.Join(", ", arguments) + ">";
        }

        private string ParentName(EntityHandle parent)
        {
            switch (parent.Kind)
            {
                case HandleKind.TypeDefinition:
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                    return _namer.TypeName(parent, null);
                case HandleKind.MethodDefinition:
                    MethodDefinition method = _reader.GetMethodDefinition((MethodDefinitionHandle)parent);
                    return _namer.GetTypeFromDefinition(_reader, method.GetDeclaringType(), 0) + "." + _reader.GetString(method.Name);
                case HandleKind.ModuleReference:
                    return _reader.GetString(_reader.GetModuleReference((ModuleReferenceHandle)parent).Name);
                default:
                    return parent.Kind.ToString();
            }
        }

        private string AttributeTypeName(CustomAttribute attribute)
        {
            if (attribute.Constructor.Kind == HandleKind.MemberReference)
            {
                return ParentName(_reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent);
            }

            MethodDefinition ctor = _reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor);
            return _namer.GetTypeFromDefinition(_reader, ctor.GetDeclaringType(), 0);
        }

        /// <summary>The member an attribute sits on, named like the rest of the report.</summary>
        private string DescribeAttributeTarget(EntityHandle parent)
        {
            switch (parent.Kind)
            {
                case HandleKind.TypeDefinition:
                    TypeDefinitionHandle typeHandle = (TypeDefinitionHandle)parent;
                    TypeDefinition type = _reader.GetTypeDefinition(typeHandle);
                    return TypeDisplayName(typeHandle, new GenericNames(GenericParameterNames(type.GetGenericParameters()), Array.Empty<string>()));
                case HandleKind.MethodDefinition:
                    MethodDefinition method = _reader.GetMethodDefinition((MethodDefinitionHandle)parent);
                    TypeDefinition owner = _reader.GetTypeDefinition(method.GetDeclaringType());
                    GenericNames generics = new GenericNames(
                        GenericParameterNames(owner.GetGenericParameters()),
                        GenericParameterNames(method.GetGenericParameters()));
                    string ownerName = TypeDisplayName(method.GetDeclaringType(), new GenericNames(generics.TypeParameters, Array.Empty<string>()));
                    return MethodDisplayName(ownerName, method, generics);
                case HandleKind.FieldDefinition:
                    FieldDefinition field = _reader.GetFieldDefinition((FieldDefinitionHandle)parent);
                    return _namer.GetTypeFromDefinition(_reader, field.GetDeclaringType(), 0) + "." + _reader.GetString(field.Name);
                case HandleKind.Parameter:
                    Parameter parameter = _reader.GetParameter((ParameterHandle)parent);
                    string methodName = _parameterOwners.TryGetValue((ParameterHandle)parent, out string? known) ? known : "method";
                    return parameter.SequenceNumber == 0
                        ? methodName + " return value"
                        : methodName + " parameter " + _reader.GetString(parameter.Name);
                case HandleKind.PropertyDefinition:
                    PropertyDefinition property = _reader.GetPropertyDefinition((PropertyDefinitionHandle)parent);
                    return _namer.GetTypeFromDefinition(_reader, property.GetAccessors().Getter.IsNil
                        ? _reader.GetMethodDefinition(property.GetAccessors().Setter).GetDeclaringType()
                        : _reader.GetMethodDefinition(property.GetAccessors().Getter).GetDeclaringType(), 0)
                        + "." + _reader.GetString(property.Name);
                case HandleKind.EventDefinition:
                    EventDefinition ev = _reader.GetEventDefinition((EventDefinitionHandle)parent);
                    return _namer.GetTypeFromDefinition(_reader, _reader.GetMethodDefinition(ev.GetAccessors().Adder).GetDeclaringType(), 0)
                        + "." + _reader.GetString(ev.Name);
                case HandleKind.AssemblyDefinition:
                    return "assembly " + _assemblyName;
                case HandleKind.ModuleDefinition:
                    return "module " + _assemblyName;
                default:
                    return parent.Kind + " in " + _assemblyName;
            }
        }
    }
}
