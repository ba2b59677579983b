using System.Reflection;
using Brama.SourceGeneration;

namespace Brama.Generators.Tests;

/// <summary>
/// The options table the generator and analyzers share names exactly what Brama.Core's attribute, declaration and
/// options declare, and the attribute reference lists every property.
/// </summary>
public class AttributeOptionsTableTests
{
    private static readonly string[] CallProperties = ["Connection", "Scope", "ScopeParameter", "ErrorHandler", "Implementation", "Fallback"];

    public static TheoryData<string> Options() => [.. AttributeOptions.All.Select(static o => o.Name)];

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_option_exists_on_the_attribute_the_declaration_and_the_connection_options(string name)
    {
        var option = AttributeOptions.Find(name)!;
        var clrType = option.Kind switch
        {
            AttributeOptionKind.Count => typeof(int),
            AttributeOptionKind.Milliseconds => typeof(long),
            AttributeOptionKind.Factor or AttributeOptionKind.Ratio => typeof(double),
            AttributeOptionKind.Flag => typeof(bool),
            _ => typeof(ExpiryStrategy),
        };

        var onAttribute = typeof(CircuitBreakerAttribute).GetProperty(name);
        Assert.NotNull(onAttribute);
        Assert.Equal(clrType, onAttribute.PropertyType);
        Assert.True(onAttribute.CanWrite);
        Assert.Equal(typeof(Nullable<>).MakeGenericType(clrType), typeof(ConnectionDeclaration).GetProperty(name)?.PropertyType);
        Assert.NotNull(typeof(ConnectionOptions).GetProperty(option.ConnectionOption));
    }

    [Fact]
    public void Every_settable_attribute_property_is_in_the_table_or_says_what_the_call_goes_through()
    {
        var properties = typeof(CircuitBreakerAttribute).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(static p => p.DeclaringType == typeof(CircuitBreakerAttribute))
            .Select(static p => p.Name);

        Assert.Equal(
            CallProperties.Concat(AttributeOptions.All.Select(static o => o.Name)).Order(),
            properties.Order());
    }

    [Fact]
    public void The_attribute_reference_lists_every_property()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "attribute.md"));

        foreach (var name in CallProperties.Skip(1).Concat(AttributeOptions.All.Select(static o => o.Name)))
        {
            Assert.Contains($"| `{name}` |", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_declaration_with_every_option_set_builds_those_options()
    {
        var declaration = new ConnectionDeclaration("api", null)
        {
            MaxAttempts = 3,
            ExpiryMilliseconds = 2_000,
            ExpiryStrategy = ExpiryStrategy.Progressive,
            HalfOpenMaxCalls = 2,
            SuccessesToClose = 4,
            ProbeTimeoutMilliseconds = 750,
            MaxExpiryMilliseconds = 20_000,
            BackoffFactor = 1.5,
            FailureRatio = 0.4,
            MinimumThroughput = 25,
            SamplingDurationMilliseconds = 15_000,
            SamplingCalls = 200,
            SlowCallMilliseconds = 1_500,
            SlowCallRatio = 0.75,
        };

        var options = declaration.ToOptions(ConnectionOptions.Default)!;

        Assert.Equal(
            new ConnectionOptions
            {
                MaxAttempts = 3,
                Expiry = TimeSpan.FromSeconds(2),
                ExpiryStrategy = ExpiryStrategy.Progressive,
                HalfOpenMaxCalls = 2,
                SuccessesToClose = 4,
                ProbeTimeout = TimeSpan.FromMilliseconds(750),
                MaxExpiry = TimeSpan.FromSeconds(20),
                BackoffFactor = 1.5,
                FailureRatio = 0.4,
                MinimumThroughput = 25,
                SamplingDuration = TimeSpan.FromSeconds(15),
                SamplingCalls = 200,
                SlowCallDuration = TimeSpan.FromMilliseconds(1_500),
                SlowCallRatio = 0.75,
            },
            options);
        Assert.Empty(declaration.OverriddenBy(options));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Brama.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Brama.sln not found above " + AppContext.BaseDirectory);
    }
}
