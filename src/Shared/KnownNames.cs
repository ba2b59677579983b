using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration;

/// <summary>Metadata names of Brama.Core types, shared by the generator and the analyzers (which never reference Brama.Core).</summary>
internal static class KnownNames
{
    public const string CircuitBreakerAttribute = "Brama.CircuitBreakerAttribute";
    public const string ConnectionRegistry = "Brama.ConnectionRegistry";
    public const string ConnectionStatus = "Brama.ConnectionStatus";
    public const string ErrorHandlerInterface = "Brama.IErrorHandler`1";
    public const string ExceptionHandlerInterface = "Brama.IErrorHandler";
    public const string ExpiryStrategy = "Brama.ExpiryStrategy";

    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string AsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable`1";
    public const string AsyncEnumerator = "System.Collections.Generic.IAsyncEnumerator`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Exception = "System.Exception";

    public const string ImplementationSuffix = "Core";

    /// <summary>Roslyn 5's <c>TypeKind.Extension</c> (a C# 14 extension block), which the 4.8 API does not name.</summary>
    public const TypeKind ExtensionTypeKind = (TypeKind)14;

    /// <summary>Mirrors <c>ConnectionRegistry.MaxNameLength</c>.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Mirrors <c>ConnectionOptions.MaxTime</c> (365 days) in milliseconds.</summary>
    public const long MaxTimeMilliseconds = 365L * 24 * 60 * 60 * 1000;

    public const string ScopeProperty = "Scope";
    public const string ScopeParameterProperty = "ScopeParameter";
    public const string Formattable = "System.IFormattable";
    public const string ErrorHandlerProperty = "ErrorHandler";
    public const string ImplementationProperty = "Implementation";
    public const string FallbackProperty = "Fallback";
}
