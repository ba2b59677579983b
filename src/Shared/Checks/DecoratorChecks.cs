using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>
/// The per-method rules of a <c>[CircuitBreaker]</c> declaration, shared by the analyzers (which report them) and the
/// generator (which wraps only a declaration without findings). Rules across methods (BRAMA007) and call sites
/// (BRAMA010) belong to the analyzers alone.
/// </summary>
internal static class DecoratorChecks
{
    // Every per-method rule (BRAMA001–006, 008, 009, 011–014) for one decorated method, in ID order.
    public static ImmutableArray<CheckFinding> Check(IMethodSymbol method, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        var context = new CheckContext(method, attribute, compilation, cancellationToken);

        // A method that is not a bodiless partial definition is not Brama's to generate: its other rules do not apply.
        if (PartialDeclarationRules.CheckMethod(context) is { } notPartial)
        {
            return ImmutableArray.Create(notPartial);
        }

        // Nor is a method in a type that no generated part can extend.
        if (PartialDeclarationRules.CheckContainingKind(context) is { } unsupported)
        {
            return ImmutableArray.Create(unsupported);
        }

        var findings = ImmutableArray.CreateBuilder<CheckFinding>();
        findings.AddRange(PartialDeclarationRules.CheckContainingTypes(context));
        cancellationToken.ThrowIfCancellationRequested();
        Add(findings, ImplementationRule.Check(context));
        findings.AddRange(ConnectionNameRule.Check(context));
        Add(findings, ScopeParameterRule.Check(context));
        Add(findings, ErrorHandlerRule.Check(context));
        findings.AddRange(ShapeRule.Check(context));
        cancellationToken.ThrowIfCancellationRequested();
        Add(findings, FallbackRule.Check(context));
        Add(findings, RegistryMemberRule.Check(context));
        findings.AddRange(OptionRangeRule.Check(context));
        return findings.ToImmutable();
    }

    private static void Add(ImmutableArray<CheckFinding>.Builder findings, CheckFinding? finding)
    {
        if (finding is { } value)
        {
            findings.Add(value);
        }
    }
}
