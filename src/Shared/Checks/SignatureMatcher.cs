using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>
/// Compares a method the generated wrapper calls (implementation or fallback) with the decorated method: the call
/// passes the decorated method's parameters and type parameters through and returns the result unchanged.
/// </summary>
internal static class SignatureMatcher
{
    /// <summary>Returns why <paramref name="candidate"/> cannot stand in for <paramref name="decorated"/>, or null when it can.</summary>
    /// <param name="extraParameter">A type the candidate may take as one more, last parameter (the fallback's status).</param>
    public static string? Mismatch(IMethodSymbol decorated, IMethodSymbol candidate, Compilation compilation, ITypeSymbol? extraParameter = null)
    {
        if (candidate.TypeParameters.Length != decorated.TypeParameters.Length)
        {
            return $"it has {Count(candidate.TypeParameters.Length, "type parameter")}, expected {decorated.TypeParameters.Length}";
        }

        if (decorated.IsStatic && !candidate.IsStatic)
        {
            return $"it is an instance method but '{decorated.Name}' is static";
        }

        var expectedCount = decorated.Parameters.Length;
        var hasExtra = extraParameter is not null && candidate.Parameters.Length == expectedCount + 1;
        if (candidate.Parameters.Length != expectedCount && !hasExtra)
        {
            return $"it has {Count(candidate.Parameters.Length, "parameter")}, expected {expectedCount}";
        }

        for (var i = 0; i < expectedCount; i++)
        {
            var expected = decorated.Parameters[i];
            var actual = candidate.Parameters[i];
            var actualType = Substitute(actual.Type, candidate, decorated.TypeParameters, compilation);
            if (!SameType(actualType, expected.Type, compilation))
            {
                return $"parameter {i + 1} ('{actual.Name}') is '{CheckContext.Display(actual.Type)}', expected '{CheckContext.Display(expected.Type)}'";
            }

            if (actual.RefKind != expected.RefKind)
            {
                return $"parameter {i + 1} ('{actual.Name}') is passed {RefKindText(actual.RefKind)}, expected {RefKindText(expected.RefKind)}";
            }
        }

        if (hasExtra)
        {
            var last = candidate.Parameters[expectedCount];
            if (!SymbolEqualityComparer.Default.Equals(last.Type, extraParameter) || last.RefKind != RefKind.None)
            {
                return $"its extra last parameter '{last.Name}' must be a '{CheckContext.Display(extraParameter!)}' passed by value";
            }
        }

        var returnType = Substitute(candidate.ReturnType, candidate, decorated.TypeParameters, compilation);
        if (!SameType(returnType, decorated.ReturnType, compilation))
        {
            return $"it returns '{CheckContext.Display(candidate.ReturnType)}', expected '{CheckContext.Display(decorated.ReturnType)}'";
        }

        if (candidate.RefKind != decorated.RefKind)
        {
            return candidate.ReturnsByRef || candidate.ReturnsByRefReadonly ? "it returns by reference, expected by value" : "it returns by value, expected by reference";
        }

        for (var i = 0; i < candidate.TypeParameters.Length; i++)
        {
            if (!ConstraintsGuaranteed(candidate.TypeParameters[i], decorated.TypeParameters[i], candidate, decorated, compilation))
            {
                return $"type parameter '{candidate.TypeParameters[i].Name}' has constraints that '{decorated.Name}' does not guarantee for '{decorated.TypeParameters[i].Name}'";
            }
        }

        return null;
    }

    /// <summary>
    /// Types between which an identity conversion exists: equal up to nullability, tuple element names and
    /// dynamic/object, exactly what the generated call can pass and return unchanged.
    /// </summary>
    private static bool SameType(ITypeSymbol actual, ITypeSymbol expected, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(actual, expected) || compilation.ClassifyCommonConversion(actual, expected).IsIdentity;

    /// <summary>True when every constraint of <paramref name="required"/> is also a constraint of <paramref name="given"/>.</summary>
    private static bool ConstraintsGuaranteed(ITypeParameterSymbol required, ITypeParameterSymbol given, IMethodSymbol candidate, IMethodSymbol decorated, Compilation compilation)
    {
        if ((required.HasReferenceTypeConstraint && !given.HasReferenceTypeConstraint) ||
            (required.HasValueTypeConstraint && !given.HasValueTypeConstraint) ||
            (required.HasUnmanagedTypeConstraint && !given.HasUnmanagedTypeConstraint) ||
            (required.HasNotNullConstraint && !(given.HasNotNullConstraint || given.HasValueTypeConstraint)) ||
            (required.HasConstructorConstraint && !(given.HasConstructorConstraint || given.HasValueTypeConstraint)))
        {
            return false;
        }

        return required.ConstraintTypes
            .Select(t => Substitute(t, candidate, decorated.TypeParameters, compilation))
            .All(t => given.ConstraintTypes.Contains(t, SymbolEqualityComparer.Default));
    }

    /// <summary>Replaces the candidate's method type parameters by the decorated method's, by position.</summary>
    private static ITypeSymbol Substitute(ITypeSymbol type, IMethodSymbol owner, ImmutableArray<ITypeParameterSymbol> replacements, Compilation compilation)
    {
        if (owner.TypeParameters.IsEmpty)
        {
            return type;
        }

        switch (type)
        {
            case ITypeParameterSymbol parameter
                when parameter.TypeParameterKind == TypeParameterKind.Method &&
                     SymbolEqualityComparer.Default.Equals(parameter.DeclaringMethod?.OriginalDefinition, owner.OriginalDefinition) &&
                     parameter.Ordinal < replacements.Length:
                return replacements[parameter.Ordinal];
            case IArrayTypeSymbol array:
                return compilation.CreateArrayTypeSymbol(Substitute(array.ElementType, owner, replacements, compilation), array.Rank);
            case IPointerTypeSymbol pointer:
                return compilation.CreatePointerTypeSymbol(Substitute(pointer.PointedAtType, owner, replacements, compilation));
            case INamedTypeSymbol { IsGenericType: true } named when !named.IsUnboundGenericType:
                var arguments = named.TypeArguments.Select(a => Substitute(a, owner, replacements, compilation)).ToArray();
                return named.ConstructedFrom.Construct(arguments);
            default:
                return type;
        }
    }

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Ref => "by 'ref'",
        RefKind.Out => "as 'out'",
        RefKind.In => "as 'in'",
        RefKind.None => "by value",
        _ => "as 'ref readonly'",
    };

    private static string Count(int count, string noun) => count == 1 ? "1 " + noun : $"{count} {noun}s";
}
