using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Emulator.State;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>Builds load balancers, listeners and target specs for the bulk tests, and reads bindings back from the emulator state.</summary>
internal static class Bulk
{
    /// <summary>Instance ids ins-00000000.. in the shape the service uses.</summary>
    public static string Ins(int i) => "ins-" + i.ToString("x8");

    public static async Task<(string Lb, List<string> Listeners)> LbWithListenersAsync(ClbClient c, int listeners, string protocol = "TCP")
    {
        // Each create is an async task that keeps the load balancer busy: wait for it (emulators with a task duration).
        var created = await c.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", LoadBalancerName = "bulk-" + Guid.NewGuid().ToString("N")[..6] });
        var lb = created.GetProperty("LoadBalancerIds")[0].GetString()!;
        await WaitAsync(c, created, lb);
        var ids = new List<string>();
        for (var i = 0; i < listeners; i++)
        {
            var r = await c.InvokeAsync("CreateListener", new { LoadBalancerId = lb, Protocol = protocol, Ports = new[] { 1000 + i } });
            ids.Add(r.GetProperty("ListenerIds")[0].GetString()!);
            await WaitAsync(c, r, lb);
        }
        return (lb, ids);
    }

    public static Task WaitAsync(ClbClient c, System.Text.Json.JsonElement response, string lb) =>
        ClbPowerShell.Client.Operations.TaskWaiter.WaitAsync(c, ClbPowerShell.Client.Operations.ClbTasks.Started(c, "Create", response, lb),
            TimeSpan.FromSeconds(30), null, default, new ClbPowerShell.Client.Operations.TaskWaitOptions { FirstInterval = TimeSpan.FromMilliseconds(20), Growth = 1 });

    /// <summary><paramref name="count"/> targets spread round-robin over the listeners, each a distinct instance.</summary>
    public static List<TargetSpec> Specs(string lb, IReadOnlyList<string> listeners, int count, int firstInstance = 0, long port = 80, long? weight = null) =>
        Enumerable.Range(0, count).Select(i => new TargetSpec
        {
            LoadBalancerId = lb,
            ListenerId = listeners[i % listeners.Count],
            InstanceId = Ins(firstInstance + i),
            Port = port,
            Weight = weight,
        }).ToList();

    /// <summary>Every binding in the emulator as "lb/listener/location/instance-or-ip:port" (duplicates kept, to catch them).</summary>
    public static List<string> Bindings(StateData state, string? lb = null) =>
        state.LoadBalancers.Values.Where(l => lb == null || l.LoadBalancerId == lb).SelectMany(l => l.Listeners.SelectMany(li =>
            li.Targets.Select(t => $"{l.LoadBalancerId}/{li.ListenerId}//{t.Key}:{t.Port}")
                .Concat(li.Rules.SelectMany(r => r.Targets.Select(t => $"{l.LoadBalancerId}/{li.ListenerId}/{r.LocationId}/{t.Key}:{t.Port}"))))).ToList();

    public static string Binding(TargetSpec t) => $"{t.LoadBalancerId}/{t.ListenerId}/{t.LocationId}/{t.InstanceId ?? t.EniIp}:{t.Port}";

    public static Dictionary<string, int> Weights(StateData state, string lb) =>
        state.LoadBalancers[lb].Listeners.SelectMany(li => li.Targets.Select(t => ($"{li.ListenerId}/{t.Key}:{t.Port}", t.Weight))
            .Concat(li.Rules.SelectMany(r => r.Targets.Select(t => ($"{li.ListenerId}/{r.LocationId}/{t.Key}:{t.Port}", t.Weight)))))
            .ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>A client that retries as the cmdlets' clients do (reads on any transient failure, writes only when nothing was applied), with short delays.</summary>
    public static ClbClient RetryingClient(EmulatorFixture emu, double? rate = null) =>
        new(new ClbClientOptions
        {
            Endpoint = emu.Endpoint,
            Region = EmulatorFixture.Region,
            Credentials = new StaticCredentialProvider(new ClbCredentials(EmulatorFixture.SecretId, EmulatorFixture.SecretKey)),
            MaxAttempts = 8,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            RateLimitPerSecond = rate,
            Timeout = TimeSpan.FromSeconds(30),
        });

    public static BulkOptions FastOptions(BatchMode mode = BatchMode.Auto) => new()
    {
        BatchMode = mode,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        TaskWait = new ClbPowerShell.Client.Operations.TaskWaitOptions { FirstInterval = TimeSpan.FromMilliseconds(20), Growth = 1.2, MaxInterval = TimeSpan.FromMilliseconds(200) },
        MaxAttempts = 20,
    };

    public static long Calls(EmulatorFixture emu, string action) => emu.Server.Stats[action].Calls;
}
