using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>TargetGroupOperations against the emulator: paging, chunking, grouping, ordering of tasks, per-id errors.</summary>
public sealed class TargetGroupOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public TargetGroupOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<Page<T>> pages)
    {
        var list = new List<T>();
        await foreach (var p in pages) list.AddRange(p.Items);
        return list;
    }

    private static async Task<string> CreateAsync(ClbClient c, string name, string? vpc = null, int instances = 0, long? port = 80)
    {
        var tg = await TargetGroupOperations.CreateAsync(c, new CreateTargetGroupRequest
        {
            TargetGroupName = name,
            VpcId = vpc,
            Port = port,
            TargetGroupInstances = instances == 0 ? null : Enumerable.Range(1, instances).Select(i => new TargetGroupInstance { BindIP = $"10.9.{i / 250}.{i % 250 + 1}" }).ToList(),
        }, Timeout, default);
        return tg.TargetGroupId!;
    }

    private static TargetGroupInstanceChange Change(string tg, string ip, long port, long? weight = null, long? newPort = null) =>
        new(tg, new TargetGroupInstance { BindIP = ip, Port = port, Weight = weight, NewPort = newPort });

    [Fact]
    public async Task List_pages_through_everything_and_stamps_the_region()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        for (var i = 0; i < 230; i++) await CreateAsync(c, i < 30 ? "web-" + i : "api-" + i, vpc: i % 2 == 0 ? "vpc-even0001" : null);
        var before = emu.Server.Stats["DescribeTargetGroups"].Calls;
        var all = await AllAsync(TargetGroupOperations.ListAsync(c, null, null, null, 0, null, default));
        Assert.Equal(230, all.Count);
        Assert.Equal(230, all.Select(t => t.TargetGroupId).Distinct().Count());
        Assert.All(all, t => Assert.Equal(EmulatorFixture.Region, t.Region));
        Assert.Equal(3, emu.Server.Stats["DescribeTargetGroups"].Calls - before); // 100 + 100 + 30

        var page = await AllAsync(TargetGroupOperations.ListAsync(c, null, null, null, 225, 10, default));
        Assert.Equal(5, page.Count);
        Assert.Equal(all[225].TargetGroupId, page[0].TargetGroupId);

        var web = await AllAsync(TargetGroupOperations.ListAsync(c, null, "WEB-*", null, 0, null, default));
        Assert.Equal(30, web.Count); // wildcards are case-insensitive, as in PowerShell
        var exact = await AllAsync(TargetGroupOperations.ListAsync(c, null, "web-7", null, 0, null, default));
        Assert.Equal("web-7", Assert.Single(exact).TargetGroupName);
        var webEven = await AllAsync(TargetGroupOperations.ListAsync(c, null, "web-*", "vpc-even0001", 2, 5, default));
        Assert.Equal(new[] { "web-4", "web-6", "web-8", "web-10", "web-12" }, webEven.Select(t => t.TargetGroupName));
    }

    [Fact]
    public async Task List_by_many_ids_chunks_and_applies_name_and_vpc_locally()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var ids = new List<string>();
        for (var i = 0; i < 45; i++) ids.Add(await CreateAsync(c, i % 3 == 0 ? "keep" : "drop", vpc: i < 40 ? "vpc-aaaa0001" : null));
        var before = emu.Server.Stats["DescribeTargetGroups"].Calls;
        var got = await AllAsync(TargetGroupOperations.ListAsync(c, ids.Concat(new[] { ids[0], "lbtg-zzzzzzzz" }).ToList(), null, null, 0, null, default));
        Assert.Equal(ids, got.Select(t => t.TargetGroupId));
        Assert.Equal(3, emu.Server.Stats["DescribeTargetGroups"].Calls - before); // 46 distinct ids: 20 + 20 + 6

        var filtered = await AllAsync(TargetGroupOperations.ListAsync(c, ids.Take(10).ToList(), "keep", "vpc-aaaa0001", 0, null, default));
        Assert.Equal(new[] { ids[0], ids[3], ids[6], ids[9] }, filtered.Select(t => t.TargetGroupId));
    }

    [Fact]
    public async Task Create_with_more_than_20_instances_registers_the_rest()
    {
        var c = _fx.UniqueRegion();
        var tg = await TargetGroupOperations.CreateAsync(c, new CreateTargetGroupRequest
        {
            TargetGroupName = "big",
            Port = 8080,
            TargetGroupInstances = Enumerable.Range(1, 47).Select(i => new TargetGroupInstance { BindIP = "10.8.0." + i, Weight = i % 100 }).ToList(),
        }, Timeout, default);
        Assert.Equal("big", tg.TargetGroupName);
        Assert.Equal(c.Region, tg.Region);
        var instances = await AllAsync(TargetGroupOperations.ListInstancesAsync(c, new[] { tg.TargetGroupId! }, null, null, 0, null, default));
        Assert.Equal(47, instances.Count);
        Assert.All(instances, i => Assert.Equal(8080, i.Port));
        Assert.Equal(Enumerable.Range(1, 47).Select(i => "10.8.0." + i).OrderBy(x => x), instances.Select(i => i.BindIP!).OrderBy(x => x));
        Assert.Equal(33, instances.Single(i => i.BindIP == "10.8.0.33").Weight);
        Assert.All(instances, i => Assert.Equal(tg.TargetGroupId, i.TargetGroupId));
    }

    [Fact]
    public async Task ListInstances_pages_and_needs_a_filter()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var a = await CreateAsync(c, "a", instances: 150);
        var b = await CreateAsync(c, "b", instances: 60);
        var all = await AllAsync(TargetGroupOperations.ListInstancesAsync(c, new[] { a, b }, null, null, 0, null, default));
        Assert.Equal(210, all.Count);
        Assert.Equal(150, all.Count(i => i.TargetGroupId == a));
        Assert.All(all, i => Assert.Equal(c.Region, i.Region));
        Assert.Equal(3, emu.Server.Stats["DescribeTargetGroupInstances"].Calls);
        var firstFive = await AllAsync(TargetGroupOperations.ListInstancesAsync(c, new[] { a, b }, null, null, 148, 5, default));
        Assert.Equal(new[] { a, a, b, b, b }, firstFive.Select(i => i.TargetGroupId));
        var byIp = await AllAsync(TargetGroupOperations.ListInstancesAsync(c, null, new[] { "10.9.0.2" }, null, 0, null, default));
        Assert.Equal(new[] { a, b }, byIp.Select(i => i.TargetGroupId).OrderBy(x => x == a ? 0 : 1));
        Assert.Throws<ArgumentException>(() => TargetGroupOperations.ListInstancesAsync(c, null, null, Array.Empty<string>(), 0, null, default));
    }

    [Fact]
    public void Plan_groups_per_target_group_drops_repeats_and_chunks_by_20()
    {
        var changes = new List<TargetGroupInstanceChange>();
        for (var i = 0; i < 45; i++) changes.Add(Change("lbtg-aaaaaaaa", "10.0.0." + i, 80));
        changes.Insert(3, Change("lbtg-bbbbbbbb", "10.0.1.1", 80));
        changes.Add(Change("lbtg-aaaaaaaa", "10.0.0.5", 80)); // repeat
        changes.Add(Change("lbtg-aaaaaaaa", "10.0.0.5", 81)); // another port: not a repeat
        var plan = TargetGroupOperations.Plan(changes).ToList();
        Assert.Equal(new[] { ("lbtg-aaaaaaaa", 20), ("lbtg-aaaaaaaa", 20), ("lbtg-aaaaaaaa", 6), ("lbtg-bbbbbbbb", 1) },
            plan.Select(p => (p.TargetGroupId, p.Instances.Count)));
    }

    [Fact]
    public async Task ChangeInstances_waits_between_calls_so_a_busy_load_balancer_never_refuses()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 300);
        var c = emu.Client;
        var (lb, listener) = await ReadyListenerAsync(emu, c);
        var tg = await CreateAsync(c, "busy", port: 80);
        var assoc = await TargetGroupOperations.ChangeAssociationsAsync(c, true, new[] { new TargetGroupAssociation { LoadBalancerId = lb, ListenerId = listener, TargetGroupId = tg } }, Timeout, default);
        await TaskWaiter.WaitAsync(c, assoc.Single(), Timeout, null, default);

        var changes = Enumerable.Range(1, 45).Select(i => Change(tg, "10.7.0." + i, 80, weight: 5)).ToList();
        var tasks = await TargetGroupOperations.ChangeInstancesAsync(c, "RegisterTargetGroupInstances", changes, Timeout, default);
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks.Take(2), t => Assert.Equal(ClbTaskStatus.Succeeded, t.Status));
        Assert.All(tasks, t => Assert.Equal(tg, t.ResourceId));
        Assert.Equal(new[] { lb }, emu.Server.State.Tasks[tasks[2].TaskId].LoadBalancerIds);
        await TaskWaiter.WaitAsync(c, tasks[2], Timeout, null, default);

        var weights = Enumerable.Range(1, 45).Select(i => Change(tg, "10.7.0." + i, 80, weight: i)).ToList();
        var wt = await TargetGroupOperations.ChangeInstancesAsync(c, "ModifyTargetGroupInstancesWeight", weights, Timeout, default);
        await TaskWaiter.WaitAsync(c, wt[wt.Count - 1], Timeout, null, default);
        var ports = new[] { Change(tg, "10.7.0.1", 80, newPort: 8081) };
        var pt = await TargetGroupOperations.ChangeInstancesAsync(c, "ModifyTargetGroupInstancesPort", ports, Timeout, default);
        await TaskWaiter.WaitAsync(c, pt.Single(), Timeout, null, default);

        var now = await TargetGroupOperations.FindInstancesAsync(c, weights.Take(3), false, default);
        Assert.Equal(new long?[] { 2, 3 }, now.Select(i => i.Weight).OrderBy(w => w));
        var moved = Assert.Single(await TargetGroupOperations.FindInstancesAsync(c, ports, true, default));
        Assert.Equal(8081, moved.Port);
        Assert.Equal(1, moved.Weight);
        Assert.Equal(0, emu.Server.Stats.Snapshot().Values.Sum(s => s.Errors));
    }

    [Fact]
    public async Task ChangeInstances_reports_a_refused_group_and_goes_on_with_the_others()
    {
        var c = _fx.UniqueRegion();
        var good = await CreateAsync(c, "good", instances: 2);
        var bad = await CreateAsync(c, "bad", instances: 1);
        var errors = new List<(string Id, ClbException Error)>();
        var changes = new[]
        {
            Change(bad, "10.6.6.6", 80), Change(bad, "10.9.0.2", 80), // the first is not registered: the call is refused
            Change(good, "10.9.0.2", 80), Change(good, "10.9.0.3", 80),
        };
        var tasks = await TargetGroupOperations.ChangeInstancesAsync(c, "DeregisterTargetGroupInstances", changes, Timeout, default, (id, ex) => errors.Add((id, ex)));
        Assert.Equal(good, Assert.Single(tasks).ResourceId);
        var (failedId, error) = Assert.Single(errors);
        Assert.Equal(bad, failedId);
        Assert.Equal("InvalidParameterValue", ((ClbApiException)error).Code);
        Assert.Empty(await AllAsync(TargetGroupOperations.ListInstancesAsync(c, new[] { good }, null, null, 0, null, default)));
        Assert.Single(await AllAsync(TargetGroupOperations.ListInstancesAsync(c, new[] { bad }, null, null, 0, null, default)));
        // Without a handler the refusal is thrown.
        await Assert.ThrowsAsync<ClbApiException>(() => TargetGroupOperations.ChangeInstancesAsync(c, "DeregisterTargetGroupInstances", changes.Take(1), Timeout, default));
        await Assert.ThrowsAsync<ArgumentException>(() => TargetGroupOperations.ChangeInstancesAsync(c, "RegisterTargets", changes, Timeout, default));
    }

    [Fact]
    public async Task Delete_chunks_and_pinpoints_the_ids_that_cannot_go()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var (lb, listener) = await ReadyListenerAsync(emu, c);
        var ids = new List<string>();
        for (var i = 0; i < 25; i++) ids.Add(await CreateAsync(c, "del-" + i));
        await TargetGroupOperations.ChangeAssociationsAsync(c, true, new[] { new TargetGroupAssociation { LoadBalancerId = lb, ListenerId = listener, TargetGroupId = ids[4] } }, Timeout, default);
        var errors = new List<string>();
        var deleted = await TargetGroupOperations.DeleteAsync(c, ids.Append("lbtg-zzzzzzzz").Append(ids[0]), (id, ex) => errors.Add(id + " " + ((ClbApiException)ex).Code), default);
        Assert.Equal(ids.Where(id => id != ids[4]), deleted);
        Assert.Equal(new[] { ids[4] + " FailedOperation", "lbtg-zzzzzzzz InvalidParameter" }, errors);
        var left = await AllAsync(TargetGroupOperations.ListAsync(c, null, null, null, 0, null, default));
        Assert.Equal(ids[4], Assert.Single(left).TargetGroupId);
    }

    [Fact]
    public async Task Associations_are_chunked_found_and_removed()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 200);
        var c = emu.Client;
        var lb = await c.CreateLbAsync("assoc-ops");
        await WaitIdleAsync(emu, lb);
        var listenerResponse = await c.InvokeAsync("CreateListener", new { LoadBalancerId = lb, Protocol = "HTTP", Ports = new[] { 80 } });
        var listener = listenerResponse.GetProperty("ListenerIds")[0].GetString()!;
        await WaitIdleAsync(emu, lb);
        var rules = await c.InvokeAsync("CreateRule", new { LoadBalancerId = lb, ListenerId = listener, Rules = Enumerable.Range(0, 25).Select(i => new { Domain = "d" + i + ".com", Url = "/" }).ToArray() });
        var locations = rules.GetProperty("LocationIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        await WaitIdleAsync(emu, lb);
        var tg = await CreateAsync(c, "many-rules");
        var associations = locations.Select(loc => new TargetGroupAssociation { LoadBalancerId = lb, ListenerId = listener, LocationId = loc, TargetGroupId = tg }).ToList();
        var tasks = await TargetGroupOperations.ChangeAssociationsAsync(c, true, associations.Concat(associations.Take(2)), Timeout, default);
        Assert.Equal(2, tasks.Count); // 25 distinct associations: 20 + 5, the second sent after the first finished
        Assert.Equal(ClbTaskStatus.Succeeded, tasks[0].Status);
        Assert.Equal(lb, tasks[1].LoadBalancerId);
        await TaskWaiter.WaitAsync(c, tasks[1], Timeout, null, default);
        var found = await TargetGroupOperations.FindAssociationsAsync(c, associations, default);
        Assert.Equal(25, found.Count);
        Assert.All(found, a => { Assert.Equal(tg, a.TargetGroupId); Assert.Equal(c.Region, a.Region); Assert.Equal("HTTP", a.Protocol); });
        Assert.Equal(locations.OrderBy(x => x), found.Select(a => a.LocationId!).OrderBy(x => x));

        var removed = await TargetGroupOperations.ChangeAssociationsAsync(c, false, associations.Take(3), Timeout, default);
        await TaskWaiter.WaitAsync(c, removed.Single(), Timeout, null, default);
        Assert.Equal(22, (await TargetGroupOperations.FindAssociationsAsync(c, associations, default)).Count);
    }

    private static async Task<(string Lb, string Listener)> ReadyListenerAsync(EmulatorFixture emu, ClbClient c)
    {
        var lb = await c.CreateLbAsync("tg-ops");
        await WaitIdleAsync(emu, lb);
        var listener = await c.CreateListenerAsync(lb, "TCP", 80);
        await WaitIdleAsync(emu, lb);
        return (lb, listener);
    }

    /// <summary>Waits for the load balancer's current task through the operations layer.</summary>
    private static async Task WaitIdleAsync(EmulatorFixture emu, string lb)
    {
        var taskId = emu.Server.State.LoadBalancers[lb].BusyTaskId;
        if (taskId != null) await TaskWaiter.WaitAsync(emu.Client, new ClbTask { TaskId = taskId, Action = "x" }, Timeout, null, default);
    }
}
