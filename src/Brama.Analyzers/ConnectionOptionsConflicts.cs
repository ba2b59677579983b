using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Analyzers;

/// <summary>One valid <c>[CircuitBreaker]</c> attribute: its connection key and the options it sets.</summary>
internal sealed record DeclaredConnection(string Identifier, string? Scope, string Options, string MethodName, Location Location)
{
    public static DeclaredConnection? TryCreate(IMethodSymbol method, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string identifier)
        {
            return null;
        }

        string? scope = null;
        var options = new List<string>();
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == KnownNames.ScopeProperty)
            {
                scope = named.Value.Value as string;
            }
            else if (AttributeOptions.Find(named.Key) is { } option && named.Value.Value is { } value && option.IsSet(value))
            {
                options.Add(named.Key + " = " + option.Describe(value));
            }
        }

        options.Sort(System.StringComparer.Ordinal);
        var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
        var text = options.Count == 0 ? "no options" : string.Join(", ", options);
        return new DeclaredConnection(identifier, scope, text, method.ContainingType.Name + "." + method.Name, location);
    }
}

/// <summary>BRAMA007: every declaration of one connection must set the same options.</summary>
internal static class ConnectionOptionsConflicts
{
    public static void Report(CompilationAnalysisContext context, IEnumerable<DeclaredConnection> declarations)
    {
        foreach (var connection in declarations.GroupBy(static d => (d.Identifier, d.Scope)))
        {
            var ordered = connection
                .OrderBy(static d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(static d => d.Location.SourceSpan.Start)
                .ToList();
            var first = ordered[0];
            foreach (var other in ordered.Skip(1).Where(d => d.Options != first.Options))
            {
                var name = other.Scope is null ? other.Identifier : other.Identifier + "' in scope '" + other.Scope;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ConflictingConnectionOptions,
                    other.Location,
                    name,
                    first.MethodName,
                    first.Options,
                    other.MethodName,
                    other.Options));
            }
        }
    }
}
