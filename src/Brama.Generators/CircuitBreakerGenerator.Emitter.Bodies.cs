using System.Linq;

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
                    writer.WriteLine(Complete(Outcome + ".Success"));
                    return;
                case ReturnKind.Value:
                    writer.WriteLine(method.ReturnType + " __result;");
                    WriteGuarded(writer, method, names, "__result = " + call + ";");
                    WriteCompleteWithResult(writer, method, names);
                    writer.WriteLine("return __result;");
                    return;
            }

            var isValueTask = method.ReturnKind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfResult;
            writer.WriteLine(method.ReturnType + " __task;");

            // A null task would otherwise surface as a NullReferenceException after the permit was left open.
            WriteGuarded(writer, method, names, isValueTask
                ? "__task = " + call + ";"
                : "__task = " + call + " ?? throw new global::System.InvalidOperationException("
                    + Literal(method.Implementation + " returned null instead of a task.") + ");");

            writer.WriteLine("if (__task.IsCompletedSuccessfully)");
            writer.OpenBlock();
            switch (method.ReturnKind)
            {
                case ReturnKind.Task:
                    writer.WriteLine(Complete(Outcome + ".Success"));
                    writer.WriteLine("return __task;");
                    break;
                case ReturnKind.ValueTask:
                    writer.WriteLine("__task.GetAwaiter().GetResult();");
                    writer.WriteLine(Complete(Outcome + ".Success"));
                    writer.WriteLine("return default;");
                    break;
                case ReturnKind.TaskOfResult:
                    writer.WriteLine("var __result = __task.Result;");
                    WriteCompleteWithResult(writer, method, names);
                    writer.WriteLine("return __task;");
                    break;
                default:
                    writer.WriteLine("var __result = __task.Result;");
                    WriteCompleteWithResult(writer, method, names);
                    writer.WriteLine("return new " + method.ReturnType + "(__result);");
                    break;
            }

            writer.CloseBlock();
            writer.WriteLine();
            var tokens = method.Parameters.Where(static p => p.IsCancellationToken).Select(static p => ", " + p.Name);
            writer.WriteLine("return " + names.AwaitHelper + method.TypeParameters + "(__task, __permit" + string.Concat(tokens) + ");");
        }

        private static void WriteAwaitHelper(IndentedWriter writer, MethodModel method, HelperNames names)
        {
            var tokens = method.Parameters.Where(static p => p.IsCancellationToken).Select(static p => ", " + p.Type + " " + p.Name);
            writer.WriteLine(GeneratedCode);
            writer.WriteLine("private static async " + method.ReturnType + " " + names.AwaitHelper + method.TypeParameters
                + "(" + method.ReturnType + " __task, global::Brama.CallPermit __permit" + string.Concat(tokens) + ")");
            WriteConstraints(writer, method);
            writer.OpenBlock();
            if (method.ReturnKind is ReturnKind.Task or ReturnKind.ValueTask)
            {
                WriteGuarded(writer, method, names, "await __task.ConfigureAwait(false);");
                writer.WriteLine(Complete(Outcome + ".Success"));
            }
            else
            {
                writer.WriteLine(method.ResultType + " __result;");
                WriteGuarded(writer, method, names, "__result = await __task.ConfigureAwait(false);");
                WriteCompleteWithResult(writer, method, names);
                writer.WriteLine("return __result;");
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
            writer.WriteLine("catch (global::System.Exception __exception)");
            writer.OpenBlock();
            var tokens = method.Parameters.Where(static p => p.IsCancellationToken).Select(static p => p.Name + ".IsCancellationRequested").ToList();
            var cancelled = "callerCancelled: " + (tokens.Count == 0 ? "false" : string.Join(" || ", tokens));
            writer.WriteLine(method.ErrorHandlerType is null
                ? Runtime + ".CompleteFaulted(ref __permit, __exception, " + cancelled + ");"
                : Runtime + ".CompleteFaulted(ref __permit, " + names.ErrorHandler + ", __exception, " + cancelled + ");");
            writer.WriteLine("throw;");
            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>Classifies <c>__result</c> and completes the permit, also when the classification throws.</summary>
        private static void WriteCompleteWithResult(IndentedWriter writer, MethodModel method, HelperNames names)
        {
            if (method.ErrorHandlerType is not null)
            {
                writer.WriteLine(Runtime + ".Complete(ref __permit, " + names.ErrorHandler + ", __result);");
                return;
            }

            if (method.ResultMember is not { } member)
            {
                writer.WriteLine(Complete(Outcome + ".Success"));
                return;
            }

            var failure = Outcome + ".Failure(" + member.ReasonExpression + ")";
            var test = member.TrueMeansSuccess
                ? (member.CanBeNull ? "__result is null || " : string.Empty) + "__result." + member.Member
                : (member.CanBeNull ? "__result is not null && " : string.Empty) + "__result." + member.Member;
            writer.WriteLine("var __outcome = " + Outcome + ".Ignore;");
            writer.WriteLine("try");
            writer.OpenBlock();
            writer.WriteLine(member.TrueMeansSuccess
                ? "__outcome = " + test + " ? " + Outcome + ".Success : " + failure + ";"
                : "__outcome = " + test + " ? " + failure + " : " + Outcome + ".Success;");
            writer.CloseBlock();
            writer.WriteLine("finally");
            writer.OpenBlock();
            writer.WriteLine(Complete("__outcome"));
            writer.CloseBlock();
            writer.WriteLine();
        }

        private static string Complete(string outcome) => "__permit.Complete(" + outcome + ");";
    }
}
