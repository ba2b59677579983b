using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Brama.Extensions.DependencyInjection.Tests;

public sealed class ConfigurationValidationTests
{
    public static TheoryData<string, string, string> InvalidValues => new()
    {
        { "Brama:CleanupInterval", "00:00:00", "Must be greater than zero and at most BramaOptions.MaxCleanupInterval (about 49.7 days). Value: '00:00:00'." },
        { "Brama:CleanupInterval", "10", "Not a time span; write hh:mm:ss or d.hh:mm:ss (e.g. 00:00:30). Value: '10'." },
        { "Brama:EventQueueCapacity", "0", "Must be at least 1. Value: '0'." },
        { "Brama:Defaults:MaxAttempts", "many", "Not a whole number. Value: 'many'." },
        { "Brama:Connections:payment_api:MaxAttempts", "0", "Must be at least 1. Value: '0'." },
        { "Brama:Connections:payment_api:Expiry", "-00:00:01", "Must be greater than zero and at most 365 days. Value: '-00:00:01'." },
        { "Brama:Connections:payment_api:Expiry", "soon", "Not a time span; write hh:mm:ss or d.hh:mm:ss (e.g. 00:00:30). Value: 'soon'." },
        { "Brama:Connections:payment_api:ExpiryStrategy", "Linear", "Expected Fixed or Progressive. Value: 'Linear'." },
        { "Brama:Connections:payment_api:ExpiryStrategy", "1", "Expected Fixed or Progressive. Value: '1'." },
        { "Brama:Connections:payment_api:InitialExpiry", "400.00:00:00", "Must be greater than zero and at most 365 days. Value: '400.00:00:00'." },
        { "Brama:Connections:payment_api:MaxExpiry", "00:00:00", "Must be greater than zero and at most 365 days. Value: '00:00:00'." },
        { "Brama:Connections:payment_api:BackoffFactor", "0.5", "Must be a finite number of at least 1. Value: '0.5'." },
        { "Brama:Connections:payment_api:BackoffFactor", "fast", "Not a number. Value: 'fast'." },
        { "Brama:Connections:payment_api:HalfOpenMaxCalls", "0", "Must be at least 1. Value: '0'." },
        { "Brama:Connections:payment_api:SuccessesToClose", "-2", "Must be at least 1. Value: '-2'." },
        { "Brama:Connections:payment_api:ProbeTimeout", "00:00:00", "Must be greater than zero and at most 365 days. Value: '00:00:00'." },
        { "Brama:Connections:payment_api:InactivityTimeout", "forever", "Not a time span; write hh:mm:ss or d.hh:mm:ss (e.g. 00:00:30). Value: 'forever'." },
        { "Brama:Connections:payment_api:FailureRatio", "1.5", "Must be greater than 0 and at most 1. Value: '1.5'." },
        { "Brama:Connections:payment_api:FailureRatio", "half", "Not a number. Value: 'half'." },
        { "Brama:Connections:payment_api:MinimumThroughput", "0", "Must be at least 1. Value: '0'." },
        { "Brama:Connections:payment_api:SamplingDuration", "00:00:00.050", "Must be at least 100 ms and at most 365 days. Value: '00:00:00.050'." },
        { "Brama:Connections:payment_api:SamplingCalls", "0", "Must be between 1 and 1000000. Value: '0'." },
        { "Brama:Connections:payment_api:SlowCallDuration", "00:00:00", "Must be greater than zero and at most 365 days. Value: '00:00:00'." },
        { "Brama:Connections:payment_api:SlowCallRatio", "0", "Must be greater than 0 and at most 1. Value: '0'." },
        { "Brama:Connections:payment_api:Scopes:tenant_a:MaxAttempts", "0", "Must be at least 1. Value: '0'." },
        { "Brama:Connections:payment_api:MaxAttemps", "3", "Unknown setting. Expected one of: MaxAttempts, Expiry, ExpiryStrategy, InitialExpiry, MaxExpiry, BackoffFactor, HalfOpenMaxCalls, SuccessesToClose, ProbeTimeout, InactivityTimeout, FailureRatio, MinimumThroughput, SamplingDuration, SamplingCalls, SlowCallDuration, SlowCallRatio, FleetWide, Metadata, Scopes." },
        { "Brama:Connections:payment_api:Scopes:tenant_a:Scopes", "x", "Unknown setting. Expected one of: MaxAttempts, Expiry, ExpiryStrategy, InitialExpiry, MaxExpiry, BackoffFactor, HalfOpenMaxCalls, SuccessesToClose, ProbeTimeout, InactivityTimeout, FailureRatio, MinimumThroughput, SamplingDuration, SamplingCalls, SlowCallDuration, SlowCallRatio, FleetWide, Metadata." },
        { "Brama:Defaults:Scopes", "x", "Unknown setting. Expected one of: MaxAttempts, Expiry, ExpiryStrategy, InitialExpiry, MaxExpiry, BackoffFactor, HalfOpenMaxCalls, SuccessesToClose, ProbeTimeout, InactivityTimeout, FailureRatio, MinimumThroughput, SamplingDuration, SamplingCalls, SlowCallDuration, SlowCallRatio, FleetWide, Metadata." },
        { "Brama:Cleanup", "00:00:01", "Unknown setting. Expected one of: CleanupInterval, EventQueueCapacity, MaxDynamicScopes, DynamicScopeIdleTimeout, Defaults, Connections." },
        { "Brama:MaxDynamicScopes", "0", "Must be at least 1. Value: '0'." },
        { "Brama:Connections:payment_api:FleetWide", "yes", "Expected true or false. Value: 'yes'." },
        { "Brama:MaxDynamicScopes", "lots", "Not a whole number. Value: 'lots'." },
        { "Brama:DynamicScopeIdleTimeout", "00:00:00", "Must be greater than zero and at most 365 days. Value: '00:00:00'." },
        { "Brama:Connections:" + new string('x', 257) + ":MaxAttempts", "3", "A connection name must be at most 256 characters." },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Each_invalid_value_is_reported_with_its_key(string key, string value, string message)
    {
        var error = Assert.Throws<BramaConfigurationException>(() => Resolve(new() { [key] = value }));

        var expectedKey = key.Contains(new string('x', 257), StringComparison.Ordinal) ? key[..key.LastIndexOf(':')] : key;
        var only = Assert.Single(error.Errors);
        Assert.Equal(expectedKey, only.Key);
        Assert.Equal(message, only.Value);
        Assert.Equal($"Invalid Brama configuration: '{expectedKey}' {message}", error.Message);
    }

    [Fact]
    public void A_cross_field_error_names_the_connection_section()
    {
        var error = Assert.Throws<BramaConfigurationException>(() => Resolve(new()
        {
            ["Brama:Connections:payment_api:InitialExpiry"] = "00:01:00",
            ["Brama:Connections:payment_api:MaxExpiry"] = "00:00:30",
        }));

        var only = Assert.Single(error.Errors);
        Assert.Equal("Brama:Connections:payment_api", only.Key);
        Assert.Equal("MaxExpiry (00:00:30) must not be shorter than InitialExpiry (00:01:00).", only.Value);
    }

    [Fact]
    public void A_section_where_a_value_belongs_is_an_error()
    {
        var error = Assert.Throws<BramaConfigurationException>(() => Resolve(new() { ["Brama:Connections:payment_api:MaxAttempts:value"] = "3" }));

        Assert.Equal("Brama:Connections:payment_api:MaxAttempts", Assert.Single(error.Keys));
        Assert.Equal("Must be a single value, not a section.", error.Errors[0].Value);
    }

    [Theory]
    [InlineData("Brama:Defaults")]
    [InlineData("Brama:Connections")]
    [InlineData("Brama:Connections:payment_api")]
    [InlineData("Brama:Connections:payment_api:Scopes")]
    [InlineData("Brama:Connections:payment_api:Scopes:tenant_a")]
    [InlineData("Brama:Connections:payment_api:Metadata")]
    public void A_value_where_a_section_belongs_is_an_error(string key)
    {
        var error = Assert.Throws<BramaConfigurationException>(() => Resolve(new() { [key] = "5" }));

        var only = Assert.Single(error.Errors);
        Assert.Equal(key, only.Key);
        Assert.Equal("Must be a section, not a single value. Value: '5'.", only.Value);
    }

    [Fact]
    public void A_metadata_section_is_an_error()
    {
        var error = Assert.Throws<BramaConfigurationException>(() => Resolve(new() { ["Brama:Connections:payment_api:Metadata:team:name"] = "payments" }));

        Assert.Equal("Brama:Connections:payment_api:Metadata:team", Assert.Single(error.Keys));
        Assert.Equal("Metadata values must be text, not sections.", error.Errors[0].Value);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var error = Assert.Throws<BramaConfigurationException>(() => Resolve(new()
        {
            ["Brama:CleanupInterval"] = "x",
            ["Brama:Connections:a:MaxAttempts"] = "0",
            ["Brama:Connections:b:Expiry"] = "y",
        }));

        Assert.Equal(["Brama:CleanupInterval", "Brama:Connections:a:MaxAttempts", "Brama:Connections:b:Expiry"], error.Keys);
        Assert.StartsWith("Invalid Brama configuration (3 problems):" + Environment.NewLine + "- 'Brama:CleanupInterval' Not a time span", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_fails_to_start_with_an_invalid_section()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Brama:Connections:payment_api:MaxAttempts"] = "0" });
        builder.Services.AddBrama();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<BramaConfigurationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Brama:Connections:payment_api:MaxAttempts", Assert.Single(error.Keys));
    }

    [Fact]
    public async Task The_host_starts_with_a_valid_section_and_registers_its_connections()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Brama:Connections:payment_api:MaxAttempts"] = "2" });
        builder.Services.AddBrama();
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.True(host.Services.GetRequiredService<ConnectionRegistry>().TryGet("payment_api", out _));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static ConnectionRegistry Resolve(Dictionary<string, string?> values)
    {
        using var provider = ConfigurationTests.Build(values);
        return provider.GetRequiredService<ConnectionRegistry>();
    }
}
