using System.Collections.Concurrent;
using System.Globalization;
using Brama;
using Brama.Samples.Payments;
using Microsoft.Extensions.Time.Testing;

// The sample runs on a simulated clock, so that forty seconds of outage and recovery play out in about a second.
// Transitions happen only inside calls (the periodic sweep is an hour away), so each row's events are known.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
var clock = new FakeTimeProvider(start);
using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, clock);
var gateway = new PaymentGateway(clock, start);
var client = new PaymentClient(registry, gateway);

var events = new ConcurrentQueue<BramaEvent>();
using var arrived = new SemaphoreSlim(0);
using var subscription = registry.Events.Subscribe(
    e => { events.Enqueue(e); arrived.Release(); },
    EventFilter.ForEvents(EventType.CircuitOpened, EventType.CircuitHalfOpened, EventType.CircuitClosed));

Console.WriteLine($"Gateway outage from {gateway.OutageStart.TotalSeconds} s to {gateway.OutageEnd.TotalSeconds} s (simulated time).");
Console.WriteLine("Each row: the state each call found ('new': the call registers the connection) and what it got;");
Console.WriteLine("the lines under a row are the transitions its calls caused.");
Console.WriteLine();
Console.WriteLine($"{"time",7} | {"payment_api",-11} | {"charge",-36} | {"balance_api",-11} | balance");
Console.WriteLine($"{new string('-', 8)}+{new string('-', 13)}+{new string('-', 38)}+{new string('-', 13)}+---------");

var rejected = 0;
var previous = Snapshot();
for (var tick = 0; tick < 80; tick++)
{
    var order = $"order-{tick + 1}";
    var amount = tick % 9 == 8 ? 900m : 20m + tick;

    var paymentState = State("payment_api");
    string charge;
    try
    {
        var result = await client.ChargeAsync(order, amount);
        charge = $"{result.Status}: {result.Detail}";
    }
    catch (CircuitOpenException e)
    {
        rejected++;
        charge = e.RetryAfter is { } retry ? $"rejected, retry after {retry.TotalSeconds:0.0} s" : "rejected, probe slots taken";
    }

    var balanceState = State("balance_api");
    var cachedBefore = client.CachedBalances;
    string balance;
    try
    {
        balance = client.GetBalance("acct-42").ToString("0", CultureInfo.InvariantCulture);
        if (client.CachedBalances > cachedBefore)
        {
            balance += " (fallback)";
        }
    }
    catch (HttpRequestException)
    {
        balance = "error";
    }

    Console.WriteLine(
        $"{(clock.GetUtcNow() - start).TotalSeconds,5:0.0} s | {paymentState,-11} | {charge,-36} | {balanceState,-11} | {balance}");
    var current = Snapshot();
    await PrintTransitionsAsync(previous, current);
    previous = current;
    clock.Advance(TimeSpan.FromMilliseconds(500));
}

Console.WriteLine();
Console.WriteLine($"Charges: {gateway.ChargeRequests} reached the gateway, {rejected} were rejected without calling it.");
Console.WriteLine($"Balances: {gateway.BalanceRequests} reached the balance service, {client.CachedBalances} were answered by the fallback.");
var final = registry.Connections.Select(static s => $"{s.Identifier} {s.State}");
Console.WriteLine($"Final states: {string.Join(", ", final)}.");

string State(string connection) =>
    registry.TryGetStatus(connection, null, out var status) ? status.State.ToString() : "new";

Dictionary<string, ConnectionStatus> Snapshot() => registry.Connections.ToDictionary(static s => s.Identifier);

// Events are delivered off the calling thread; the statuses say how many transitions this row caused, so the row's
// events are awaited (at most a few seconds each) and printed under it.
async Task PrintTransitionsAsync(Dictionary<string, ConnectionStatus> before, Dictionary<string, ConnectionStatus> after)
{
    var expected = after.Sum(pair => Transitions(before.GetValueOrDefault(pair.Key), pair.Value));
    for (var i = 0; i < expected; i++)
    {
        if (!await arrived.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Console.WriteLine("        (an event did not arrive within 5 s)");
            break;
        }
    }

    while (events.TryDequeue(out var e))
    {
        var detail = e.Type == EventType.CircuitOpened
            ? $" for {e.Data.RetryAfter?.TotalSeconds:0.#} s (opening {e.Data.Openings}): {e.Data.Reason}"
            : string.Empty;
        Console.WriteLine($"        -> {e.Connection} {e.Type}{detail}");
    }
}

// The transitions between two statuses of one connection when each tick makes at most one call through it.
static int Transitions(ConnectionStatus? before, ConnectionStatus after) => (before?.State ?? CircuitState.Closed, after.State) switch
{
    (CircuitState.Closed, CircuitState.Open) => 1,                                                          // opened
    (CircuitState.Open, CircuitState.Open) => before!.OpenedAt == after.OpenedAt ? 0 : 2,                   // a probe failed
    (CircuitState.Open, CircuitState.Closed) => 2,                                                          // a probe succeeded
    (CircuitState.Open, CircuitState.HalfOpen) or (CircuitState.HalfOpen, _) when before!.State != after.State => 1,
    _ => 0,
};
