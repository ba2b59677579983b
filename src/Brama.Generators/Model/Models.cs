namespace Brama.Generators;

/// <summary>A type that contains decorated methods, with the chain of types around it.</summary>
internal sealed record ContainingTypeModel(string? Namespace, EquatableArray<TypeDeclarationModel> Chain, string HintName);

/// <summary>One type declaration in the chain from outermost to innermost: keyword (<c>partial class</c>, <c>partial record struct</c> …) and name with type parameters.</summary>
internal sealed record TypeDeclarationModel(string Keyword, string NameWithTypeParameters);

/// <summary>A parameter as it is written in the signature and as it is passed on.</summary>
internal sealed record ParameterModel(string Declaration, string Argument);

/// <summary>One decorated method.</summary>
internal sealed record MethodModel(
    ContainingTypeModel ContainingType,
    string Modifiers,
    string ReturnType,
    string Name,
    EquatableArray<ParameterModel> Parameters,
    bool ReturnsVoid,
    string Implementation,
    string Connection);

/// <summary>Everything emitted into one file: a containing type and its decorated methods.</summary>
internal sealed record TypeModel(ContainingTypeModel Type, EquatableArray<MethodModel> Methods);
