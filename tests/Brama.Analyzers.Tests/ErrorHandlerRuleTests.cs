using Brama.Analyzers.Tests.Infrastructure;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA005: the error handler classifies the method's result type and can be created.</summary>
public class ErrorHandlerRuleTests
{
    private const string Handlers = """
        public sealed class IntHandler : IErrorHandler<int> { public Outcome Classify(int result) => Outcome.Success; }
        public sealed class ObjectHandler : IErrorHandler<object> { public Outcome Classify(object result) => Outcome.Success; }
        public sealed class ExceptionsOnly : IErrorHandler { }
        public struct StructHandler : IErrorHandler<string> { public Outcome Classify(string result) => Outcome.Success; }
        public abstract class AbstractHandler : IErrorHandler<int> { public Outcome Classify(int result) => Outcome.Success; }
        public sealed class NeedsArgument : IErrorHandler<int>
        {
            public NeedsArgument(int x) { }
            public Outcome Classify(int result) => Outcome.Success;
        }
        public sealed class PrivateConstructor : IErrorHandler<int>
        {
            private PrivateConstructor() { }
            public Outcome Classify(int result) => Outcome.Success;
        }
        public sealed class Generic<T> : IErrorHandler<T> { public Outcome Classify(T result) => Outcome.Success; }

        """;

    [Theory]
    [InlineData("int", "IntHandler")]
    [InlineData("Task<int>", "IntHandler")]
    [InlineData("ValueTask<int>", "IntHandler")]
    [InlineData("string", "ObjectHandler")]
    [InlineData("string", "StructHandler")]
    [InlineData("void", "ExceptionsOnly")]
    [InlineData("Task", "ExceptionsOnly")]
    [InlineData("ValueTask", "IntHandler")]
    [InlineData("Task<int>", "Generic<int>")]
    public async Task Accepted_handler(string returnType, string handler)
    {
        await AnalyzerRunner.VerifyAsync(Handlers + $$"""
            public partial class Client
            {
                [CircuitBreaker("api", ErrorHandler = typeof({{handler}}))]
                public partial {{returnType}} Call();
                private {{returnType}} CallCore() => throw null!;
            }
            """);
    }

    [Theory]
    [InlineData("long", "IntHandler", "does not implement 'IErrorHandler<long>' for the method's result type 'long'; implement 'IErrorHandler<long>'")]
    [InlineData("Task<string>", "IntHandler", "does not implement 'IErrorHandler<string>' for the method's result type 'string'; implement 'IErrorHandler<string>'")]
    [InlineData("ValueTask<int>", "ObjectHandler", "does not implement 'IErrorHandler<int>' for the method's result type 'int'; implement 'IErrorHandler<int>'")]
    [InlineData("int", "ExceptionsOnly", "does not implement 'IErrorHandler<int>' for the method's result type 'int'; implement 'IErrorHandler<int>'")]
    [InlineData("void", "string", "does not implement 'IErrorHandler'; implement it to classify the method's exceptions")]
    [InlineData("int", "AbstractHandler", "cannot be created because it is abstract, static or an interface; name a concrete class or struct")]
    [InlineData("int", "IErrorHandler<int>", "cannot be created because it is abstract, static or an interface; name a concrete class or struct")]
    [InlineData("int", "NeedsArgument", "has no parameterless constructor accessible from 'Client'; add one")]
    [InlineData("int", "PrivateConstructor", "has no parameterless constructor accessible from 'Client'; add one")]
    [InlineData("int", "Generic<>", "is an open generic type; name a constructed type instead")]
    public async Task Rejected_handler(string returnType, string handler, string problem)
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync(Handlers + $$"""
            public partial class Client
            {
                [CircuitBreaker("api", ErrorHandler = {|BRAMA005:typeof({{handler}})|})]
                public partial {{returnType}} Call();
                private {{returnType}} CallCore() => throw null!;
            }
            """);

        Assert.EndsWith($"of [CircuitBreaker] method 'Call' {problem}", diagnostics[0].Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_nested_handler_is_accepted()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("api", ErrorHandler = typeof(Errors))]
                public partial Task<int> Call();
                private Task<int> CallCore() => Task.FromResult(1);

                private sealed class Errors : IErrorHandler<int>
                {
                    public Outcome Classify(int result) => result > 0 ? Outcome.Success : Outcome.Failure("zero");
                }
            }
            """);
    }
}
