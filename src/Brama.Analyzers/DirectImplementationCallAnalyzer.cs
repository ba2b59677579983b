using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Brama.Analyzers;

/// <summary>
/// BRAMA010: a call to (or delegate of) a decorated method's implementation outside the generated wrapper bypasses
/// the breaker. The implementation's own recursion is not reported: it runs inside one protected call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DirectImplementationCallAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DirectImplementationCall);

    public override void Initialize(AnalysisContext context)
    {
        // Generated code is skipped: that is where the wrapper makes the one legitimate call.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var attributeType = KnownTypes.Of(start.Compilation).CircuitBreakerAttribute;
            if (attributeType is null)
            {
                return;
            }

            var index = new ImplementationIndex(start.Compilation, attributeType);
            start.RegisterOperationAction(
                operationContext =>
                {
                    var (target, location) = operationContext.Operation switch
                    {
                        IInvocationOperation invocation => (invocation.TargetMethod, NameLocation(invocation.Syntax)),
                        IMethodReferenceOperation reference => (reference.Method, NameLocation(reference.Syntax)),
                        _ => (null, null),
                    };
                    if (target is not null && location is not null)
                    {
                        Analyze(operationContext, index, target, location);
                    }
                },
                OperationKind.Invocation,
                OperationKind.MethodReference);
        });
    }

    private static void Analyze(OperationAnalysisContext context, ImplementationIndex index, IMethodSymbol target, Location location)
    {
        if (target.MethodKind != MethodKind.Ordinary)
        {
            return;
        }

        var decorated = index.DecoratedMethodOf(target.OriginalDefinition, context.ContainingSymbol, context.CancellationToken);
        if (decorated is null)
        {
            return;
        }

        var caller = context.ContainingSymbol as IMethodSymbol;
        if (caller is not null &&
            (SymbolEqualityComparer.Default.Equals(caller.OriginalDefinition, target.OriginalDefinition) ||
             MethodLookup.IsPartOf(caller.OriginalDefinition, decorated)))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DirectImplementationCall, location, target.Name, decorated.Name));
    }

    private static Location NameLocation(SyntaxNode syntax)
    {
        var expression = syntax is InvocationExpressionSyntax invocation ? invocation.Expression : syntax;
        return expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.GetLocation(),
            MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
            _ => expression.GetLocation(),
        };
    }

    /// <summary>Maps implementation methods to their decorated methods, one containing type at a time.</summary>
    private sealed class ImplementationIndex(Compilation compilation, INamedTypeSymbol attributeType)
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<IMethodSymbol, IMethodSymbol>> _byType =
            new(SymbolEqualityComparer.Default);

        public IMethodSymbol? DecoratedMethodOf(IMethodSymbol implementation, ISymbol caller, CancellationToken cancellationToken)
        {
            // The decorated method lives in the implementation's type, or in the caller's type when it inherits the implementation.
            if (Of(implementation.ContainingType.OriginalDefinition, cancellationToken).TryGetValue(implementation, out var decorated))
            {
                return decorated;
            }

            for (var type = caller.ContainingType; type is not null; type = type.BaseType)
            {
                if (!SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, implementation.ContainingType.OriginalDefinition) &&
                    Of(type.OriginalDefinition, cancellationToken).TryGetValue(implementation, out decorated))
                {
                    return decorated;
                }
            }

            return null;
        }

        private Dictionary<IMethodSymbol, IMethodSymbol> Of(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            _byType.GetOrAdd(type, t =>
            {
                var map = new Dictionary<IMethodSymbol, IMethodSymbol>(SymbolEqualityComparer.Default);
                foreach (var method in t.GetMembers().OfType<IMethodSymbol>().Where(static m => m.IsPartialDefinition))
                {
                    var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
                    if (attribute is not null &&
                        ImplementationRule.Find(new CheckContext(method, attribute, compilation, cancellationToken)) is { } implementation)
                    {
                        map[implementation.OriginalDefinition] = method;
                    }
                }

                return map;
            });
    }
}
