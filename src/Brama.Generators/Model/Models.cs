using Brama.SourceGeneration.Checks;

namespace Brama.Generators;

/// <summary>A type that contains decorated methods, with the chain of types around it.</summary>
internal sealed record ContainingTypeModel(
    string? Namespace,
    EquatableArray<TypeDeclarationModel> Chain,
    string FullName,
    string HintName);

/// <summary>One type declaration in the chain from outermost to innermost: keyword (<c>partial class</c>, <c>readonly partial record struct</c> …) and name with type parameters.</summary>
internal sealed record TypeDeclarationModel(string Keyword, string NameWithTypeParameters);

/// <summary>
/// A parameter: as the implementing declaration writes it (modifiers, type, name; no default value), as it is passed
/// on (<c>ref x</c>), and whether it is a <c>CancellationToken</c> whose cancellation makes an exception Ignore.
/// </summary>
internal sealed record ParameterModel(string Declaration, string Argument, string Name, string Type, bool IsCancellationToken);

/// <summary>
/// The connection the attribute declares, as C# literals: identifier, scope, the decorated method's name and the
/// options the attribute sets, in the order of the options table.
/// </summary>
internal sealed record ConnectionModel(
    string IdentifierLiteral,
    string ScopeLiteral,
    string DeclaredByLiteral,
    EquatableArray<OptionValueModel> Options);

/// <summary>
/// The parameter whose value is each call's scope: how the body passes it (<c>region</c>, <c>@class</c>), its name as a
/// literal for the exceptions, and the cache's key type (the parameter's type without a nullable reference annotation).
/// </summary>
internal sealed record ScopeParameterModel(string Argument, string NameLiteral, string KeyType);

/// <summary>One set option: its property name on <c>ConnectionDeclaration</c> and its value as a C# literal.</summary>
internal sealed record OptionValueModel(string Name, string Literal);

/// <summary>The fallback call: the method name (with type arguments) and whether it takes the rejection status last.</summary>
internal sealed record FallbackModel(string Invocation, bool TakesStatus);

/// <summary>
/// The default classification of a result that has a public <c>bool</c> success or failure member
/// (<c>IsSuccess</c>, <c>IsFailure</c> …): that member, whether true means success, whether the result can be null,
/// and the expression (of <see cref="ResultPlaceholder"/>) giving the failure reason.
/// </summary>
internal sealed record ResultMemberModel(string Member, bool TrueMeansSuccess, bool CanBeNull, string ReasonExpression)
{
    /// <summary>Stands for the result local in <see cref="ReasonExpression"/>; the emitter chooses the local's name.</summary>
    public const string ResultPlaceholder = "{result}";
}

/// <summary>
/// One decorated method. <see cref="RequiresUnsafeContext"/>: the definition sits in an <c>unsafe</c> type declaration
/// or its signature uses pointers, so the generated type declaration must be <c>unsafe</c> too (partial methods must
/// agree on their own <c>unsafe</c> modifier, types need not).
/// </summary>
internal sealed record MethodModel(
    ContainingTypeModel ContainingType,
    string Modifiers,
    string ReturnType,
    string Name,
    string TypeParameters,
    EquatableArray<string> Constraints,
    EquatableArray<ParameterModel> Parameters,
    ReturnKind ReturnKind,
    string? ResultType,
    string Implementation,
    ConnectionModel Connection,
    ScopeParameterModel? ScopeParameter,
    string RegistryExpression,
    string? ErrorHandlerType,
    FallbackModel? Fallback,
    ResultMemberModel? ResultMember,
    string? FailureDiagnostic,
    bool RequiresUnsafeContext);

/// <summary>Everything emitted into one file: a containing type and its decorated methods.</summary>
internal sealed record TypeModel(ContainingTypeModel Type, EquatableArray<MethodModel> Methods);

/// <summary>Where a diagnostic goes, as plain values: a <see cref="Microsoft.CodeAnalysis.Location"/> would root a syntax tree in the cache.</summary>
internal sealed record LocationInfo(string FilePath, Microsoft.CodeAnalysis.Text.TextSpan Span, Microsoft.CodeAnalysis.Text.LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Microsoft.CodeAnalysis.Location? location) =>
        location is { IsInSource: true } ? new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span) : null;

    public Microsoft.CodeAnalysis.Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
}

/// <summary>A finding the generator reports itself (one that explains a compiler declaration error), as plain values.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArguments);

/// <summary>What the parser makes of one decorated method: the method to emit, if any, and the diagnostics to report.</summary>
internal sealed record ParseResult(MethodModel? Method, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ParseResult Empty { get; } = new(null, default);
}
