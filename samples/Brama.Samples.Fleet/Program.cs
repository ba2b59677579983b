using Brama.Samples.Fleet;

// Without arguments: the story (a redis-server of its own and three instances of this program).
// "instance <name> <redis>": one instance, driven through its standard input by the story or by the tests.
// "measure <redis> <openings>": P10's propagation latency and throughput between two instances.
return args switch
{
    ["instance", var name, var redis] => await Instance.RunAsync(name, redis),
    ["measure", var redis, var openings] => await Measurement.RunAsync(redis, int.Parse(openings, System.Globalization.CultureInfo.InvariantCulture)),
    [] => await Story.RunAsync(redis: null),
    ["--redis", var redis] => await Story.RunAsync(redis),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Brama.Samples.Fleet [--redis host:port] | instance <name> <redis> | measure <redis> <openings>");
    return 2;
}
