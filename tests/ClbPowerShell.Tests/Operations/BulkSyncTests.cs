using ClbPowerShell.Client.Operations;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Tests.Emulator;
using static ClbPowerShell.Tests.Operations.Bulk;

namespace ClbPowerShell.Tests.Operations;

/// <summary>The sync plan (a pure function of current and desired) and carrying it out against the emulator.</summary>
public sealed class BulkSyncTests
{
    private static ClbTarget Cur(string? ins, long port, long? weight, string? ip = null) =>
        new() { LoadBalancerId = "lb-00000001", ListenerId = "lbl-00000001", InstanceId = ins, EniIp = ip, Port = port, Weight = weight };

    private static TargetSpec Want(string? ins, long port, long? weight = null, string? ip = null) =>
        new() { InstanceId = ins, EniIp = ip, Port = port, Weight = weight };

    private static TargetSyncPlan Plan(IEnumerable<ClbTarget> current, IEnumerable<TargetSpec> desired) =>
        TargetSync.Plan(current, desired, "lb-00000001", "lbl-00000001", null);

    [Fact]
    public void Equal_sets_need_nothing()
    {
        var plan = Plan(new[] { Cur("ins-00000001", 80, 10), Cur(null, 80, 10, "10.0.0.5") }, new[] { Want("ins-00000001", 80), Want(null, 80, 10, "10.0.0.5") });
        Assert.True(plan.IsEmpty);
        Assert.Equal(2, plan.Unchanged.Count);
    }

    [Fact]
    public void Missing_are_registered_extra_deregistered_weights_corrected()
    {
        var plan = Plan(
            new[] { Cur("ins-00000001", 80, 10), Cur("ins-00000002", 80, 10), Cur("ins-00000003", 80, 10) },
            new[] { Want("ins-00000001", 80, 10), Want("ins-00000002", 80, 50), Want("ins-00000004", 80, 20), Want(null, 8080, null, "10.0.0.9") });

        Assert.Equal(new[] { "ins-00000004:80", "10.0.0.9:8080" }.OrderBy(x => x), plan.Of(TargetOperation.Register).Select(c => c.Target.BackendKey).OrderBy(x => x));
        var w = Assert.Single(plan.Of(TargetOperation.SetWeight));
        Assert.Equal(("ins-00000002:80", 10L, 50L), (w.Target.BackendKey, w.OldWeight!.Value, w.NewWeight!.Value));
        Assert.Equal(50, w.Target.Weight);
        Assert.Equal("ins-00000003:80", Assert.Single(plan.Of(TargetOperation.Deregister)).Target.BackendKey);
        Assert.Empty(plan.Of(TargetOperation.SetPort));
        Assert.Equal(TargetOperation.Register, plan.Changes[0].Operation);
        Assert.Equal(TargetOperation.Deregister, plan.Changes[^1].Operation);
        Assert.All(plan.Changes, c => Assert.Equal(("lb-00000001", "lbl-00000001"), (c.Target.LoadBalancerId, c.Target.ListenerId)));
        Assert.Equal("Set weight 10 -> 50", w.Description);
    }

    [Fact]
    public void A_backend_that_only_changes_port_is_moved_not_replaced()
    {
        var plan = Plan(new[] { Cur("ins-00000001", 80, 10), Cur("ins-00000002", 80, 10) },
                        new[] { Want("ins-00000001", 8080), Want("ins-00000002", 81, 30) });
        var moves = plan.Of(TargetOperation.SetPort).OrderBy(c => c.Target.InstanceId).ToList();
        Assert.Equal(2, moves.Count);
        Assert.Equal((80L, 8080L), (moves[0].Target.Port, moves[0].Target.NewPort!.Value));
        Assert.Equal(10, moves[0].NewWeight); // kept
        Assert.Equal((80L, 81L, 30L), (moves[1].Target.Port, moves[1].Target.NewPort!.Value, moves[1].NewWeight!.Value));
        Assert.Equal("Set port 80 -> 81 (then weight 10 -> 30)", moves[1].Description);
        Assert.Empty(plan.Of(TargetOperation.Register));
        Assert.Empty(plan.Of(TargetOperation.Deregister));
    }

    [Fact]
    public void Extra_ports_of_one_backend_pair_up_then_the_rest_is_added_or_removed()
    {
        var plan = Plan(new[] { Cur("ins-00000001", 80, 10), Cur("ins-00000001", 81, 10), Cur("ins-00000001", 82, 10) },
                        new[] { Want("ins-00000001", 81), Want("ins-00000001", 90) });
        Assert.Equal((80L, 90L), (Assert.Single(plan.Of(TargetOperation.SetPort)).Target.Port, plan.Of(TargetOperation.SetPort).Single().Target.NewPort!.Value));
        Assert.Equal(82, Assert.Single(plan.Of(TargetOperation.Deregister)).Target.Port);
        Assert.Empty(plan.Of(TargetOperation.Register));
    }

    [Fact]
    public void An_empty_desired_set_removes_everything_and_duplicates_are_refused()
    {
        var plan = Plan(new[] { Cur("ins-00000001", 80, 10), Cur(null, 80, 10, "10.0.0.5") }, Array.Empty<TargetSpec>());
        Assert.Equal(2, plan.Of(TargetOperation.Deregister).Count());
        Assert.Equal("10.0.0.5", plan.Of(TargetOperation.Deregister).Single(c => c.Target.InstanceId == null).Target.EniIp);
        Assert.Throws<ArgumentException>(() => Plan(Array.Empty<ClbTarget>(), new[] { Want("ins-00000001", 80), Want("ins-00000001", 80, 5) }));
        Assert.Throws<ArgumentException>(() => Plan(Array.Empty<ClbTarget>(), new[] { Want(null, 80) }));
    }

    [Fact]
    public async Task Applying_the_plan_makes_the_listener_equal_the_desired_set_draining_the_leavers_first()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var (lb, ls) = await LbWithListenersAsync(c, 1);
        await BulkTargetOperations.RegisterAsync(c, Specs(lb, ls, 6, weight: 10), FastOptions(), null, default); // ins 0..5
        var desired = new[] { Want(Ins(0), 80, 10), Want(Ins(1), 80, 40), Want(Ins(2), 8080), Want(Ins(7), 80, 25), Want(Ins(8), 80) };

        var current = await TargetSync.ReadAsync(c, lb, ls[0], null, default);
        Assert.Equal(6, current.Count);
        var plan = TargetSync.Plan(current, desired, lb, ls[0], null);
        Assert.Equal(2, plan.Of(TargetOperation.Register).Count());
        Assert.Equal(3, plan.Of(TargetOperation.Deregister).Count());
        emu.Server.Stats.Reset();
        var phases = new List<string>();
        var result = await TargetSync.ApplyAsync(c, plan, TimeSpan.FromMilliseconds(50), FastOptions(), null, phases.Add, default);

        Assert.Empty(result.Failed);
        var after = await TargetSync.ReadAsync(c, lb, ls[0], null, default);
        Assert.Equal(new[] { $"{Ins(0)}:80=10", $"{Ins(1)}:80=40", $"{Ins(2)}:8080=10", $"{Ins(7)}:80=25", $"{Ins(8)}:80=10" },
            after.Select(t => $"{t.InstanceId}:{t.Port}={t.Weight}").OrderBy(x => x));
        Assert.Contains(phases, p => p.StartsWith("Draining 3"));
        // Drain (weight 0 for the 3 leavers) and the weight change of ins 1 are two weight calls; the leavers left after.
        Assert.Equal(2, emu.Server.Stats["ModifyTargetWeight"].Calls + emu.Server.Stats["BatchModifyTargetWeight"].Calls);
        Assert.Equal(1, emu.Server.Stats["DeregisterTargets"].Calls + emu.Server.Stats["BatchDeregisterTargets"].Calls);
        Assert.Equal(1, emu.Server.Stats["ModifyTargetPort"].Calls);
        Assert.True(phases.FindIndex(p => p.StartsWith("Draining")) < phases.FindIndex(p => p.StartsWith("Deregistering")));
    }

    [Fact]
    public async Task Sync_reads_and_writes_a_layer7_rule()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lb = await c.CreateLbAsync("sync-l7");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var loc = await c.CreateRuleAsync(lb, l, "a.example.com", "/");
        Assert.Equal(loc, await TargetSync.ResolveLocationAsync(c, lb, l, "a.example.com", "/", default));
        var plan = TargetSync.Plan(await TargetSync.ReadAsync(c, lb, l, loc, default), new[] { Want(Ins(1), 80), Want(null, 80, 5, "10.1.2.3") }, lb, l, loc);
        var r = await TargetSync.ApplyAsync(c, plan, TimeSpan.Zero, FastOptions(), null, null, default);
        Assert.Equal(2, r.Succeeded.Count());
        var after = await TargetSync.ReadAsync(c, lb, l, loc, default);
        Assert.Equal(2, after.Count);
        Assert.All(after, t => Assert.Equal(("a.example.com", "/", loc), (t.Domain, t.Url, t.LocationId)));
        Assert.Equal("10.1.2.3", after.Single(t => t.InstanceId == null).EniIp);
    }
}
