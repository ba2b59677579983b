namespace Brama.Samples.Fleet;

/// <summary>
/// The fleet sample's story, with three (then four) real processes on one Redis: an opening on one instance reaches the
/// others, one instance probes for the fleet when the break ends, an operator's isolation reaches every instance and
/// one that starts while it holds, and the operator's close ends it everywhere. Each instance's own lines are shown
/// indented under its name.
/// </summary>
internal static class Story
{
    private static readonly object Gate = new();

    public static void Print(string line)
    {
        lock (Gate)
        {
            Console.WriteLine(line);
        }
    }

    public static async Task<int> RunAsync(string? redis)
    {
        using var server = redis is null ? await RedisProcess.StartAsync() : null;
        var configuration = redis ?? server!.Configuration;
        Print($"Fleet 'payments' on Redis {configuration}; payment_api is fleet-wide (2 failures open it for 3 s).");

        var instances = new List<InstanceProcess>();
        try
        {
            foreach (var name in new[] { "a", "b", "c" })
            {
                instances.Add(InstanceProcess.Start(name, configuration));
                instances[^1].WaitFor("ready");
            }

            var (a, b, c) = (instances[0], instances[1], instances[2]);
            Print("1. The gateway fails twice for a: a opens payment_api, and the opening travels to b and c.");
            a.Send("call fail");
            a.WaitFor("call failed");
            a.Send("call fail");
            a.WaitFor("event CircuitOpened payment_api from=-");
            b.WaitFor("event CircuitOpened payment_api from=a");
            c.WaitFor("event CircuitOpened payment_api from=a");
            b.Send("call ok");
            b.WaitFor("call rejected");

            Print("2. The break ends: all three ask to probe; the fleet's lease lets exactly one.");
            await Task.Delay(TimeSpan.FromSeconds(3.2));
            instances.ForEach(i => i.Send("try"));
            var probers = instances.Where(i => i.WaitForAny(["probing", "held"]) == "probing").ToList();
            Print($"   probing: {string.Join(", ", probers.Select(p => p.Name))}");
            if (probers.Count != 1)
            {
                Print("   expected exactly one instance to probe");
                return 1;
            }

            Print($"3. {probers[0].Name}'s probe succeeds: every circuit closes.");
            probers[0].Send("complete ok");
            instances.ForEach(i => i.WaitFor("event CircuitClosed payment_api"));

            Print("4. An operator on b isolates payment_api for the whole fleet.");
            b.Send("isolate maintenance");
            b.WaitFor("sent "); // its answer echoed before the story goes on, so that the lines keep their order
            instances.ForEach(i => i.WaitFor("event CircuitOpened payment_api from=operator@b manual=True reason=maintenance"));

            Print("5. A fourth instance, d, starts while the isolation holds: it is open before its first call.");
            instances.Add(InstanceProcess.Start("d", configuration));
            var d = instances[^1];
            if (d.WaitFor("ready") != "ready d Open")
            {
                Print("   expected d to start open");
                return 1;
            }

            d.Send("call ok");
            d.WaitFor("call rejected");

            Print("6. The operator on c closes it for the fleet: every instance closes.");
            c.Send("close maintenance over");
            c.WaitFor("sent ");
            instances.ForEach(i => i.WaitFor("event CircuitClosed payment_api"));
            d.Send("call ok");
            d.WaitFor("call ok");

            Print("Fleet story complete: an opening, a probe and two operator commands travelled between four processes.");
            return 0;
        }
        catch (TimeoutException e)
        {
            Print("   " + e.Message);
            return 1;
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
