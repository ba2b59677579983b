namespace Brama;

/// <summary>What a rate rule's window holds: calls, and how many of them failed and how many were slow.</summary>
internal readonly record struct WindowCounts(int Calls, int Failures, int SlowCalls)
{
    public double FailureRate => Calls == 0 ? 0 : (double)Failures / Calls;

    public double SlowCallRate => Calls == 0 ? 0 : (double)SlowCalls / Calls;
}

/// <summary>How one outcome counts in a window: a call, and whether it failed and whether it was slow.</summary>
[Flags]
internal enum Sample
{
    Call = 0,
    Failure = 1,
    Slow = 2,
}
