namespace Brama.IntegrationTests.Decorated;

/// <summary>A generic type with a generic method: one cache per closed type, constraints repeated on the wrapper.</summary>
public sealed partial class Repository<TKey>
    where TKey : notnull
{
    public Repository(ConnectionRegistry registry) => Registry = registry;

    public ConnectionRegistry Registry { get; }

    [CircuitBreaker("repository", Scope = "generic")]
    public partial TValue Load<TValue>(TKey key, Func<TKey, TValue> factory)
        where TValue : class, new();

    private TValue LoadCore<TValue>(TKey key, Func<TKey, TValue> factory)
        where TValue : class, new() => factory(key);
}

/// <summary>Nested partial types.</summary>
public static partial class Outer
{
    public partial class Inner
    {
        internal static ConnectionRegistry? Registry { get; set; }

        [CircuitBreaker("nested")]
        public static partial string Echo(string text);

        private static string EchoCore(string text) => text;
    }
}

/// <summary>A record whose positional property is its registry: the backing field does not count twice.</summary>
public partial record RecordClient(ConnectionRegistry Registry)
{
    [CircuitBreaker("record", MaxAttempts = 1)]
    public partial int Parse(string text);

    private int ParseCore(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A record struct and a plain struct; the default struct has no registry and uses the default one.</summary>
public partial record struct Meter(ConnectionRegistry? Registry, int Reading)
{
    [CircuitBreaker("record_struct")]
    public readonly partial int Read();

    private readonly int ReadCore() => Reading;
}

public partial struct Counter
{
    private ConnectionRegistry? _registry;

    public Counter(ConnectionRegistry registry) => _registry = registry;

    public int Count { get; private set; }

    [CircuitBreaker("struct")]
    public partial int Next();

    private int NextCore() => ++Count;
}
