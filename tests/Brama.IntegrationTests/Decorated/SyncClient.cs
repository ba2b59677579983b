namespace Brama.IntegrationTests.Decorated;

/// <summary>Synchronous shapes: a value, void, ref/out/in/params, defaults and nullable annotations, every accessibility.</summary>
public partial class SyncClient
{
    public SyncClient(ConnectionRegistry registry) => Registry = registry;

    public int CoreCalls { get; private set; }

    public Func<int, int> Behaviour { get; set; } = static value => value * 2;

    public List<string> Fired { get; } = [];

    private ConnectionRegistry Registry { get; }

    [CircuitBreaker("sync_value", MaxAttempts = 2, ExpiryMilliseconds = 10_000)]
    public partial int Compute(int value);

    [CircuitBreaker("sync_void", MaxAttempts = 1)]
    public partial void Fire(string message);

    [CircuitBreaker("sync_refs")]
    public partial bool TryHalve(int value, out int half);

    [CircuitBreaker("sync_refs")]
    public partial void Increment(ref int value, in int step);

    [CircuitBreaker("sync_refs")]
    public partial int Sum(int first, params int[] rest);

    [CircuitBreaker("sync_defaults")]
    public partial string Greet(string? name = null, int times = 1);

    [CircuitBreaker("sync_access")]
    internal partial string Internal(string text);

    [CircuitBreaker("sync_access")]
    private partial string Private(string text);

    [CircuitBreaker("sync_access")]
    protected internal partial string ProtectedInternal(string text);

    [CircuitBreaker("sync_access", Implementation = nameof(Shout))]
    private protected partial string PrivateProtected(string text);

    public string CallPrivate(string text) => Private(text);

    public string CallPrivateProtected(string text) => PrivateProtected(text);

    private int ComputeCore(int value)
    {
        CoreCalls++;
        return Behaviour(value);
    }

    private void FireCore(string message)
    {
        CoreCalls++;
        Behaviour(message.Length);
        Fired.Add(message);
    }

    private bool TryHalveCore(int value, out int half)
    {
        half = value / 2;
        return value % 2 == 0;
    }

    private void IncrementCore(ref int value, in int step) => value += step;

    private int SumCore(int first, params int[] rest) => first + rest.Sum();

    private string GreetCore(string? name, int times) => string.Concat(Enumerable.Repeat("Hello " + (name ?? "nobody") + ".", times));

    private string InternalCore(string text) => "internal " + text;

    private string PrivateCore(string text) => "private " + text;

    private string ProtectedInternalCore(string text) => "protected internal " + text;

    private string Shout(string text) => text.ToUpperInvariant();
}
