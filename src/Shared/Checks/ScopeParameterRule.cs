using System.Linq;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>
/// BRAMA014: <c>ScopeParameter</c> names a value parameter of the method whose type can name a scope (a string, an
/// enum, a type that formats itself), and is not combined with a constant <c>Scope</c>.
/// </summary>
internal static class ScopeParameterRule
{
    public static CheckFinding? Check(CheckContext context)
    {
        if (!context.TryGetNamedArgument(KnownNames.ScopeParameterProperty, out var value))
        {
            return null;
        }

        if (value.Kind == TypedConstantKind.Error || value.Value is not string name)
        {
            return Finding(context, value.Value?.ToString() ?? "null", "is not a compile-time constant string; write nameof(parameter)");
        }

        if (context.TryGetNamedArgument(KnownNames.ScopeProperty, out var scope) && scope.Value is not null)
        {
            return Finding(context, name, "cannot be combined with Scope: each call's argument chooses the scope, so remove Scope");
        }

        var parameter = context.Method.Parameters.FirstOrDefault(p => p.Name == name);
        if (parameter is null)
        {
            var names = context.Method.Parameters.Select(static p => p.Name).ToList();
            return Finding(context, name, names.Count == 0
                ? "names no parameter: the method has none"
                : "names no parameter of the method (its parameters: " + string.Join(", ", names) + ")");
        }

        return Problem(parameter, context.Known) is { } problem ? Finding(context, name, problem) : null;
    }

    /// <summary>Why <paramref name="parameter"/> cannot give a scope, or null when it can.</summary>
    public static string? Problem(IParameterSymbol parameter, KnownTypes known)
    {
        var type = parameter.Type;
        if (parameter.RefKind is RefKind.Ref or RefKind.Out)
        {
            return $"names the {(parameter.RefKind == RefKind.Ref ? "ref" : "out")} parameter '{parameter.Name}': the scope is read from a value parameter";
        }

        if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return $"names the pointer parameter '{parameter.Name}': a pointer names no scope";
        }

        if (type.IsRefLikeType)
        {
            return $"names the ref struct parameter '{parameter.Name}' of type '{type.ToDisplayString()}': the generated code keeps the value as a cache key, which a ref struct cannot be";
        }

        if (type is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method })
        {
            return $"names the parameter '{parameter.Name}' of the method's type parameter '{type.Name}': the cache of scopes is shared by every call of the method";
        }

        var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;
        if (underlying.SpecialType == SpecialType.System_String || underlying.TypeKind == TypeKind.Enum || Formats(underlying, known))
        {
            return null;
        }

        return $"names the parameter '{parameter.Name}' of type '{type.ToDisplayString()}', which is not a string, an enum or an IFormattable type; pass a key such as a string";
    }

    private static bool Formats(ITypeSymbol type, KnownTypes known) =>
        known.Formattable is { } formattable &&
        (KnownTypes.Is(type, formattable) || type.AllInterfaces.Any(i => KnownTypes.Is(i, formattable)));

    private static CheckFinding Finding(CheckContext context, string name, string problem) =>
        CheckFinding.Create(DiagnosticIds.InvalidScopeParameter, context.NamedArgumentLocation(KnownNames.ScopeParameterProperty), name, context.MethodName, problem);
}
