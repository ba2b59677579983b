using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.SourceGeneration.Checks;

/// <summary>BRAMA005: the error handler classifies the method's result type and the wrapper can create it.</summary>
internal static class ErrorHandlerRule
{
    public static CheckFinding? Check(CheckContext context)
    {
        if (!context.TryGetNamedArgument(KnownNames.ErrorHandlerProperty, out var argument) ||
            argument.Kind != TypedConstantKind.Type ||
            argument.Value is not INamedTypeSymbol handler ||
            handler.TypeKind == TypeKind.Error)
        {
            return null;
        }

        var problem = Problem(context, handler);
        return problem is null
            ? null
            : CheckFinding.Create(
                DiagnosticIds.InvalidErrorHandler,
                context.NamedArgumentLocation(KnownNames.ErrorHandlerProperty),
                CheckContext.Display(handler),
                context.MethodName,
                problem);
    }

    private static string? Problem(CheckContext context, INamedTypeSymbol handler)
    {
        var compilation = context.Compilation;
        if (handler.IsUnboundGenericType)
        {
            return "is an open generic type; name a constructed type instead";
        }

        if (!compilation.IsSymbolAccessibleWithin(handler, context.ContainingType))
        {
            return $"is not accessible from '{context.TypeName}'; make it at least as visible as that type's members";
        }

        var shape = ReturnShape.Of(context.Method, context.Known);
        var required = RequiredInterface(context.Known, shape.ResultType);
        if (required is not null && !Implements(compilation, handler, required))
        {
            return shape.ResultType is null
                ? $"does not implement '{CheckContext.Display(required)}'; implement it to classify the method's exceptions"
                : $"does not implement '{CheckContext.Display(required)}' for the method's result type '{CheckContext.Display(shape.ResultType)}'; implement '{CheckContext.Display(required)}'";
        }

        if (handler.TypeKind == TypeKind.Interface || handler.IsAbstract || handler.IsStatic)
        {
            return "cannot be created because it is abstract, static or an interface; name a concrete class or struct";
        }

        if (handler.TypeKind == TypeKind.Class &&
            !handler.InstanceConstructors.Any(c => c.Parameters.IsEmpty && compilation.IsSymbolAccessibleWithin(c, context.ContainingType)))
        {
            return $"has no parameterless constructor accessible from '{context.TypeName}'; add one";
        }

        return null;
    }

    private static INamedTypeSymbol? RequiredInterface(KnownTypes known, ITypeSymbol? resultType)
    {
        if (resultType is null)
        {
            return known.ExceptionHandler;
        }

        if (resultType.IsRefLikeType || resultType.TypeKind == TypeKind.Pointer || resultType.TypeKind == TypeKind.Error)
        {
            return null;
        }

        return known.ErrorHandler?.Construct(resultType);
    }

    private static bool Implements(Compilation compilation, ITypeSymbol handler, ITypeSymbol required)
    {
        if (compilation is not CSharpCompilation csharp)
        {
            return true;
        }

        var conversion = csharp.ClassifyConversion(handler, required);
        return conversion.IsImplicit && (conversion.IsIdentity || conversion.IsReference || conversion.IsBoxing);
    }
}
