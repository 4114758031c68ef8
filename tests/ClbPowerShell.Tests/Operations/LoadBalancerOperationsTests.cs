using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Emulator;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

public sealed class LoadBalancerOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public LoadBalancerOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<Page<T>> pages)
    {
        var all = new List<T>();
        await foreach (var page in pages) all.AddRange(page.Items);
        return all;
    }

    private static async Task<List<string>> CreateManyAsync(ClbClient client, int count, string prefix)
    {
        var ids = new List<string>();
        while (ids.Count < count)
        {
            var n = Math.Min(20, count - ids.Count);
            var (_, response) = await LoadBalancerOperations.CreateAsync(client,
                new CreateLoadBalancerRequest { LoadBalancerType = "OPEN", LoadBalancerName = prefix + ids.Count, Number = n }, default);
            ids.AddRange(response.LoadBalancerIds!);
        }
        return ids;
    }

    [Fact]
    public async Task Paging_with_skip_and_first_returns_the_window_and_stops_early()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var created = await CreateManyAsync(emu.Client, 250, "page-");
        emu.Server.Stats.Reset();

        // Default order is newest first; take 3 after skipping 101: one call, not three pages.
        var window = await AllAsync(LoadBalancerOperations.ListAsync(emu.Client, new DescribeLoadBalancersRequest(), null, 101, 3, default));
        var everything = await AllAsync(LoadBalancerOperations.ListAsync(emu.Client, new DescribeLoadBalancersRequest(), null, 0, null, default));
        Assert.Equal(250, everything.Count);
        Assert.Equal(everything.Skip(101).Take(3).Select(l => l.LoadBalancerId), window.Select(l => l.LoadBalancerId));
        Assert.Equal(1 + 3, emu.Server.Stats["DescribeLoadBalancers"].Calls); // 1 for the window, 3 pages of 100 for everything
        Assert.All(window, l => Assert.Equal(EmulatorFixture.Region, l.Region));
    }

    [Fact]
    public async Task A_consumer_that_stops_after_the_first_page_causes_no_further_calls()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await CreateManyAsync(emu.Client, 230, "stop-");
        emu.Server.Stats.Reset();
        await foreach (var page in LoadBalancerOperations.ListAsync(emu.Client, new DescribeLoadBalancersRequest(), null, 0, null, default))
        {
            Assert.Equal(100, page.Items.Count);
            break;
        }
        Assert.Equal(1, emu.Server.Stats["DescribeLoadBalancers"].Calls);
    }

    [Fact]
    public async Task More_than_20_ids_are_sent_in_chunks_of_20()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var ids = await CreateManyAsync(emu.Client, 45, "chunk-");
        await CreateManyAsync(emu.Client, 5, "other-");
        emu.Server.Stats.Reset();
        var found = await AllAsync(LoadBalancerOperations.ListAsync(emu.Client, new DescribeLoadBalancersRequest { LoadBalancerIds = ids }, null, 0, null, default));
        Assert.Equal(ids.OrderBy(x => x), found.Select(l => l.LoadBalancerId!).OrderBy(x => x));
        Assert.Equal(3, emu.Server.Stats["DescribeLoadBalancers"].Calls);
        var many = await LoadBalancerOperations.GetManyAsync(emu.Client, ids.Take(21).ToList(), default);
        Assert.Equal(21, many.Count);
    }

    [Fact]
    public async Task Wildcard_names_are_matched_locally_and_exact_names_by_the_service()
    {
        var client = _fx.UniqueRegion();
        foreach (var name in new[] { "web-1", "web-2", "db-1", "WEB-3" })
            await LoadBalancerOperations.CreateAsync(client, new CreateLoadBalancerRequest { LoadBalancerType = "OPEN", LoadBalancerName = name }, default);
        var web = await AllAsync(LoadBalancerOperations.ListAsync(client, new DescribeLoadBalancersRequest(), "web-*", 0, null, default));
        Assert.Equal(new[] { "WEB-3", "web-1", "web-2" }, web.Select(l => l.LoadBalancerName).OrderBy(n => n, StringComparer.Ordinal));
        var firstOne = await AllAsync(LoadBalancerOperations.ListAsync(client, new DescribeLoadBalancersRequest(), "web-?", 1, 1, default));
        Assert.Single(firstOne);
        var exact = await AllAsync(LoadBalancerOperations.ListAsync(client, new DescribeLoadBalancersRequest(), "db-1", 0, null, default));
        Assert.Equal("db-1", Assert.Single(exact).LoadBalancerName);
    }

    [Fact]
    public async Task Create_retried_after_a_dropped_connection_makes_exactly_one_load_balancer()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        emu.Server.AddFault(new FaultRule { Kind = FaultKind.DropAfter, Actions = new() { "CreateLoadBalancer" }, Count = 1 });
        var (task, response) = await LoadBalancerOperations.CreateAsync(emu.Client,
            new CreateLoadBalancerRequest { LoadBalancerType = "OPEN", LoadBalancerName = "once" }, default);
        var state = emu.Server.State;
        var lb = Assert.Single(state.LoadBalancers.Values);
        Assert.Equal("once", lb.LoadBalancerName);
        Assert.Equal(lb.LoadBalancerId, Assert.Single(response.LoadBalancerIds!));
        Assert.Equal(lb.LoadBalancerId, task.LoadBalancerId);
        Assert.Equal(2, emu.Server.Stats["CreateLoadBalancer"].Calls);
    }

    [Fact]
    public async Task Details_page_carry_the_region_and_every_field_unless_fields_are_named()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var ids = await CreateManyAsync(emu.Client, 3, "detail-");
        await emu.Client.CreateListenerAsync(ids[0], "TCP", 80);
        await emu.Client.CreateListenerAsync(ids[0], "UDP", 53);

        var filter = new List<Filter> { new() { Name = "loadbalancer-id", Values = new() { ids[0], ids[1] } } };
        var rows = await AllAsync(LoadBalancerOperations.ListDetailsAsync(emu.Client, new DescribeLoadBalancersDetailRequest { Filters = filter }, 0, null, default));
        // ids[0] has two listeners (one row each), ids[1] none (one row).
        Assert.Equal(3, rows.Count);
        Assert.Equal(2, rows.Count(r => r.LoadBalancerId == ids[0] && r.ListenerId != null));
        Assert.Contains(rows, r => r.LoadBalancerId == ids[1] && r.ListenerId == null && r.Address != null);
        Assert.All(rows, r => Assert.Equal(EmulatorFixture.Region, r.Region));

        var idsOnly = await AllAsync(LoadBalancerOperations.ListDetailsAsync(emu.Client,
            new DescribeLoadBalancersDetailRequest { Filters = filter, Fields = new() { "LoadBalancerType" } }, 0, null, default));
        Assert.Equal(2, idsOnly.Count);
        Assert.All(idsOnly, r => { Assert.Equal("OPEN", r.LoadBalancerType); Assert.Null(r.Address); });

        emu.Server.Stats.Reset();
        var skipped = await AllAsync(LoadBalancerOperations.ListDetailsAsync(emu.Client, new DescribeLoadBalancersDetailRequest(), 2, 1, default));
        var all = await AllAsync(LoadBalancerOperations.ListDetailsAsync(emu.Client, new DescribeLoadBalancersDetailRequest(), 0, null, default));
        Assert.Equal(4, all.Count);
        Assert.Equal(all[2].LoadBalancerId, Assert.Single(skipped).LoadBalancerId);
        Assert.Equal(all[2].ListenerId, skipped[0].ListenerId);
        Assert.Equal(2, emu.Server.Stats["DescribeLoadBalancersDetail"].Calls);
    }

    [Fact]
    public async Task Modify_renames_and_returns_a_task_for_the_load_balancer()
    {
        var client = _fx.UniqueRegion();
        var id = await client.CreateLbAsync("before");
        var task = await LoadBalancerOperations.ModifyAsync(client,
            new ModifyLoadBalancerAttributesRequest { LoadBalancerId = id, LoadBalancerName = "after", DeleteProtect = true }, default);
        Assert.Equal("ModifyLoadBalancerAttributes", task.Action);
        Assert.Equal(id, task.LoadBalancerId);
        Assert.Equal(id, task.ResourceId);
        await TaskWaiter.WaitAsync(client, task, TimeSpan.FromSeconds(10), null, default);
        var lb = await LoadBalancerOperations.GetAsync(client, id, default);
        Assert.Equal("after", lb!.LoadBalancerName);
        Assert.True(_fx.Server.State.LoadBalancers[id].DeleteProtect);
    }

    [Fact]
    public async Task Delete_sends_20_ids_per_call_and_reports_each_chunk()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var ids = await CreateManyAsync(emu.Client, 45, "del-");
        var keep = await CreateManyAsync(emu.Client, 2, "keep-");
        emu.Server.Stats.Reset();
        var results = await LoadBalancerOperations.DeleteAsync(emu.Client, ids.Concat(ids.Take(3)).ToList(), default);
        Assert.Equal(new[] { 20, 20, 5 }, results.Select(r => r.Ids.Count));
        Assert.All(results, r => { Assert.Null(r.Error); Assert.Equal("DeleteLoadBalancer", r.Task!.Action); Assert.Equal(r.Ids, r.Task.LoadBalancerIds); });
        Assert.Equal(3, emu.Server.Stats["DeleteLoadBalancer"].Calls);
        Assert.Equal(keep.OrderBy(x => x), emu.Server.State.LoadBalancers.Keys.OrderBy(x => x));
    }

    [Fact]
    public async Task Delete_keeps_going_after_a_failed_chunk()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var ids = await CreateManyAsync(emu.Client, 21, "partial-");
        var protectedId = ids[3];
        await LoadBalancerOperations.ModifyAsync(emu.Client, new ModifyLoadBalancerAttributesRequest { LoadBalancerId = protectedId, DeleteProtect = true }, default);
        var results = await LoadBalancerOperations.DeleteAsync(emu.Client, ids, default);
        Assert.Equal(2, results.Count);
        var failed = Assert.IsType<ClbApiException>(results[0].Error);
        Assert.Equal("FailedOperation", failed.Code);
        Assert.NotNull(results[1].Task);
        Assert.Equal(20, emu.Server.State.LoadBalancers.Count); // the first chunk was refused whole, the last id deleted
        Assert.DoesNotContain(ids[20], emu.Server.State.LoadBalancers.Keys);
    }

    [Fact]
    public async Task Clone_names_the_copy_once_the_task_is_refreshed()
    {
        var client = _fx.UniqueRegion();
        var source = await client.CreateLbAsync("source");
        await client.CreateListenerAsync(source, "TCP", 8080);
        var task = await LoadBalancerOperations.CloneAsync(client, new CloneLoadBalancerRequest { LoadBalancerId = source, LoadBalancerName = "copy" }, default);
        Assert.Equal(source, task.LoadBalancerId);
        await TaskWaiter.WaitAsync(client, task, TimeSpan.FromSeconds(10), null, default);
        var copyId = Assert.Single(LoadBalancerOperations.CloneIds(task, source));
        Assert.NotEqual(source, copyId);
        var copy = await LoadBalancerOperations.GetAsync(client, copyId, default);
        Assert.Equal("copy", copy!.LoadBalancerName);
        var listeners = await ListenerOperations.ListAsync(client, new DescribeListenersRequest { LoadBalancerId = copyId }, default);
        Assert.Equal(8080, Assert.Single(listeners).Port);
    }

    [Fact]
    public void All_detail_fields_are_the_LoadBalancerDetail_properties_without_context()
    {
        Assert.Contains("TargetAddress", LoadBalancerOperations.AllDetailFields);
        Assert.Contains("LoadBalancerDomain", LoadBalancerOperations.AllDetailFields);
        Assert.DoesNotContain("Region", LoadBalancerOperations.AllDetailFields);
        Assert.DoesNotContain("ExtensionData", LoadBalancerOperations.AllDetailFields);
    }
}
