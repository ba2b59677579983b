using System.Diagnostics;
using System.Globalization;
using Brama.Redis;

namespace Brama.Samples.Fleet;

/// <summary>
/// One instance of the service: a registry joined to the fleet, driven line by line through standard input. It
/// answers on standard output, one line per fact, so that the story and the tests read exactly what happened here.
/// </summary>
internal static class Instance
{
    public static async Task<int> RunAsync(string name, string redis)
    {
        using var registry = new ConnectionRegistry();
        var client = new PaymentClient(registry);
        client.Charge(0); // registers payment_api as the attribute declares it, before joining, so the join can adopt
        var output = new object();
        void Say(string line)
        {
            lock (output)
            {
                Console.Out.WriteLine(line);
                Console.Out.Flush();
            }
        }

        registry.Events.Subscribe(
            e => Say(string.Create(CultureInfo.InvariantCulture,
                $"event {e.Type} {e.Connection} from={e.Data.FleetOrigin ?? "-"} manual={e.Data.IsManual} reason={e.Data.Reason ?? "-"} at={e.Timestamp.UtcTicks}")),
            new EventFilter { Events = [EventType.CircuitOpened, EventType.CircuitClosed, EventType.CircuitHalfOpened, EventType.CircuitReset] });

        await using var fleet = await RedisFleet.JoinAsync(registry, new RedisFleetOptions
        {
            FleetName = "payments",
            Configuration = redis,
            InstanceId = name,
            ProbeHold = TimeSpan.FromMilliseconds(200),
        });
        Say($"ready {name} {State(registry)}");

        CallPermit held = default;
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            switch (words)
            {
                case ["call", var how]:
                    client.GatewayUp = how == "ok";
                    Say("call " + Call(client));
                    break;
                case ["try"]:
                    if (await TryProbeAsync(registry) is { } connection && connection.TryAcquire(out var permit))
                    {
                        held = permit;
                        Say("probing");
                    }
                    else
                    {
                        Say("held");
                    }

                    break;
                case ["complete", var how]:
                    held.Complete(how == "ok" ? Outcome.Success : Outcome.Failure("503 from the gateway"));
                    Say("completed");
                    break;
                case ["isolate", var reason]:
                    Say("sent " + await fleet.OpenAsync("payment_api", reason: reason));
                    break;
                case ["close", var reason]:
                    Say("sent " + await fleet.CloseAsync("payment_api", reason: reason));
                    break;
                case ["open", var reason]:
                    registry.Open("payment_api", null, reason);
                    break;
                case ["reset"]:
                    registry.Reset("payment_api");
                    break;
                case ["burst", var count]:
                    for (var i = 0; i < int.Parse(count, CultureInfo.InvariantCulture); i++)
                    {
                        registry.Open("payment_api", null, "burst");
                        registry.Reset("payment_api");
                    }

                    break;
                case ["state"]:
                    Say("state " + State(registry));
                    break;
                case ["quit"]:
                    return 0;
                default:
                    Say("unknown " + line);
                    break;
            }
        }

        return 0;
    }

    private static string Call(PaymentClient client)
    {
        try
        {
            client.Charge(10);
            return "ok";
        }
        catch (CircuitOpenException)
        {
            return "rejected";
        }
        catch (HttpRequestException)
        {
            return "failed";
        }
    }

    // The circuit's break has ended: ask for a probe for up to 5 s (the fleet lets one instance at a time).
    private static async Task<Connection?> TryProbeAsync(ConnectionRegistry registry)
    {
        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (registry.TryGetStatus("payment_api", null, out var status) && status.State == CircuitState.HalfOpen)
            {
                return registry.TryGet("payment_api", out var connection) ? connection : null;
            }

            registry.IsAvailable("payment_api"); // a touch: lets a due expiry happen, or asks the fleet's gate
            await Task.Delay(50);
        }

        return null;
    }

    private static string State(ConnectionRegistry registry) =>
        registry.TryGetStatus("payment_api", null, out var status) ? status.State.ToString() : "unregistered";
}
