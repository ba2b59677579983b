using System.Collections.Immutable;
using Brama.Analyzers;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Analyzers.Tests;

public class AnalyzerPlumbingTests
{
    [Fact]
    public async Task Reports_BRAMA001_on_a_decorated_method_with_a_body()
    {
        const string source = """
            using Brama;
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                public int Charge(int amount) => amount;
            }
            """;
        var compilation = TestCompilation.Create(source)
            .WithAnalyzers([new PartialDefinitionAnalyzer()]);

        var diagnostics = await compilation.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("BRAMA001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Charge", source[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Contains("'Charge'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Is_silent_on_a_bodiless_partial_definition()
    {
        const string source = """
            using Brama;
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                public partial int Charge(int amount);
                private int ChargeCore(int amount) => amount;
            }
            """;
        var compilation = TestCompilation.Create(source)
            .WithAnalyzers([new PartialDefinitionAnalyzer()]);

        var diagnostics = await compilation.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Empty(diagnostics);
    }
}
