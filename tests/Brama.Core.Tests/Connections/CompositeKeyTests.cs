using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Connections;

/// <summary>(identifier, scope) is a real two-part key: no joined string can collide (an upstream bug).</summary>
public class CompositeKeyTests
{
    [Fact]
    public void An_identifier_containing_the_separator_does_not_collide_with_a_scoped_one()
    {
        using var engine = new Engine();

        var joined = engine.Registry.Register("a:b");
        var scoped = engine.Registry.Register("b", "a");

        Assert.NotSame(joined, scoped);
        Assert.Equal(2, engine.Registry.Connections.Count);
    }

    [Theory]
    [InlineData("a", "b:c", "a:b", "c")]
    [InlineData("x/y", null, "y", "x")]
    [InlineData("id", "scope", "scope", "id")]
    public void Pairs_that_would_join_to_the_same_text_are_distinct(string id1, string? scope1, string id2, string? scope2)
    {
        using var engine = new Engine();
        var first = engine.Registry.Register(id1, scope1, Engine.Options());
        engine.Registry.Register(id2, scope2, Engine.Options());

        Engine.Trip(first);

        Assert.False(engine.Registry.IsAvailable(id1, scope1));
        Assert.True(engine.Registry.IsAvailable(id2, scope2));
    }

    [Fact]
    public void Unscoped_and_scoped_connections_with_one_identifier_are_independent()
    {
        using var engine = new Engine();
        var unscoped = engine.Registry.Register("api", null, Engine.Options());
        var scoped = engine.Registry.Register("api", "tenant-1", Engine.Options());

        Engine.Trip(scoped);

        Assert.Equal(CircuitState.Closed, unscoped.State);
        Assert.Equal(CircuitState.Open, scoped.State);
        Assert.True(engine.Registry.Unregister("api", "tenant-1"));
        Assert.True(engine.Registry.TryGet("api", out var remaining));
        Assert.Same(unscoped, remaining);
    }

    [Fact]
    public void Keys_are_compared_ordinally()
    {
        using var engine = new Engine();
        engine.Registry.Register("API");

        Assert.False(engine.Registry.TryGet("api", out _));
        Assert.True(engine.Registry.TryRegister("api", null, null, out _));
        Assert.True(engine.Registry.TryRegister("ı", null, null, out _));
        Assert.True(engine.Registry.TryRegister("i", null, null, out _));
        Assert.True(engine.Registry.TryRegister("API", "Scope", null, out _));
        Assert.True(engine.Registry.TryRegister("API", "scope", null, out _));
        Assert.Equal(6, engine.Registry.Connections.Count);
    }
}
