using System.Collections.Concurrent;
using System.Globalization;
using Brama;
using Brama.Samples.Payments;
using Microsoft.Extensions.Time.Testing;

// The sample runs on a simulated clock, so that half a minute of outage and recovery plays out in about a second.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
var clock = new FakeTimeProvider(start);
using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(1) }, clock);
var gateway = new PaymentGateway(clock, start);
var client = new PaymentClient(registry, gateway);

var events = new ConcurrentQueue<BramaEvent>();
using var subscription = registry.Events.Subscribe(
    events.Enqueue,
    EventFilter.ForEvents(EventType.CircuitOpened, EventType.CircuitHalfOpened, EventType.CircuitClosed));

Console.WriteLine($"Gateway outage from {gateway.OutageStart.TotalSeconds} s to {gateway.OutageEnd.TotalSeconds} s (simulated time).");
Console.WriteLine();
Console.WriteLine("  time  | payment_api | balance_api | charge                                     | balance");
Console.WriteLine("--------+-------------+-------------+--------------------------------------------+---------");

var rejected = 0;
for (var tick = 0; tick < 80; tick++)
{
    var order = $"order-{tick + 1}";
    var amount = tick % 9 == 8 ? 900m : 20m + tick;
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

    string balance;
    try
    {
        balance = client.GetBalance("acct-42").ToString("0", CultureInfo.InvariantCulture);
    }
    catch (HttpRequestException)
    {
        balance = "error";
    }

    await PrintEventsAsync();
    Console.WriteLine(
        $"{(clock.GetUtcNow() - start).TotalSeconds,6:0.0} s | {State("payment_api"),-11} | {State("balance_api"),-11} | {charge,-42} | {balance}");
    clock.Advance(TimeSpan.FromMilliseconds(500));
}

await PrintEventsAsync();
Console.WriteLine();
Console.WriteLine($"{gateway.Requests} requests reached the gateway; {rejected} charges were rejected without calling it.");
var final = registry.Connections.Select(static s => $"{s.Identifier} {s.State}");
Console.WriteLine($"Final states: {string.Join(", ", final)}.");

string State(string connection) =>
    registry.TryGetStatus(connection, null, out var status) ? status.State.ToString() : "-";

async Task PrintEventsAsync()
{
    // Events are delivered off the calling thread; give them a moment to arrive before printing the row.
    await Task.Delay(15);
    while (events.TryDequeue(out var e))
    {
        var detail = e.Type == EventType.CircuitOpened
            ? $" for {e.Data.RetryAfter?.TotalSeconds:0.#} s (opening {e.Data.Openings}): {e.Data.Reason}"
            : string.Empty;
        Console.WriteLine($"        ** {e.Connection} {e.Type}{detail}");
    }
}
