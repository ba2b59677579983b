using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// The connections of a decorated method whose scope is an argument (<c>ScopeParameter</c>): one per value, found by
/// the value itself (no string is built for a value seen before) and registered on its first call as a dynamic scope
/// (<see cref="ConnectionRegistry.GetOrRegisterDynamicScope"/>). Called from generated code only.
/// </summary>
/// <typeparam name="TKey">The parameter's type: a string, an enum, or a value type the runtime formats.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
#pragma warning disable CS8714 // TKey may be a Nullable<T> parameter's type; a null value is refused before any lookup.
public sealed class ScopedConnections<TKey>
{
    private readonly ConnectionDeclaration _declaration;
    private readonly string _parameterName;
    private Cache _cache = new();

    /// <summary>Creates the method's cache.</summary>
    /// <param name="declaration">The connection the attribute declares (its scope is not used).</param>
    /// <param name="parameterName">The scope parameter's name, for the exceptions a bad value throws.</param>
    public ScopedConnections(ConnectionDeclaration declaration, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(parameterName);
        _declaration = declaration;
        _parameterName = parameterName;
    }

    /// <summary>The connection of the scope <paramref name="value"/> in <paramref name="registry"/>.</summary>
    /// <param name="registry">The registry the method uses for this call.</param>
    /// <param name="value">The scope argument.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null (named as the method's parameter).</exception>
    /// <exception cref="ArgumentException">The value is empty, white space or longer than 256 characters.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Connection Get(ConnectionRegistry registry, TKey value)
    {
        if (value is not null && Volatile.Read(ref _cache).Connections.TryGetValue(value, out var connection) &&
            ReferenceEquals(connection.Registry, registry) && connection.IsRegistered)
        {
            return connection;
        }

        return Resolve(registry, value);
    }

    /// <summary>The scope text of <paramref name="value"/>: a string as it is, an enum by name, other values formatted invariantly.</summary>
    /// <param name="value">The scope argument.</param>
    /// <param name="parameterName">The parameter's name, for the exceptions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The text is empty, white space or longer than 256 characters.</exception>
    public static string ScopeOf(TKey value, string parameterName)
    {
        var text = value switch
        {
            null => throw new ArgumentNullException(parameterName, "A scope argument must not be null."),
            string s => s,
            Enum e => e.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A scope argument must not be empty or consist only of white-space characters.", parameterName);
        }

        if (text.Length > ConnectionRegistry.MaxNameLength)
        {
            throw new ArgumentException(
                $"A scope argument must be at most {ConnectionRegistry.MaxNameLength} characters long (was {text.Length}).", parameterName);
        }

        return text;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Connection Resolve(ConnectionRegistry registry, TKey value)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var scope = ScopeOf(value, _parameterName);
        var connection = registry.DynamicScopes.GetOrRegister(_declaration.Identifier, scope, _declaration.ToOptions(registry.Options.Defaults));

        // The overflow circuit is not remembered for the value: once idle scopes are removed, the value gets its own.
        if (!string.Equals(connection.Scope, ConnectionRegistry.OverflowScope, StringComparison.Ordinal) || scope == ConnectionRegistry.OverflowScope)
        {
            Remember(registry, value!, connection);
        }

        return connection;
    }

    private void Remember(ConnectionRegistry registry, TKey value, Connection connection)
    {
        var cache = Volatile.Read(ref _cache);
        if (cache.Connections.TryAdd(value!, connection))
        {
            // Bounded: the values of removed scopes stay until the cache starts again, past twice the limit.
            if (Interlocked.Increment(ref cache.Count) > 2 * registry.Options.MaxDynamicScopes)
            {
                Interlocked.CompareExchange(ref _cache, new Cache(), cache);
            }
        }
        else
        {
            cache.Connections[value!] = connection;
        }
    }

    private sealed class Cache
    {
        public readonly ConcurrentDictionary<TKey, Connection> Connections = new();
        public int Count;
    }
}
#pragma warning restore CS8714
