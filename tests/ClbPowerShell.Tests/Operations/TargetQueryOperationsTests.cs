using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using System.Text.Json;
using ClbPowerShell.Tests.Emulator;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Operations;

/// <summary>DescribeTargets / DescribeTargetHealth / DescribeLBListeners flattened, against the emulator.</summary>
public sealed class TargetQueryOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public TargetQueryOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static object Cvm(string id, int port, int? weight = null) =>
        weight is { } w ? new { InstanceId = id, Port = port, Weight = w } : new { InstanceId = id, Port = port };
    private static object Eni(string ip, int port) => new { EniIp = ip, Port = port };

    /// <summary>An LB with a TCP listener (a CVM and an ENI target) and an HTTP listener with two rules.</summary>
    private sealed record Setup(ClbClient Client, string Lb, string Tcp, string Http, string LocA, string LocB, string Vpc);

    private async Task<Setup> SetUpAsync(ClbClient c, string? vpc = null)
    {
        var lb = await c.CreateLbAsync("tq-" + Guid.NewGuid().ToString("N")[..6], extra: vpc == null ? null : new { VpcId = vpc });
        var tcp = await c.CreateListenerAsync(lb, "TCP", 80);
        var http = await c.CreateListenerAsync(lb, "HTTP", 8080);
        var locA = await c.CreateRuleAsync(lb, http, "a.example.com", "/api");
        var locB = await c.CreateRuleAsync(lb, http, "b.example.com", "/");
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = tcp, Targets = new[] { Cvm("ins-tq000001", 9000, 40), Eni("172.16.5.10", 9001) } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = http, LocationId = locA, Targets = new[] { Cvm("ins-tq000001", 8000), Cvm("ins-tq000002", 8000, 0) } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = http, Domain = "b.example.com", Url = "/", Targets = new[] { Eni("172.16.5.11", 80) } });
        var detail = await c.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { lb } });
        return new Setup(c, lb, tcp, http, locA, locB, detail.GetProperty("LoadBalancerSet")[0].GetProperty("VpcId").GetString()!);
    }

    [Fact]
    public async Task Layer4_targets_are_flattened_with_listener_context_and_no_location()
    {
        var c = _fx.UniqueRegion();
        var s = await SetUpAsync(c);
        var targets = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb, ListenerIds = new[] { s.Tcp } }, default);
        Assert.Equal(2, targets.Count);
        Assert.All(targets, t =>
        {
            Assert.Equal(s.Lb, t.LoadBalancerId);
            Assert.Equal(s.Tcp, t.ListenerId);
            Assert.Null(t.LocationId);
            Assert.Null(t.Domain);
            Assert.Null(t.Url);
            Assert.Equal("TCP", t.Protocol);
            Assert.Equal(80, t.ListenerPort);
            Assert.Equal(c.Region, t.Region);
        });
        var cvm = targets.Single(t => t.Type == "CVM");
        Assert.Equal("ins-tq000001", cvm.InstanceId);
        Assert.Null(cvm.EniIp);
        Assert.Equal(9000, cvm.Port);
        Assert.Equal(40, cvm.Weight);
        Assert.NotNull(cvm.PrivateIpAddresses);
        Assert.Single(cvm.PrivateIpAddresses!);
        Assert.Equal("ins-tq000001:9000", cvm.Key);

        var eni = targets.Single(t => t.Type == "ENI");
        Assert.Null(eni.InstanceId);
        Assert.Equal("172.16.5.10", eni.EniIp);
        Assert.Equal(9001, eni.Port);
        Assert.Equal(10, eni.Weight);
        Assert.Equal("172.16.5.10:9001", eni.Key);
    }

    [Fact]
    public async Task Layer7_targets_carry_location_domain_and_url()
    {
        var c = _fx.UniqueRegion();
        var s = await SetUpAsync(c);
        var targets = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb, ListenerIds = new[] { s.Http } }, default);
        Assert.Equal(3, targets.Count);
        var onA = targets.Where(t => t.LocationId == s.LocA).OrderBy(t => t.InstanceId).ToList();
        Assert.Equal(new[] { "ins-tq000001", "ins-tq000002" }, onA.Select(t => t.InstanceId));
        Assert.All(onA, t => { Assert.Equal("a.example.com", t.Domain); Assert.Equal("/api", t.Url); Assert.Equal("HTTP", t.Protocol); Assert.Equal(8080, t.ListenerPort); });
        Assert.Equal(0, onA[1].Weight);
        var onB = Assert.Single(targets, t => t.LocationId == s.LocB);
        Assert.Equal("b.example.com", onB.Domain);
        Assert.Equal("/", onB.Url);
        Assert.Equal("172.16.5.11", onB.EniIp);
    }

    [Fact]
    public async Task Whole_load_balancer_lists_every_binding()
    {
        var c = _fx.UniqueRegion();
        var s = await SetUpAsync(c);
        var all = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb }, default);
        Assert.Equal(5, all.Count);
        Assert.Equal(2, all.Count(t => t.ListenerId == s.Tcp));
        Assert.Equal(3, all.Count(t => t.ListenerId == s.Http));
    }

    [Fact]
    public async Task Filters_location_private_ip_protocol_port_and_instance()
    {
        var c = _fx.UniqueRegion();
        var s = await SetUpAsync(c);
        var byLoc = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb, LocationId = s.LocB }, default);
        Assert.Equal("172.16.5.11", Assert.Single(byLoc).EniIp);

        var byIp = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb, PrivateIps = new[] { "172.16.5.10" } }, default);
        var one = Assert.Single(byIp);
        Assert.Equal(s.Tcp, one.ListenerId);

        var byProtocol = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb, Protocol = "HTTP" }, default);
        Assert.Equal(3, byProtocol.Count);
        Assert.All(byProtocol, t => Assert.Equal(s.Http, t.ListenerId));

        var byPort = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb, Port = 80 }, default);
        Assert.Equal(2, byPort.Count);
        Assert.All(byPort, t => Assert.Equal(s.Tcp, t.ListenerId));

        var byInstance = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb, InstanceIds = new[] { "INS-TQ000001" } }, default);
        Assert.Equal(2, byInstance.Count);
        Assert.Equal(new[] { s.Tcp, s.Http }.OrderBy(x => x), byInstance.Select(t => t.ListenerId).OrderBy(x => x));
        Assert.All(byInstance, t => Assert.Equal("ins-tq000001", t.InstanceId));
    }

    [Fact]
    public async Task More_than_20_listener_ids_are_split_over_calls()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lb = await c.CreateLbAsync("many");
        var listeners = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var l = await c.CreateListenerAsync(lb, "TCP", 1000 + i);
            await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { Cvm("ins-many0001", 2000 + i) } });
            listeners.Add(l);
        }
        emu.Server.Stats.Reset();
        var targets = await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = lb, ListenerIds = listeners }, default);
        Assert.Equal(25, targets.Count);
        Assert.Equal(Enumerable.Range(2000, 25), targets.Select(t => (int)t.Port).OrderBy(p => p));
        Assert.Equal(2, emu.Server.Stats["DescribeTargets"].Calls);
    }

    [Fact]
    public async Task Unknown_load_balancer_is_the_service_error()
    {
        var ex = await Assert.ThrowsAsync<ClbApiException>(() =>
            TargetQueryOperations.ListAsync(_fx.Client, new TargetQuery { LoadBalancerId = "lb-zzzzzzzz" }, default));
        Assert.StartsWith("InvalidParameter", ex.Code);
    }

    [Fact]
    public async Task Health_is_flattened_per_binding_with_layer4_location_null()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var s = await SetUpAsync(c);
        var eniOnTcp = "172.16.5.10:9001";
        emu.Server.Store.Mutate(d => d.UnhealthyTargets.Add(eniOnTcp));

        var health = await TargetQueryOperations.HealthAsync(c, new[] { s.Lb }, default);
        Assert.Equal(5, health.Count);
        Assert.All(health, h => { Assert.Equal(s.Lb, h.LoadBalancerId); Assert.Equal(c.Region, h.Region); });

        var l4 = health.Where(h => h.ListenerId == s.Tcp).ToList();
        Assert.Equal(2, l4.Count);
        Assert.All(l4, h => { Assert.Null(h.LocationId); Assert.Null(h.Domain); Assert.Equal("TCP", h.Protocol); Assert.Equal(80, h.ListenerPort); });
        var dead = Assert.Single(health, h => h.HealthStatus == false);
        Assert.Equal("172.16.5.10", dead.IP);
        Assert.Equal(9001, dead.Port);
        Assert.Equal("Dead", dead.HealthStatusDetail);
        var cvm = Assert.Single(l4, h => h.TargetId == "ins-tq000001");
        Assert.True(cvm.HealthStatus);
        Assert.Equal("Alive", cvm.HealthStatusDetail);

        var l7 = health.Where(h => h.ListenerId == s.Http).ToList();
        Assert.Equal(2, l7.Count(h => h.LocationId == s.LocA && h.Domain == "a.example.com" && h.Url == "/api"));
        Assert.Single(l7, h => h.LocationId == s.LocB);
    }

    [Fact]
    public async Task Health_of_more_than_20_load_balancers_takes_several_calls()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var ids = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            var lb = await c.CreateLbAsync("h" + i);
            var l = await c.CreateListenerAsync(lb, "UDP", 53);
            await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { Eni("10.9.0." + (i + 1), 53) } });
            ids.Add(lb);
        }
        emu.Server.Stats.Reset();
        var health = await TargetQueryOperations.HealthAsync(c, ids.Concat(ids.Take(3)), default);
        Assert.Equal(21, health.Count);
        Assert.Equal(ids.OrderBy(x => x), health.Select(h => h.LoadBalancerId).OrderBy(x => x));
        Assert.Equal(2, emu.Server.Stats["DescribeTargetHealth"].Calls);
    }

    [Fact]
    public async Task Health_with_an_unknown_id_reports_that_id_and_still_answers_for_the_others()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var s = await SetUpAsync(c);
        await Assert.ThrowsAsync<ClbApiException>(() => TargetQueryOperations.HealthAsync(c, new[] { s.Lb, "lb-zzzzzzzz" }, default));

        var failed = new List<(string Id, string Code)>();
        var health = await TargetQueryOperations.HealthAsync(c, new[] { s.Lb, "lb-zzzzzzzz" }, default, (id, ex) => failed.Add((id, ex.Code)));
        Assert.Equal(5, health.Count);
        var (badId, code) = Assert.Single(failed);
        Assert.Equal("lb-zzzzzzzz", badId);
        Assert.StartsWith("InvalidParameter", code);
    }

    [Fact]
    public async Task Bindings_by_instance_id_carry_what_deregistering_needs()
    {
        var c = _fx.UniqueRegion();
        var s = await SetUpAsync(c);
        var other = await SetUpAsync(c);
        var result = await TargetQueryOperations.FindBindingsAsync(c, new TargetBindingQuery { InstanceIds = new[] { "ins-tq000001", "ins-nowhere1" } }, default);
        Assert.Equal(new[] { "ins-nowhere1" }, result.UnboundInstanceIds);
        // ins-tq000001 is on the TCP listener and rule A of both load balancers.
        Assert.Equal(4, result.Bindings.Count);
        Assert.All(result.Bindings, b =>
        {
            Assert.Equal("ins-tq000001", b.InstanceId);
            Assert.Null(b.EniIp);
            Assert.Equal("CVM", b.Type);
            Assert.Equal(c.Region, b.Region);
        });
        Assert.Equal(new[] { s.Lb, other.Lb }.OrderBy(x => x), result.Bindings.Select(b => b.LoadBalancerId).Distinct().OrderBy(x => x));
        var l4 = Assert.Single(result.Bindings, b => b.LoadBalancerId == s.Lb && b.ListenerId == s.Tcp);
        Assert.Null(l4.LocationId);
        Assert.Equal(9000, l4.Port);
        Assert.Equal(40, l4.Weight);
        var l7 = Assert.Single(result.Bindings, b => b.LoadBalancerId == s.Lb && b.ListenerId == s.Http);
        Assert.Equal(s.LocA, l7.LocationId);
        Assert.Equal("a.example.com", l7.Domain);
        Assert.Equal("/api", l7.Url);
        Assert.Equal(8000, l7.Port);

        // What was found can be deregistered as is.
        foreach (var b in result.Bindings)
            await c.InvokeAsync("DeregisterTargets", new { b.LoadBalancerId, b.ListenerId, b.LocationId, Targets = new[] { new { b.InstanceId, b.Port } } });
        var again = await TargetQueryOperations.FindBindingsAsync(c, new TargetBindingQuery { InstanceIds = new[] { "ins-tq000001" } }, default);
        Assert.Empty(again.Bindings);
        Assert.Equal(new[] { "ins-tq000001" }, again.UnboundInstanceIds);
    }

    [Fact]
    public async Task Bindings_by_private_ip_find_eni_targets_in_the_load_balancers_vpcs()
    {
        var c = _fx.UniqueRegion();
        var s = await SetUpAsync(c);
        var result = await TargetQueryOperations.FindBindingsAsync(c, new TargetBindingQuery { PrivateIps = new[] { "172.16.5.11", "172.16.5.10" } }, default);
        Assert.Equal(2, result.Bindings.Count);
        var l4 = Assert.Single(result.Bindings, b => b.ListenerId == s.Tcp);
        Assert.Equal("ENI", l4.Type);
        Assert.Equal("172.16.5.10", l4.EniIp);
        Assert.Null(l4.InstanceId);
        Assert.Equal(9001, l4.Port);
        var l7 = Assert.Single(result.Bindings, b => b.ListenerId == s.Http);
        Assert.Equal(s.LocB, l7.LocationId);
        Assert.Equal("b.example.com", l7.Domain);
        Assert.Equal(80, l7.Port);
        Assert.Equal("172.16.5.11", l7.EniIp);
    }

    [Fact]
    public async Task Bindings_by_the_private_ip_of_a_cvm_carry_its_instance_id()
    {
        var c = _fx.UniqueRegion();
        var s = await SetUpAsync(c);
        var ip = (await TargetQueryOperations.ListAsync(c, new TargetQuery { LoadBalancerId = s.Lb, InstanceIds = new[] { "ins-tq000002" } }, default))
            .Single().PrivateIpAddresses![0];
        var result = await TargetQueryOperations.FindBindingsAsync(c, new TargetBindingQuery { PrivateIps = new[] { ip }, VpcId = s.Vpc }, default);
        var b = Assert.Single(result.Bindings);
        Assert.Equal("ins-tq000002", b.InstanceId);
        Assert.Equal(s.LocA, b.LocationId);
        Assert.Equal(0, b.Weight);
    }

    [Fact]
    public async Task Bindings_in_another_vpc_are_not_found_when_the_vpc_is_given()
    {
        var c = _fx.UniqueRegion();
        await SetUpAsync(c);
        var result = await TargetQueryOperations.FindBindingsAsync(c, new TargetBindingQuery { PrivateIps = new[] { "172.16.5.10" }, VpcId = "vpc-other001" }, default);
        Assert.Empty(result.Bindings);
    }

    [Fact]
    public async Task Nothing_asked_sends_nothing()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var result = await TargetQueryOperations.FindBindingsAsync(emu.Client, new TargetBindingQuery(), default);
        Assert.Empty(result.Bindings);
        Assert.Equal(0, emu.Server.Stats.Snapshot().Values.Sum(a => a.Calls));
    }

    [Fact]
    public void Describe_lb_listeners_answer_with_lower_case_types_is_normalized()
    {
        var items = new List<LBItem>
        {
            new()
            {
                LoadBalancerId = "lb-12345678", Region = "ap-shanghai",
                Listeners = new List<ListenerItem>
                {
                    new() { ListenerId = "lbl-12345678", Protocol = "TCP", Port = 81, Targets = new List<LbRsTargets> { new() { Type = "eni", PrivateIp = "10.0.0.2", Port = 1201, VpcId = 1111, Weight = 10 } } },
                    new()
                    {
                        ListenerId = "lbl-87654321", Protocol = "HTTP", Port = 80,
                        Rules = new List<RulesItems> { new() { LocationId = "loc-12345678", Domain = "x.com", Url = "/", Targets = new List<LbRsTargets> { new() { Type = "cvm", PrivateIp = "10.0.0.3", Port = 80 } } } },
                    },
                },
            },
        };
        var drafts = TargetQueryOperations.FlattenBindings("ap-guangzhou", items).ToList();
        Assert.Equal(2, drafts.Count);
        var eni = drafts.Single(d => d.ListenerId == "lbl-12345678");
        Assert.Equal("ENI", eni.Type);
        Assert.Equal("10.0.0.2", eni.EniIp);
        Assert.Equal("ap-shanghai", eni.Region);
        Assert.Equal(1201, eni.Port);
        var cvm = drafts.Single(d => d.ListenerId == "lbl-87654321");
        Assert.Equal("CVM", cvm.Type);
        Assert.Null(cvm.EniIp);
        Assert.Equal("loc-12345678", cvm.LocationId);
    }

    [Fact]
    public async Task Cross_targets_page_at_100_send_filters_and_fill_the_region()
    {
        // The emulator has no DescribeCrossTargets yet: a scripted server answers 230 items from the Offset/Limit asked.
        await using var server = await FakeHttpServer.StartAsync();
        server.Handler = (ctx, _) =>
        {
            var body = JsonDocument.Parse(server.Requests[^1].Body).RootElement;
            var offset = body.GetProperty("Offset").GetInt32();
            var limit = body.GetProperty("Limit").GetInt32();
            var items = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, 230 - offset)))
                .Select(i => new { LocalVpcId = "vpc-local001", VpcId = "vpc-abcdefgh", IP = "10.1.0." + (i % 250), Region = i % 2 == 0 ? null : "ap-beijing" });
            return FakeHttpServer.Json(ctx, JsonSerializer.Serialize(new { Response = new { TotalCount = 230, CrossTargetSet = items, RequestId = "r" } }));
        };
        var client = new ClbClient(new ClbClientOptions
        {
            Endpoint = server.Url, Region = "ap-guangzhou", MaxAttempts = 1, RateLimitPerSecond = null,
            Credentials = new ClbPowerShell.Client.Credentials.StaticCredentialProvider(new ClbPowerShell.Client.Credentials.ClbCredentials("AKIDx", "key", null)),
        });
        var query = new CrossTargetQuery { VpcIds = new[] { "vpc-abcdefgh" }, Ips = new[] { "10.1.0.1", "10.1.0.1" }, ListenerIds = new[] { "lbl-12345678" } };
        var all = new List<CrossTargets>();
        await foreach (var page in TargetQueryOperations.CrossTargetsAsync(client, query, 0, null, default)) all.AddRange(page.Items);
        Assert.Equal(230, all.Count);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(new[] { 0, 100, 200 }, server.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("Offset").GetInt32()));
        Assert.Equal(115, all.Count(t => t.Region == "ap-guangzhou"));
        Assert.Equal(115, all.Count(t => t.Region == "ap-beijing"));
        var filters = JsonDocument.Parse(server.Requests[0].Body).RootElement.GetProperty("Filters").EnumerateArray()
            .ToDictionary(f => f.GetProperty("Name").GetString()!, f => f.GetProperty("Values").EnumerateArray().Select(v => v.GetString()).ToArray());
        Assert.Equal(new[] { "vpc-id", "ip", "listener-id" }, filters.Keys);
        Assert.Equal(new[] { "10.1.0.1" }, filters["ip"]);

        // -Skip/-First: only what is needed is asked for.
        server.Requests.Clear();
        var some = new List<CrossTargets>();
        await foreach (var page in TargetQueryOperations.CrossTargetsAsync(client, new CrossTargetQuery(), 150, 20, default)) some.AddRange(page.Items);
        Assert.Equal(20, some.Count);
        Assert.Equal("10.1.0.150", some[0].IP);
        var only = Assert.Single(server.Requests);
        Assert.False(JsonDocument.Parse(only.Body).RootElement.TryGetProperty("Filters", out _));
    }
}
