using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// The steps of a decorated method that the generated code shares: finding the connection and completing the permit
/// with a classified outcome. Called from generated code only; nothing here allocates on the success path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DecoratorRuntime
{
    /// <summary>
    /// The connection a decorated method calls through. The handle cached in <paramref name="cache"/> is reused while it
    /// is registered in <paramref name="registry"/>; otherwise the connection is looked up, or registered with the
    /// declared options, and cached again.
    /// </summary>
    /// <param name="cache">The method's cached handle.</param>
    /// <param name="registry">The registry the method uses for this call.</param>
    /// <param name="declaration">The connection the attribute declares.</param>
    /// <exception cref="ArgumentException">The declared identifier, scope or an option is invalid.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Connection GetConnection(ref Connection? cache, ConnectionRegistry registry, ConnectionDeclaration declaration)
    {
        var connection = Volatile.Read(ref cache);
        if (connection is not null && ReferenceEquals(connection.Registry, registry) && connection.IsRegistered)
        {
            return connection;
        }

        return Resolve(ref cache, registry, declaration);
    }

    /// <summary>
    /// Classifies a result with <paramref name="handler"/> and completes the permit. When the handler throws, the permit
    /// is completed as <see cref="Outcome.Ignore"/> (a broken classification says nothing about the dependency) and the
    /// handler's exception propagates.
    /// </summary>
    /// <param name="permit">The call's permit.</param>
    /// <param name="handler">The method's error handler.</param>
    /// <param name="result">The implementation's result.</param>
    public static void Complete<THandler, TResult>(ref CallPermit permit, THandler handler, TResult result)
        where THandler : IErrorHandler<TResult>
    {
        var outcome = Outcome.Ignore;
        try
        {
            outcome = handler.Classify(result);
        }
        finally
        {
            permit.Complete(outcome);
        }
    }

    /// <summary>
    /// Classifies a result with <paramref name="handler"/> and completes the permit, as
    /// <see cref="Complete{THandler, TResult}(ref CallPermit, THandler, TResult)"/>; a failure while the caller's token
    /// is cancelled is completed as <see cref="Outcome.Ignore"/>.
    /// </summary>
    /// <param name="permit">The call's permit.</param>
    /// <param name="handler">The method's error handler.</param>
    /// <param name="result">The implementation's result.</param>
    /// <param name="callerCancelled">Whether a <see cref="CancellationToken"/> parameter of the method is cancelled.</param>
    public static void Complete<THandler, TResult>(ref CallPermit permit, THandler handler, TResult result, bool callerCancelled)
        where THandler : IErrorHandler<TResult>
    {
        var outcome = Outcome.Ignore;
        try
        {
            outcome = IgnoreIfCallerCancelled(handler.Classify(result), callerCancelled);
        }
        finally
        {
            permit.Complete(outcome);
        }
    }

    /// <summary>
    /// <see cref="Outcome.Ignore"/> for a failure while the caller's token is cancelled (the call's own cancellation,
    /// not the dependency, most likely made it fail), otherwise <paramref name="outcome"/>.
    /// </summary>
    /// <param name="outcome">The classified outcome.</param>
    /// <param name="callerCancelled">Whether a <see cref="CancellationToken"/> parameter of the method is cancelled.</param>
    public static Outcome IgnoreIfCallerCancelled(Outcome outcome, bool callerCancelled) =>
        callerCancelled && outcome.IsFailure ? Outcome.Ignore : outcome;

    /// <summary>
    /// Completes the permit of a call that threw, without an error handler: <see cref="Outcome.Ignore"/> when the caller
    /// cancelled it, otherwise a failure with the exception's type and message.
    /// </summary>
    /// <param name="permit">The call's permit.</param>
    /// <param name="exception">The implementation's exception.</param>
    /// <param name="callerCancelled">Whether a <see cref="CancellationToken"/> parameter of the method is cancelled.</param>
    public static void CompleteFaulted(ref CallPermit permit, Exception exception, bool callerCancelled)
    {
        ArgumentNullException.ThrowIfNull(exception);
        permit.Complete(callerCancelled ? Outcome.Ignore : Outcome.Failure(exception));
    }

    /// <summary>
    /// Completes the permit of a call that threw: <see cref="Outcome.Ignore"/> for an
    /// <see cref="OperationCanceledException"/> while the caller's token is cancelled (the handler is not asked),
    /// otherwise the outcome <paramref name="handler"/> gives, a failure again becoming <see cref="Outcome.Ignore"/>
    /// while the token is cancelled. When the handler throws, the permit is completed as <see cref="Outcome.Ignore"/>
    /// and the handler's exception propagates.
    /// </summary>
    /// <param name="permit">The call's permit.</param>
    /// <param name="handler">The method's error handler.</param>
    /// <param name="exception">The implementation's exception.</param>
    /// <param name="callerCancelled">Whether a <see cref="CancellationToken"/> parameter of the method is cancelled.</param>
    public static void CompleteFaulted<THandler>(ref CallPermit permit, THandler handler, Exception exception, bool callerCancelled)
        where THandler : IErrorHandler
    {
        if (callerCancelled && exception is OperationCanceledException)
        {
            permit.Complete(Outcome.Ignore);
            return;
        }

        var outcome = Outcome.Ignore;
        try
        {
            outcome = IgnoreIfCallerCancelled(handler.Classify(exception), callerCancelled);
        }
        finally
        {
            permit.Complete(outcome);
        }
    }

    /// <summary>The exception a decorated method without a fallback throws when its circuit rejects the call.</summary>
    /// <param name="connection">The rejecting connection.</param>
    public static CircuitOpenException Rejected(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new CircuitOpenException(connection.GetStatus());
    }

    /// <summary>Tells the user once per declaration when the connection found runs with other options than declared.</summary>
    private static void NoteOverride(Connection connection, ConnectionDeclaration declaration)
    {
        var overridden = declaration.OverriddenBy(connection.Options);
        if (overridden.Count == 0)
        {
            return;
        }

        var method = declaration.DeclaredBy ?? "a decorated method";
        var declared = string.Join(", ", overridden);
        if (connection.TryNoteOverriddenDeclaration($"[CircuitBreaker] on {method} declares {declared}; the options the connection was registered with apply"))
        {
            DeclarationLog.OptionsOverridden(connection.Registry.Options.Logger, connection.Key.ToString(), method, declared);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Connection Resolve(ref Connection? cache, ConnectionRegistry registry, ConnectionDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(declaration);
        var options = declaration.ToOptions(registry.Options.Defaults);
        var connection = registry.GetOrRegister(declaration.Identifier, declaration.Scope, options);
        if (options is not null)
        {
            NoteOverride(connection, declaration);
        }

        Volatile.Write(ref cache, connection);
        return connection;
    }
}
