using System.ComponentModel;

namespace Brama;

/// <summary>
/// A connection as a <see cref="CircuitBreakerAttribute"/> declares it: identifier, scope and the options the attribute
/// sets. Generated code holds one per decorated method; it is not validated until the decorator registers the
/// connection, so a bad value surfaces at the call rather than in a type initializer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConnectionDeclaration
{
    /// <summary>Declares the connection <paramref name="identifier"/> in <paramref name="scope"/>.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    public ConnectionDeclaration(string identifier, string? scope)
    {
        Identifier = identifier;
        Scope = scope;
    }

    /// <summary>The connection identifier.</summary>
    public string Identifier { get; }

    /// <summary>The scope, or <see langword="null"/>.</summary>
    public string? Scope { get; }

    /// <summary><see cref="CircuitBreakerAttribute.MaxAttempts"/>, when the attribute sets it.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.ExpiryMilliseconds"/>, when the attribute sets it.</summary>
    public long? ExpiryMilliseconds { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.ExpiryStrategy"/>, when the attribute sets it.</summary>
    public ExpiryStrategy? ExpiryStrategy { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.HalfOpenMaxCalls"/>, when the attribute sets it.</summary>
    public int? HalfOpenMaxCalls { get; init; }

    /// <summary>Whether the attribute sets any option.</summary>
    public bool HasOptions => MaxAttempts is not null || ExpiryMilliseconds is not null || ExpiryStrategy is not null || HalfOpenMaxCalls is not null;

    /// <summary>
    /// The options to register the connection with: <paramref name="defaults"/> with the values the attribute sets,
    /// or <see langword="null"/> (the registry's defaults) when it sets none.
    /// </summary>
    /// <param name="defaults">The registry's default options.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value the attribute sets is out of range.</exception>
    public ConnectionOptions? ToOptions(ConnectionOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (!HasOptions)
        {
            return null;
        }

        var options = defaults;
        if (MaxAttempts is { } maxAttempts)
        {
            options = options with { MaxAttempts = maxAttempts };
        }

        if (ExpiryMilliseconds is { } milliseconds)
        {
            options = options with { Expiry = ToTime(milliseconds) };
        }

        if (ExpiryStrategy is { } strategy)
        {
            options = options with { ExpiryStrategy = strategy };
        }

        if (HalfOpenMaxCalls is { } halfOpenMaxCalls)
        {
            options = options with { HalfOpenMaxCalls = halfOpenMaxCalls };
        }

        return options;
    }

    /// <inheritdoc/>
    public override string ToString() => Scope is null ? $"'{Identifier}'" : $"'{Identifier}' in scope '{Scope}'";

    // TimeSpan.FromMilliseconds overflows past about 29 000 years; anything that long is out of range anyway.
    private static TimeSpan ToTime(long milliseconds) =>
        milliseconds > (long)ConnectionOptions.MaxTime.TotalMilliseconds
            ? throw new ArgumentOutOfRangeException(nameof(ExpiryMilliseconds), milliseconds, "Must be at most 31536000000 ms (365 days).")
            : TimeSpan.FromMilliseconds(milliseconds);
}
