using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Emulator;

// Benchmark: 10,000 targets over 40 listeners on 4 load balancers, against the in-process emulator with the
// service's limits on (20 requests/second per action, one task per load balancer, tasks of 200 ms).
// Usage: dotnet run -c Release [-- --naive N]   (N targets for the naive comparison, default 200)

const int LoadBalancers = 4, ListenersPerLb = 10, Targets = 10_000, TaskMs = 200;
const double Rate = 20;
var naiveCount = args.Length == 2 && args[0] == "--naive" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var settings = new EmulatorSettings { TaskDurationMs = TaskMs, RateLimitPerSecond = (int)Rate, Seed = 42 }.WithCredential("AKIDbench", "benchkey");
await using var server = await EmulatorServer.StartAsync(settings);
ClbClient NewClient() => new(new ClbClientOptions
{
    Endpoint = server.Url.GetLeftPart(UriPartial.Authority),
    Region = "ap-guangzhou",
    Credentials = new StaticCredentialProvider(new ClbCredentials("AKIDbench", "benchkey")),
    RateLimitPerSecond = Rate,
    MaxAttempts = 10,
});
var client = NewClient();
var fast = new TaskWaitOptions { FirstInterval = TimeSpan.FromMilliseconds(50) };

// Setup: load balancers and listeners (each create is a task; wait for it before the next on the same LB).
async Task<string> Create(string action, object request, string? lb, string idsProperty)
{
    var r = await client.InvokeAsync(action, request);
    var id = r.GetProperty(idsProperty)[0].GetString()!;
    await TaskWaiter.WaitAsync(client, ClbTasks.Started(client, action, r, lb ?? id), TimeSpan.FromMinutes(1), null, default, fast);
    return id;
}
Console.WriteLine($"Setting up {LoadBalancers} load balancers x {ListenersPerLb} listeners (+1 for the naive run) ...");
var layout = await Task.WhenAll(Enumerable.Range(0, LoadBalancers + 1).Select(async i =>
{
    var lb = await Create("CreateLoadBalancer", new { LoadBalancerType = "OPEN", LoadBalancerName = "bench-" + i }, null, "LoadBalancerIds");
    var listeners = new List<string>();
    for (var l = 0; l < ListenersPerLb; l++)
        listeners.Add(await Create("CreateListener", new { LoadBalancerId = lb, Protocol = "TCP", Ports = new[] { 10_000 + l } }, lb, "ListenerIds"));
    return (Lb: lb, Listeners: listeners);
}));
var naiveLb = layout[^1];
var benchLbs = layout[..^1];
var specs = Enumerable.Range(0, Targets).Select(i =>
{
    var (lb, listeners) = benchLbs[i % LoadBalancers];
    return new TargetSpec { LoadBalancerId = lb, ListenerId = listeners[i / LoadBalancers % ListenersPerLb], InstanceId = "ins-" + i.ToString("x8"), Port = 8080, Weight = 10 };
}).ToList();
await Task.Delay(TaskMs + 50); // let the last setup task end

var rows = new List<string[]>();
string Calls() => string.Join(", ", server.Stats.Snapshot().Where(kv => kv.Value.Calls > 0).OrderBy(kv => kv.Key)
    .Select(kv => $"{kv.Key} {kv.Value.Calls}" + (kv.Value.Throttled > 0 ? $" ({kv.Value.Throttled} throttled)" : "") + (kv.Value.Errors - kv.Value.Throttled > 0 ? $" ({kv.Value.Errors - kv.Value.Throttled} errors)" : "")));

async Task<double> Measure(string name, Func<Task<BulkResult>> run, double bound, string formula)
{
    server.Stats.Reset();
    var sw = Stopwatch.StartNew();
    var result = await run();
    var s = sw.Elapsed.TotalSeconds;
    if (result.Failed.Any()) throw new Exception(name + ": " + result.Failed.Count() + " failed, first: " + result.Failed.First());
    rows.Add(new[] { name, s.ToString("0.00") + " s", bound.ToString("0.00") + " s", (s / bound).ToString("0.00") + "x", Calls(), formula });
    Console.WriteLine($"  {name}: {s:0.00} s");
    return s;
}

// Lower bounds.
//  * BatchRegisterTargets is not an async action (catalog: no task; the emulator starts none): the only limit is the
//    rate. N = sum over LBs of ceil(targets on LB / 500) calls of one action, at most R per second:
//    T >= (N - 1) / R (the first call at t = 0), ignoring network and processing time.
//  * BatchModifyTargetWeight is async (task of D each, one task per LB): the k = N / L calls of one LB are serialized,
//    each >= D, and the L first calls themselves are 1/R apart, so T >= max((L - 1) / R + k * D, (N - 1) / R).
//    Each task needs >= 1 DescribeTaskStatus poll (N polls at R/s: (N - 1) / R, overlapping the above).
var perLb = (int)Math.Ceiling(Targets / (double)LoadBalancers / 500);
var nBatch = perLb * LoadBalancers;
var registerBound = (nBatch - 1) / Rate;
var weightBound = Math.Max((LoadBalancers - 1) / Rate + perLb * TaskMs / 1000.0, (nBatch - 1) / Rate);

var tuned = new BulkOptions { TaskWait = new TaskWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(TaskMs * 0.9), FirstInterval = TimeSpan.FromMilliseconds(25), Growth = 1.0 } };
// Warm-up (JIT, JSON metadata, connections) on the naive run's load balancer, undone before the naive run.
var warm = Enumerable.Range(0, 600).Select(i => new TargetSpec { LoadBalancerId = naiveLb.Lb, ListenerId = naiveLb.Listeners[i % ListenersPerLb], InstanceId = "ins-" + (800_000 + i).ToString("x8"), Port = 8080 }).ToList();
await BulkTargetOperations.RegisterAsync(client, warm, tuned, null, default);
await BulkTargetOperations.SetWeightAsync(client, warm.Select(s => { var c = s.Clone(); c.Weight = 5; return c; }), tuned, null, default);
await BulkTargetOperations.DeregisterAsync(client, warm, tuned, null, default);
await Task.Delay(1000); // a fresh rate-limit window
Console.WriteLine("Running ...");
await Measure("register 10,000 (engine)", () => BulkTargetOperations.RegisterAsync(client, specs, tuned, null, default), registerBound,
    $"N={nBatch} BatchRegisterTargets (not async): (N-1)/R = {nBatch - 1}/{Rate}");
await Measure("reweight 10,000 (engine, default poll schedule)", () => BulkTargetOperations.SetWeightAsync(client, specs.Select(s => { var c = s.Clone(); c.Weight = 20; return c; }), null, null, default), weightBound,
    $"k={perLb} tasks/LB x D={TaskMs}ms + (L-1)/R, L={LoadBalancers}");
await Measure("reweight 10,000 (engine, tuned poll schedule)", () => BulkTargetOperations.SetWeightAsync(client, specs.Select(s => { var c = s.Clone(); c.Weight = 30; return c; }), tuned, null, default), weightBound,
    $"k={perLb} tasks/LB x D={TaskMs}ms + (L-1)/R, L={LoadBalancers}");
await Measure("deregister 10,000 (engine)", () => BulkTargetOperations.DeregisterAsync(client, specs, tuned, null, default), registerBound,
    $"N={nBatch} BatchDeregisterTargets (not async): (N-1)/R");

// The naive way: one RegisterTargets per target, one after another, each task waited for (default TaskWaiter schedule).
server.Stats.Reset();
var naive = Stopwatch.StartNew();
for (var i = 0; i < naiveCount; i++)
{
    var r = await client.InvokeAsync("RegisterTargets", new { LoadBalancerId = naiveLb.Lb, ListenerId = naiveLb.Listeners[i % ListenersPerLb], Targets = new[] { new { InstanceId = "ins-" + (900_000 + i).ToString("x8"), Port = 8080 } } });
    await TaskWaiter.WaitAsync(client, ClbTasks.Started(client, "RegisterTargets", r, naiveLb.Lb), TimeSpan.FromMinutes(1), null, default);
}
var naiveS = naive.Elapsed.TotalSeconds;
var scaled = naiveS * Targets / naiveCount;
rows.Add(new[] { $"naive register {naiveCount} (1 RegisterTargets/target, sequential)", naiveS.ToString("0.00") + " s", "-", "-", Calls(), "" });
rows.Add(new[] { "naive scaled to 10,000", scaled.ToString("0.0") + " s", registerBound.ToString("0.00") + " s", (scaled / registerBound).ToString("0") + "x", $"~{Targets} RegisterTargets + polls", "vs the engine's register bound" });

var bound = new List<string> { "state check: " + server.State.LoadBalancers.Values.Sum(l => l.Listeners.Sum(x => x.Targets.Count)) + " targets bound (expected " + naiveCount + ")" };
Console.WriteLine();
var headers = new[] { "run", "wall", "lower bound", "ratio", "calls (per action)", "bound formula" };
var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
Console.WriteLine(Line(headers));
Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
foreach (var r in rows) Console.WriteLine(Line(r));
Console.WriteLine();
Console.WriteLine($"R = {Rate}/s per action, D = {TaskMs} ms task, L = {LoadBalancers} load balancers, 500 targets per Batch call; " + bound[0]);
