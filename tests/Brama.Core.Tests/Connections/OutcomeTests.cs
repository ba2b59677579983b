namespace Brama.Core.Tests.Connections;

public class OutcomeTests
{
    [Fact]
    public void Success_is_the_default_value()
    {
        Assert.Equal(Outcome.Success, default);
        Assert.True(Outcome.Success.IsSuccess);
        Assert.Null(Outcome.Success.Reason);
        Assert.Equal("Success", Outcome.Success.ToString());
    }

    [Fact]
    public void Failure_carries_its_reason()
    {
        var failure = Outcome.Failure("timeout");

        Assert.Equal(OutcomeKind.Failure, failure.Kind);
        Assert.True(failure.IsFailure);
        Assert.Equal("timeout", failure.Reason);
        Assert.Equal("Failure: timeout", failure.ToString());
        Assert.Null(Outcome.Failure().Reason);
    }

    [Fact]
    public void Failure_from_an_exception_names_its_type_and_message()
    {
        var failure = Outcome.Failure(new TimeoutException("too slow"));

        Assert.Equal("TimeoutException: too slow", failure.Reason);
        Assert.Equal("exception", Assert.Throws<ArgumentNullException>(static () => Outcome.Failure((Exception)null!)).ParamName);
    }

    [Fact]
    public void Ignore_has_its_own_kind()
    {
        Assert.True(Outcome.Ignore.IsIgnore);
        Assert.False(Outcome.Ignore.IsSuccess);
        Assert.Equal(OutcomeKind.Ignore, Outcome.Ignore.Kind);
    }

    [Fact]
    public void Equality_compares_kind_and_reason()
    {
        Assert.True(Outcome.Failure("a") == Outcome.Failure("a"));
        Assert.True(Outcome.Failure("a") != Outcome.Failure("b"));
        Assert.NotEqual(Outcome.Failure(), Outcome.Ignore);
        Assert.Equal(Outcome.Failure("a").GetHashCode(), Outcome.Failure("a").GetHashCode());
        Assert.False(Outcome.Success.Equals((object)"Success"));
    }
}
