namespace ClbPowerShell.Tests.Emulator;

/// <summary>Listeners and layer-7 rules.</summary>
public sealed class ListenerRuleTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public ListenerRuleTests(EmulatorFixture fx) { _fx = fx; }

    [Fact]
    public async Task CreateListener_creates_one_listener_per_port_with_names()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("listeners");
        var r = await c.InvokeAsync("CreateListener", new { LoadBalancerId = lb, Ports = new[] { 80, 81 }, Protocol = "TCP", ListenerNames = new[] { "a", "b" }, Scheduler = "LEAST_CONN", SessionExpireTime = 60 });
        var ids = r.Strings("ListenerIds");
        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.Matches("^lbl-[0-9a-z]{8}$", id));
        var d = await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb });
        Assert.Equal(2, d.GetProperty("TotalCount").GetInt32());
        var first = d.GetProperty("Listeners")[0];
        Assert.Equal("a", first.GetProperty("ListenerName").GetString());
        Assert.Equal("LEAST_CONN", first.GetProperty("Scheduler").GetString());
        Assert.Equal(60, first.GetProperty("SessionExpireTime").GetInt32());
        Assert.Equal(1, first.GetProperty("HealthCheck").GetProperty("HealthSwitch").GetInt32());
    }

    [Fact]
    public async Task A_port_in_use_by_the_same_protocol_family_is_PortCheckFailed()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("ports");
        await c.CreateListenerAsync(lb, "TCP", 80);
        await c.ErrorAsync("InvalidParameter.PortCheckFailed", "CreateListener", new { LoadBalancerId = lb, Ports = new[] { 80 }, Protocol = "HTTP" });
        await c.ErrorAsync("InvalidParameter.PortCheckFailed", "CreateListener", new { LoadBalancerId = lb, Ports = new[] { 90, 90 }, Protocol = "TCP" });
        await c.CreateListenerAsync(lb, "UDP", 80); // UDP has its own port space
        await c.ErrorAsync("InvalidParameter.PortCheckFailed", "CreateListener", new { LoadBalancerId = lb, Ports = new[] { 80 }, Protocol = "QUIC", Certificate = new { CertId = "c-1" } });
    }

    [Theory]
    [InlineData("{\"Ports\":[80],\"Protocol\":\"TCP\"}", "MissingParameter")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Protocol\":\"TCP\"}", "MissingParameter")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[80]}", "MissingParameter")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[0],\"Protocol\":\"TCP\"}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[65536],\"Protocol\":\"TCP\"}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[80],\"Protocol\":\"SCTP\"}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[80],\"Protocol\":\"TCP\",\"ListenerNames\":[\"a\",\"b\"]}", "InvalidParameterValue.Length")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[80],\"Protocol\":\"TCP\",\"SessionExpireTime\":10}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[80],\"Protocol\":\"TCP\",\"Scheduler\":\"IP_HASH\"}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[80],\"Protocol\":\"TCP\",\"HealthCheck\":{\"TimeOut\":61}}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[443],\"Protocol\":\"HTTPS\"}", "MissingParameter")]
    [InlineData("{\"LoadBalancerId\":\"LB\",\"Ports\":[80],\"Protocol\":\"HTTP\",\"Certificate\":{\"CertId\":\"x\"}}", "InvalidParameter.ProtocolCheckFailed")]
    [InlineData("{\"LoadBalancerId\":\"lb-zzzzzzzz\",\"Ports\":[80],\"Protocol\":\"TCP\"}", "InvalidParameter.LBIdNotFound")]
    public async Task CreateListener_validates(string json, string code)
    {
        var lb = await _fx.Client.CreateLbAsync("validate");
        await _fx.Client.ErrorAsync(code, "CreateListener", json.Replace("\"LB\"", $"\"{lb}\""));
    }

    [Fact]
    public async Task DescribeListeners_filters_by_ids_protocol_and_port()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("describe-listeners");
        var tcp = await c.CreateListenerAsync(lb, "TCP", 1000);
        var http = await c.CreateListenerAsync(lb, "HTTP", 1001);
        Assert.Equal(tcp, (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb, Protocol = "TCP" })).GetProperty("Listeners")[0].GetProperty("ListenerId").GetString());
        Assert.Equal(http, (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb, Port = 1001 })).GetProperty("Listeners")[0].GetProperty("ListenerId").GetString());
        Assert.Equal(1, (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb, ListenerIds = new[] { http } })).GetProperty("TotalCount").GetInt32());
        await c.ErrorAsync("MissingParameter", "DescribeListeners", new { });
    }

    [Fact]
    public async Task ModifyListener_changes_attributes_and_reports_unknown_listeners()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("modify-listener");
        var l = await c.CreateListenerAsync(lb, "TCP", 80);
        await c.InvokeAsync("ModifyListener", new { LoadBalancerId = lb, ListenerId = l, ListenerName = "renamed", HealthCheck = new { IntervalTime = 10 }, Scheduler = "LEAST_CONN" });
        var d = (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb })).GetProperty("Listeners")[0];
        Assert.Equal("renamed", d.GetProperty("ListenerName").GetString());
        Assert.Equal(10, d.GetProperty("HealthCheck").GetProperty("IntervalTime").GetInt32());
        Assert.Equal(3, d.GetProperty("HealthCheck").GetProperty("HealthNum").GetInt32());
        Assert.Equal("LEAST_CONN", d.GetProperty("Scheduler").GetString());
        await c.ErrorAsync("InvalidParameter.ListenerIdNotFound", "ModifyListener", new { LoadBalancerId = lb, ListenerId = "lbl-zzzzzzzz", ListenerName = "x" });
        await c.ErrorAsync("MissingParameter", "ModifyListener", new { LoadBalancerId = lb });
    }

    [Fact]
    public async Task DeleteListener_and_DeleteLoadBalancerListeners()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("delete-listeners");
        var ids = (await c.InvokeAsync("CreateListener", new { LoadBalancerId = lb, Ports = new[] { 1, 2, 3, 4 }, Protocol = "UDP" })).Strings("ListenerIds");
        await c.InvokeAsync("DeleteListener", new { LoadBalancerId = lb, ListenerId = ids[0] });
        await c.ErrorAsync("InvalidParameter.ListenerIdNotFound", "DeleteListener", new { LoadBalancerId = lb, ListenerId = ids[0] });
        await c.InvokeAsync("DeleteLoadBalancerListeners", new { LoadBalancerId = lb, ListenerIds = new[] { ids[1] } });
        Assert.Equal(2, (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb })).GetProperty("TotalCount").GetInt32());
        await c.InvokeAsync("DeleteLoadBalancerListeners", new { LoadBalancerId = lb });
        Assert.Equal(0, (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb })).GetProperty("TotalCount").GetInt32());
        // The port is free again.
        await c.CreateListenerAsync(lb, "UDP", 1);
    }

    [Fact]
    public async Task CreateRule_returns_location_ids_and_rules_appear_in_DescribeListeners()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rules");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var r = await c.InvokeAsync("CreateRule", new
        {
            LoadBalancerId = lb, ListenerId = l,
            Rules = new object[] { new { Domain = "Www.Example.com", Url = "/" }, new { Domain = "www.example.com", Url = "/api", Scheduler = "IP_HASH", SessionExpireTime = 30 } },
        });
        var locs = r.Strings("LocationIds");
        Assert.All(locs, id => Assert.Matches("^loc-[0-9a-z]{8}$", id));
        var rules = (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb })).GetProperty("Listeners")[0].GetProperty("Rules");
        Assert.Equal(2, rules.GetArrayLength());
        Assert.Equal("www.example.com", rules[0].GetProperty("Domain").GetString());
        Assert.True(rules[0].GetProperty("DefaultServer").GetBoolean());
        Assert.Equal("IP_HASH", rules[1].GetProperty("Scheduler").GetString());
        Assert.Equal(l, rules[1].GetProperty("ListenerId").GetString());
    }

    [Fact]
    public async Task Rule_errors_duplicate_protocol_missing_and_not_found()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rule-errors");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var tcp = await c.CreateListenerAsync(lb, "TCP", 81);
        await c.CreateRuleAsync(lb, l, "a.com", "/x");
        await c.ErrorAsync("InvalidParameter", "CreateRule", new { LoadBalancerId = lb, ListenerId = l, Rules = new[] { new { Domain = "a.com", Url = "/x" } } });
        await c.ErrorAsync("InvalidParameter.ProtocolCheckFailed", "CreateRule", new { LoadBalancerId = lb, ListenerId = tcp, Rules = new[] { new { Domain = "a.com", Url = "/" } } });
        await c.ErrorAsync("MissingParameter", "CreateRule", new { LoadBalancerId = lb, ListenerId = l, Rules = new[] { new { Domain = "a.com" } } });
        await c.ErrorAsync("MissingParameter", "CreateRule", new { LoadBalancerId = lb, ListenerId = l });
        await c.ErrorAsync("InvalidParameterValue", "CreateRule", new { LoadBalancerId = lb, ListenerId = l, Rules = new[] { new { Domain = "a.com", Url = "nope" } } });
        await c.ErrorAsync("InvalidParameterValue.Length", "CreateRule", new { LoadBalancerId = lb, ListenerId = l, Rules = new[] { new { Domain = "a.com", Url = "/" + new string('a', 200) } } });
        await c.ErrorAsync("InvalidParameter.ListenerIdNotFound", "CreateRule", new { LoadBalancerId = lb, ListenerId = "lbl-zzzzzzzz", Rules = new[] { new { Domain = "a.com", Url = "/" } } });
        await c.ErrorAsync("InvalidParameter.LocationNotFound", "DeleteRule", new { LoadBalancerId = lb, ListenerId = l, LocationIds = new[] { "loc-zzzzzzzz" } });
        await c.ErrorAsync("InvalidParameter.LocationNotFound", "ModifyRule", new { LoadBalancerId = lb, ListenerId = l, LocationId = "loc-zzzzzzzz", Url = "/y" });
        await c.ErrorAsync("MissingParameter", "DeleteRule", new { LoadBalancerId = lb, ListenerId = l });
    }

    [Fact]
    public async Task DeleteRule_by_location_id_or_domain_and_url()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("delete-rule");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var a = await c.CreateRuleAsync(lb, l, "a.com", "/a");
        await c.CreateRuleAsync(lb, l, "a.com", "/b");
        await c.InvokeAsync("DeleteRule", new { LoadBalancerId = lb, ListenerId = l, LocationIds = new[] { a } });
        await c.InvokeAsync("DeleteRule", new { LoadBalancerId = lb, ListenerId = l, Domain = "a.com", Url = "/b" });
        var rules = (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb })).GetProperty("Listeners")[0].GetProperty("Rules");
        Assert.Equal(0, rules.GetArrayLength());
    }

    [Fact]
    public async Task ModifyRule_ModifyDomain_and_ModifyDomainAttributes()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("modify-rule");
        var l = await c.CreateListenerAsync(lb, "HTTPS", 443, new { SniSwitch = 1, Certificate = (object?)null });
        var loc = await c.CreateRuleAsync(lb, l, "old.com", "/");
        await c.CreateRuleAsync(lb, l, "other.com", "/");
        await c.InvokeAsync("ModifyRule", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, Url = "/v2", Scheduler = "LEAST_CONN", HealthCheck = new { HttpCheckPath = "/health" } });
        await c.InvokeAsync("ModifyDomain", new { LoadBalancerId = lb, ListenerId = l, Domain = "old.com", NewDomain = "new.com" });
        await c.InvokeAsync("ModifyDomainAttributes", new { LoadBalancerId = lb, ListenerId = l, Domain = "new.com", Http2 = true, DefaultServer = true, Certificate = new { CertId = "cert-dom1" } });
        var rules = (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb })).GetProperty("Listeners")[0].GetProperty("Rules");
        var rule = rules.EnumerateArray().Single(r => r.GetProperty("LocationId").GetString() == loc);
        Assert.Equal("new.com", rule.GetProperty("Domain").GetString());
        Assert.Equal("/v2", rule.GetProperty("Url").GetString());
        Assert.Equal("LEAST_CONN", rule.GetProperty("Scheduler").GetString());
        Assert.Equal("/health", rule.GetProperty("HealthCheck").GetProperty("HttpCheckPath").GetString());
        Assert.True(rule.GetProperty("Http2").GetBoolean());
        Assert.True(rule.GetProperty("DefaultServer").GetBoolean());
        Assert.Equal("cert-dom1", rule.GetProperty("Certificate").GetProperty("CertId").GetString());
        Assert.False(rules.EnumerateArray().Single(r => r.GetProperty("Domain").GetString() == "other.com").GetProperty("DefaultServer").GetBoolean());
        await c.ErrorAsync("InvalidParameter.LocationNotFound", "ModifyDomain", new { LoadBalancerId = lb, ListenerId = l, Domain = "old.com", NewDomain = "x.com" });
        await c.CreateRuleAsync(lb, l, "third.com", "/v2");
        await c.ErrorAsync("InvalidParameter", "ModifyDomain", new { LoadBalancerId = lb, ListenerId = l, Domain = "third.com", NewDomain = "new.com" }); // new.com already has /v2
        await c.ErrorAsync("InvalidParameter", "ModifyDomainAttributes", new { LoadBalancerId = lb, ListenerId = l, Domain = "new.com", NewDomain = "a.com", NewDomains = new[] { "b.com" } });
        await c.ErrorAsync("MissingParameter", "ModifyDomain", new { LoadBalancerId = lb, ListenerId = l, Domain = "new.com" });
    }
}
