using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Generators.Tests;

/// <summary>One input per decorated shape; each has committed golden output and must compile cleanly under C# 9 and latest.</summary>
public static partial class ShapeCases
{
    public static readonly IReadOnlyDictionary<string, (string Source, LanguageVersion Minimum)> All = WithOptionShapes(new Dictionary<string, (string, LanguageVersion)>(StringComparer.Ordinal)
    {
        ["SyncValue"] = ("""
            using System;
            using Brama;

            namespace Shop
            {
                public sealed class PaymentErrors : IErrorHandler<int>
                {
                    public Outcome Classify(int result) => result < 0 ? Outcome.Failure("negative") : Outcome.Success;
                }

                public partial class PaymentClient
                {
                    [CircuitBreaker("payment_api", Scope = "eu", ErrorHandler = typeof(PaymentErrors), MaxAttempts = 3, ExpiryMilliseconds = 5000, ExpiryStrategy = ExpiryStrategy.Progressive, HalfOpenMaxCalls = 2,
                        SuccessesToClose = 2, ProbeTimeoutMilliseconds = 750, MaxExpiryMilliseconds = 60000, BackoffFactor = 1.5)]
                    public partial int Charge(int amount);

                    private int ChargeCore(int amount) => amount;
                }
            }
            """, LanguageVersion.CSharp9),

        ["VoidWithFallback"] = ("""
            using Brama;

            namespace Shop
            {
                public partial class Notifier
                {
                    [CircuitBreaker("mail", Fallback = nameof(SendFallback))]
                    public partial void Send(string to, string body);

                    private void SendCore(string to, string body) { }

                    private void SendFallback(string to, string body, ConnectionStatus status) { }

                    [CircuitBreaker("sms", Fallback = nameof(TextFallback))]
                    internal partial string Text(string to);

                    private string TextCore(string to) => to;

                    private string TextFallback(string to) => "queued";
                }
            }
            """, LanguageVersion.CSharp9),

        ["AsyncShapes"] = ("""
            using System.Threading;
            using System.Threading.Tasks;
            using Brama;

            namespace Shop
            {
                public sealed class ReceiptErrors : IErrorHandler<string>
                {
                    public Outcome Classify(string result) => Outcome.Success;
                }

                public partial class AsyncClient
                {
                    [CircuitBreaker("task_result", ErrorHandler = typeof(ReceiptErrors))]
                    public partial Task<string> ChargeAsync(int amount, CancellationToken cancellationToken);

                    [CircuitBreaker("task")]
                    public partial Task RefundAsync(int amount, CancellationToken first, CancellationToken second);

                    [CircuitBreaker("value_task_result", Fallback = nameof(CountFallback))]
                    public partial ValueTask<int> CountAsync();

                    [CircuitBreaker("value_task")]
                    public partial ValueTask PingAsync();

                    private Task<string> ChargeAsyncCore(int amount, CancellationToken cancellationToken) => Task.FromResult("ok");

                    private Task RefundAsyncCore(int amount, CancellationToken first, CancellationToken second) => Task.CompletedTask;

                    private ValueTask<int> CountAsyncCore() => new ValueTask<int>(1);

                    private ValueTask<int> CountFallback(ConnectionStatus status) => new ValueTask<int>(0);

                    private ValueTask PingAsyncCore() => default;
                }
            }
            """, LanguageVersion.CSharp9),

        ["GenericShapes"] = ("""
            using System;
            using System.Collections.Generic;
            using Brama;

            namespace Shop
            {
                public partial class Cache<TKey, TValue>
                    where TKey : notnull
                {
                    private static ConnectionRegistry Registry { get; } = new ConnectionRegistry();

                    [CircuitBreaker("cache")]
                    public partial TValue? Get(TKey key);

                    [CircuitBreaker("cache")]
                    public partial TResult Map<TResult, TOther>(TKey key, Func<TValue?, TResult> map, TOther other)
                        where TResult : class?, IComparable<TResult>, new()
                        where TOther : unmanaged;

                    [CircuitBreaker("cache")]
                    public partial IReadOnlyList<T> Many<T>(T item) where T : struct;

                    private TValue? GetCore(TKey key) => default;

                    private TResult MapCore<TResult, TOther>(TKey key, Func<TValue?, TResult> map, TOther other)
                        where TResult : class?, IComparable<TResult>, new()
                        where TOther : unmanaged => map(default);

                    private IReadOnlyList<T> ManyCore<T>(T item) where T : struct => new[] { item };

                    [CircuitBreaker("cache")]
                    public partial System.Threading.Tasks.Task<TValue?> FindAsync(TKey key, System.Threading.CancellationToken await);

                    private System.Threading.Tasks.Task<TValue?> FindAsyncCore(TKey key, System.Threading.CancellationToken await) => System.Threading.Tasks.Task.FromResult<TValue?>(default);
                }
            }
            """, LanguageVersion.CSharp9),

        ["NestedStaticTypes"] = ("""
            using Brama;

            public static partial class Outer
            {
                internal partial class Middle<T>
                {
                    private protected static partial class Inner
                    {
                        public static ConnectionRegistry? Registry { get; set; }

                        [CircuitBreaker("nested")]
                        public static partial T Echo(T value);

                        private static T EchoCore(T value) => value;
                    }
                }
            }
            """, LanguageVersion.CSharp9),

        ["RecordsAndStructs"] = ("""
            using Brama;

            namespace Shop
            {
                public partial record Client(ConnectionRegistry Registry)
                {
                    [CircuitBreaker("record")]
                    public partial int Read();

                    private int ReadCore() => 1;
                }

                public readonly partial struct Reading
                {
                    private readonly ConnectionRegistry _registry;

                    public Reading(ConnectionRegistry registry) => _registry = registry;

                    [CircuitBreaker("readonly_struct")]
                    public partial int Value();

                    private int ValueCore() => 2;
                }

                public partial record struct Point(int X)
                {
                    [CircuitBreaker("record_struct")]
                    public readonly partial int Length();

                    private readonly int LengthCore() => X;
                }
            }
            """, LanguageVersion.CSharp10),

        ["ParameterModifiers"] = ("""
            #nullable enable
            using System.Collections.Generic;
            using Brama;

            namespace Shop
            {
                public static partial class Parsing
                {
                    [CircuitBreaker("parsing")]
                    public static partial bool TryParse(this string text, out int value, ref int attempts, in int limit);

                    [CircuitBreaker("parsing")]
                    public static partial string Join(string? separator = ", ", int @class = 2, params string?[] parts);

                    [CircuitBreaker("parsing")]
                    public static partial (int Count, string? Name) Describe(Dictionary<string, List<int?>>? map);

                    private static bool TryParseCore(string text, out int value, ref int attempts, in int limit) { value = 0; return true; }

                    private static string JoinCore(string? separator, int @class, params string?[] parts) => string.Join(separator, parts);

                    private static (int Count, string? Name) DescribeCore(Dictionary<string, List<int?>>? map) => (0, null);
                }
            }
            """, LanguageVersion.CSharp9),

        ["Modifiers"] = ("""
            using Brama;

            namespace Shop
            {
                public abstract partial class Base
                {
                    [CircuitBreaker("base")]
                    protected internal virtual partial int Size();

                    private int SizeCore() => 1;

                    public string Describe(int format) => "base";
                }

                public partial class Derived : Base
                {
                    [CircuitBreaker("derived")]
                    protected internal sealed override partial int Size();

                    [CircuitBreaker("derived")]
                    private protected partial void Hidden();

                    [CircuitBreaker("derived")]
                    private partial void Quiet();

                    [CircuitBreaker("derived", Implementation = nameof(QuietCore))]
                    partial void OnChanged();

                    [CircuitBreaker("derived")]
                    public new partial string Describe(int format);

                    private int SizeCore() => 2;

                    private void HiddenCore() { }

                    private void QuietCore() { }

                    private string DescribeCore(int format) => "derived";
                }
            }
            """, LanguageVersion.CSharp9),

        ["ResultMembers"] = ("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Brama;

            namespace Shop
            {
                public sealed class Result { public bool IsSuccess { get; init; } public string? Error { get; init; } }

                public readonly struct Attempt { public bool IsFailure { get; init; } public Exception? Error { get; init; } }

                public interface IOperation { bool Succeeded { get; } int ErrorMessage { get; } }

                public sealed class RestLikeResponse { public bool IsSuccessStatusCode { get; init; } public bool IsSuccessful { get; init; } public string? ErrorMessage { get; init; } }

                public partial class Gateway
                {
                    [CircuitBreaker("result")]
                    public partial Result Run();

                    [CircuitBreaker("attempt")]
                    public partial ValueTask<Attempt> TryAsync();

                    [CircuitBreaker("operation")]
                    public partial IOperation Operate();

                    [CircuitBreaker("http")]
                    public partial Task<HttpResponseMessage> SendAsync(HttpRequestMessage request);

                    [CircuitBreaker("rest")]
                    public partial Task<RestLikeResponse> ExecuteAsync(string resource, System.Threading.CancellationToken cancellationToken);

                    private Result RunCore() => new Result();

                    private ValueTask<Attempt> TryAsyncCore() => default;

                    private IOperation OperateCore() => null!;

                    private Task<HttpResponseMessage> SendAsyncCore(HttpRequestMessage request) => Task.FromResult(new HttpResponseMessage());

                    private Task<RestLikeResponse> ExecuteAsyncCore(string resource, System.Threading.CancellationToken cancellationToken) => Task.FromResult(new RestLikeResponse());
                }
            }
            """, LanguageVersion.CSharp9),

        ["OverloadsAndShadowingNames"] = ("""
            using Brama;

            namespace Shop.System
            {
                public class Task { }
                public class Exception { }
                public class Brama { }
                public class Outcome { }

                public partial class Overloads
                {
                    private ConnectionRegistry? registry;

                    [CircuitBreaker("overloads")]
                    public partial int Get(int __connection);

                    [CircuitBreaker("overloads")]
                    public partial int Get(string registry);

                    private int GetCore(int __connection) => __connection;

                    private int GetCore(string registry) => registry.Length;

                    public void Use(ConnectionRegistry value) => registry = value;
                }
            }
            """, LanguageVersion.CSharp9),

        ["NullableDisabled"] = ("""
            #nullable disable
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Brama;

            namespace Legacy
            {
                public sealed class Reply { public bool IsError { get; set; } public object Message { get; set; } }

                public partial class Client
                {
                    [CircuitBreaker("legacy")]
                    public partial Task<Reply> SendAsync(string text, List<string> tags);

                    [CircuitBreaker("legacy")]
                    public partial string Echo(string text);

                    private Task<Reply> SendAsyncCore(string text, List<string> tags) => Task.FromResult(new Reply());

                    private string EchoCore(string text) => text;
                }
            }
            """, LanguageVersion.CSharp9),

        ["GlobalNamespace"] = ("""
            using System.Threading.Tasks;
            using Brama;

            public partial class Plain
            {
                [CircuitBreaker("plain")]
                public partial Task RunAsync();

                private async Task RunAsyncCore() => await Task.Yield();
            }
            """, LanguageVersion.CSharp9),

        // Pointers in a method that is not itself 'unsafe': the generated type declaration carries 'unsafe' instead.
        ["UnsafeSignatures"] = ("""
            using Brama;

            namespace Interop
            {
                public unsafe partial class NativeBuffer
                {
                    [CircuitBreaker("native")]
                    public partial int Read(byte* data, int length);

                    [CircuitBreaker("native")]
                    public partial int* Find(int* values, int key);

                    private int ReadCore(byte* data, int length) => length;

                    private int* FindCore(int* values, int key) => values + key;
                }

                public unsafe partial class Host
                {
                    public readonly partial struct Callbacks
                    {
                        [CircuitBreaker("callback")]
                        public partial int Invoke(delegate*<int, int> callback, int value);

                        private int InvokeCore(delegate*<int, int> callback, int value) => callback(value);
                    }
                }

                public partial class Marshaller
                {
                    [CircuitBreaker("marshal")]
                    public unsafe partial void Copy(byte*[] buffers);

                    private unsafe void CopyCore(byte*[] buffers) { }
                }
            }
            """, LanguageVersion.CSharp9),
    });

    public static TheoryData<string> Names() => new(All.Keys);

    public static TheoryData<string> NamesForCSharp9() => new(All.Where(static c => c.Value.Minimum <= LanguageVersion.CSharp9).Select(static c => c.Key));
}
