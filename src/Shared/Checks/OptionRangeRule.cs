using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>BRAMA011: option values the registry would reject. 0 means "not set" and keeps the registry's default.</summary>
internal static class OptionRangeRule
{
    public static IEnumerable<CheckFinding> Check(CheckContext context)
    {
        var set = new Dictionary<string, object>();
        foreach (var named in context.Attribute.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error || named.Value.Value is not { } value || AttributeOptions.Find(named.Key) is not { } option)
            {
                continue;
            }

            if (option.Problem(value) is { } problem)
            {
                yield return Finding(context, named.Key, value, problem);
            }
            else if (option.IsSet(value))
            {
                set[named.Key] = value;
            }
        }

        foreach (var (option, problem) in AttributeOptions.CrossFieldProblems(set))
        {
            yield return Finding(context, option, set[option], problem);
        }
    }

    private static CheckFinding Finding(CheckContext context, string option, object value, string problem) =>
        CheckFinding.Create(
            DiagnosticIds.OptionOutOfRange,
            context.NamedArgumentLocation(option),
            option,
            value is double number ? number.ToString("R", CultureInfo.InvariantCulture) : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
            context.MethodName,
            problem);
}
