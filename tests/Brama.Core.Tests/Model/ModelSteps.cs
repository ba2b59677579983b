using CsCheck;

namespace Brama.Core.Tests.Model;

/// <summary>One operation of a generated sequence, applied to both the real registry and the reference model.</summary>
internal abstract record ModelStep
{
    /// <summary>The connections a sequence works on: two unscoped, and one sharing an identifier with a scope.</summary>
    public static readonly (string Identifier, string? Scope)[] Keys = [("alpha", null), ("alpha", "eu"), ("beta", null)];

    public static readonly ConnectionOptions[] OptionSets =
    [
        new() { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(10), ProbeTimeout = TimeSpan.FromSeconds(5), InactivityTimeout = null },
        new()
        {
            MaxAttempts = 3,
            ExpiryStrategy = ExpiryStrategy.Progressive,
            InitialExpiry = TimeSpan.FromSeconds(5),
            MaxExpiry = TimeSpan.FromSeconds(40),
            BackoffFactor = 2,
            HalfOpenMaxCalls = 2,
            SuccessesToClose = 2,
            ProbeTimeout = TimeSpan.FromSeconds(20),
            InactivityTimeout = null,
        },
        new()
        {
            MaxAttempts = 1,
            Expiry = TimeSpan.FromSeconds(1),
            HalfOpenMaxCalls = 3,
            SuccessesToClose = 3,
            ProbeTimeout = TimeSpan.FromSeconds(2),
            InactivityTimeout = null,
        },

        // The rate rules: a 20 s time window (2 s buckets) with both rules, beside a consecutive rule that rarely trips.
        new()
        {
            MaxAttempts = 6,
            Expiry = TimeSpan.FromSeconds(10),
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(20),
            SlowCallDuration = TimeSpan.FromSeconds(3),
            SlowCallRatio = 0.6,
            ProbeTimeout = TimeSpan.FromSeconds(30),
            InactivityTimeout = null,
        },

        // A count window of the last 5 calls, failure rate only.
        new()
        {
            MaxAttempts = 4,
            Expiry = TimeSpan.FromSeconds(5),
            FailureRatio = 0.4,
            MinimumThroughput = 3,
            SamplingCalls = 5,
            InactivityTimeout = null,
        },
    ];

    private static readonly TimeSpan?[] ReportDurations = [null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)];
    private static readonly TimeSpan?[] ManualExpiries = [null, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30)];
    private static readonly int[] AdvanceSeconds = [1, 2, 3, 4, 5, 10, 20, 45];

    private static readonly Gen<int> KeyGen = Gen.Int[0, Keys.Length - 1];
    private static readonly Gen<OutcomeKind> OutcomeGen =
        Gen.Frequency((3, Gen.Const(OutcomeKind.Success)), (3, Gen.Const(OutcomeKind.Failure)), (1, Gen.Const(OutcomeKind.Ignore)));

    public static readonly Gen<ModelStep> Any = Gen.Frequency(
        (3, Gen.Select(KeyGen, Gen.Int[0, OptionSets.Length - 1], static (k, o) => (ModelStep)new Register(k, o))),
        (1, KeyGen.Select(static k => (ModelStep)new Unregister(k))),
        (8, KeyGen.Select(static k => (ModelStep)new Acquire(k))),
        (8, Gen.Select(Gen.Int[0, 7], OutcomeGen, static (p, o) => (ModelStep)new Complete(p, o))),
        (1, Gen.Int[0, 7].Select(static p => (ModelStep)new CompleteAgain(p))),
        (2, Gen.Select(KeyGen, Gen.Bool, Gen.Int[0, 2], static (k, s, d) => (ModelStep)new Report(k, s ? OutcomeKind.Success : OutcomeKind.Failure, ReportDurations[d]))),
        (1, Gen.Select(KeyGen, Gen.Int[0, ManualExpiries.Length - 1], static (k, e) => (ModelStep)new ManualOpen(k, ManualExpiries[e]))),
        (1, KeyGen.Select(static k => (ModelStep)new ManualClose(k))),
        (1, KeyGen.Select(static k => (ModelStep)new Reset(k))),
        (1, Gen.Select(KeyGen, Gen.Int[0, OptionSets.Length - 1], static (k, o) => (ModelStep)new Configure(k, o))),
        (5, Gen.Int[0, AdvanceSeconds.Length - 1].Select(static i => (ModelStep)new Advance(TimeSpan.FromSeconds(AdvanceSeconds[i])))),
        (1, Gen.Const((ModelStep)new Cleanup())));

    public static string Describe(int key) => Keys[key].Scope is { } scope ? $"{Keys[key].Identifier}/{scope}" : Keys[key].Identifier;

    public sealed record Register(int Key, int Options) : ModelStep
    {
        public override string ToString() => $"Register({Describe(Key)}, options {Options})";
    }

    public sealed record Unregister(int Key) : ModelStep
    {
        public override string ToString() => $"Unregister({Describe(Key)})";
    }

    public sealed record Acquire(int Key) : ModelStep
    {
        public override string ToString() => $"Acquire({Describe(Key)})";
    }

    /// <summary>Completes the outstanding permit at <see cref="Permit"/> modulo their number (nothing when none is outstanding).</summary>
    public sealed record Complete(int Permit, OutcomeKind Outcome) : ModelStep
    {
        public override string ToString() => $"Complete(permit {Permit}, {Outcome})";
    }

    /// <summary>Completes an already completed permit again: a no-op for both.</summary>
    public sealed record CompleteAgain(int Permit) : ModelStep
    {
        public override string ToString() => $"CompleteAgain(completed permit {Permit})";
    }

    public sealed record Report(int Key, OutcomeKind Outcome, TimeSpan? Duration) : ModelStep
    {
        public override string ToString() => $"Report({Describe(Key)}, {Outcome}, {Duration?.TotalSeconds.ToString() ?? "no"} duration)";
    }

    public sealed record ManualOpen(int Key, TimeSpan? Expiry) : ModelStep
    {
        public override string ToString() => $"Open({Describe(Key)}, expiry {Expiry?.TotalSeconds.ToString() ?? "per strategy"})";
    }

    public sealed record ManualClose(int Key) : ModelStep
    {
        public override string ToString() => $"Close({Describe(Key)})";
    }

    public sealed record Reset(int Key) : ModelStep
    {
        public override string ToString() => $"Reset({Describe(Key)})";
    }

    public sealed record Configure(int Key, int Options) : ModelStep
    {
        public override string ToString() => $"Configure({Describe(Key)}, options {Options})";
    }

    public sealed record Advance(TimeSpan By) : ModelStep
    {
        public override string ToString() => $"Advance({By.TotalSeconds} s)";
    }

    public sealed record Cleanup : ModelStep
    {
        public override string ToString() => "RunCleanup()";
    }
}
