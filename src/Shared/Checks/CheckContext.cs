using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.SourceGeneration.Checks;

/// <summary>What every rule reads: the decorated method, its attribute, and where the attribute's arguments are written.</summary>
internal sealed class CheckContext
{
    private readonly AttributeSyntax? _attributeSyntax;

    public CheckContext(IMethodSymbol method, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        Method = method;
        Attribute = attribute;
        Compilation = compilation;
        Known = KnownTypes.Of(compilation);
        CancellationToken = cancellationToken;
        _attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
    }

    public IMethodSymbol Method { get; }

    public AttributeData Attribute { get; }

    public Compilation Compilation { get; }

    public KnownTypes Known { get; }

    public CancellationToken CancellationToken { get; }

    public INamedTypeSymbol ContainingType => Method.ContainingType;

    /// <summary>The method's name as written in its declaration (the definition part for a partial method).</summary>
    public Location MethodLocation => Method.Locations.FirstOrDefault() ?? Location.None;

    public Location AttributeLocation => _attributeSyntax?.GetLocation() ?? MethodLocation;

    public string MethodName => Method.Name;

    public string TypeName => Display(ContainingType);

    /// <summary>The named argument's value as written (<c>Fallback = nameof(X)</c> → <c>nameof(X)</c>), else the attribute.</summary>
    public Location NamedArgumentLocation(string propertyName)
    {
        var argument = _attributeSyntax?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == propertyName);
        return argument?.Expression.GetLocation() ?? AttributeLocation;
    }

    /// <summary>The first constructor argument (the connection identifier) as written, else the attribute.</summary>
    public Location ConnectionArgumentLocation
    {
        get
        {
            var argument = _attributeSyntax?.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals is null && (a.NameColon is null || a.NameColon.Name.Identifier.ValueText == "connection"));
            return argument?.Expression.GetLocation() ?? AttributeLocation;
        }
    }

    public bool TryGetNamedArgument(string propertyName, out TypedConstant value)
    {
        foreach (var named in Attribute.NamedArguments)
        {
            if (named.Key == propertyName)
            {
                value = named.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public string? NamedString(string propertyName) =>
        TryGetNamedArgument(propertyName, out var value) && value.Kind == TypedConstantKind.Primitive ? value.Value as string : null;

    public static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
}
