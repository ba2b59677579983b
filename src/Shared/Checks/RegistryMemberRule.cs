using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.SourceGeneration.Checks;

/// <summary>
/// BRAMA009: at most one ConnectionRegistry field or property in the containing type, so the wrapper knows which to
/// use. BRAMA012: a primary constructor's ConnectionRegistry parameter is not such a member, and would go unused.
/// </summary>
internal static class RegistryMemberRule
{
    /// <summary>The type's own ConnectionRegistry fields and properties, each declared member once, in declaration order.</summary>
    public static List<ISymbol> RegistryMembers(INamedTypeSymbol type, KnownTypes known)
    {
        var members = new List<ISymbol>();
        if (known.ConnectionRegistry is not { } registry)
        {
            return members;
        }

        foreach (var member in type.GetMembers())
        {
            var memberType = member switch
            {
                // A backing field (auto-property, record parameter) is the same member as its property; a field the
                // compiler made to capture a primary constructor parameter has no name the generated part could use.
                IFieldSymbol { AssociatedSymbol: null, IsImplicitlyDeclared: false } field => field.Type,
                IPropertySymbol { IsIndexer: false } property => property.Type,
                _ => null,
            };
            if (memberType is not null && KnownTypes.IsOrDerivesFrom(memberType, registry))
            {
                members.Add(member);
            }
        }

        return members;
    }

    public static CheckFinding? Check(CheckContext context)
    {
        var members = RegistryMembers(context.ContainingType, context.Known);
        if (members.Count == 0)
        {
            return context.Method.IsStatic ? null : CheckPrimaryConstructor(context);
        }

        if (members.Count == 1)
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

    /// <summary>The first ConnectionRegistry parameter of the type's primary constructor (a record's become properties).</summary>
    public static IParameterSymbol? PrimaryConstructorRegistry(INamedTypeSymbol type, KnownTypes known)
    {
        if (type.IsRecord || known.ConnectionRegistry is not { } registry)
        {
            return null;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            var isPrimary = constructor.DeclaringSyntaxReferences.Any(static r => r.GetSyntax() is TypeDeclarationSyntax);
            if (isPrimary && constructor.Parameters.FirstOrDefault(p => KnownTypes.IsOrDerivesFrom(p.Type, registry)) is { } parameter)
            {
                return parameter;
            }
        }

        return null;
    }

    private static CheckFinding? CheckPrimaryConstructor(CheckContext context)
    {
        var parameter = PrimaryConstructorRegistry(context.ContainingType, context.Known);
        return parameter is null
            ? null
            : CheckFinding.Create(DiagnosticIds.UnusedRegistryParameter, parameter.Locations.FirstOrDefault(), parameter.Name, context.TypeName);
    }
}
