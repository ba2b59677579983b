using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>
/// Every diagnostic Brama reports, from the analyzers or (for findings that explain a compiler declaration error) from
/// the generator. IDs are stable and never reused.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Brama";

    /// <summary>The project's repository; the packages' RepositoryUrl (Directory.Build.props) says the same.</summary>
    public const string RepositoryUrl = "https://github.com/brama-dotnet/brama";

    public const string HelpLinkBase = RepositoryUrl + "/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor MethodMustBePartialDefinition = Error(
        DiagnosticIds.MethodMustBePartialDefinition,
        "A [CircuitBreaker] method must be a partial method without a body",
        "Method '{0}' is marked [CircuitBreaker] but {1}; declare it 'partial' without a body and put the real work in '{2}'",
        "Brama generates the body of a [CircuitBreaker] method, so the method must be declared 'partial' without a body.");

    public static readonly DiagnosticDescriptor TypeMustBePartial = Error(
        DiagnosticIds.TypeMustBePartial,
        "A type containing a [CircuitBreaker] method must be partial",
        "Type '{0}' contains a [CircuitBreaker] method and must be declared 'partial'; add the 'partial' modifier",
        "The generated body is added to the type in another file, so the type and every type enclosing it must be partial.");

    public static readonly DiagnosticDescriptor ImplementationMismatch = Error(
        DiagnosticIds.ImplementationMismatch,
        "The implementation method is missing or does not match",
        "The implementation of [CircuitBreaker] method '{0}' {1}; declare '{2}'",
        "The generated body calls the implementation method (Implementation, by default the method's name followed by 'Core') with the same type parameters and parameters, and returns its result.");

    public static readonly DiagnosticDescriptor InvalidConnectionName = Error(
        DiagnosticIds.InvalidConnectionName,
        "The connection identifier or scope is invalid",
        "The connection {0} of [CircuitBreaker] method '{1}' {2}; use a constant string that is not blank and has at most 256 characters",
        "A connection identifier (and a scope, when given) must be a non-blank constant string of at most 256 characters, or the registry rejects it at run time.");

    public static readonly DiagnosticDescriptor InvalidErrorHandler = Error(
        DiagnosticIds.InvalidErrorHandler,
        "The error handler cannot classify the method's results",
        "Error handler '{0}' of [CircuitBreaker] method '{1}' {2}",
        "ErrorHandler must name a concrete type with an accessible parameterless constructor implementing IErrorHandler<T> for the method's result type (T of Task<T>/ValueTask<T>), or IErrorHandler for void, Task and ValueTask methods.");

    public static readonly DiagnosticDescriptor UnsupportedShape = Error(
        DiagnosticIds.UnsupportedShape,
        "The method's shape is not supported by [CircuitBreaker]",
        "[CircuitBreaker] method '{0}' has an unsupported shape: {1}",
        "async void methods, reference returns, by-reference or ref-like parameters of asynchronous methods and IAsyncEnumerable<T> streams cannot be protected.");

    public static readonly DiagnosticDescriptor ConflictingConnectionOptions = new(
        id: DiagnosticIds.ConflictingConnectionOptions,
        title: "A connection is declared with conflicting options",
        messageFormat: "Connection '{0}' is declared with different options on '{1}' ({2}) and on '{3}' ({4}); the first call registers the connection, so give every declaration the same options",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Options on the attribute apply when the decorator registers the connection; which method registers it first depends on the order of calls.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.ConflictingConnectionOptions + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidFallback = Error(
        DiagnosticIds.InvalidFallback,
        "The fallback method is missing or does not match",
        "Fallback '{0}' of [CircuitBreaker] method '{1}' {2}; declare '{3}' (the last parameter is optional)",
        "The fallback is called instead of the implementation while the circuit rejects calls: it takes the method's parameters, optionally one more ConnectionStatus parameter, and returns the method's result type.");

    public static readonly DiagnosticDescriptor AmbiguousRegistry = Error(
        DiagnosticIds.AmbiguousRegistry,
        "More than one ConnectionRegistry member",
        "Type '{0}' declares {1} ConnectionRegistry members ({2}), so its [CircuitBreaker] methods cannot tell which registry to use; keep one",
        "The generated body uses the containing type's ConnectionRegistry field or property when there is exactly one, and ConnectionRegistry.Default when there is none.");

    public static readonly DiagnosticDescriptor DirectImplementationCall = Create(
        DiagnosticIds.DirectImplementationCall,
        DiagnosticSeverity.Warning,
        "Direct call to a circuit breaker's implementation method",
        "'{0}' is the implementation of [CircuitBreaker] method '{1}'; calling it directly bypasses the circuit breaker, call '{1}' instead",
        "A call to the implementation method is neither admitted nor counted by the circuit breaker.");

    public static readonly DiagnosticDescriptor OptionOutOfRange = Error(
        DiagnosticIds.OptionOutOfRange,
        "A [CircuitBreaker] option is out of range",
        "{0} = {1} on [CircuitBreaker] method '{2}' is out of range: {3}",
        "The registry rejects these values when the decorator registers the connection; 0 keeps the registry's default.");

    public static readonly DiagnosticDescriptor UnusedRegistryParameter = Create(
        DiagnosticIds.UnusedRegistryParameter,
        DiagnosticSeverity.Warning,
        "A primary constructor's ConnectionRegistry is not used by [CircuitBreaker] methods",
        "'{1}' takes the ConnectionRegistry '{0}' in its primary constructor, but generated [CircuitBreaker] methods cannot see primary constructor parameters and use ConnectionRegistry.Default; keep it in a field: 'private readonly ConnectionRegistry _registry = {0};'",
        "The generated body lives in another part of the type and reads the type's ConnectionRegistry field or property; a primary constructor parameter is neither, so DI configuration, logs and health checks would not apply to the decorated methods.");

    public static readonly DiagnosticDescriptor UnsupportedContainingType = Error(
        DiagnosticIds.UnsupportedContainingType,
        "[CircuitBreaker] is not supported in this kind of type",
        "[CircuitBreaker] method '{0}' {1}",
        "Brama writes the method's body in a generated part of the containing type: an extension block cannot hold partial members, a file-local type cannot have a part in another file, and interfaces are not supported containing types.");

    public static readonly DiagnosticDescriptor InvalidScopeParameter = Error(
        DiagnosticIds.InvalidScopeParameter,
        "The scope parameter cannot choose the call's circuit",
        "ScopeParameter '{0}' of [CircuitBreaker] method '{1}' {2}",
        "ScopeParameter names the parameter whose value chooses each call's scope: a value parameter of the method whose type is a string, an enum, or a type that formats itself (IFormattable), and not together with a constant Scope.");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new[]
    {
        MethodMustBePartialDefinition, TypeMustBePartial, ImplementationMismatch, InvalidConnectionName, InvalidErrorHandler,
        UnsupportedShape, ConflictingConnectionOptions, InvalidFallback, AmbiguousRegistry, DirectImplementationCall,
        OptionOutOfRange, UnusedRegistryParameter, UnsupportedContainingType, InvalidScopeParameter,
    }.ToDictionary(static d => d.Id);

    /// <summary>The descriptor of <paramref name="id"/>.</summary>
    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static DiagnosticDescriptor Error(string id, string title, string messageFormat, string description) =>
        Create(id, DiagnosticSeverity.Error, title, messageFormat, description);

    private static DiagnosticDescriptor Create(string id, DiagnosticSeverity severity, string title, string messageFormat, string description) => new(
        id,
        title,
        messageFormat,
        Category,
        severity,
        isEnabledByDefault: true,
        description: description,
        helpLinkUri: HelpLinkBase + id + ".md");
}
