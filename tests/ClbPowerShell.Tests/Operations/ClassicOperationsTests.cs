using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>ClassicOperations against the emulator: context stamping, chunking with one task at a time per instance,
/// per-chunk errors, lookup by CVM, migration and the DescribeLoadBalancers-based wait.</summary>
public sealed class ClassicOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public ClassicOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static Task<string> ClassicAsync(ClbClient c, string name) => c.CreateLbAsync(name, extra: new { Forward = 0 });

    private static string Ins(int i) => "ins-" + i.ToString("x8");

    private static IEnumerable<ClassicalTargetInfo> Targets(int from, int count, long? weight = null) =>
        Enumerable.Range(from, count).Select(i => new ClassicalTargetInfo { InstanceId = Ins(i), Weight = weight });

    [Fact]
    public async Task Listeners_are_filtered_by_the_service_and_carry_region_and_load_balancer()
    {
        var c = _fx.Client;
        var lb = await ClassicAsync(c, "classic-listeners");
        var tcp = await c.CreateListenerAsync(lb, "TCP", 80);
        var udp = await c.CreateListenerAsync(lb, "UDP", 53);
        await c.CreateListenerAsync(lb, "HTTP", 8080);

        var all = await ClassicOperations.ListListenersAsync(c, new DescribeClassicalLBListenersRequest { LoadBalancerId = lb }, default);
        Assert.Equal(3, all.Count);
        Assert.All(all, l => { Assert.Equal(lb, l.LoadBalancerId); Assert.Equal(EmulatorFixture.Region, l.Region); });

        var onlyUdp = await ClassicOperations.ListListenersAsync(c, new DescribeClassicalLBListenersRequest { LoadBalancerId = lb, Protocol = "UDP" }, default);
        Assert.Equal(udp, Assert.Single(onlyUdp).ListenerId);
        var byPort = await ClassicOperations.ListListenersAsync(c, new DescribeClassicalLBListenersRequest { LoadBalancerId = lb, ListenerPort = 80 }, default);
        Assert.Equal(tcp, Assert.Single(byPort).ListenerId);
        var byId = await ClassicOperations.ListListenersAsync(c, new DescribeClassicalLBListenersRequest { LoadBalancerId = lb, ListenerIds = new List<string> { tcp, udp } }, default);
        Assert.Equal(new[] { tcp, udp }.OrderBy(x => x), byId.Select(l => l.ListenerId).OrderBy(x => x));
    }

    [Fact]
    public async Task A_load_balancer_of_the_current_kind_is_refused()
    {
        var lb = await _fx.Client.CreateLbAsync("not-classic");
        var e = await Emu.ErrorAsync("InvalidParameter", () => ClassicOperations.ListTargetsAsync(_fx.Client, lb, default));
        Assert.Contains("classic", e.ErrorMessage);
    }

    [Fact]
    public async Task Register_collapses_repeats_sends_20_per_call_and_waits_for_each_task_before_the_next()
    {
        // Tasks take a while here: a second call sent while the first task runs would be refused (one task per instance).
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 150);
        var c = emu.Client;
        var created = await c.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", Forward = 0, LoadBalancerName = "chunks" });
        var lb = created.GetProperty("LoadBalancerIds")[0].GetString()!;
        await TaskWaiter.WaitAsync(c, ClbTasks.Started(c, "CreateLoadBalancer", created, lb), Timeout, null, default);

        var input = Targets(1, 45, 10).Concat(new[] { new ClassicalTargetInfo { InstanceId = Ins(3), Weight = 77 } }).ToList();
        var before = emu.Server.Stats["RegisterTargetsWithClassicalLB"].Calls;
        var results = await ClassicOperations.RegisterAsync(c, lb, input, Timeout, default);

        Assert.Equal(new[] { 20, 20, 5 }, results.Select(r => r.Ids.Count));
        Assert.All(results, r => { Assert.Null(r.Error); Assert.Equal(lb, r.Task!.LoadBalancerId); Assert.Equal("RegisterTargetsWithClassicalLB", r.Task.Action); });
        Assert.Equal(3, emu.Server.Stats["RegisterTargetsWithClassicalLB"].Calls - before);
        Assert.Equal(ClbTaskStatus.Succeeded, results[0].Task!.Status); // waited for before the second call
        Assert.Equal(ClbTaskStatus.Succeeded, results[1].Task!.Status);
        Assert.Equal(ClbTaskStatus.Running, results[2].Task!.Status);  // the last is left to the caller

        await TaskWaiter.WaitAsync(c, results[2].Task!, Timeout, null, default);
        var targets = await ClassicOperations.ListTargetsAsync(c, lb, default);
        Assert.Equal(45, targets.Count);
        Assert.Equal(77, targets.Single(t => t.InstanceId == Ins(3)).Weight);
        Assert.Equal(10, targets.Single(t => t.InstanceId == Ins(4)).Weight);
        Assert.All(targets, t => { Assert.Equal(lb, t.LoadBalancerId); Assert.Equal(EmulatorFixture.Region, t.Region); });

        var removed = await ClassicOperations.DeregisterAsync(c, lb, Enumerable.Range(1, 25).Select(Ins).Concat(new[] { Ins(1) }), Timeout, default);
        Assert.Equal(new[] { 20, 5 }, removed.Select(r => r.Ids.Count));
        Assert.All(removed, r => Assert.NotNull(r.Task));
        await TaskWaiter.WaitAsync(c, removed[1].Task!, Timeout, null, default);
        Assert.Equal(Enumerable.Range(26, 20).Select(Ins), (await ClassicOperations.ListTargetsAsync(c, lb, default)).Select(t => t.InstanceId).OrderBy(x => x));
    }

    [Fact]
    public async Task A_refused_chunk_is_reported_and_the_other_chunks_still_go()
    {
        var c = _fx.Client;
        var lb = await ClassicAsync(c, "refusal");
        var first = await ClassicOperations.RegisterAsync(c, lb, new[] { new ClassicalTargetInfo { InstanceId = Ins(30) } }, Timeout, default);
        Assert.NotNull(Assert.Single(first).Task);

        // Chunk 2 (instances 21..40) holds ins-..1e (30), which is already bound.
        var results = await ClassicOperations.RegisterAsync(c, lb, Targets(1, 50), Timeout, default);
        Assert.Equal(3, results.Count);
        Assert.NotNull(results[0].Task);
        var error = Assert.IsType<ClbApiException>(results[1].Error);
        Assert.Equal("InvalidParameterValue.Duplicate", error.Code);
        Assert.Contains(Ins(30), results[1].Ids);
        Assert.NotNull(results[2].Task);
        var bound = (await ClassicOperations.ListTargetsAsync(c, lb, default)).Select(t => t.InstanceId).ToHashSet();
        Assert.Equal(31, bound.Count); // 20 + 10 + ins 30
        Assert.DoesNotContain(Ins(21), bound);

        var missing = await ClassicOperations.DeregisterAsync(c, lb, new[] { Ins(999) }, Timeout, default);
        Assert.Equal("InvalidParameter", Assert.IsType<ClbApiException>(Assert.Single(missing).Error).Code);
    }

    [Fact]
    public async Task Health_has_a_row_per_listener_and_real_server_and_names_the_listener_when_asked()
    {
        var c = _fx.Client;
        var lb = await ClassicAsync(c, "health");
        var l80 = await c.CreateListenerAsync(lb, "TCP", 80);
        await c.CreateListenerAsync(lb, "TCP", 443);
        await ClassicOperations.RegisterAsync(c, lb, Targets(100, 3), Timeout, default);

        var all = await ClassicOperations.HealthAsync(c, lb, null, default);
        Assert.Equal(6, all.Count);
        Assert.All(all, h => { Assert.Equal(lb, h.LoadBalancerId); Assert.Equal(EmulatorFixture.Region, h.Region); Assert.Null(h.ListenerId); });
        Assert.Equal(new long?[] { 80, 443 }, all.Select(h => h.ListenerPort).Distinct().OrderBy(p => p));

        var one = await ClassicOperations.HealthAsync(c, lb, l80, default);
        Assert.Equal(3, one.Count);
        Assert.All(one, h => { Assert.Equal(l80, h.ListenerId); Assert.Equal(80, h.ListenerPort); Assert.Equal(1, h.HealthStatus); });
    }

    [Fact]
    public async Task Find_by_instance_asks_20_per_call_and_answers_every_instance_in_order()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var a = await ClassicAsync(c, "a");
        var b = await ClassicAsync(c, "b");
        await ClassicOperations.RegisterAsync(c, a, Targets(1, 2), Timeout, default);
        await ClassicOperations.RegisterAsync(c, b, Targets(2, 1), Timeout, default);

        var ask = Enumerable.Range(1, 25).Select(Ins).Reverse().Concat(new[] { Ins(2) }).ToList();
        var before = emu.Server.Stats["DescribeClassicalLBByInstanceId"].Calls;
        var found = await ClassicOperations.FindByInstanceAsync(c, ask, default);
        Assert.Equal(2, emu.Server.Stats["DescribeClassicalLBByInstanceId"].Calls - before);
        Assert.Equal(Enumerable.Range(1, 25).Select(Ins).Reverse(), found.Select(f => f.InstanceId));
        Assert.Equal(new[] { a }, found.Single(f => f.InstanceId == Ins(1)).LoadBalancerIds);
        Assert.Equal(new[] { a, b }.OrderBy(x => x), found.Single(f => f.InstanceId == Ins(2)).LoadBalancerIds!.OrderBy(x => x));
        Assert.Empty(found.Single(f => f.InstanceId == Ins(3)).LoadBalancerIds!);
        Assert.All(found, f => Assert.Equal(EmulatorFixture.Region, f.Region));
    }

    [Fact]
    public async Task Migrate_chunks_ids_reports_refusals_per_chunk_and_the_wait_sees_Forward_1()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var classic = new List<string>();
        for (var i = 0; i < 21; i++) classic.Add(await ClassicAsync(c, "m" + i));
        var current = await c.CreateLbAsync("current");
        await ClassicOperations.RegisterAsync(c, classic[0], Targets(7, 1, 30), Timeout, default);
        var l80 = await c.CreateListenerAsync(classic[0], "TCP", 80);

        // 20 classic in the first call; the second carries the last classic one and one of the current kind, and is refused.
        var results = await ClassicOperations.MigrateAsync(c, classic.Concat(new[] { current, classic[0] }).ToList(), null, default);
        Assert.Equal(2, results.Count);
        var task = results[0].Task!;
        Assert.Equal(classic.Take(20), task.LoadBalancerIds);
        Assert.Equal("InvalidParameter", Assert.IsType<ClbApiException>(results[1].Error).Code);
        Assert.Equal(new[] { classic[20], current }, results[1].Ids);

        var migrated = await ClassicOperations.WaitMigratedAsync(c, task, Timeout, null, default);
        Assert.Equal(classic.Take(20), migrated.Select(lb => lb.LoadBalancerId));
        Assert.All(migrated, lb => { Assert.Equal(1, lb.Forward); Assert.Equal(EmulatorFixture.Region, lb.Region); });
        Assert.Equal(ClbTaskStatus.Succeeded, task.Status);
        Assert.NotNull(task.EndTime);
        // The real server now serves the layer-4 listener directly.
        var bound = emu.Server.State.LoadBalancers[classic[0]].Listeners.Single(l => l.ListenerId == l80).Targets;
        Assert.Equal(Ins(7), Assert.Single(bound).InstanceId);
    }

    [Fact]
    public async Task The_migration_wait_times_out_while_still_classic_and_fails_when_the_instance_is_gone()
    {
        var c = _fx.Client;
        var lb = await ClassicAsync(c, "still-classic");
        var task = ClbTasks.Started(c, "MigrateClassicalLoadBalancers", "req-never", lb, lb);
        var polls = 0;
        var fast = new TaskWaitOptions { FirstInterval = TimeSpan.FromMilliseconds(10), MaxInterval = TimeSpan.FromMilliseconds(10) };
        await Assert.ThrowsAsync<ClbTaskTimeoutException>(() =>
            ClassicOperations.WaitMigratedAsync(c, task, TimeSpan.FromMilliseconds(200), (_, _) => polls++, default, fast));
        Assert.True(polls >= 2, "polled " + polls + " times");
        Assert.Equal(ClbTaskStatus.Running, task.Status);

        var gone = ClbTasks.Started(c, "MigrateClassicalLoadBalancers", "req-gone", "lb-gone0000", "lb-gone0000");
        await Assert.ThrowsAsync<ClbTaskFailedException>(() => ClassicOperations.WaitMigratedAsync(c, gone, Timeout, null, default));
        Assert.Equal(ClbTaskStatus.Failed, gone.Status);
    }
}
