using Brama.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA007: one connection declared with different options.</summary>
public class ConflictingOptionsRuleTests
{
    [Fact]
    public async Task Later_declaration_with_other_options_is_a_warning_on_its_attribute()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Payments
            {
                [CircuitBreaker("payment_api", MaxAttempts = 3)]
                public partial void Charge();
                private void ChargeCore() { }
            }
            public partial class Refunds
            {
                [{|BRAMA007:CircuitBreaker("payment_api", MaxAttempts = 4, ExpiryStrategy = ExpiryStrategy.Progressive)|}]
                public partial void Refund();
                private void RefundCore() { }

                [{|BRAMA007:CircuitBreaker("payment_api")|}]
                public partial void Status();
                private void StatusCore() { }
            }
            """);

        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Equal(
            "Connection 'payment_api' is declared with different options on 'Payments.Charge' (MaxAttempts = 3) and on 'Refunds.Refund' (ExpiryStrategy = Progressive, MaxAttempts = 4); the first call registers the connection, so give every declaration the same options",
            diagnostics[0].Message());
        Assert.Contains("on 'Refunds.Status' (no options)", diagnostics[1].Message());
    }

    [Fact]
    public async Task Same_options_in_any_order_other_scopes_and_zero_values_do_not_conflict()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Payments
            {
                [CircuitBreaker("payment_api", MaxAttempts = 3, ExpiryMilliseconds = 1000)]
                public partial void Charge();
                private void ChargeCore() { }

                [CircuitBreaker("payment_api", ExpiryMilliseconds = 1000, MaxAttempts = 3, HalfOpenMaxCalls = 0, Fallback = nameof(Cached))]
                public partial void Refund();
                private void RefundCore() { }
                private void Cached() { }

                [CircuitBreaker("payment_api", Scope = "eu", MaxAttempts = 9)]
                public partial void Europe();
                private void EuropeCore() { }
            }
            """);
    }

    [Fact]
    public async Task Declarations_with_other_errors_take_no_part()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Payments
            {
                [CircuitBreaker("payment_api", MaxAttempts = 3)]
                public partial void Charge();
                private void ChargeCore() { }

                [CircuitBreaker("payment_api", MaxAttempts = {|BRAMA011:-3|})]
                public partial void Refund();
                private void RefundCore() { }
            }
            """);
    }

    [Fact]
    public async Task A_written_Fixed_strategy_differs_from_an_unwritten_one()
    {
        // The registry's defaults may be progressive; ExpiryStrategy = Fixed on the attribute overrides them.
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Payments
            {
                [CircuitBreaker("payment_api")]
                public partial void Charge();
                private void ChargeCore() { }

                [{|BRAMA007:CircuitBreaker("payment_api", ExpiryStrategy = ExpiryStrategy.Fixed)|}]
                public partial void Refund();
                private void RefundCore() { }
            }
            """);

        Assert.Contains("on 'Payments.Refund' (ExpiryStrategy = Fixed)", diagnostics[0].Message());
    }

    [Fact]
    public async Task The_probe_and_backoff_options_conflict_too()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Payments
            {
                [CircuitBreaker("payment_api", SuccessesToClose = 2, BackoffFactor = 1.5, ProbeTimeoutMilliseconds = 500, MaxExpiryMilliseconds = 90000)]
                public partial void Charge();
                private void ChargeCore() { }

                [{|BRAMA007:CircuitBreaker("payment_api", SuccessesToClose = 2, BackoffFactor = 3, ProbeTimeoutMilliseconds = 500, MaxExpiryMilliseconds = 90000)|}]
                public partial void Refund();
                private void RefundCore() { }

                [CircuitBreaker("payment_api", MaxExpiryMilliseconds = 90000, ProbeTimeoutMilliseconds = 500, BackoffFactor = 1.50, SuccessesToClose = 2)]
                public partial void Status();
                private void StatusCore() { }
            }
            """);

        Assert.Equal(
            "Connection 'payment_api' is declared with different options on 'Payments.Charge' (BackoffFactor = 1.5, MaxExpiryMilliseconds = 90000, ProbeTimeoutMilliseconds = 500, SuccessesToClose = 2) and on 'Payments.Refund' (BackoffFactor = 3, MaxExpiryMilliseconds = 90000, ProbeTimeoutMilliseconds = 500, SuccessesToClose = 2); the first call registers the connection, so give every declaration the same options",
            diagnostics[0].Message());
    }
}
