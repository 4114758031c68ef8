using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Tests.Emulator;
using static ClbPowerShell.Tests.Operations.Bulk;

namespace ClbPowerShell.Tests.Operations;

/// <summary>Which calls the bulk engine chooses (counted by the emulator), per-target outcomes, and one-task-per-load-balancer ordering.</summary>
public sealed class BulkEngineTests
{
    private sealed class Recorder : IProgress<BulkProgress>
    {
        public readonly List<BulkProgress> Reports = new();
        public void Report(BulkProgress value) { lock (Reports) Reports.Add(value); }
    }

    [Fact]
    public async Task Few_targets_on_one_listener_take_one_RegisterTargets_call()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 1);
        var specs = Specs(lb, ls, 20, weight: 30);
        var result = await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(), null, default);

        Assert.Equal(20, result.Succeeded.Count());
        Assert.Empty(result.Failed);
        Assert.Equal(1, Calls(emu, "RegisterTargets"));
        Assert.Equal(0, Calls(emu, "BatchRegisterTargets"));
        Assert.Equal(specs.Select(Binding).OrderBy(x => x), Bindings(emu.Server.State, lb).OrderBy(x => x));
        Assert.All(Weights(emu.Server.State, lb).Values, w => Assert.Equal(30, w));
    }

    [Fact]
    public async Task More_than_one_call_per_load_balancer_goes_to_BatchRegisterTargets_in_chunks_of_500()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 3);
        var specs = Specs(lb, ls, 1201);
        var progress = new Recorder();
        var result = await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(), progress, default);

        Assert.Equal(1201, result.Succeeded.Count());
        Assert.Equal(3, Calls(emu, "BatchRegisterTargets")); // 500 + 500 + 201
        Assert.Equal(0, Calls(emu, "RegisterTargets"));
        Assert.Equal(specs.Select(Binding).OrderBy(x => x), Bindings(emu.Server.State, lb).OrderBy(x => x));
        var last = progress.Reports.Last();
        Assert.Equal(1201, last.Total);
        Assert.Equal(1201, last.Succeeded);
        Assert.Equal(100, last.PercentComplete);
    }

    [Fact]
    public async Task Batch_calls_never_mix_load_balancers()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var a = await LbWithListenersAsync(emu.Client, 2);
        var b = await LbWithListenersAsync(emu.Client, 2);
        var specs = Specs(a.Lb, a.Listeners, 300).Concat(Specs(b.Lb, b.Listeners, 300, firstInstance: 1000)).ToList();
        var result = await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(), null, default);

        Assert.Equal(600, result.Succeeded.Count());
        Assert.Equal(2, Calls(emu, "BatchRegisterTargets")); // one per load balancer although 600 > 500 would fit two anyway
        Assert.Equal(300, Bindings(emu.Server.State, a.Lb).Count);
        Assert.Equal(300, Bindings(emu.Server.State, b.Lb).Count);
    }

    [Fact]
    public async Task Never_mode_uses_one_RegisterTargets_per_20_targets_and_listener()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 2);
        var specs = Specs(lb, ls, 50); // 25 per listener -> 2 calls each
        var result = await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(BatchMode.Never), null, default);

        Assert.Equal(50, result.Succeeded.Count());
        Assert.Equal(4, Calls(emu, "RegisterTargets"));
        Assert.True(emu.Server.Stats["DescribeTaskStatus"].Succeeded >= 4); // every task was followed to its end
        Assert.Equal(0, Calls(emu, "BatchRegisterTargets"));
    }

    [Fact]
    public async Task Deregister_chooses_the_same_way()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 2);
        var specs = Specs(lb, ls, 700);
        await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(), null, default);

        var few = specs.Where(s => s.ListenerId == ls[0]).Take(7).ToList();
        var r1 = await BulkTargetOperations.DeregisterAsync(emu.Client, few, FastOptions(), null, default);
        Assert.Equal(7, r1.Succeeded.Count());
        Assert.Equal(1, Calls(emu, "DeregisterTargets"));

        var rest = specs.Except(few).ToList();
        var r2 = await BulkTargetOperations.DeregisterAsync(emu.Client, rest, FastOptions(), null, default);
        Assert.Equal(693, r2.Succeeded.Count());
        Assert.Equal(2, Calls(emu, "BatchDeregisterTargets"));
        Assert.Empty(Bindings(emu.Server.State, lb));
    }

    [Fact]
    public async Task Weights_go_through_BatchModifyTargetWeight_when_many_and_ModifyTargetWeight_when_few()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 2);
        var specs = Specs(lb, ls, 1000);
        await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(), null, default);

        var many = specs.Select((s, i) => { var c = s.Clone(); c.Weight = i % 101; return c; }).ToList();
        var r = await BulkTargetOperations.SetWeightAsync(emu.Client, many, FastOptions(), null, default);
        Assert.Equal(1000, r.Succeeded.Count());
        Assert.Equal(2, Calls(emu, "BatchModifyTargetWeight"));
        var weights = Weights(emu.Server.State, lb);
        foreach (var s in many) Assert.Equal((int)s.Weight!.Value, weights[$"{s.ListenerId}/{s.InstanceId}:{s.Port}"]);

        var few = many.Where(s => s.ListenerId == ls[0]).Take(3).Select(s => { var c = s.Clone(); c.Weight = 0; return c; }).ToList();
        r = await BulkTargetOperations.SetWeightAsync(emu.Client, few, FastOptions(), null, default);
        Assert.Equal(3, r.Succeeded.Count());
        Assert.Equal(1, Calls(emu, "ModifyTargetWeight"));
        weights = Weights(emu.Server.State, lb);
        foreach (var s in few) Assert.Equal(0, weights[$"{s.ListenerId}/{s.InstanceId}:{s.Port}"]);
    }

    [Fact]
    public async Task Ports_move_with_ModifyTargetPort_20_at_a_time()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 1);
        var specs = Specs(lb, ls, 30);
        await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(), null, default);
        var moves = specs.Select(s => { var c = s.Clone(); c.NewPort = 8080; return c; }).ToList();
        var r = await BulkTargetOperations.SetPortAsync(emu.Client, moves, FastOptions(), null, default);
        Assert.Equal(30, r.Succeeded.Count());
        Assert.Equal(2, Calls(emu, "ModifyTargetPort"));
        Assert.All(Bindings(emu.Server.State, lb), b => Assert.EndsWith(":8080", b));
    }

    [Fact]
    public async Task A_listener_that_does_not_exist_fails_only_its_targets_in_a_batch()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 2);
        var good = Specs(lb, ls, 100);
        var bad = Specs(lb, new[] { "lbl-zzzzzzzz" }, 10, firstInstance: 5000);
        var result = await BulkTargetOperations.RegisterAsync(emu.Client, good.Concat(bad), FastOptions(), null, default);

        Assert.Equal(good.Select(s => s.Key).OrderBy(x => x), result.Succeeded.Select(o => o.Target.Key).OrderBy(x => x));
        Assert.Equal(bad.Select(s => s.Key).OrderBy(x => x), result.Failed.Select(o => o.Target.Key).OrderBy(x => x));
        Assert.All(result.Failed, o => Assert.Equal("InvalidParameter.ListenerIdNotFound", Assert.IsType<ClbApiException>(o.Error).Code));
        Assert.Equal(good.Select(Binding).OrderBy(x => x), Bindings(emu.Server.State, lb).OrderBy(x => x));
    }

    [Fact]
    public async Task A_listener_that_does_not_exist_fails_only_its_targets_with_per_listener_calls()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 1);
        var good = Specs(lb, ls, 5);
        var bad = Specs(lb, new[] { "lbl-zzzzzzzz" }, 3, firstInstance: 5000);
        var result = await BulkTargetOperations.RegisterAsync(emu.Client, good.Concat(bad), FastOptions(BatchMode.Never), null, default);

        Assert.Equal(5, result.Succeeded.Count());
        Assert.Equal(bad.Select(s => s.Key).OrderBy(x => x), result.Failed.Select(o => o.Target.Key).OrderBy(x => x));
        Assert.All(result.Failed, o => Assert.Equal("InvalidParameter.ListenerIdNotFound", Assert.IsType<ClbApiException>(o.Error).Code));
        Assert.Equal(5, Bindings(emu.Server.State, lb).Count);
    }

    [Fact]
    public async Task An_already_bound_target_is_reported_failed_not_done_and_the_other_listeners_proceed()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 2);
        var specs = Specs(lb, ls, 60);
        await BulkTargetOperations.RegisterAsync(emu.Client, specs.Take(1), FastOptions(), null, default); // one already on ls[0]
        var result = await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(), null, default);

        // The batch is all-or-nothing per listener: ls[0] was refused, ls[1] applied.
        Assert.All(result.Failed, o => Assert.Equal(ls[0], o.Target.ListenerId));
        Assert.All(result.Succeeded, o => Assert.Equal(ls[1], o.Target.ListenerId));
        Assert.Equal(30, result.Failed.Count());
        Assert.Equal(31, Bindings(emu.Server.State, lb).Count);
    }

    [Fact]
    public async Task Rules_named_by_domain_and_url_are_resolved_for_batches()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lb = await c.CreateLbAsync("bulk-l7");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var loc = await c.CreateRuleAsync(lb, l, "a.example.com", "/api");
        var specs = Enumerable.Range(0, 40).Select(i => new TargetSpec { LoadBalancerId = lb, ListenerId = l, Domain = "a.example.com", Url = "/api", InstanceId = Ins(i), Port = 80 }).ToList();
        specs.Add(new TargetSpec { LoadBalancerId = lb, ListenerId = l, Domain = "nope.example.com", Url = "/", InstanceId = Ins(99), Port = 80 });
        var result = await BulkTargetOperations.RegisterAsync(c, specs, FastOptions(), null, default);

        Assert.Equal(40, result.Succeeded.Count());
        Assert.Equal("InvalidParameter.LocationNotFound", Assert.IsType<ClbApiException>(Assert.Single(result.Failed).Error).Code);
        Assert.Equal(1, Calls(emu, "BatchRegisterTargets"));
        Assert.All(Bindings(emu.Server.State, lb), b => Assert.Contains("/" + loc + "/", b));
    }

    [Fact]
    public async Task Duplicate_requests_are_sent_once_and_both_reported()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 1);
        var specs = Specs(lb, ls, 3);
        var result = await BulkTargetOperations.RegisterAsync(emu.Client, specs.Concat(new[] { specs[0].Clone() }), FastOptions(), null, default);
        Assert.Equal(4, result.Succeeded.Count());
        Assert.Equal(3, Bindings(emu.Server.State, lb).Count);
    }

    [Fact]
    public async Task Calls_to_one_load_balancer_wait_for_each_task_so_none_meets_a_running_one()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 150);
        var a = await LbWithListenersAsync(emu.Client, 3);
        var b = await LbWithListenersAsync(emu.Client, 3);
        emu.Server.Stats.Reset();
        var specs = Specs(a.Lb, a.Listeners, 45).Concat(Specs(b.Lb, b.Listeners, 45, firstInstance: 100)).ToList();
        var r = await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(BatchMode.Never), null, default);
        Assert.Equal(90, r.Succeeded.Count());
        var weights = specs.Select(s => { var c = s.Clone(); c.Weight = 5; return c; }).ToList();
        r = await BulkTargetOperations.SetWeightAsync(emu.Client, weights, FastOptions(), null, default);
        Assert.Equal(90, r.Succeeded.Count());

        Assert.Equal(6, Calls(emu, "RegisterTargets")); // 15 per listener, 3 listeners, 2 load balancers
        Assert.Equal(0, emu.Server.Stats["RegisterTargets"].Errors); // never FailedOperation.ResourceInOperating
        Assert.Equal(2, Calls(emu, "BatchModifyTargetWeight"));
        Assert.Equal(0, emu.Server.Stats["BatchModifyTargetWeight"].Errors);
    }

    [Fact]
    public async Task A_load_balancer_busy_with_someone_elses_task_is_waited_out()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 300);
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 1);
        // Another client's task keeps the load balancer busy for 300 ms.
        await emu.Client.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = ls[0], Targets = new[] { new { InstanceId = Ins(900), Port = 80 } } });
        var r = await BulkTargetOperations.RegisterAsync(emu.Client, Specs(lb, ls, 5), FastOptions(), null, default);
        Assert.Equal(5, r.Succeeded.Count());
        Assert.True(emu.Server.Stats["RegisterTargets"].Errors >= 1); // refused while busy, then re-sent
        Assert.Equal(6, Bindings(emu.Server.State, lb).Count);
    }

    [Fact]
    public async Task A_failed_task_fails_its_targets_only()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var (lb, ls) = await LbWithListenersAsync(emu.Client, 2);
        emu.Server.AddFault(new ClbPowerShell.Emulator.FaultRule { Kind = ClbPowerShell.Emulator.FaultKind.FailTask, Actions = new() { "RegisterTargets" }, Count = 1 });
        var specs = Specs(lb, ls, 10); // 5 per listener: two RegisterTargets calls
        var r = await BulkTargetOperations.RegisterAsync(emu.Client, specs, FastOptions(BatchMode.Never), null, default);
        Assert.Equal(5, r.Failed.Count());
        Assert.All(r.Failed, o => Assert.IsType<ClbPowerShell.Client.Operations.ClbTaskFailedException>(o.Error));
        Assert.Equal(5, r.Succeeded.Count());
        Assert.Equal(r.Succeeded.Select(o => Binding(o.Target)).OrderBy(x => x), Bindings(emu.Server.State, lb).OrderBy(x => x));
    }
}
