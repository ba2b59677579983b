using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>BRAMA004: the connection identifier and scope are constant, non-blank and at most 256 characters long.</summary>
internal static class ConnectionNameRule
{
    public static IEnumerable<CheckFinding> Check(CheckContext context)
    {
        var arguments = context.Attribute.ConstructorArguments;
        if (arguments.Length != 1 || arguments[0].Kind == TypedConstantKind.Error)
        {
            yield return Finding(context, context.ConnectionArgumentLocation, "identifier", "is missing or not a compile-time constant string");
        }
        else if (Problem(arguments[0], allowNull: false) is { } identifierProblem)
        {
            yield return Finding(context, context.ConnectionArgumentLocation, "identifier", identifierProblem);
        }

        if (context.TryGetNamedArgument(KnownNames.ScopeProperty, out var scope) && Problem(scope, allowNull: true) is { } scopeProblem)
        {
            yield return Finding(context, context.NamedArgumentLocation(KnownNames.ScopeProperty), "scope", scopeProblem);
        }
    }

    private static string? Problem(TypedConstant value, bool allowNull)
    {
        if (value.Kind == TypedConstantKind.Error || value.Value is not (string or null))
        {
            return "is not a compile-time constant string";
        }

        return value.Value switch
        {
            null => allowNull ? null : "is null",
            string { Length: 0 } => "is empty",
            string s when string.IsNullOrWhiteSpace(s) => "is only white space",
            string { Length: > KnownNames.MaxNameLength } s => $"is {s.Length} characters long, more than {KnownNames.MaxNameLength}",
            _ => null,
        };
    }

    private static CheckFinding Finding(CheckContext context, Location location, string part, string problem) =>
        CheckFinding.Create(DiagnosticIds.InvalidConnectionName, location, part, context.MethodName, problem);
}
