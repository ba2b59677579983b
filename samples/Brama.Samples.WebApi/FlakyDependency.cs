namespace Brama.Samples.WebApi;

/// <summary>
/// The "remote" dependency, served by this same application so the sample needs nothing else: it answers normally
/// until <c>POST /flaky/break</c>, then with 503 until <c>POST /flaky/heal</c>.
/// </summary>
public sealed class FlakyDependency
{
    private volatile bool _failing;
    private int _requests;

    public bool Failing => _failing;

    /// <summary>Requests that reached the dependency (a rejected call never does).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Break() => _failing = true;

    public void Heal() => _failing = false;

    public IResult Handle(string item)
    {
        Interlocked.Increment(ref _requests);
        return _failing
            ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : Results.Ok(new DependencyAnswer(item, item.Length * 10));
    }
}

/// <summary>What the flaky dependency answers.</summary>
public sealed record DependencyAnswer(string Item, int Value);
