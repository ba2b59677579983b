namespace Brama;

/// <summary>The classification of one call: success, failure (with an optional reason) or ignore.</summary>
public readonly struct Outcome : IEquatable<Outcome>
{
    private Outcome(OutcomeKind kind, string? reason)
    {
        Kind = kind;
        Reason = reason;
    }

    /// <summary>A successful call.</summary>
    public static Outcome Success => default;

    /// <summary>A call whose result does not count for the circuit.</summary>
    public static Outcome Ignore => new(OutcomeKind.Ignore, null);

    /// <summary>How the call counts.</summary>
    public OutcomeKind Kind { get; }

    /// <summary>Why the call failed, when it did and a reason was given.</summary>
    public string? Reason { get; }

    /// <summary>Whether this is <see cref="OutcomeKind.Success"/>.</summary>
    public bool IsSuccess => Kind == OutcomeKind.Success;

    /// <summary>Whether this is <see cref="OutcomeKind.Failure"/>.</summary>
    public bool IsFailure => Kind == OutcomeKind.Failure;

    /// <summary>Whether this is <see cref="OutcomeKind.Ignore"/>.</summary>
    public bool IsIgnore => Kind == OutcomeKind.Ignore;

    /// <summary>A failed call.</summary>
    /// <param name="reason">Why it failed; carried into events and the connection status.</param>
    public static Outcome Failure(string? reason = null) => new(OutcomeKind.Failure, reason);

    /// <summary>A failure whose reason is the exception's type name and message.</summary>
    /// <param name="exception">The exception the call threw.</param>
    public static Outcome Failure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(OutcomeKind.Failure, exception.GetType().Name + ": " + exception.Message);
    }

    /// <inheritdoc/>
    public bool Equals(Outcome other) => Kind == other.Kind && string.Equals(Reason, other.Reason, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Outcome other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Reason);

    /// <inheritdoc/>
    public override string ToString() => Reason is null ? Kind.ToString() : $"{Kind}: {Reason}";

    /// <summary>Compares two outcomes by kind and reason.</summary>
    public static bool operator ==(Outcome left, Outcome right) => left.Equals(right);

    /// <summary>Compares two outcomes by kind and reason.</summary>
    public static bool operator !=(Outcome left, Outcome right) => !left.Equals(right);
}
