using System.Net;

namespace Brama.IntegrationTests.Decorated;

/// <summary>A result type that says whether it succeeded: classified by <c>IsSuccess</c> without an error handler.</summary>
public sealed record Result(bool IsSuccess, string? Error);

/// <summary>A failure flag instead of a success flag, with an exception as its error.</summary>
public sealed record Attempt(bool IsFailure, Exception? Error);

/// <summary>Classifies results: negative → failure, zero → ignore; exceptions: ArgumentException → ignore.</summary>
public sealed class SignErrors : IErrorHandler<int>
{
    public static int ResultCalls;
    public static int ExceptionCalls;

    public Outcome Classify(int result)
    {
        Interlocked.Increment(ref ResultCalls);
        return result switch
        {
            < 0 => Outcome.Failure("negative: " + result.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            0 => Outcome.Ignore,
            _ => Outcome.Success,
        };
    }

    public Outcome Classify(Exception exception)
    {
        Interlocked.Increment(ref ExceptionCalls);
        return exception is ArgumentException ? Outcome.Ignore : Outcome.Failure("handled " + exception.Message);
    }
}

/// <summary>An error handler with a bug: every classification throws.</summary>
public sealed class BrokenErrors : IErrorHandler<int>
{
    public Outcome Classify(int result) => throw new InvalidOperationException("classifier bug (result)");

    public Outcome Classify(Exception exception) => throw new InvalidOperationException("classifier bug (exception)");
}

/// <summary>Methods classified by a handler, by their result's members, or falling back when rejected.</summary>
public sealed partial class ClassifiedClient
{
    public ClassifiedClient(ConnectionRegistry registry) => Registry = registry;

    public Func<int> Behaviour { get; set; } = static () => 1;

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public List<ConnectionStatus> FallbackStatuses { get; } = [];

    public int CoreCalls { get; private set; }

    private ConnectionRegistry Registry { get; }

    [CircuitBreaker("handled", ErrorHandler = typeof(SignErrors), MaxAttempts = 2)]
    public partial int Handled();

    [CircuitBreaker("handled_async", ErrorHandler = typeof(SignErrors), MaxAttempts = 2)]
    public partial Task<int> HandledAsync();

    [CircuitBreaker("broken", ErrorHandler = typeof(BrokenErrors), MaxAttempts = 1, ExpiryMilliseconds = 1_000)]
    public partial int Broken();

    [CircuitBreaker("result_member", MaxAttempts = 2)]
    public partial Result Check(bool success);

    [CircuitBreaker("attempt_member", MaxAttempts = 2)]
    public partial Task<Attempt> TryAsync(bool failure);

    [CircuitBreaker("http", MaxAttempts = 2)]
    public partial Task<HttpResponseMessage> SendAsync();

    [CircuitBreaker("fallback", MaxAttempts = 1, Fallback = nameof(CountFallback))]
    public partial int Count();

    [CircuitBreaker("fallback_status", MaxAttempts = 1, Fallback = nameof(DescribeFallback))]
    public partial Task<string> DescribeAsync(string name);

    private int HandledCore() => Counted(Behaviour);

    private Task<int> HandledAsyncCore() => Task.Run(() => Counted(Behaviour));

    private int BrokenCore() => Counted(Behaviour);

    private Result CheckCore(bool success) => new(success, success ? null : "quota exceeded");

    private Task<Attempt> TryAsyncCore(bool failure) =>
        Task.FromResult(new Attempt(failure, failure ? new TimeoutException("took too long") : null));

    private Task<HttpResponseMessage> SendAsyncCore() => Task.FromResult(new HttpResponseMessage(Status) { ReasonPhrase = Status.ToString() });

    private int CountCore() => Counted(Behaviour);

    private int CountFallback() => -1;

    private Task<string> DescribeAsyncCore(string name)
    {
        Counted(Behaviour);
        return Task.FromResult("described " + name);
    }

    private Task<string> DescribeFallback(string name, ConnectionStatus status)
    {
        FallbackStatuses.Add(status);
        return Task.FromResult("fallback " + name + " " + status.State);
    }

    private int Counted(Func<int> behaviour)
    {
        CoreCalls++;
        return behaviour();
    }
}
