using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration;

/// <summary>
/// The types the generator and the analyzers compare against, looked up once per compilation (as System.Text.Json's
/// <c>KnownTypeSymbols</c>). A type the compilation lacks (no Brama.Core reference, a trimmed framework) is null.
/// </summary>
internal sealed class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> Cache = new();

    private KnownTypes(Compilation compilation)
    {
        CircuitBreakerAttribute = compilation.GetTypeByMetadataName(KnownNames.CircuitBreakerAttribute);
        ConnectionRegistry = compilation.GetTypeByMetadataName(KnownNames.ConnectionRegistry);
        ConnectionStatus = compilation.GetTypeByMetadataName(KnownNames.ConnectionStatus);
        ErrorHandler = compilation.GetTypeByMetadataName(KnownNames.ErrorHandlerInterface);
        ExceptionHandler = compilation.GetTypeByMetadataName(KnownNames.ExceptionHandlerInterface);
        Task = compilation.GetTypeByMetadataName(KnownNames.Task);
        TaskOfT = compilation.GetTypeByMetadataName(KnownNames.TaskOfT);
        ValueTask = compilation.GetTypeByMetadataName(KnownNames.ValueTask);
        ValueTaskOfT = compilation.GetTypeByMetadataName(KnownNames.ValueTaskOfT);
        AsyncEnumerable = compilation.GetTypeByMetadataName(KnownNames.AsyncEnumerable);
        AsyncEnumerator = compilation.GetTypeByMetadataName(KnownNames.AsyncEnumerator);
        CancellationToken = compilation.GetTypeByMetadataName(KnownNames.CancellationToken);
        Exception = compilation.GetTypeByMetadataName(KnownNames.Exception);
        Formattable = compilation.GetTypeByMetadataName(KnownNames.Formattable);
    }

    public INamedTypeSymbol? CircuitBreakerAttribute { get; }

    public INamedTypeSymbol? ConnectionRegistry { get; }

    public INamedTypeSymbol? ConnectionStatus { get; }

    /// <summary><c>IErrorHandler&lt;T&gt;</c>, unconstructed.</summary>
    public INamedTypeSymbol? ErrorHandler { get; }

    /// <summary>The non-generic <c>IErrorHandler</c> (exceptions only).</summary>
    public INamedTypeSymbol? ExceptionHandler { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? AsyncEnumerable { get; }

    public INamedTypeSymbol? AsyncEnumerator { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Exception { get; }

    public static KnownTypes Of(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownTypes(c));

    /// <summary><c>System.IFormattable</c>: a scope parameter's value is formatted invariantly through it.</summary>
    public INamedTypeSymbol? Formattable { get; }

    /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> (false when the compilation lacks it).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> or derives from it.</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? known)
    {
        for (var current = type; current is not null && known is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, known))
            {
                return true;
            }
        }

        return false;
    }
}
