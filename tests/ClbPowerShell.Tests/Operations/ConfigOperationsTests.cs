using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>ConfigOperations against the emulator: customized configurations, their listing and their bindings.</summary>
public sealed class ConfigOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public ConfigOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<Page<T>> pages)
    {
        var list = new List<T>();
        await foreach (var p in pages) list.AddRange(p.Items);
        return list;
    }

    [Fact]
    public async Task Create_update_and_delete_round_trip_with_region_and_id()
    {
        var c = _fx.Client;
        var id = await ConfigOperations.CreateAsync(c, "cfg-roundtrip", "client_max_body_size 10m;", default);
        Assert.Matches("^pz-[a-z0-9]{8}$", id);

        var created = await ConfigOperations.GetAsync(c, id, default);
        Assert.NotNull(created);
        Assert.Equal("cfg-roundtrip", created!.ConfigName);
        Assert.Equal("client_max_body_size 10m;", created.ConfigContent);
        Assert.Equal("CLB", created.ConfigType);
        Assert.Equal("ap-guangzhou", created.Region);
        Assert.Equal(id, created.ConfigId);

        await ConfigOperations.UpdateAsync(c, id, "cfg-renamed", null, default);
        var renamed = await ConfigOperations.GetAsync(c, id, default);
        Assert.Equal("cfg-renamed", renamed!.ConfigName);
        Assert.Equal("client_max_body_size 10m;", renamed.ConfigContent);

        await ConfigOperations.UpdateAsync(c, id, null, "keepalive_timeout 60s;", default);
        Assert.Equal("keepalive_timeout 60s;", (await ConfigOperations.GetAsync(c, id, default))!.ConfigContent);

        await ConfigOperations.DeleteAsync(c, id, default);
        Assert.Null(await ConfigOperations.GetAsync(c, id, default));
        var ex = await Assert.ThrowsAsync<ClbApiException>(() => ConfigOperations.DeleteAsync(c, id, default));
        Assert.Equal("ResourceNotFound", ex.Code);
    }

    [Fact]
    public async Task UpdateAsync_refuses_a_call_with_nothing_to_change()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ConfigOperations.UpdateAsync(_fx.Client, "pz-00000001", null, null, default));
    }

    [Fact]
    public async Task ListAsync_pages_through_every_configuration_and_honours_skip_and_first()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var ids = new List<string>();
        for (var i = 0; i < ConfigOperations.PageSize + 5; i++) ids.Add(await ConfigOperations.CreateAsync(c, "cfg-page-" + i, "x " + i + ";", default));
        var before = emu.Server.Stats["DescribeCustomizedConfigList"].Calls;

        var all = await AllAsync(ConfigOperations.ListAsync(c, new DescribeCustomizedConfigListRequest { ConfigType = "CLB" }, 0, null, default));

        Assert.Equal(ids, all.Select(x => x.UconfigId));
        Assert.Equal(2, emu.Server.Stats["DescribeCustomizedConfigList"].Calls - before);
        Assert.All(all, x => Assert.Equal("ap-guangzhou", x.Region));

        var window = await AllAsync(ConfigOperations.ListAsync(c, new DescribeCustomizedConfigListRequest { ConfigType = "CLB" }, 98, 4, default));
        Assert.Equal(ids.Skip(98).Take(4), window.Select(x => x.UconfigId));

        Assert.Empty(await AllAsync(ConfigOperations.ListAsync(c, new DescribeCustomizedConfigListRequest { ConfigType = "SERVER" }, 0, null, default)));
        Assert.Throws<ArgumentException>(() => ConfigOperations.ListAsync(c, new DescribeCustomizedConfigListRequest(), 0, null, default));
    }

    [Fact]
    public async Task ListAsync_sends_more_than_100_ids_in_chunks_and_applies_skip_over_the_whole()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var ids = new List<string>();
        for (var i = 0; i < 103; i++) ids.Add(await ConfigOperations.CreateAsync(c, "cfg-ids-" + i, "y;", default));
        var query = new DescribeCustomizedConfigListRequest { ConfigType = "CLB", UconfigIds = ids.AsEnumerable().Reverse().ToList() };

        var all = await AllAsync(ConfigOperations.ListAsync(c, query, 0, null, default));
        Assert.Equal(ids.OrderBy(x => x, StringComparer.Ordinal), all.Select(x => x.UconfigId!).OrderBy(x => x, StringComparer.Ordinal));

        var skipped = await AllAsync(ConfigOperations.ListAsync(c, query, 101, 10, default));
        Assert.Equal(2, skipped.Count);
    }

    [Fact]
    public async Task Binding_moves_a_load_balancer_between_configurations_in_chunks_of_20_and_is_listed_and_filtered()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lbs = new List<string>();
        for (var i = 0; i < 21; i++) lbs.Add(await c.CreateLbAsync("cfg-bind-" + i));
        var a = await ConfigOperations.CreateAsync(c, "cfg-a", "a;", default);
        var b = await ConfigOperations.CreateAsync(c, "cfg-b", "b;", default);
        var before = emu.Server.Stats["SetCustomizedConfigForLoadBalancer"].Calls;

        var bound = await ConfigOperations.SetBindingAsync(c, a, true, lbs.Append(lbs[0]).ToList(), default);

        Assert.Equal(2, emu.Server.Stats["SetCustomizedConfigForLoadBalancer"].Calls - before);
        Assert.Equal(new[] { 20, 1 }, bound.Select(r => r.Ids.Count));
        Assert.All(bound, r => { Assert.Null(r.Error); Assert.Null(r.Task); });
        var rows = await AllAsync(ConfigOperations.ListAssociationsAsync(c, a, null, 0, null, default));
        Assert.Equal(lbs.OrderBy(x => x), rows.Select(r => r.LoadBalancerId!).OrderBy(x => x));
        Assert.All(rows, r => { Assert.Equal(a, r.ConfigId); Assert.Equal("ap-guangzhou", r.Region); });

        // A load balancer holds one configuration: binding b moves lbs[0] away from a.
        Assert.Null(Assert.Single(await ConfigOperations.SetBindingAsync(c, b, true, new[] { lbs[0] }, default)).Error);
        Assert.DoesNotContain(lbs[0], (await AllAsync(ConfigOperations.ListAssociationsAsync(c, a, null, 0, null, default))).Select(r => r.LoadBalancerId));
        Assert.Equal(lbs[0], Assert.Single(await AllAsync(ConfigOperations.ListAssociationsAsync(c, b, null, 0, null, default))).LoadBalancerId);

        var byLb = await AllAsync(ConfigOperations.ListAsync(c, new DescribeCustomizedConfigListRequest
        {
            ConfigType = "CLB",
            Filters = new List<Filter> { new Filter { Name = "loadbalancer-id", Values = new List<string> { lbs[0] } } },
        }, 0, null, default));
        Assert.Equal(b, Assert.Single(byLb).UconfigId);
        var byName = await AllAsync(ConfigOperations.ListAsync(c, new DescribeCustomizedConfigListRequest { ConfigType = "CLB", ConfigName = "CFG-A" }, 0, null, default));
        Assert.Equal(a, Assert.Single(byName).UconfigId);

        Assert.Null(Assert.Single(await ConfigOperations.SetBindingAsync(c, b, false, new[] { lbs[0] }, default)).Error);
        Assert.Empty(await AllAsync(ConfigOperations.ListAssociationsAsync(c, b, null, 0, null, default)));
    }

    [Fact]
    public async Task SetBindingAsync_reports_a_failing_chunk_and_still_sends_the_others()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lbs = new List<string>();
        for (var i = 0; i < 20; i++) lbs.Add(await c.CreateLbAsync("cfg-chunk-" + i));
        var cfg = await ConfigOperations.CreateAsync(c, "cfg-chunk", "z;", default);

        var results = await ConfigOperations.SetBindingAsync(c, cfg, true, new List<string>(lbs) { "lb-missing1" }, default);

        Assert.Null(results[0].Error);
        Assert.Equal("lb-missing1", Assert.Single(results[1].Ids));
        Assert.StartsWith("InvalidParameter", Assert.IsType<ClbApiException>(results[1].Error).Code);
        Assert.Equal(20, (await AllAsync(ConfigOperations.ListAssociationsAsync(c, cfg, null, 0, null, default))).Count);
    }
}
