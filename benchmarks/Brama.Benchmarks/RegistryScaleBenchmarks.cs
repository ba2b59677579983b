using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Brama.Benchmarks;

/// <summary>
/// P5: lookups in registries of 1 k to 1 M connections, and the memory each connection keeps. The retained bytes per
/// connection are measured once in the setup (forced full collections around the registrations) and printed to the
/// log as "retained bytes per connection".
/// </summary>
[MemoryDiagnoser]
public class RegistryScaleBenchmarks
{
    private const int Lookups = 1024;

    private ConnectionRegistry _registry = null!;
    private Dictionary<string, object> _dictionary = null!;
    private string[] _identifiers = null!;
    private string[] _probes = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int Connections { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _identifiers = new string[Connections];
        for (var i = 0; i < Connections; i++)
        {
            _identifiers[i] = "conn-" + i.ToString(CultureInfo.InvariantCulture);
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        _registry = new ConnectionRegistry();
        foreach (var identifier in _identifiers)
        {
            _registry.Register(identifier);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(FormattableString.Invariant(
            $"// retained bytes per connection ({Connections} connections): {(after - before) / (double)Connections:F1}"));

        _dictionary = _identifiers.ToDictionary(static id => id, static id => (object)id, StringComparer.Ordinal);
        var random = new Random(42);
        _probes = new string[Lookups];
        for (var i = 0; i < Lookups; i++)
        {
            _probes[i] = _identifiers[random.Next(Connections)];
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _registry.Dispose();
        _registry = null!;
        _identifiers = null!;
        _probes = null!;
        _dictionary = null!;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int IsAvailable()
    {
        var available = 0;
        foreach (var identifier in _probes)
        {
            if (_registry.IsAvailable(identifier))
            {
                available++;
            }
        }

        return available;
    }

    /// <summary>A plain dictionary of as many string keys, probed alike: how much of the growth is the memory hierarchy.</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public int DictionaryBaseline()
    {
        var found = 0;
        foreach (var identifier in _probes)
        {
            if (_dictionary.TryGetValue(identifier, out var value) && value is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int TryGet()
    {
        var found = 0;
        foreach (var identifier in _probes)
        {
            if (_registry.TryGet(identifier, out _))
            {
                found++;
            }
        }

        return found;
    }
}
