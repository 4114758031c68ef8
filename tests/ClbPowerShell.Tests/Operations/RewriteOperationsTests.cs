using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>RewriteOperations against the emulator: flattening DescribeRewrite, manual and automatic creation, grouped deletion.</summary>
public sealed class RewriteOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public RewriteOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private sealed record Setup(string Lb, string Http, string Https, List<string> HttpRules, List<string> HttpsRules);

    /// <summary>An HTTP:80 and an HTTPS:443 listener with rules a.example.com/1../n on each.</summary>
    private static async Task<Setup> SetupAsync(ClbClient c, string name, int rules)
    {
        var lb = await c.CreateLbAsync(name);
        var http = await c.CreateListenerAsync(lb, "HTTP", 80);
        var https = await c.CreateListenerAsync(lb, "HTTPS", 443);
        var h = new List<string>();
        var s = new List<string>();
        for (var i = 1; i <= rules; i++)
        {
            h.Add(await c.CreateRuleAsync(lb, http, "a.example.com", "/" + i));
            s.Add(await c.CreateRuleAsync(lb, https, "a.example.com", "/" + i));
        }
        return new Setup(lb, http, https, h, s);
    }

    private static ManualRewriteRequest Manual(Setup s, params int[] pairs) => new()
    {
        LoadBalancerId = s.Lb,
        SourceListenerId = s.Http,
        TargetListenerId = s.Https,
        RewriteInfos = pairs.Select(i => new RewriteLocationMap { SourceLocationId = s.HttpRules[i], TargetLocationId = s.HttpsRules[i], RewriteCode = 302 }).ToList(),
    };

    [Fact]
    public async Task CreateManualAsync_makes_the_pairs_and_returns_them_flattened_with_context()
    {
        var c = _fx.Client;
        var s = await SetupAsync(c, "rw-manual", 2);

        var made = await RewriteOperations.CreateManualAsync(c, Manual(s, 0, 1), default);

        Assert.Equal(2, made.Count);
        var first = Assert.Single(made, r => r.SourceLocationId == s.HttpRules[0]);
        Assert.Equal(("ap-guangzhou", s.Lb, s.Http, s.Https, s.HttpsRules[0], "a.example.com", "/1", 302L, "Manual"),
            (first.Region, first.LoadBalancerId, first.SourceListenerId, first.TargetListenerId, first.TargetLocationId, first.Domain, first.Url, first.RewriteCode, first.RewriteType));
    }

    [Fact]
    public async Task ListAsync_filters_by_source_listener_and_location_and_leaves_out_rules_without_a_redirect()
    {
        var c = _fx.Client;
        var s = await SetupAsync(c, "rw-list", 3);
        await RewriteOperations.CreateManualAsync(c, Manual(s, 0, 1), default);

        var all = await RewriteOperations.ListAsync(c, s.Lb, null, null, default);
        Assert.Equal(new[] { s.HttpRules[0], s.HttpRules[1] }.OrderBy(x => x), all.Select(r => r.SourceLocationId).OrderBy(x => x));

        var one = await RewriteOperations.ListAsync(c, s.Lb, null, new[] { s.HttpRules[1] }, default);
        Assert.Equal(s.HttpsRules[1], Assert.Single(one).TargetLocationId);

        var none = await RewriteOperations.ListAsync(c, s.Lb, new[] { s.Https }, null, default);
        Assert.Empty(none);
    }

    [Fact]
    public async Task ListAsync_splits_more_than_100_location_ids_over_several_calls()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var s = await SetupAsync(c, "rw-many", 1);
        await RewriteOperations.CreateManualAsync(c, Manual(s, 0), default);
        var ids = Enumerable.Range(0, 150).Select(i => $"loc-{i:x8}").Append(s.HttpRules[0]).ToList();
        var before = emu.Server.Stats["DescribeRewrite"].Calls;

        var found = await RewriteOperations.ListAsync(c, s.Lb, null, ids, default);

        Assert.Equal(2, emu.Server.Stats["DescribeRewrite"].Calls - before);
        Assert.Equal(s.HttpRules[0], Assert.Single(found).SourceLocationId);
    }

    [Fact]
    public async Task CreateManualAsync_surfaces_the_service_error_for_a_rule_already_redirected()
    {
        var c = _fx.Client;
        var s = await SetupAsync(c, "rw-dup", 2);
        await RewriteOperations.CreateManualAsync(c, Manual(s, 0), default);
        var again = new ManualRewriteRequest
        {
            LoadBalancerId = s.Lb, SourceListenerId = s.Http, TargetListenerId = s.Https,
            RewriteInfos = new() { new RewriteLocationMap { SourceLocationId = s.HttpRules[0], TargetLocationId = s.HttpsRules[1] } },
        };
        var e = await Assert.ThrowsAsync<ClbApiException>(() => RewriteOperations.CreateManualAsync(c, again, default));
        Assert.StartsWith("InvalidParameter", e.Code);
    }

    [Fact]
    public async Task CreateAutoAsync_makes_http80_rules_redirecting_to_the_https_listener_for_the_given_domains()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rw-auto");
        var https = await c.CreateListenerAsync(lb, "HTTPS", 443);
        var a = await c.CreateRuleAsync(lb, https, "a.example.com", "/");
        await c.CreateRuleAsync(lb, https, "b.example.com", "/");

        var made = await RewriteOperations.CreateAutoAsync(c, new AutoRewriteRequest { LoadBalancerId = lb, ListenerId = https, Domains = new() { "a.example.com" } }, default);

        var r = Assert.Single(made);
        Assert.Equal((https, a, "a.example.com", "/", "Auto", true), (r.TargetListenerId, r.TargetLocationId, r.Domain, r.Url, r.RewriteType, r.TakeUrl));
        Assert.NotEqual(https, r.SourceListenerId);
        var listeners = await ListenerOperations.ListAsync(c, new DescribeListenersRequest { LoadBalancerId = lb }, default);
        var http = Assert.Single(listeners, l => l.ListenerId == r.SourceListenerId);
        Assert.Equal(("HTTP", 80L), (http.Protocol, http.Port));
    }

    [Fact]
    public void GroupForDelete_groups_by_load_balancer_and_listener_pair_drops_duplicates_and_splits_at_100()
    {
        ClbRewrite R(string lb, string sl, string tl, int i) => new() { LoadBalancerId = lb, SourceListenerId = sl, TargetListenerId = tl, SourceLocationId = $"loc-s{i:x7}", TargetLocationId = $"loc-t{i:x7}" };
        var input = Enumerable.Range(0, 150).Select(i => R("lb-00000001", "lbl-0000000a", "lbl-0000000b", i))
            .Append(R("lb-00000001", "lbl-0000000a", "lbl-0000000c", 1))
            .Append(R("lb-00000002", "lbl-0000000a", "lbl-0000000b", 1))
            .Append(R("lb-00000001", "lbl-0000000a", "lbl-0000000b", 3)) // duplicate
            .ToList();

        var groups = RewriteOperations.GroupForDelete(input);

        Assert.Equal(new[] { 100, 50, 1, 1 }, groups.Select(g => g.Rewrites.Count));
        Assert.Equal(("lb-00000001", "lbl-0000000c"), (groups[2].LoadBalancerId, groups[2].TargetListenerId));
        Assert.Equal("lb-00000002", groups[3].LoadBalancerId);
    }

    [Fact]
    public async Task DeleteAsync_removes_the_redirects_one_call_per_listener_pair_and_reports_failures_per_group()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var s = await SetupAsync(c, "rw-delete", 3);
        var made = await RewriteOperations.CreateManualAsync(c, Manual(s, 0, 1, 2), default);
        var bogus = new ClbRewrite { LoadBalancerId = s.Lb, SourceListenerId = s.Https, TargetListenerId = s.Http, SourceLocationId = s.HttpsRules[0], TargetLocationId = s.HttpRules[0] };
        var before = emu.Server.Stats["DeleteRewrite"].Calls;

        var results = await RewriteOperations.DeleteAsync(c, made.Take(2).Append(bogus), default);

        Assert.Equal(2, emu.Server.Stats["DeleteRewrite"].Calls - before);
        Assert.Null(results[0].Error);
        Assert.Equal(2, results[0].Group.Rewrites.Count);
        var error = Assert.IsType<ClbApiException>(results[1].Error);
        Assert.Contains("RewriteNotFound", error.Code);
        var left = await RewriteOperations.ListAsync(c, s.Lb, null, null, default);
        Assert.Equal(made[2].SourceLocationId, Assert.Single(left).SourceLocationId);
    }
}
