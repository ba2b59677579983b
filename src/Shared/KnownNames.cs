namespace Brama.SourceGeneration;

/// <summary>Metadata names of Brama.Core types, shared by the generator and the analyzers (which never reference Brama.Core).</summary>
internal static class KnownNames
{
    public const string CircuitBreakerAttribute = "Brama.CircuitBreakerAttribute";
    public const string ConnectionRegistry = "Brama.ConnectionRegistry";
    public const string ConnectionStatus = "Brama.ConnectionStatus";
    public const string ErrorHandlerInterface = "Brama.IErrorHandler`1";
    public const string ErrorHandlerBaseInterface = "Brama.IErrorHandler";

    public const string ImplementationSuffix = "Core";

    public const string ScopeProperty = "Scope";
    public const string ErrorHandlerProperty = "ErrorHandler";
    public const string ImplementationProperty = "Implementation";
    public const string FallbackProperty = "Fallback";
    public const string MaxAttemptsProperty = "MaxAttempts";
    public const string ExpiryMillisecondsProperty = "ExpiryMilliseconds";
    public const string ExpiryStrategyProperty = "ExpiryStrategy";
    public const string HalfOpenMaxCallsProperty = "HalfOpenMaxCalls";
}
