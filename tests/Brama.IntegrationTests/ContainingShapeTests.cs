using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

public sealed class ContainingShapeTests : IDisposable
{
    private readonly TestRegistry _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void A_generic_method_of_a_generic_type_runs_per_closed_type()
    {
        var byNumber = new Repository<int>(_test.Registry);
        var byName = new Repository<string>(_test.Registry);

        Assert.Equal("7", byNumber.Load(7, static key => new Box(key.ToString(System.Globalization.CultureInfo.InvariantCulture))).Value);
        Assert.Equal("seven", byName.Load("seven", static key => new Box(key)).Value);

        Assert.Throws<FormatException>(() => byName.Load<Box>("x", static _ => throw new FormatException("bad key")));
        var status = _test.Status("repository", "generic");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("FormatException: bad key", status.LastReason);
    }

    [Fact]
    public void A_static_method_of_a_nested_type_uses_its_static_registry()
    {
        Outer.Inner.Registry = _test.Registry;
        try
        {
            Assert.Equal("echo", Outer.Inner.Echo("echo"));
            Assert.Equal(CircuitState.Closed, _test.Status("nested").State);
        }
        finally
        {
            Outer.Inner.Registry = null;
        }
    }

    [Fact]
    public void A_record_uses_its_positional_registry_property()
    {
        var client = new RecordClient(_test.Registry);

        Assert.Equal(12, client.Parse("12"));
        Assert.Throws<FormatException>(() => client.Parse("twelve"));

        Assert.Equal(CircuitState.Open, _test.Status("record").State);
        Assert.Throws<CircuitOpenException>(() => client.Parse("12"));
    }

    [Fact]
    public void Structs_and_record_structs_are_wrapped_and_the_default_struct_uses_the_default_registry()
    {
        var counter = new Counter(_test.Registry);
        Assert.Equal(1, counter.Next());
        Assert.Equal(2, counter.Next());
        Assert.Equal(2, counter.Count);

        Assert.Equal(5, new Meter(_test.Registry, 5).Read());
        Assert.Equal(CircuitState.Closed, _test.Status("record_struct").State);
        Assert.Equal(CircuitState.Closed, _test.Status("struct").State);

        Assert.Equal(9, (default(Meter) with { Reading = 9 }).Read());
        Assert.True(ConnectionRegistry.Default.TryGetStatus("record_struct", null, out _));
    }

    public sealed class Box
    {
        public Box()
            : this(string.Empty)
        {
        }

        public Box(string value) => Value = value;

        public string Value { get; }
    }
}
