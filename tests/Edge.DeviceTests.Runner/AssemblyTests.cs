using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Edge.DeviceTests.Runner
{
    /// <summary>
    /// The names the launcher will print for the tests of a test assembly (NFUnitTest.dll, or any assembly built from
    /// the same sources), read from its metadata without loading it: for each class with [TestClass], in the
    /// assembly's order, its public [Setup] methods, [TestMethod]s, [DataRow] methods (one name per row) and
    /// [Cleanup] methods, each named <c>Namespace.Class.Method.index</c>, index being the attribute's position among
    /// the method's attributes once [TestMethod] is left out of a method with rows (the launcher's
    /// Helper.RemoveTestMethodIfDataRowExists). Compiler-added attributes (System.Runtime.CompilerServices) are not counted.
    /// </summary>
    internal static class AssemblyTests
    {
        private const string Framework = "nanoFramework.TestFramework";

        public static List<ExpectedTest> List(string path)
        {
            using FileStream stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var setups = new List<string>();
            var tests = new List<string>();
            var rows = new List<string>();
            var cleanups = new List<string>();
            var names = new List<ExpectedTest>();
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                if (!Has(md, type.GetCustomAttributes(), "TestClassAttribute"))
                {
                    continue;
                }

                string typeName = FullName(md, type);
                setups.Clear();
                tests.Clear();
                rows.Clear();
                cleanups.Clear();
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    if ((method.Attributes & System.Reflection.MethodAttributes.MemberAccessMask) != System.Reflection.MethodAttributes.Public)
                    {
                        continue;
                    }

                    List<string> attributes = AttributeNames(md, method.GetCustomAttributes());
                    if (attributes.Contains("DataRowAttribute"))
                    {
                        attributes.Remove("TestMethodAttribute");
                    }

                    string prefix = typeName + "." + md.GetString(method.Name) + ".";
                    for (int i = 0; i < attributes.Count; i++)
                    {
                        List<string>? into = attributes[i] switch
                        {
                            "SetupAttribute" => setups,
                            "TestMethodAttribute" => tests,
                            "DataRowAttribute" => rows,
                            "CleanupAttribute" => cleanups,
                            _ => null,
                        };
                        into?.Add(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                names.AddRange(setups.Select(id => new ExpectedTest(id, ExpectedTest.Setup)));
                names.AddRange(tests.Select(id => new ExpectedTest(id, ExpectedTest.Test)));
                names.AddRange(rows.Select(id => new ExpectedTest(id, ExpectedTest.Test)));
                names.AddRange(cleanups.Select(id => new ExpectedTest(id, ExpectedTest.Cleanup)));
            }

            return names;
        }

        private static bool Has(MetadataReader md, CustomAttributeHandleCollection attributes, string name) =>
            AttributeNames(md, attributes).Contains(name);

        /// <summary>The names of the TestFramework attribute types, in order, with any other attribute as its plain name
        /// (so it keeps its index), compiler-added ones left out.</summary>
        private static List<string> AttributeNames(MetadataReader md, CustomAttributeHandleCollection attributes)
        {
            var names = new List<string>();
            foreach (CustomAttributeHandle ah in attributes)
            {
                (string ns, string name) = AttributeType(md, md.GetCustomAttribute(ah));
                if (ns == "System.Runtime.CompilerServices" || ns == "System.Diagnostics")
                {
                    continue;
                }

                names.Add(ns == Framework ? name : ns + "." + name);
            }

            return names;
        }

        private static (string Namespace, string Name) AttributeType(MetadataReader md, CustomAttribute attribute)
        {
            EntityHandle type;
            if (attribute.Constructor.Kind == HandleKind.MemberReference)
            {
                type = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            }
            else
            {
                type = md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
            }

            return type.Kind switch
            {
                HandleKind.TypeReference => (md.GetString(md.GetTypeReference((TypeReferenceHandle)type).Namespace), md.GetString(md.GetTypeReference((TypeReferenceHandle)type).Name)),
                HandleKind.TypeDefinition => (md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)type).Namespace), md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)type).Name)),
                _ => (string.Empty, string.Empty),
            };
        }

        private static string FullName(MetadataReader md, TypeDefinition type)
        {
            TypeDefinitionHandle outer = type.GetDeclaringType();
            if (!outer.IsNil)
            {
                return FullName(md, md.GetTypeDefinition(outer)) + "+" + md.GetString(type.Name);
            }

            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? md.GetString(type.Name) : ns + "." + md.GetString(type.Name);
        }
    }
}
