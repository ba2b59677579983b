using Brama.Analyzers.Tests.Infrastructure;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA004 (connection identifier and scope) and BRAMA011 (option ranges).</summary>
public class AttributeValueRuleTests
{
    [Theory]
    [InlineData("\"\"", "is empty")]
    [InlineData("\"   \"", "is only white space")]
    [InlineData("null", "is null")]
    [InlineData("\"\\t\\n\"", "is only white space")]
    public async Task BRAMA004_on_a_bad_identifier(string identifier, string problem)
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync($$"""
            public partial class Client
            {
                [CircuitBreaker({|BRAMA004:{{identifier}}|})]
                public partial void Send();
                private void SendCore() { }
            }
            """);

        Assert.Equal(
            $"The connection identifier of [CircuitBreaker] method 'Send' {problem}; use a constant string that is not blank and has at most 256 characters",
            diagnostics[0].Message());
    }

    [Fact]
    public async Task BRAMA004_on_an_identifier_of_257_characters_but_not_256()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync($$"""
            public partial class Client
            {
                [CircuitBreaker({|BRAMA004:"{{new string('a', 257)}}"|})]
                public partial void Send();
                private void SendCore() { }

                [CircuitBreaker("{{new string('b', 256)}}")]
                public partial void Other();
                private void OtherCore() { }
            }
            """);

        Assert.Contains("is 257 characters long, more than 256", diagnostics[0].Message());
    }

    [Fact]
    public async Task BRAMA004_on_a_bad_scope_and_not_on_a_null_one()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                private const string Blank = " ";

                [CircuitBreaker("api", Scope = {|BRAMA004:Blank|})]
                public partial void Send();
                private void SendCore() { }

                [CircuitBreaker("api", Scope = null)]
                public partial void Unscoped();
                private void UnscopedCore() { }

                [CircuitBreaker(Names.Api, Scope = Names.Api + ".eu")]
                public partial void Constants();
                private void ConstantsCore() { }
            }
            static class Names { public const string Api = "api"; }
            """);

        Assert.StartsWith("The connection scope of [CircuitBreaker] method 'Send' is only white space", diagnostics[0].Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BRAMA004_on_a_missing_identifier()
    {
        // CS7036 also reports the missing argument: the compiler's own error for the same mistake.
        await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [{|BRAMA004:CircuitBreaker|}]
                public partial void Send();
                private void SendCore() { }
            }
            """);
    }

    [Theory]
    [InlineData("MaxAttempts = -1", "-1", "it must be at least 1 (or 0 to keep the default)")]
    [InlineData("HalfOpenMaxCalls = -5", "-5", "it must be at least 1 (or 0 to keep the default)")]
    [InlineData("ExpiryMilliseconds = -10", "-10", "it must be between 1 and 31536000000 (365 days), or 0 to keep the default")]
    [InlineData("ExpiryMilliseconds = 31536000001", "31536000001", "it must be between 1 and 31536000000 (365 days), or 0 to keep the default")]
    [InlineData("ExpiryStrategy = (ExpiryStrategy)7", "7", "it must be ExpiryStrategy.Fixed or ExpiryStrategy.Progressive")]
    [InlineData("SuccessesToClose = -1", "-1", "it must be at least 1 (or 0 to keep the default)")]
    [InlineData("ProbeTimeoutMilliseconds = -1", "-1", "it must be between 1 and 31536000000 (365 days), or 0 to keep the default")]
    [InlineData("MaxExpiryMilliseconds = 31536000001", "31536000001", "it must be between 1 and 31536000000 (365 days), or 0 to keep the default")]
    [InlineData("BackoffFactor = 0.5", "0.5", "it must be a finite number of at least 1 (or 0 to keep the default)")]
    [InlineData("BackoffFactor = double.NaN", "NaN", "it must be a finite number of at least 1 (or 0 to keep the default)")]
    [InlineData("BackoffFactor = double.PositiveInfinity", "Infinity", "it must be a finite number of at least 1 (or 0 to keep the default)")]
    [InlineData("BackoffFactor = -2", "-2", "it must be a finite number of at least 1 (or 0 to keep the default)")]
    [InlineData("FailureRatio = 1.5", "1.5", "it must be greater than 0 and at most 1 (or 0 to keep the default)")]
    [InlineData("FailureRatio = -0.1", "-0.1", "it must be greater than 0 and at most 1 (or 0 to keep the default)")]
    [InlineData("FailureRatio = double.NaN", "NaN", "it must be greater than 0 and at most 1 (or 0 to keep the default)")]
    [InlineData("SlowCallRatio = 2", "2", "it must be greater than 0 and at most 1 (or 0 to keep the default)")]
    [InlineData("MinimumThroughput = -1", "-1", "it must be at least 1 (or 0 to keep the default)")]
    [InlineData("SamplingDurationMilliseconds = 99", "99", "it must be between 100 and 31536000000 (365 days), or 0 to keep the default")]
    [InlineData("SamplingDurationMilliseconds = -100", "-100", "it must be between 100 and 31536000000 (365 days), or 0 to keep the default")]
    [InlineData("SamplingCalls = 1000001", "1000001", "it must be between 1 and 1000000, or 0 to keep the default")]
    [InlineData("SamplingCalls = -3", "-3", "it must be between 1 and 1000000, or 0 to keep the default")]
    [InlineData("SlowCallMilliseconds = -1", "-1", "it must be between 1 and 31536000000 (365 days), or 0 to keep the default")]
    public async Task BRAMA011_on_an_option_out_of_range(string option, string value, string problem)
    {
        var name = option[..option.IndexOf(' ', StringComparison.Ordinal)];
        var expression = option[(option.IndexOf('=', StringComparison.Ordinal) + 2)..];
        var diagnostics = await AnalyzerRunner.VerifyAsync($$"""
            public partial class Client
            {
                [CircuitBreaker("api", {{name}} = {|BRAMA011:{{expression}}|})]
                public partial void Send();
                private void SendCore() { }
            }
            """);

        Assert.Equal($"{name} = {value} on [CircuitBreaker] method 'Send' is out of range: {problem}", diagnostics[0].Message());
    }

    [Fact]
    public async Task No_BRAMA011_at_the_bounds_or_for_zero()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("a", MaxAttempts = 1, HalfOpenMaxCalls = 1, ExpiryMilliseconds = 31536000000, ExpiryStrategy = ExpiryStrategy.Progressive,
                    SuccessesToClose = 1, ProbeTimeoutMilliseconds = 31536000000, MaxExpiryMilliseconds = 31536000000, BackoffFactor = 1,
                    FailureRatio = 1, MinimumThroughput = 1, SamplingCalls = 1000000, SlowCallMilliseconds = 31536000000, SlowCallRatio = 1)]
                public partial void Send();
                private void SendCore() { }

                [CircuitBreaker("b", MaxAttempts = 0, HalfOpenMaxCalls = 0, ExpiryMilliseconds = 0, ExpiryStrategy = ExpiryStrategy.Fixed,
                    SuccessesToClose = 0, ProbeTimeoutMilliseconds = 0, MaxExpiryMilliseconds = 0, BackoffFactor = 0,
                    FailureRatio = 0, MinimumThroughput = 0, SamplingDurationMilliseconds = 0, SamplingCalls = 0, SlowCallMilliseconds = 0, SlowCallRatio = 0)]
                public partial void Other();
                private void OtherCore() { }

                [CircuitBreaker("c", FailureRatio = double.Epsilon, SamplingDurationMilliseconds = 100, SlowCallMilliseconds = 1)]
                public partial void Third();
                private void ThirdCore() { }
            }
            """);
    }

    [Fact]
    public async Task Every_bad_option_of_one_attribute_is_reported()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("a", MaxAttempts = {|BRAMA011:-1|}, ExpiryMilliseconds = {|BRAMA011:-1|})]
                public partial void Send();
                private void SendCore() { }
            }
            """);
    }

    [Fact]
    public async Task BRAMA011_when_the_longest_opening_is_shorter_than_the_first()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("a", ExpiryMilliseconds = 5000, MaxExpiryMilliseconds = {|BRAMA011:4000|}, ExpiryStrategy = ExpiryStrategy.Progressive)]
                public partial void Send();
                private void SendCore() { }

                [CircuitBreaker("b", ExpiryMilliseconds = 5000, MaxExpiryMilliseconds = 5000, ExpiryStrategy = ExpiryStrategy.Progressive)]
                public partial void Other();
                private void OtherCore() { }
            }
            """);

        Assert.Equal(
            "MaxExpiryMilliseconds = 4000 on [CircuitBreaker] method 'Send' is out of range: it must be at least ExpiryMilliseconds (5000)",
            diagnostics[0].Message());
    }

    [Theory]
    [InlineData("SlowCallRatio = {|BRAMA011:0.5|}, FailureRatio = 0.5", "SlowCallRatio = 0.5", "it has no effect without SlowCallMilliseconds, which turns the slow-call rule on")]
    [InlineData("FailureRatio = 0.5, SamplingCalls = 50, SamplingDurationMilliseconds = {|BRAMA011:1000|}", "SamplingDurationMilliseconds = 1000", "SamplingCalls sets a count window instead: set one of the two")]
    [InlineData("MinimumThroughput = {|BRAMA011:20|}", "MinimumThroughput = 20", "it has no effect without a rate rule: set FailureRatio or SlowCallMilliseconds")]
    [InlineData("MaxAttempts = 3, SamplingCalls = {|BRAMA011:20|}", "SamplingCalls = 20", "it has no effect without a rate rule: set FailureRatio or SlowCallMilliseconds")]
    public async Task BRAMA011_on_a_window_option_no_rule_would_read(string options, string value, string problem)
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync($$"""
            public partial class Client
            {
                [CircuitBreaker("api", {{options}})]
                public partial void Send();
                private void SendCore() { }
            }
            """);

        Assert.Equal($"{value} on [CircuitBreaker] method 'Send' is out of range: {problem}", diagnostics[0].Message());
    }

    [Fact]
    public async Task No_BRAMA011_for_the_rules_with_their_windows()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("a", FailureRatio = 0.5, MinimumThroughput = 20, SamplingDurationMilliseconds = 10000)]
                public partial void Send();
                private void SendCore() { }

                [CircuitBreaker("b", SlowCallMilliseconds = 2000, SlowCallRatio = 0.8, SamplingCalls = 50)]
                public partial void Other();
                private void OtherCore() { }
            }
            """);
    }
}
