using System.Linq;

using Brama.SourceGeneration.Checks;

namespace Brama.Generators;

public sealed partial class CircuitBreakerGenerator
{
    internal static partial class Emitter
    {
        private static void WriteCall(IndentedWriter writer, MethodModel method, HelperNames names)
        {
            var call = method.Implementation + "(" + string.Join(", ", method.Parameters.Select(static p => p.Argument)) + ")";
            switch (method.ReturnKind)
            {
                case ReturnKind.Void:
                    WriteGuarded(writer, method, names, call + ";");
                    writer.WriteLine(Complete(names, Outcome + ".Success"));
                    return;
                case ReturnKind.Value:
                    writer.WriteLine(method.ReturnType + " " + names.ResultLocal + ";");
                    WriteGuarded(writer, method, names, names.ResultLocal + " = " + call + ";");
                    WriteCompleteWithResult(writer, method, names);
                    writer.WriteLine("return " + names.ResultLocal + ";");
                    return;
            }

            var isValueTask = method.ReturnKind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfResult;
            writer.WriteLine(method.ReturnType + " " + names.TaskLocal + ";");

            // A null task would otherwise surface as a NullReferenceException after the permit was left open.
            WriteGuarded(writer, method, names, isValueTask
                ? names.TaskLocal + " = " + call + ";"
                : names.TaskLocal + " = " + call + " ?? throw new global::System.InvalidOperationException("
                    + Literal(method.Implementation + " returned null instead of a task.") + ");");

            writer.WriteLine("if (" + names.TaskLocal + ".IsCompletedSuccessfully)");
            writer.OpenBlock();
            switch (method.ReturnKind)
            {
                case ReturnKind.Task:
                    writer.WriteLine(Complete(names, Outcome + ".Success"));
                    writer.WriteLine("return " + names.TaskLocal + ";");
                    break;
                case ReturnKind.ValueTask:
                    writer.WriteLine(names.TaskLocal + ".GetAwaiter().GetResult();");
                    writer.WriteLine(Complete(names, Outcome + ".Success"));
                    writer.WriteLine("return default;");
                    break;
                case ReturnKind.TaskOfResult when method.ErrorHandlerType is null && method.ResultMember is null:
                    writer.WriteLine(Complete(names, Outcome + ".Success"));
                    writer.WriteLine("return " + names.TaskLocal + ";");
                    break;
                case ReturnKind.TaskOfResult:
                    writer.WriteLine("var " + names.ResultLocal + " = " + names.TaskLocal + ".Result;");
                    WriteCompleteWithResult(writer, method, names);
                    writer.WriteLine("return " + names.TaskLocal + ";");
                    break;
                default:
                    writer.WriteLine("var " + names.ResultLocal + " = " + names.TaskLocal + ".Result;");
                    WriteCompleteWithResult(writer, method, names);
                    writer.WriteLine("return new " + method.ReturnType + "(" + names.ResultLocal + ");");
                    break;
            }

            writer.CloseBlock();
            writer.WriteLine();
            var tokens = method.Parameters.Where(static p => p.IsCancellationToken).Select(static p => ", " + p.Name);
            writer.WriteLine("return " + names.AwaitHelper + method.TypeParameters + "(" + names.TaskLocal + ", " + names.PermitLocal + string.Concat(tokens) + ");");
        }

        private static void WriteAwaitHelper(IndentedWriter writer, MethodModel method, HelperNames names)
        {
            var tokens = method.Parameters.Where(static p => p.IsCancellationToken).Select(static p => ", " + p.Type + " " + p.Name);
            writer.WriteLine(GeneratedCode);
            writer.WriteLine("private static async " + method.ReturnType + " " + names.AwaitHelper + method.TypeParameters
                + "(" + method.ReturnType + " " + names.TaskLocal + ", global::Brama.CallPermit " + names.PermitLocal + string.Concat(tokens) + ")");
            WriteConstraints(writer, method);
            writer.OpenBlock();
            if (method.ReturnKind is ReturnKind.Task or ReturnKind.ValueTask)
            {
                WriteGuarded(writer, method, names, "await " + names.TaskLocal + ".ConfigureAwait(false);");
                writer.WriteLine(Complete(names, Outcome + ".Success"));
            }
            else
            {
                writer.WriteLine(method.ResultType + " " + names.ResultLocal + ";");
                WriteGuarded(writer, method, names, names.ResultLocal + " = await " + names.TaskLocal + ".ConfigureAwait(false);");
                WriteCompleteWithResult(writer, method, names);
                writer.WriteLine("return " + names.ResultLocal + ";");
            }

            writer.CloseBlock();
        }

        /// <summary>Runs <paramref name="statement"/>; an exception completes the permit and is rethrown with its stack.</summary>
        private static void WriteGuarded(IndentedWriter writer, MethodModel method, HelperNames names, string statement)
        {
            writer.WriteLine("try");
            writer.OpenBlock();
            writer.WriteLine(statement);
            writer.CloseBlock();
            writer.WriteLine("catch (global::System.Exception " + names.ExceptionLocal + ")");
            writer.OpenBlock();
            var cancelled = "callerCancelled: " + (CallerCancelled(method) ?? "false");
            writer.WriteLine(method.ErrorHandlerType is null
                ? Runtime + ".CompleteFaulted(ref " + names.PermitLocal + ", " + names.ExceptionLocal + ", " + cancelled + ");"
                : Runtime + ".CompleteFaulted(ref " + names.PermitLocal + ", " + names.ErrorHandler + ", " + names.ExceptionLocal + ", " + cancelled + ");");
            writer.WriteLine("throw;");
            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>Classifies the result local and completes the permit, also when the classification throws.</summary>
        private static void WriteCompleteWithResult(IndentedWriter writer, MethodModel method, HelperNames names)
        {
            // A failed result while the caller's token is cancelled says nothing about the dependency (design §7).
            var callerCancelled = CallerCancelled(method);
            if (method.ErrorHandlerType is not null)
            {
                writer.WriteLine(Runtime + ".Complete(ref " + names.PermitLocal + ", " + names.ErrorHandler + ", " + names.ResultLocal
                    + (callerCancelled is null ? string.Empty : ", callerCancelled: " + callerCancelled) + ");");
                return;
            }

            if (method.ResultMember is not { } member)
            {
                writer.WriteLine(Complete(names, Outcome + ".Success"));
                return;
            }

            var failure = Outcome + ".Failure(" + member.ReasonExpression.Replace(ResultMemberModel.ResultPlaceholder, names.ResultLocal) + ")";
            var test = member.TrueMeansSuccess
                ? (member.CanBeNull ? names.ResultLocal + " is null || " : string.Empty) + names.ResultLocal + "." + member.Member
                : (member.CanBeNull ? names.ResultLocal + " is not null && " : string.Empty) + names.ResultLocal + "." + member.Member;
            writer.WriteLine("var " + names.OutcomeLocal + " = " + Outcome + ".Ignore;");
            writer.WriteLine("try");
            writer.OpenBlock();
            writer.WriteLine(member.TrueMeansSuccess
                ? names.OutcomeLocal + " = " + test + " ? " + Outcome + ".Success : " + failure + ";"
                : names.OutcomeLocal + " = " + test + " ? " + failure + " : " + Outcome + ".Success;");
            writer.CloseBlock();
            writer.WriteLine("finally");
            writer.OpenBlock();
            writer.WriteLine(Complete(names, callerCancelled is null
                ? names.OutcomeLocal
                : Runtime + ".IgnoreIfCallerCancelled(" + names.OutcomeLocal + ", " + callerCancelled + ")"));
            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>Whether any CancellationToken parameter is cancelled, as an expression; null without one.</summary>
        private static string? CallerCancelled(MethodModel method)
        {
            var tokens = method.Parameters.Where(static p => p.IsCancellationToken).Select(static p => p.Name + ".IsCancellationRequested").ToList();
            return tokens.Count == 0 ? null : string.Join(" || ", tokens);
        }

        private static string Complete(HelperNames names, string outcome) => names.PermitLocal + ".Complete(" + outcome + ");";
    }
}
