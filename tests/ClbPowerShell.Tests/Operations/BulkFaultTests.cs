using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Emulator;
using ClbPowerShell.Tests.Emulator;
using static ClbPowerShell.Tests.Operations.Bulk;

namespace ClbPowerShell.Tests.Operations;

/// <summary>
/// The emulator's faults on (HTTP 5xx, InternalError, throttling, connections dropped before and after applying):
/// afterwards every requested target is bound exactly once (read from the emulator state) and every outcome says so.
/// </summary>
public sealed class BulkFaultTests
{
    private static readonly List<string> Writes = new()
    {
        "RegisterTargets", "DeregisterTargets", "BatchRegisterTargets", "BatchDeregisterTargets",
        "ModifyTargetWeight", "BatchModifyTargetWeight", "ModifyTargetPort",
    };

    public static TheoryData<FaultKind, bool> Cases()
    {
        var data = new TheoryData<FaultKind, bool>();
        foreach (var kind in new[] { FaultKind.Http500, FaultKind.Http502, FaultKind.Http503, FaultKind.InternalError, FaultKind.RequestLimitExceeded, FaultKind.DropBefore, FaultKind.DropAfter })
        {
            data.Add(kind, true);  // Batch* actions
            data.Add(kind, false); // per-listener actions with tasks
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_target_ends_up_registered_exactly_once_then_gone(FaultKind kind, bool batch)
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = batch ? 0 : 30);
        var client = RetryingClient(emu);
        var a = await LbWithListenersAsync(client, 3);
        var b = await LbWithListenersAsync(client, 2);
        var count = batch ? 1300 : 90;
        var specs = Specs(a.Lb, a.Listeners, count).Concat(Specs(b.Lb, b.Listeners, count / 2, firstInstance: 10_000)).ToList();
        var options = FastOptions(batch ? BatchMode.Auto : BatchMode.Never);

        // Faults on the writes and on the reads that follow them (the client retries reads itself).
        emu.Server.AddFault(new FaultRule { Kind = kind, Probability = 0.35, Actions = Writes });
        emu.Server.AddFault(new FaultRule { Kind = kind, Probability = 0.1, Actions = new() { "DescribeTargets", "DescribeTaskStatus" } });

        var registered = await BulkTargetOperations.RegisterAsync(client, specs, options, null, default);
        Assert.True(emu.Server.Stats.Snapshot().Values.Sum(s => s.Faulted) > 0, "no fault fired");
        Assert.Empty(registered.Failed);
        Assert.Equal(specs.Count, registered.Succeeded.Count());
        var bound = Bindings(emu.Server.State);
        Assert.Equal(specs.Select(Binding).OrderBy(x => x), bound.OrderBy(x => x)); // each exactly once, nothing else

        var reweighted = await BulkTargetOperations.SetWeightAsync(client, specs.Select(s => { var c = s.Clone(); c.Weight = 7; return c; }), options, null, default);
        Assert.Empty(reweighted.Failed);
        Assert.All(Weights(emu.Server.State, a.Lb).Values, w => Assert.Equal(7, w));

        var deregistered = await BulkTargetOperations.DeregisterAsync(client, specs, options, null, default);
        Assert.Empty(deregistered.Failed);
        Assert.Equal(specs.Count, deregistered.Succeeded.Count());
        Assert.Empty(Bindings(emu.Server.State));
    }

    [Fact]
    public async Task A_dropped_answer_after_applying_is_not_sent_again()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var client = RetryingClient(emu);
        var (lb, ls) = await LbWithListenersAsync(client, 2);
        emu.Server.AddFault(new FaultRule { Kind = FaultKind.DropAfter, Actions = new() { "BatchRegisterTargets" }, Count = 1 });
        var specs = Specs(lb, ls, 100);
        var r = await BulkTargetOperations.RegisterAsync(client, specs, FastOptions(), null, default);

        Assert.Equal(100, r.Succeeded.Count());
        Assert.Equal(1, emu.Server.Stats["BatchRegisterTargets"].Calls); // applied by the dropped call, confirmed by DescribeTargets
        Assert.True(emu.Server.Stats["DescribeTargets"].Succeeded >= 1);
        Assert.Equal(100, Bindings(emu.Server.State, lb).Count);
    }

    [Fact]
    public async Task A_dropped_call_that_did_not_apply_is_sent_again_once()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var client = RetryingClient(emu);
        var (lb, ls) = await LbWithListenersAsync(client, 2);
        emu.Server.AddFault(new FaultRule { Kind = FaultKind.DropBefore, Actions = new() { "BatchRegisterTargets" }, Count = 1 });
        var r = await BulkTargetOperations.RegisterAsync(client, Specs(lb, ls, 100), FastOptions(), null, default);

        Assert.Equal(100, r.Succeeded.Count());
        Assert.Equal(2, emu.Server.Stats["BatchRegisterTargets"].Calls);
        Assert.Equal(100, Bindings(emu.Server.State, lb).Count);
    }

    [Fact]
    public async Task A_write_that_keeps_failing_is_reported_failed_for_its_targets_only()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var client = RetryingClient(emu);
        var a = await LbWithListenersAsync(client, 1);
        var b = await LbWithListenersAsync(client, 1);
        emu.Server.AddFault(new FaultRule { Kind = FaultKind.InternalError, Actions = new() { "RegisterTargets" } });
        var options = FastOptions();
        options.MaxAttempts = 3;
        // a: 5 targets -> RegisterTargets (always failing); b: 30 on one listener -> BatchRegisterTargets (fine).
        var r = await BulkTargetOperations.RegisterAsync(client, Specs(a.Lb, a.Listeners, 5).Concat(Specs(b.Lb, b.Listeners, 30, firstInstance: 100)), options, null, default);

        Assert.Equal(5, r.Failed.Count());
        Assert.All(r.Failed, o => Assert.Equal(a.Lb, o.Target.LoadBalancerId));
        Assert.All(r.Failed, o => Assert.Equal("InternalError", Assert.IsType<ClbPowerShell.Client.ClbApiException>(o.Error).Code));
        Assert.Equal(30, r.Succeeded.Count());
        Assert.Empty(Bindings(emu.Server.State, a.Lb));
        Assert.Equal(3, emu.Server.Stats["RegisterTargets"].Calls);
    }
}
