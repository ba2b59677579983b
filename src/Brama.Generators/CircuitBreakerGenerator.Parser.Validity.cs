using System.Collections.Immutable;
using System.Linq;
using Brama.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Brama.Generators;

public sealed partial class CircuitBreakerGenerator
{
    internal static partial class Parser
    {
        private const int MaxNameLength = 256;
        private const long MaxExpiryMilliseconds = 31_536_000_000;

        /// <summary>
        /// The minimal decision whether a wrapper can be generated: the id of the first Brama rule the declaration breaks
        /// in a way that would make the wrapper fail to compile or fail every call, or null. The analyzers report the
        /// diagnostics themselves; the generator only writes a body that throws, naming the rule.
        /// </summary>
        private static string? FindBlockingProblem(
            IMethodSymbol method,
            AttributeValues attribute,
            ImmutableArray<ISymbol> registries,
            FallbackModel? fallback,
            ReturnKind returnKind,
            ITypeSymbol? resultType,
            Compilation compilation)
        {
            if (!HasImplementation(method, attribute.Implementation ?? method.Name + KnownNames.ImplementationSuffix))
            {
                return "BRAMA003";
            }

            if (!attribute.HasConnection || !IsValidName(attribute.ConnectionName) || (attribute.Scope is not null && !IsValidName(attribute.Scope)))
            {
                return "BRAMA004";
            }

            if (attribute.ErrorHandler is { } handler && !IsUsableErrorHandler(handler, method, resultType, compilation))
            {
                return "BRAMA005";
            }

            if (IsUnsupportedShape(method, returnKind))
            {
                return "BRAMA006";
            }

            if (attribute.Fallback is not null && (fallback is null || !IsCallable(method, attribute.Fallback)))
            {
                return "BRAMA008";
            }

            if (registries.Length > 1)
            {
                return "BRAMA009";
            }

            return HasOptionOutOfRange(attribute) ? "BRAMA011" : null;
        }

        private static bool HasImplementation(IMethodSymbol method, string name) =>
            method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Any(candidate =>
                candidate.Parameters.Length == method.Parameters.Length
                && candidate.TypeParameters.Length == method.TypeParameters.Length
                && (candidate.IsStatic || !method.IsStatic)
                && SameType(candidate.ReturnType, method.ReturnType)
                && candidate.Parameters.Zip(method.Parameters, static (a, b) => a.RefKind == b.RefKind && SameType(a.Type, b.Type)).All(static same => same));

        private static bool IsCallable(IMethodSymbol method, string name) =>
            method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Any(candidate =>
                candidate.TypeParameters.Length == method.TypeParameters.Length
                && (candidate.IsStatic || !method.IsStatic)
                && SameType(candidate.ReturnType, method.ReturnType)
                && method.Parameters.Zip(candidate.Parameters, static (a, b) => a.RefKind == b.RefKind && SameType(a.Type, b.Type)).All(static same => same));

        // Type parameters of two methods are compared by name: the implementation declares its own.
        private static bool SameType(ITypeSymbol a, ITypeSymbol b) =>
            a.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == b.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        private static bool IsValidName(string? name) =>
            name is not null && name.Length <= MaxNameLength && !string.IsNullOrWhiteSpace(name);

        private static bool IsUsableErrorHandler(ITypeSymbol handler, IMethodSymbol method, ITypeSymbol? resultType, Compilation compilation)
        {
            if (handler is not INamedTypeSymbol named || named.IsAbstract || named.IsStatic || named.IsUnboundGenericType
                || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return false;
            }

            var required = resultType is null
                ? compilation.GetTypeByMetadataName(KnownNames.ErrorHandlerBaseInterface)
                : compilation.GetTypeByMetadataName(KnownNames.ErrorHandlerInterface)?.Construct(resultType);
            if (required is null || !compilation.HasImplicitConversion(handler, required))
            {
                return false;
            }

            return named.TypeKind == TypeKind.Struct || named.InstanceConstructors.Any(ctor =>
                ctor.Parameters.Length == 0 && compilation.IsSymbolAccessibleWithin(ctor, method.ContainingType));
        }

        private static bool IsUnsupportedShape(IMethodSymbol method, ReturnKind returnKind)
        {
            if (method.ReturnsByRef || method.ReturnsByRefReadonly || method.IsAsync)
            {
                return true;
            }

            if (method.ReturnType is INamedTypeSymbol { MetadataName: "IAsyncEnumerable`1" } stream
                && stream.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
            {
                return true;
            }

            var isAsync = returnKind is ReturnKind.Task or ReturnKind.TaskOfResult or ReturnKind.ValueTask or ReturnKind.ValueTaskOfResult;
            return isAsync && method.Parameters.Any(static p => p.RefKind != RefKind.None || p.Type.IsRefLikeType);
        }

        private static bool HasOptionOutOfRange(AttributeValues attribute) =>
            attribute.MaxAttempts is < 1
            || attribute.ExpiryMilliseconds is < 1 or > MaxExpiryMilliseconds
            || attribute.HalfOpenMaxCalls is < 1
            || attribute.ExpiryStrategy is < 0 or > 1;
    }
}
