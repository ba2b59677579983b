using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>BRAMA009: at most one ConnectionRegistry field or property in the containing type, so the wrapper knows which to use.</summary>
internal static class RegistryMemberRule
{
    /// <summary>The type's own ConnectionRegistry fields and properties, each declared member once, in declaration order.</summary>
    public static List<ISymbol> RegistryMembers(INamedTypeSymbol type, Compilation compilation)
    {
        var members = new List<ISymbol>();
        if (compilation.GetTypeByMetadataName(KnownNames.ConnectionRegistry) is not { } registry)
        {
            return members;
        }

        foreach (var member in type.GetMembers())
        {
            var memberType = member switch
            {
                // A backing field (auto-property, record parameter) is the same member as its property.
                IFieldSymbol { AssociatedSymbol: null } field => field.Type,
                IPropertySymbol { IsIndexer: false } property => property.Type,
                _ => null,
            };
            if (memberType is not null && IsRegistry(memberType, registry))
            {
                members.Add(member);
            }
        }

        return members;
    }

    public static CheckFinding? Check(CheckContext context)
    {
        var members = RegistryMembers(context.ContainingType, context.Compilation);
        if (members.Count < 2)
        {
            return null;
        }

        var names = string.Join(", ", members.Select(static m => "'" + m.Name + "'"));
        return CheckFinding.Create(
            DiagnosticIds.AmbiguousRegistry,
            members[1].Locations.FirstOrDefault(),
            context.TypeName,
            members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            names);
    }

    private static bool IsRegistry(ITypeSymbol type, INamedTypeSymbol registry)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, registry))
            {
                return true;
            }
        }

        return false;
    }
}
