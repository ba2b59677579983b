namespace Brama.SourceGeneration.Checks;

/// <summary>The stable IDs of Brama's diagnostics, shared by the checks, the analyzers and the code fixes.</summary>
internal static class DiagnosticIds
{
    public const string MethodMustBePartialDefinition = "BRAMA001";
    public const string TypeMustBePartial = "BRAMA002";
    public const string ImplementationMismatch = "BRAMA003";
    public const string InvalidConnectionName = "BRAMA004";
    public const string InvalidErrorHandler = "BRAMA005";
    public const string UnsupportedShape = "BRAMA006";
    public const string ConflictingConnectionOptions = "BRAMA007";
    public const string InvalidFallback = "BRAMA008";
    public const string AmbiguousRegistry = "BRAMA009";
    public const string DirectImplementationCall = "BRAMA010";
    public const string OptionOutOfRange = "BRAMA011";
    public const string UnusedRegistryParameter = "BRAMA012";
    public const string UnsupportedContainingType = "BRAMA013";
    public const string InvalidScopeParameter = "BRAMA014";
}
