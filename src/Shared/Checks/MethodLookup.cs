using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>Finds the methods a generated wrapper can call by name: declared in the containing type or inherited, and accessible there.</summary>
internal static class MethodLookup
{
    public static List<IMethodSymbol> Candidates(CheckContext context, string name)
    {
        var found = new List<IMethodSymbol>();
        var decorated = context.Method;
        for (var type = context.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method &&
                    !IsPartOf(method, decorated) &&
                    context.Compilation.IsSymbolAccessibleWithin(method, context.ContainingType))
                {
                    found.Add(method);
                }
            }
        }

        return found;
    }

    /// <summary>True when <paramref name="method"/> is the decorated method or one of its partial parts.</summary>
    public static bool IsPartOf(IMethodSymbol method, IMethodSymbol decorated)
    {
        var comparer = SymbolEqualityComparer.Default;
        return comparer.Equals(method, decorated) ||
               comparer.Equals(method.PartialDefinitionPart, decorated) ||
               comparer.Equals(method, decorated.PartialImplementationPart);
    }
}
