using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Emulator;

// Sustained requests/second of the emulator, in-process, limits off, through the real client (signing,
// HTTP, JSON). Usage: [--seconds N] [--concurrency N]
var seconds = 3.0;
var concurrency = Environment.ProcessorCount * 4;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--seconds") seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--concurrency") concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture);
}

var settings = new EmulatorSettings { TaskDurationMs = 0, RateLimitPerSecond = 0, Seed = 1 }.WithCredential("AKIDbench", "benchkey");
await using var server = await EmulatorServer.StartAsync(settings);
var client = new ClbClient(new ClbClientOptions
{
    Endpoint = server.Url.GetLeftPart(UriPartial.Authority),
    Region = "ap-guangzhou",
    Credentials = new StaticCredentialProvider(new ClbCredentials("AKIDbench", "benchkey")),
    MaxAttempts = 1,
    RateLimitPerSecond = null,
});

// A realistic state: 50 load balancers, one with a TCP listener for the writes.
await client.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", Number = 20 });
await client.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", Number = 20 });
var lb = (await client.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", Number = 10 })).GetProperty("LoadBalancerIds")[0].GetString()!;
var listeners = (await client.InvokeAsync("CreateListener", new { LoadBalancerId = lb, Ports = Enumerable.Range(1, 50).ToArray(), Protocol = "TCP" }))
    .GetProperty("ListenerIds").EnumerateArray().Select(e => e.GetString()!).ToArray();

Console.WriteLine($"emulator {server.Url} - {concurrency} concurrent callers, {seconds:0.#} s per run, {Environment.ProcessorCount} cores");
await Run("DescribeLoadBalancers (read)", (_, _) => client.InvokeAsync("DescribeLoadBalancers", new { Limit = 20 }));
long counter = 0;
await Run("RegisterTargets (write, task 0 ms)", (_, _) =>
{
    var n = Interlocked.Increment(ref counter);
    return client.InvokeAsync("RegisterTargets", new
    {
        LoadBalancerId = lb,
        ListenerId = listeners[n % listeners.Length],
        Targets = new[] { new { EniIp = $"10.{n / 65536 % 256}.{n / 256 % 256}.{n % 256}", Port = 80 } },
    });
});
var stats = server.Stats.Snapshot();
Console.WriteLine($"calls: {string.Join(", ", stats.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value.Calls} (errors {s.Value.Errors})"))}");

async Task Run(string name, Func<int, CancellationToken, Task<JsonElement>> call)
{
    // Warm up, then measure.
    for (var i = 0; i < 50; i++) await call(i, default);
    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    long done = 0, failed = 0;
    var sw = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(async w =>
    {
        while (!cts.IsCancellationRequested)
        {
            try { await call(w, CancellationToken.None); Interlocked.Increment(ref done); }
            catch (ClbException) { Interlocked.Increment(ref failed); }
        }
    }).ToArray();
    await Task.WhenAll(workers);
    sw.Stop();
    Console.WriteLine($"{name,-38} {done / sw.Elapsed.TotalSeconds,10:N0} req/s  ({done} ok, {failed} failed in {sw.Elapsed.TotalSeconds:0.00} s)");
}
