using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>RuleOperations against the emulator: flattening with context, filters, create/modify/delete, per-listener delete grouping.</summary>
public sealed class RuleOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public RuleOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static CreateRuleRequest Rules(string lb, string listener, params (string Domain, string Url)[] rules) => new()
    {
        LoadBalancerId = lb,
        ListenerId = listener,
        Rules = rules.Select(r => new RuleInput { Domain = r.Domain, Url = r.Url }).ToList(),
    };

    [Fact]
    public async Task ListAsync_flattens_rules_of_layer7_listeners_with_their_context()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-flatten");
        var http = await c.CreateListenerAsync(lb, "HTTP", 80);
        var https = await c.CreateListenerAsync(lb, "HTTPS", 443);
        await c.CreateListenerAsync(lb, "TCP", 8080);
        var a = await c.CreateRuleAsync(lb, http, "a.example.com", "/a");
        var b = await c.CreateRuleAsync(lb, https, "b.example.com", "/b");

        var rules = await RuleOperations.ListAsync(c, lb, null, null, default);

        Assert.Equal(2, rules.Count);
        var ra = Assert.Single(rules, r => r.LocationId == a);
        Assert.Equal(("ap-guangzhou", lb, http, "HTTP", 80L, "a.example.com", "/a"),
            (ra.Region, ra.LoadBalancerId, ra.ListenerId, ra.Protocol, ra.Port, ra.Domain, ra.Url));
        var rb = Assert.Single(rules, r => r.LocationId == b);
        Assert.Equal((lb, https, "HTTPS", 443L), (rb.LoadBalancerId, rb.ListenerId, rb.Protocol, rb.Port));
    }

    [Fact]
    public void Flatten_skips_layer4_listeners_and_fills_a_missing_ListenerId()
    {
        var listeners = new List<Listener>
        {
            new() { ListenerId = "lbl-tcp00001", Protocol = "TCP", Port = 80, Rules = new() { new RuleOutput { LocationId = "loc-bogus001" } } },
            new() { ListenerId = "lbl-http0001", Protocol = "HTTP", Port = 81, Rules = new() { new RuleOutput { LocationId = "loc-real0001" } } },
            new() { ListenerId = "lbl-http0002", Protocol = "HTTP", Port = 82, Rules = null },
        };
        var rules = RuleOperations.Flatten("ap-beijing", "lb-00000001", listeners).ToList();
        var rule = Assert.Single(rules);
        Assert.Equal(("loc-real0001", "lbl-http0001", "ap-beijing", "lb-00000001", 81L), (rule.LocationId, rule.ListenerId, rule.Region, rule.LoadBalancerId, rule.Port));
    }

    [Fact]
    public async Task ListAsync_filters_by_listener_domain_and_url_wildcards_and_location()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-filter");
        var l1 = await c.CreateListenerAsync(lb, "HTTP", 80);
        var l2 = await c.CreateListenerAsync(lb, "HTTP", 81);
        var (_, ids1) = await RuleOperations.CreateAsync(c, Rules(lb, l1, ("www.example.com", "/api"), ("www.example.com", "/img"), ("shop.example.org", "/api")), default);
        var (_, ids2) = await RuleOperations.CreateAsync(c, Rules(lb, l2, ("www.example.com", "/api/v2")), default);

        var onL2 = await RuleOperations.ListAsync(c, lb, new[] { l2 }, null, default);
        Assert.Equal(ids2, onL2.Select(r => r.LocationId!).ToList());

        var apis = await RuleOperations.ListAsync(c, lb, null, new RuleFilter { Url = "/api*" }, default);
        Assert.Equal(new[] { ids1[0], ids1[2], ids2[0] }.OrderBy(x => x), apis.Select(r => r.LocationId!).OrderBy(x => x));

        var exactUrl = await RuleOperations.ListAsync(c, lb, null, new RuleFilter { Url = "/api" }, default);
        Assert.Equal(new[] { ids1[0], ids1[2] }.OrderBy(x => x), exactUrl.Select(r => r.LocationId!).OrderBy(x => x));

        var org = await RuleOperations.ListAsync(c, lb, null, new RuleFilter { Domain = "*.ORG" }, default);
        Assert.Equal(ids1[2], Assert.Single(org).LocationId);

        var www = await RuleOperations.ListAsync(c, lb, new[] { l1 }, new RuleFilter { Domain = "WWW.example.com" }, default);
        Assert.Equal(new[] { ids1[0], ids1[1] }, www.Select(r => r.LocationId!).ToArray());

        var byId = await RuleOperations.ListAsync(c, lb, null, new RuleFilter { LocationIds = new[] { ids1[1], ids2[0] }, Url = "/img" }, default);
        Assert.Equal(ids1[1], Assert.Single(byId).LocationId);
    }

    [Fact]
    public async Task CreateAsync_returns_the_LocationIds_and_a_task_that_succeeds()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-create");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var request = Rules(lb, l, ("x.example.com", "/1"), ("x.example.com", "/2"));
        request.Rules![0].Scheduler = "IP_HASH";
        request.Rules[0].SessionExpireTime = 60;

        var (task, ids) = await RuleOperations.CreateAsync(c, request, default);

        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.Matches("^loc-[0-9a-z]{8}$", id));
        Assert.Equal(("CreateRule", lb, l), (task.Action, task.LoadBalancerId, task.ResourceId));
        await TaskWaiter.WaitAsync(c, task, TimeSpan.FromSeconds(10), null, default);
        var created = await RuleOperations.GetByLocationAsync(c, lb, l, ids, default);
        Assert.Equal(ids, created.Select(r => r.LocationId!).ToList());
        Assert.Equal(("IP_HASH", 60L), (created[0].Scheduler, created[0].SessionExpireTime));
        Assert.Equal("WRR", created[1].Scheduler);
    }

    [Fact]
    public async Task CreateAsync_of_one_rule_puts_its_LocationId_in_the_task()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-create1");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var (task, ids) = await RuleOperations.CreateAsync(c, Rules(lb, l, ("one.example.com", "/")), default);
        Assert.Equal(Assert.Single(ids), task.ResourceId);
    }

    [Fact]
    public async Task A_duplicate_domain_and_url_is_refused_by_the_service_and_nothing_is_created()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-dup");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        await RuleOperations.CreateAsync(c, Rules(lb, l, ("dup.example.com", "/x")), default);

        var e = await Emu.ErrorAsync("InvalidParameter", () => RuleOperations.CreateAsync(c, Rules(lb, l, ("new.example.com", "/y"), ("DUP.example.com", "/x")), default));
        Assert.Equal("CreateRule", e.Action);
        Assert.Single(await RuleOperations.ListAsync(c, lb, null, null, default));
    }

    [Fact]
    public async Task A_rule_on_a_layer4_listener_is_ProtocolCheckFailed()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-l4");
        var tcp = await c.CreateListenerAsync(lb, "TCP", 80);
        await Emu.ErrorAsync("InvalidParameter.ProtocolCheckFailed", () => RuleOperations.CreateAsync(c, Rules(lb, tcp, ("a.example.com", "/")), default));
    }

    [Fact]
    public async Task ModifyAsync_changes_url_and_scheduler()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-modify");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var loc = await c.CreateRuleAsync(lb, l, "m.example.com", "/old");

        var task = await RuleOperations.ModifyAsync(c, new ModifyRuleRequest
        {
            LoadBalancerId = lb, ListenerId = l, LocationId = loc, Url = "/new", Scheduler = "LEAST_CONN",
            HealthCheck = new HealthCheck { HealthSwitch = 1, HttpCheckPath = "/healthz" },
        }, default);

        Assert.Equal(("ModifyRule", loc), (task.Action, task.ResourceId));
        var rule = Assert.Single(await RuleOperations.GetByLocationAsync(c, lb, l, new[] { loc }, default));
        Assert.Equal(("/new", "LEAST_CONN", "/healthz"), (rule.Url, rule.Scheduler, rule.HealthCheck?.HttpCheckPath));
    }

    [Fact]
    public void GroupForDelete_makes_one_group_per_listener_without_duplicates_keeping_a_load_balancers_groups_together()
    {
        var groups = RuleOperations.GroupForDelete(new[]
        {
            new RuleRef("lb-00000001", "lbl-0000000a", "loc-00000001"),
            new RuleRef("lb-00000002", "lbl-0000000c", "loc-00000005"),
            new RuleRef("lb-00000001", "lbl-0000000b", "loc-00000003"),
            new RuleRef("lb-00000001", "lbl-0000000a", "loc-00000002"),
            new RuleRef("lb-00000001", "lbl-0000000a", "loc-00000001"),
        });
        Assert.Equal(new[] { "lbl-0000000a", "lbl-0000000b", "lbl-0000000c" }, groups.Select(g => g.ListenerId));
        Assert.Equal(new[] { "loc-00000001", "loc-00000002" }, groups[0].LocationIds);
        Assert.Equal(new[] { "lb-00000001", "lb-00000001", "lb-00000002" }, groups.Select(g => g.LoadBalancerId));
    }

    [Fact]
    public async Task DeleteGroupsAsync_sends_one_DeleteRule_per_listener_and_waits_between_tasks_of_one_load_balancer()
    {
        // Tasks that take a while: a second DeleteRule on the same load balancer while the first runs would be
        // FailedOperation.ResourceInOperating, so the operations layer must wait in between.
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 300);
        var c = emu.Client;
        var lb = await c.CreateLbAsync("rules-delete");
        await Task.Delay(350);
        var l1 = await c.CreateListenerAsync(lb, "HTTP", 80);
        await Task.Delay(350);
        var l2 = await c.CreateListenerAsync(lb, "HTTP", 81);
        await Task.Delay(350);
        var (t1, ids1) = await RuleOperations.CreateAsync(c, Rules(lb, l1, ("d.example.com", "/1"), ("d.example.com", "/2"), ("d.example.com", "/keep")), default);
        await TaskWaiter.WaitAsync(c, t1, TimeSpan.FromSeconds(10), null, default);
        var (t2, ids2) = await RuleOperations.CreateAsync(c, Rules(lb, l2, ("e.example.com", "/1"), ("e.example.com", "/2")), default);
        await TaskWaiter.WaitAsync(c, t2, TimeSpan.FromSeconds(10), null, default);
        var before = emu.Server.Stats["DeleteRule"].Calls;

        var refs = new[] { ids1[0], ids2[0], ids1[1], ids2[1] }
            .Select(id => new RuleRef(lb, ids1.Contains(id) ? l1 : l2, id));
        var results = new List<RuleDeleteResult>();
        await foreach (var r in RuleOperations.DeleteGroupsAsync(c, RuleOperations.GroupForDelete(refs), TimeSpan.FromSeconds(10), default)) results.Add(r);

        Assert.Equal(2, emu.Server.Stats["DeleteRule"].Calls - before);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.NotNull(r.Task));
        await TaskWaiter.WaitAsync(c, results[1].Task!, TimeSpan.FromSeconds(10), null, default);
        var left = await RuleOperations.ListAsync(c, lb, null, null, default);
        Assert.Equal(ids1[2], Assert.Single(left).LocationId);
    }

    [Fact]
    public async Task DeleteGroupsAsync_reports_a_failed_group_and_carries_on()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-delete-fail");
        var l1 = await c.CreateListenerAsync(lb, "HTTP", 80);
        var l2 = await c.CreateListenerAsync(lb, "HTTP", 81);
        var keep = await c.CreateRuleAsync(lb, l1, "f.example.com", "/");
        var gone = await c.CreateRuleAsync(lb, l2, "g.example.com", "/");

        var results = new List<RuleDeleteResult>();
        var groups = RuleOperations.GroupForDelete(new[] { new RuleRef(lb, l1, "loc-missing1"), new RuleRef(lb, l2, gone) });
        await foreach (var r in RuleOperations.DeleteGroupsAsync(c, groups, TimeSpan.FromSeconds(10), default)) results.Add(r);

        Assert.Equal("InvalidParameter.LocationNotFound", Assert.IsType<ClbApiException>(results[0].Error).Code);
        Assert.Null(results[0].Task);
        Assert.NotNull(results[1].Task);
        var left = await RuleOperations.ListAsync(c, lb, null, null, default);
        Assert.Equal(keep, Assert.Single(left).LocationId);
    }

    [Fact]
    public async Task DeleteAsync_by_domain_and_url_removes_that_rule()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-delete-du");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        await c.CreateRuleAsync(lb, l, "h.example.com", "/x");
        var keep = await c.CreateRuleAsync(lb, l, "h.example.com", "/y");
        var task = await RuleOperations.DeleteAsync(c, new DeleteRuleRequest { LoadBalancerId = lb, ListenerId = l, Domain = "h.example.com", Url = "/x" }, default);
        Assert.Equal("DeleteRule", task.Action);
        Assert.Equal(keep, Assert.Single(await RuleOperations.ListAsync(c, lb, null, null, default)).LocationId);
        await Assert.ThrowsAsync<ArgumentException>(() => RuleOperations.DeleteAsync(c, new DeleteRuleRequest { LoadBalancerId = lb, ListenerId = l, Domain = "h.example.com" }, default));
    }

    [Fact]
    public async Task RenameDomainAsync_is_visible_in_a_later_describe()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-rename");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var a = await c.CreateRuleAsync(lb, l, "old.example.com", "/a");
        var b = await c.CreateRuleAsync(lb, l, "old.example.com", "/b");
        var other = await c.CreateRuleAsync(lb, l, "other.example.com", "/a");

        var task = await RuleOperations.RenameDomainAsync(c, new ModifyDomainRequest { LoadBalancerId = lb, ListenerId = l, Domain = "old.example.com", NewDomain = "new.example.com" }, default);
        await TaskWaiter.WaitAsync(c, task, TimeSpan.FromSeconds(10), null, default);

        var renamed = await RuleOperations.GetByDomainAsync(c, lb, l, "new.example.com", default);
        Assert.Equal(new[] { a, b }, renamed.Select(r => r.LocationId!).ToArray());
        Assert.Empty(await RuleOperations.GetByDomainAsync(c, lb, l, "old.example.com", default));
        Assert.Equal("other.example.com", Assert.Single(await RuleOperations.GetByLocationAsync(c, lb, l, new[] { other }, default)).Domain);
    }

    [Fact]
    public async Task ModifyDomainAsync_renames_and_makes_the_domain_the_default()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-domattr");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        await c.CreateRuleAsync(lb, l, "first.example.com", "/");
        var second = await c.CreateRuleAsync(lb, l, "second.example.com", "/");

        await RuleOperations.ModifyDomainAsync(c, new ModifyDomainAttributesRequest
        {
            LoadBalancerId = lb, ListenerId = l, Domain = "second.example.com", NewDomain = "third.example.com", DefaultServer = true,
        }, default);

        var rules = await RuleOperations.ListAsync(c, lb, null, null, default);
        var third = Assert.Single(rules, r => r.LocationId == second);
        Assert.Equal(("third.example.com", true), (third.Domain, third.DefaultServer));
        Assert.False(Assert.Single(rules, r => r.Domain == "first.example.com").DefaultServer);
        await Assert.ThrowsAsync<ArgumentException>(() => RuleOperations.ModifyDomainAsync(c, new ModifyDomainAttributesRequest
        {
            LoadBalancerId = lb, ListenerId = l, Domain = "third.example.com", NewDomain = "x.example.com", NewDomains = new() { "y.example.com" },
        }, default));
    }

    [Fact]
    public async Task GetByDomainAsync_treats_a_wildcard_domain_literally()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules-wilddomain");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var star = await c.CreateRuleAsync(lb, l, "*.example.com", "/");
        await c.CreateRuleAsync(lb, l, "a.example.com", "/");
        var found = await RuleOperations.GetByDomainAsync(c, lb, l, "*.example.com", default);
        Assert.Equal(star, Assert.Single(found).LocationId);
    }

    [Fact]
    public async Task ListAsync_for_an_unknown_load_balancer_is_LBIdNotFound()
    {
        await Emu.ErrorAsync("InvalidParameter.LBIdNotFound", () => RuleOperations.ListAsync(_fx.Client, "lb-nothere1", null, null, default));
    }
}
