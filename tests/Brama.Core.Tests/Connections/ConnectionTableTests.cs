namespace Brama.Core.Tests.Connections;

/// <summary>
/// The registry's table of connections: lookups without a lock next to additions and removals under one, removed
/// slots that keep probe chains whole, and rebuilds that neither lose a connection nor let removals grow the table.
/// </summary>
public sealed class ConnectionTableTests : IDisposable
{
    private readonly ConnectionRegistry _registry = new();

    public void Dispose() => _registry.Dispose();

    [Fact]
    public void A_key_holds_one_connection_and_identifier_and_scope_stay_apart()
    {
        var table = new ConnectionTable();
        var joined = NewConnection("a:b");
        var scoped = NewConnection("b", "a");

        Assert.True(table.TryAdd(joined));
        Assert.True(table.TryAdd(scoped));
        Assert.False(table.TryAdd(NewConnection("a:b")));

        Assert.Equal(2, table.Count);
        Assert.True(table.TryGetValue(new ConnectionKey("a:b", null), out var found));
        Assert.Same(joined, found);
        Assert.True(table.TryGetValue(new ConnectionKey("b", "a"), out found));
        Assert.Same(scoped, found);
        Assert.False(table.TryGetValue(new ConnectionKey("b", null), out found));
        Assert.Null(found);
    }

    [Fact]
    public void Growing_through_many_rebuilds_keeps_every_connection_and_the_load_at_most_three_quarters()
    {
        var table = new ConnectionTable();
        var connections = Enumerable.Range(0, 10_000).Select(i => NewConnection($"c{i}")).ToArray();

        foreach (var connection in connections)
        {
            Assert.True(table.TryAdd(connection));
            Assert.True(table.Count * 4 <= table.Capacity * 3, $"{table.Count} connections in {table.Capacity} slots");
        }

        Assert.Equal(0, table.Capacity & (table.Capacity - 1));
        Assert.All(connections, connection =>
        {
            Assert.True(table.TryGetValue(connection.Key, out var found));
            Assert.Same(connection, found);
        });
    }

    [Fact]
    public void Removals_leave_the_other_connections_findable_and_the_removed_ones_gone()
    {
        var table = new ConnectionTable();
        var connections = Enumerable.Range(0, 1_000).Select(i => NewConnection($"c{i}")).ToArray();
        foreach (var connection in connections)
        {
            table.TryAdd(connection);
        }

        var random = new Random(7);
        var removed = connections.Where(_ => random.Next(2) == 0).ToHashSet();
        foreach (var connection in removed)
        {
            Assert.True(table.TryRemove(connection.Key, out var taken));
            Assert.Same(connection, taken);
            Assert.False(table.TryRemove(connection.Key, out _));
        }

        Assert.Equal(connections.Length - removed.Count, table.Count);
        foreach (var connection in connections)
        {
            Assert.Equal(!removed.Contains(connection), table.TryGetValue(connection.Key, out var found));
            Assert.Equal(removed.Contains(connection) ? null : connection, found);
        }

        var listed = new List<Connection>();
        foreach (var connection in table)
        {
            listed.Add(connection);
        }

        Assert.Equal(connections.Except(removed).OrderBy(c => c.Identifier), listed.OrderBy(c => c.Identifier));
    }

    [Fact]
    public void Removing_a_given_connection_spares_a_newer_one_under_the_same_key()
    {
        var table = new ConnectionTable();
        var old = NewConnection("pay");
        table.TryAdd(old);
        table.TryRemove(old.Key, out _);
        var newer = NewConnection("pay");
        Assert.True(table.TryAdd(newer));

        Assert.False(table.TryRemove(old));
        Assert.True(table.TryGetValue(old.Key, out var found));
        Assert.Same(newer, found);

        Assert.True(table.TryRemove(newer));
        Assert.False(table.TryGetValue(old.Key, out _));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Registering_and_removing_without_end_does_not_grow_the_table()
    {
        var table = new ConnectionTable();
        var steady = NewConnection("steady");
        table.TryAdd(steady);

        for (var i = 0; i < 100_000; i++)
        {
            var transient = NewConnection($"t{i}");
            Assert.True(table.TryAdd(transient));
            Assert.True(table.TryRemove(transient));
        }

        Assert.Equal(1, table.Count);
        Assert.Equal(16, table.Capacity);
        Assert.True(table.TryGetValue(steady.Key, out var found));
        Assert.Same(steady, found);
    }

    [Fact]
    public async Task Readers_always_find_the_steady_connections_while_a_writer_adds_removes_and_rebuilds()
    {
        var table = new ConnectionTable();
        var steady = Enumerable.Range(0, 64).Select(i => NewConnection($"steady{i}")).ToArray();
        foreach (var connection in steady)
        {
            table.TryAdd(connection);
        }

        var transients = Enumerable.Range(0, 2_000).Select(i => NewConnection($"t{i}")).ToArray();
        var writing = true;
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var readers = Enumerable.Range(0, 2).Select(reader => Task.Factory.StartNew(() =>
        {
            var lookups = 0;
            while (Volatile.Read(ref writing) || lookups < 10_000)
            {
                var connection = steady[lookups++ % steady.Length];
                if (!table.TryGetValue(connection.Key, out var found) || !ReferenceEquals(found, connection))
                {
                    problems.Enqueue($"reader {reader} lost {connection.Key} (found {found?.Key.ToString() ?? "nothing"})");
                }

                foreach (var listed in table)
                {
                    Assert.NotNull(listed);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        for (var round = 0; round < 20; round++)
        {
            foreach (var transient in transients)
            {
                table.TryAdd(transient);
            }

            foreach (var transient in transients)
            {
                table.TryRemove(transient);
            }
        }

        Volatile.Write(ref writing, false);
        await Task.WhenAll(readers);

        Assert.Empty(problems);
        Assert.Equal(steady.Length, table.Count);
    }

    private Connection NewConnection(string identifier, string? scope = null) =>
        new(_registry, identifier, scope, _registry.Options.Defaults);
}
