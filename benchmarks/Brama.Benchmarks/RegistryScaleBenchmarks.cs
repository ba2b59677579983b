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
