namespace Brama;

/// <summary>
/// Classifies the exceptions of a decorated method into <see cref="Outcome"/>s. Methods returning <c>void</c>,
/// <see cref="Task"/> or <see cref="ValueTask"/> take an error handler implementing this interface; methods with a
/// result take one implementing <see cref="IErrorHandler{TResult}"/>.
/// </summary>
public interface IErrorHandler
{
    /// <summary>
    /// Classifies a thrown exception. The default is a failure whose reason is the exception's type and message.
    /// The exception is rethrown to the caller whatever this returns. An <see cref="OperationCanceledException"/>
    /// thrown while a <see cref="CancellationToken"/> parameter of the method is cancelled is classified
    /// <see cref="Outcome.Ignore"/> without consulting the handler: the caller gave up, the dependency did not fail.
    /// </summary>
    /// <param name="exception">The exception thrown by the implementation.</param>
    Outcome Classify(Exception exception) => Outcome.Failure(exception);
}

/// <summary>
/// Classifies the results and exceptions of a decorated method into <see cref="Outcome"/>s. Name the implementing
/// type in <see cref="CircuitBreakerAttribute.ErrorHandler"/>; it needs an accessible parameterless constructor and is
/// created once per decorated method (once per closed type when the containing type is generic).
/// </summary>
/// <typeparam name="TResult">The method's result type (the <c>T</c> of <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c>).</typeparam>
public interface IErrorHandler<in TResult> : IErrorHandler
{
    /// <summary>Classifies a returned result. The result is returned to the caller unchanged whatever this returns.</summary>
    /// <param name="result">The implementation's result.</param>
    Outcome Classify(TResult result);
}
