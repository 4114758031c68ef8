using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

public sealed class InfoOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public InfoOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<Page<T>> pages)
    {
        var all = new List<T>();
        await foreach (var page in pages) all.AddRange(page.Items);
        return all;
    }

    private static async Task<List<string>> CreateAsync(ClbClient client, int count)
    {
        var ids = new List<string>();
        while (ids.Count < count)
        {
            var n = Math.Min(20, count - ids.Count);
            var (_, response) = await LoadBalancerOperations.CreateAsync(client,
                new CreateLoadBalancerRequest { LoadBalancerType = "OPEN", LoadBalancerName = "info-" + ids.Count, Number = n }, default);
            ids.AddRange(response.LoadBalancerIds!);
        }
        return ids;
    }

    [Fact]
    public async Task Quota_counts_the_regions_load_balancers_and_carries_the_region()
    {
        var client = _fx.UniqueRegion();
        await CreateAsync(client, 3);
        var quotas = await InfoOperations.GetQuotaAsync(client, default);
        var open = Assert.Single(quotas, q => q.QuotaId == "TOTAL_OPEN_CLB_QUOTA");
        Assert.Equal(3, open.QuotaCurrent);
        Assert.True(open.QuotaLimit > 3);
        Assert.All(quotas, q => Assert.Equal(client.Region, q.Region));
    }

    [Fact]
    public async Task Resources_page_and_filter_by_zone_and_isp()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var all = await AllAsync(InfoOperations.ListResourcesAsync(emu.Client, null, null, 0, null, default));
        Assert.Equal(9, all.Count); // 3 zones x 3 IP versions in the emulator
        Assert.All(all, z => Assert.Equal(EmulatorFixture.Region, z.Region));

        var zone = EmulatorFixture.Region + "-2";
        var cmcc = await AllAsync(InfoOperations.ListResourcesAsync(emu.Client, new[] { zone }, new[] { "CMCC" }, 0, null, default));
        var only = Assert.Single(cmcc); // CMCC is offered on IPv4 only
        Assert.Equal(zone, only.MasterZone);
        Assert.Equal("IPv4", only.IPVersion);
        Assert.Equal("CMCC", Assert.Single(only.ResourceSet!).Isp);

        emu.Server.Stats.Reset();
        var window = await AllAsync(InfoOperations.ListResourcesAsync(emu.Client, null, null, 2, 3, default));
        Assert.Equal(all.Skip(2).Take(3).Select(z => z.MasterZone + z.IPVersion), window.Select(z => z.MasterZone + z.IPVersion));
        Assert.Equal(1, emu.Server.Stats["DescribeResources"].Calls);
    }

    [Fact]
    public async Task Prices_carry_the_action_region_and_load_balancer()
    {
        var client = _fx.UniqueRegion();
        var id = (await CreateAsync(client, 1))[0];

        var create = await InfoOperations.PriceCreateAsync(client, new InquiryPriceCreateLoadBalancerRequest
        {
            LoadBalancerType = "OPEN", LoadBalancerChargeType = "PREPAID", GoodsNum = 2,
            LoadBalancerChargePrepaid = new LBChargePrepaid { Period = 3 },
        }, default);
        Assert.Equal("InquiryPriceCreateLoadBalancer", create.Action);
        Assert.Equal(client.Region, create.Region);
        Assert.Null(create.LoadBalancerId);
        Assert.Equal(14.4 * 3 * 2, create.InstancePrice!.OriginalPrice!.Value, 3);

        var modify = await InfoOperations.PriceModifyAsync(client, new InquiryPriceModifyLoadBalancerRequest
        {
            LoadBalancerId = id,
            InternetAccessible = new InternetAccessible { InternetChargeType = "BANDWIDTH_POSTPAID_BY_HOUR", InternetMaxBandwidthOut = 100 },
        }, default);
        Assert.Equal(id, modify.LoadBalancerId);
        Assert.Equal("HOURLY", modify.BandwidthPrice!.ChargeUnit);
        Assert.Equal(0.63, modify.BandwidthPrice.UnitPrice!.Value, 4);

        var renew = await InfoOperations.PriceRenewAsync(client, new InquiryPriceRenewLoadBalancerRequest
        {
            LoadBalancerId = id, LoadBalancerChargePrepaid = new LBChargePrepaid { Period = 12 },
        }, default);
        Assert.Equal("InquiryPriceRenewLoadBalancer", renew.Action);
        Assert.Equal(14.4 * 12, renew.InstancePrice!.OriginalPrice!.Value, 3);

        var refund = await InfoOperations.PriceRefundAsync(client, id, default);
        Assert.Equal("InquiryPriceRefundLoadBalancer", refund.Action);
        Assert.Equal(id, refund.LoadBalancerId);

        var missing = await Emu.ErrorAsync("InvalidParameter.LBIdNotFound", () => InfoOperations.PriceRefundAsync(client, "lb-00000000", default));
        Assert.Contains("lb-00000000", missing.Message);
    }

    [Fact]
    public async Task Overview_idle_and_traffic_reflect_the_region()
    {
        var client = _fx.UniqueRegion();
        var ids = await CreateAsync(client, 3);
        var overview = await InfoOperations.GetOverviewAsync(client, default);
        Assert.Equal(3, overview.TotalCount);
        Assert.Equal(client.Region, overview.Region);

        // New load balancers have no listeners: all idle with NO_RULES.
        var idle = await AllAsync(InfoOperations.ListIdleAsync(client, client.Region, 0, null, default));
        Assert.Equal(ids.OrderBy(i => i), idle.Select(i => i.LoadBalancerId!).OrderBy(i => i));
        Assert.All(idle, i => Assert.Equal("NO_RULES", i.IdleReason));
        Assert.All(idle, i => Assert.Equal(client.Region, i.Region));
        var window = await AllAsync(InfoOperations.ListIdleAsync(client, client.Region, 1, 1, default));
        Assert.Equal(idle[1].LoadBalancerId, Assert.Single(window).LoadBalancerId);

        var traffic = await InfoOperations.GetTrafficAsync(client, client.Region, default);
        Assert.Equal(ids.OrderBy(i => i), traffic.Select(t => t.LoadBalancerId!).OrderBy(i => i));
        Assert.All(traffic, t => Assert.Equal(0.0, t.OutBandwidth)); // no targets, no traffic
    }

    [Fact]
    public async Task Move_to_project_chunks_by_20_and_reports_each_chunks_error()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var ids = await CreateAsync(emu.Client, 25);
        emu.Server.Stats.Reset();
        var results = await InfoOperations.MoveToProjectAsync(emu.Client, ids.Concat(ids.Take(2)).ToList(), 7, default);
        Assert.Equal(2, results.Count);
        Assert.Equal(new[] { 20, 5 }, results.Select(r => r.Ids.Count));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(2, emu.Server.Stats["ModifyLoadBalancersProject"].Calls);
        var lbs = await LoadBalancerOperations.GetManyAsync(emu.Client, ids, default);
        Assert.All(lbs, lb => Assert.Equal(7, lb.ProjectId));

        var failed = await InfoOperations.MoveToProjectAsync(emu.Client, new[] { ids[0], "lb-00000000" }, 9, default);
        var error = Assert.IsAssignableFrom<ClbApiException>(Assert.Single(failed).Error);
        Assert.StartsWith("InvalidParameter", error.Code);
        Assert.Equal(7, (await LoadBalancerOperations.GetAsync(emu.Client, ids[0], default))!.ProjectId); // all or nothing
    }

    [Fact]
    public async Task Sla_change_sets_each_spec_and_the_last_entry_for_an_id_wins()
    {
        var client = _fx.UniqueRegion();
        var ids = await CreateAsync(client, 2);
        var results = await InfoOperations.SetSlaAsync(client, new[]
        {
            new SlaUpdateParam { LoadBalancerId = ids[0], SlaType = "clb.c2.medium" },
            new SlaUpdateParam { LoadBalancerId = ids[1], SlaType = "clb.c3.small" },
            new SlaUpdateParam { LoadBalancerId = ids[0], SlaType = "SLA" },
        }, default);
        Assert.Equal(ids, Assert.Single(results).Ids);
        Assert.Null(results[0].Error);
        Assert.Equal("SLA", (await LoadBalancerOperations.GetAsync(client, ids[0], default))!.SlaType);
        Assert.Equal("clb.c3.small", (await LoadBalancerOperations.GetAsync(client, ids[1], default))!.SlaType);

        var bad = await InfoOperations.SetSlaAsync(client, new[] { new SlaUpdateParam { LoadBalancerId = ids[1], SlaType = "gold" } }, default);
        Assert.StartsWith("InvalidParameter", Assert.IsAssignableFrom<ClbApiException>(bad[0].Error).Code);
        await Assert.ThrowsAsync<ArgumentException>(() => InfoOperations.SetSlaAsync(client, new[] { new SlaUpdateParam { LoadBalancerId = ids[0] } }, default));
    }
}
