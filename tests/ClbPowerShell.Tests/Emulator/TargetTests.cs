namespace ClbPowerShell.Tests.Emulator;

/// <summary>Real servers on layer-4 listeners and layer-7 rules.</summary>
public sealed class TargetTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public TargetTests(EmulatorFixture fx) { _fx = fx; }

    private static object T(string id, int port, int? weight = null) => weight is { } w ? new { InstanceId = id, Port = port, Weight = w } : new { InstanceId = id, Port = port };

    [Fact]
    public async Task Register_on_a_layer4_listener_and_describe()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("l4-targets");
        var l = await c.CreateListenerAsync(lb, "TCP", 80);
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new object[] { T("ins-aaaa0001", 8080, 50), new { EniIp = "172.16.0.5", Port = 8080 } } });
        var d = await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb });
        var targets = d.GetProperty("Listeners")[0].GetProperty("Targets");
        Assert.Equal(2, targets.GetArrayLength());
        Assert.Equal("ins-aaaa0001", targets[0].GetProperty("InstanceId").GetString());
        Assert.Equal(50, targets[0].GetProperty("Weight").GetInt32());
        Assert.Equal("CVM", targets[0].GetProperty("Type").GetString());
        Assert.Equal(10, targets[1].GetProperty("Weight").GetInt32()); // documented default
        Assert.Equal("172.16.0.5", targets[1].GetProperty("PrivateIpAddresses")[0].GetString());
        Assert.Equal("ENI", targets[1].GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Register_on_a_rule_by_location_id_or_domain_and_url()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("l7-targets");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var loc = await c.CreateRuleAsync(lb, l, "a.com", "/");
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Domain = "a.com", Url = "/", Targets = new[] { T("ins-aaaa0002", 80) } });
        var rule = (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb, ListenerIds = new[] { l } })).GetProperty("Listeners")[0].GetProperty("Rules")[0];
        Assert.Equal(loc, rule.GetProperty("LocationId").GetString());
        Assert.Equal(2, rule.GetProperty("Targets").GetArrayLength());
        await c.ErrorAsync("MissingParameter", "RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0003", 80) } });
        await c.ErrorAsync("InvalidParameter.LocationNotFound", "RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = "loc-zzzzzzzz", Targets = new[] { T("ins-aaaa0003", 80) } });
        await c.ErrorAsync("InvalidParameter.LocationNotFound", "RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Domain = "b.com", Url = "/", Targets = new[] { T("ins-aaaa0003", 80) } });
    }

    [Fact]
    public async Task Register_validates_targets()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("validate-targets");
        var l = await c.CreateListenerAsync(lb, "TCP", 80);
        Task Bad(string code, object targets) => c.ErrorAsync(code, "RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = targets });
        await Bad("InvalidParameterValue", new[] { T("ins-aaaa0001", 0) });
        await Bad("InvalidParameterValue", new[] { T("ins-aaaa0001", 65536) });
        await Bad("InvalidParameterValue", new[] { T("ins-aaaa0001", 80, 101) });
        await Bad("InvalidParameterValue", new[] { T("ins-aaaa0001", 80, -1) });
        await Bad("InvalidParameterValue", new[] { T("i-123", 80) });
        await Bad("InvalidParameterValue", new[] { new { EniIp = "300.1.1.1", Port = 80 } });
        await Bad("MissingParameter", new[] { new { Port = 80 } });
        await Bad("MissingParameter", new[] { new { InstanceId = "ins-aaaa0001" } });
        await Bad("InvalidParameter", new[] { new { InstanceId = "ins-aaaa0001", EniIp = "10.0.0.1", Port = 80 } });
        await Bad("InvalidParameterValue.Duplicate", new[] { T("ins-aaaa0001", 80), T("ins-aaaa0001", 80) });
        await Bad("InvalidParameterValue.Length", Enumerable.Range(0, 21).Select(i => T($"ins-aaaa{i:D4}", 80)).ToArray());
        await Bad("InvalidParameter.FormatError", new[] { new { InstanceId = "ins-aaaa0001", Port = "80" } });
        await Bad("MissingParameter", Array.Empty<object>());
        await c.ErrorAsync("InvalidParameter.ListenerIdNotFound", "RegisterTargets", new { LoadBalancerId = lb, ListenerId = "lbl-zzzzzzzz", Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.ErrorAsync("InvalidParameter.LBIdNotFound", "RegisterTargets", new { LoadBalancerId = "lb-zzzzzzzz", ListenerId = l, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.ErrorAsync("InvalidParameter.ProtocolCheckFailed", "RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = "loc-12345678", Targets = new[] { T("ins-aaaa0001", 80) } });
        Assert.Equal(0, (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("Listeners")[0].GetProperty("Targets").GetArrayLength());
    }

    [Fact]
    public async Task Registering_the_same_target_and_port_twice_is_a_duplicate()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("dup-targets");
        var l = await c.CreateListenerAsync(lb, "TCP", 80);
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.ErrorAsync("InvalidParameterValue.Duplicate", "RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0001", 81) } }); // another port is fine
    }

    [Fact]
    public async Task Deregister_ModifyWeight_and_ModifyPort()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("change-targets");
        var l = await c.CreateListenerAsync(lb, "TCP", 80);
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0001", 80), T("ins-aaaa0002", 80) } });
        await c.InvokeAsync("ModifyTargetWeight", new { LoadBalancerId = lb, ListenerId = l, Weight = 77, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.InvokeAsync("ModifyTargetPort", new { LoadBalancerId = lb, ListenerId = l, NewPort = 8080, Targets = new[] { T("ins-aaaa0002", 80) } });
        var ts = (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("Listeners")[0].GetProperty("Targets");
        Assert.Equal(77, ts[0].GetProperty("Weight").GetInt32());
        Assert.Equal(8080, ts[1].GetProperty("Port").GetInt32());
        await c.ErrorAsync("InvalidParameter", "ModifyTargetWeight", new { LoadBalancerId = lb, ListenerId = l, Weight = 5, Targets = new[] { T("ins-aaaa0009", 80) } });
        await c.ErrorAsync("InvalidParameterValue", "ModifyTargetWeight", new { LoadBalancerId = lb, ListenerId = l, Weight = 500, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0002", 80) } });
        await c.ErrorAsync("InvalidParameterValue.Duplicate", "ModifyTargetPort", new { LoadBalancerId = lb, ListenerId = l, NewPort = 8080, Targets = new[] { T("ins-aaaa0002", 80) } });
        await c.InvokeAsync("DeregisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0002", 80) } });
        await c.ErrorAsync("MissingParameter", "ModifyTargetPort", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.InvokeAsync("DeregisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.ErrorAsync("InvalidParameter", "DeregisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-aaaa0001", 80) } });
        Assert.Equal(1, (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("Listeners")[0].GetProperty("Targets").GetArrayLength());
    }

    [Fact]
    public async Task BatchRegister_reports_failed_listeners_and_applies_the_rest()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("batch");
        var l4 = await c.CreateListenerAsync(lb, "TCP", 80);
        var l7 = await c.CreateListenerAsync(lb, "HTTP", 81);
        var loc = await c.CreateRuleAsync(lb, l7, "a.com", "/");
        var r = await c.InvokeAsync("BatchRegisterTargets", new
        {
            LoadBalancerId = lb,
            Targets = new object[]
            {
                new { ListenerId = l4, InstanceId = "ins-aaaa0001", Port = 80, Weight = 20 },
                new { ListenerId = l7, LocationId = loc, EniIp = "10.1.1.1", Port = 80 },
                new { ListenerId = "lbl-zzzzzzzz", InstanceId = "ins-aaaa0001", Port = 80 },
            },
        });
        Assert.Equal(new[] { "lbl-zzzzzzzz" }, r.Strings("FailListenerIdSet"));
        var d = (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("Listeners");
        Assert.Equal(1, d[0].GetProperty("Targets").GetArrayLength());
        Assert.Equal(1, d[1].GetProperty("Rules")[0].GetProperty("Targets").GetArrayLength());

        var again = await c.InvokeAsync("BatchRegisterTargets", new { LoadBalancerId = lb, Targets = new[] { new { ListenerId = l4, InstanceId = "ins-aaaa0001", Port = 80 } } });
        Assert.Equal(new[] { l4 }, again.Strings("FailListenerIdSet"));

        var gone = await c.InvokeAsync("BatchDeregisterTargets", new { LoadBalancerId = lb, Targets = new object[] { new { ListenerId = l4, InstanceId = "ins-aaaa0001", Port = 80 }, new { ListenerId = l7, LocationId = loc, InstanceId = "ins-aaaa0005", Port = 80 } } });
        Assert.Equal(new[] { l7 }, gone.Strings("FailListenerIdSet"));
        Assert.Equal(0, (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("Listeners")[0].GetProperty("Targets").GetArrayLength());
    }

    [Fact]
    public async Task Batch_limits_and_missing_parameters()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("batch-limits");
        var l = await c.CreateListenerAsync(lb, "TCP", 80);
        var many = Enumerable.Range(0, 501).Select(i => new { ListenerId = l, InstanceId = $"ins-{i:D8}", Port = 80 }).ToArray();
        await c.ErrorAsync("InvalidParameterValue.Length", "BatchRegisterTargets", new { LoadBalancerId = lb, Targets = many });
        var ok = await c.InvokeAsync("BatchRegisterTargets", new { LoadBalancerId = lb, Targets = many.Take(500) });
        Assert.Empty(ok.Strings("FailListenerIdSet"));
        await c.ErrorAsync("MissingParameter", "BatchRegisterTargets", new { LoadBalancerId = lb, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } });
        await c.ErrorAsync("InvalidParameter.LBIdNotFound", "BatchRegisterTargets", new { LoadBalancerId = "lb-zzzzzzzz", Targets = new[] { new { ListenerId = l, InstanceId = "ins-aaaa0001", Port = 80 } } });
    }

    [Fact]
    public async Task BatchModifyTargetWeight_changes_weights_on_listeners_and_rules()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("batch-weight");
        var l4 = await c.CreateListenerAsync(lb, "TCP", 80);
        var l7 = await c.CreateListenerAsync(lb, "HTTP", 81);
        var loc = await c.CreateRuleAsync(lb, l7, "a.com", "/");
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l4, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l7, LocationId = loc, Targets = new[] { T("ins-aaaa0001", 80) } });
        await c.InvokeAsync("BatchModifyTargetWeight", new
        {
            LoadBalancerId = lb,
            ModifyList = new object[]
            {
                new { ListenerId = l4, Weight = 0, Targets = new[] { T("ins-aaaa0001", 80) } },
                new { ListenerId = l7, LocationId = loc, Targets = new[] { T("ins-aaaa0001", 80, 99) } },
            },
        });
        var d = (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("Listeners");
        Assert.Equal(0, d[0].GetProperty("Targets")[0].GetProperty("Weight").GetInt32());
        Assert.Equal(99, d[1].GetProperty("Rules")[0].GetProperty("Targets")[0].GetProperty("Weight").GetInt32());
        await c.ErrorAsync("InvalidParameter.ListenerIdNotFound", "BatchModifyTargetWeight", new { LoadBalancerId = lb, ModifyList = new[] { new { ListenerId = "lbl-zzzzzzzz", Weight = 1, Targets = new[] { T("ins-aaaa0001", 80) } } } });
    }

    [Fact]
    public async Task DescribeTargets_filters_by_protocol_port_location_and_ip()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("describe-targets");
        var l4 = await c.CreateListenerAsync(lb, "TCP", 80);
        var l7 = await c.CreateListenerAsync(lb, "HTTP", 81);
        var a = await c.CreateRuleAsync(lb, l7, "a.com", "/");
        var b = await c.CreateRuleAsync(lb, l7, "b.com", "/");
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l4, Targets = new object[] { new { EniIp = "10.9.9.1", Port = 80 }, new { EniIp = "10.9.9.2", Port = 80 } } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l7, LocationId = b, Targets = new[] { T("ins-aaaa0001", 80) } });
        Assert.Equal(1, (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb, Protocol = "HTTP" })).GetProperty("Listeners").GetArrayLength());
        Assert.Equal(l4, (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb, Port = 80 })).GetProperty("Listeners")[0].GetProperty("ListenerId").GetString());
        var byLoc = await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb, Filters = new[] { new { Name = "location-id", Values = new[] { b } } } });
        Assert.Equal(b, byLoc.GetProperty("Listeners")[0].GetProperty("Rules").EnumerateArray().Single().GetProperty("LocationId").GetString());
        var byIp = await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb, Filters = new[] { new { Name = "private-ip-address", Values = new[] { "10.9.9.2" } } } });
        Assert.Equal(1, byIp.GetProperty("Listeners")[0].GetProperty("Targets").GetArrayLength());
        await c.ErrorAsync("InvalidParameterValue.InvalidFilter", "DescribeTargets", new { LoadBalancerId = lb, Filters = new[] { new { Name = "nope", Values = new[] { "x" } } } });
        _ = a;
    }

    [Fact]
    public async Task DescribeTargetHealth_reports_alive_targets_and_unhealthy_ones_set_in_state()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("health");
        var l = await c.CreateListenerAsync(lb, "TCP", 80);
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new object[] { new { EniIp = "10.7.7.1", Port = 80 }, new { EniIp = "10.7.7.2", Port = 80 } } });
        _fx.Server.Store.Mutate(d => d.UnhealthyTargets.Add("10.7.7.2:80"));
        var r = await c.InvokeAsync("DescribeTargetHealth", new { LoadBalancerIds = new[] { lb } });
        var targets = r.GetProperty("LoadBalancers")[0].GetProperty("Listeners")[0].GetProperty("Rules")[0].GetProperty("Targets");
        Assert.True(targets[0].GetProperty("HealthStatus").GetBoolean());
        Assert.Equal("Alive", targets[0].GetProperty("HealthStatusDetail").GetString());
        Assert.False(targets[1].GetProperty("HealthStatus").GetBoolean());
        await c.ErrorAsync("InvalidParameter.LBIdNotFound", "DescribeTargetHealth", new { LoadBalancerIds = new[] { "lb-zzzzzzzz" } });
        await c.ErrorAsync("MissingParameter", "DescribeTargetHealth", new { });
    }

    [Fact]
    public async Task DescribeLBListeners_finds_where_a_backend_ip_is_bound()
    {
        var c = _fx.UniqueRegion();
        var lb = await c.CreateLbAsync("where", "OPEN", new { VpcId = "vpc-find0001" });
        var l4 = await c.CreateListenerAsync(lb, "TCP", 80);
        var l7 = await c.CreateListenerAsync(lb, "HTTP", 81);
        var loc = await c.CreateRuleAsync(lb, l7, "a.com", "/");
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l4, Targets = new[] { new { EniIp = "10.5.5.5", Port = 80 } } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l7, LocationId = loc, Targets = new[] { new { EniIp = "10.5.5.5", Port = 8080 } } });
        var r = await c.InvokeAsync("DescribeLBListeners", new { Backends = new[] { new { VpcId = "vpc-find0001", PrivateIp = "10.5.5.5" } } });
        var item = r.GetProperty("LoadBalancers").EnumerateArray().Single();
        Assert.Equal(lb, item.GetProperty("LoadBalancerId").GetString());
        Assert.Equal(2, item.GetProperty("Listeners").GetArrayLength());
        Assert.Equal(loc, item.GetProperty("Listeners")[1].GetProperty("Rules")[0].GetProperty("LocationId").GetString());
        var none = await c.InvokeAsync("DescribeLBListeners", new { Backends = new[] { new { VpcId = "vpc-other", PrivateIp = "10.5.5.5" } } });
        Assert.Equal(0, none.GetProperty("LoadBalancers").GetArrayLength());
        await c.ErrorAsync("MissingParameter", "DescribeLBListeners", new { Backends = new[] { new { VpcId = "vpc-find0001" } } });
    }

    [Fact]
    public async Task Instances_known_to_the_state_report_their_ip_and_name()
    {
        _fx.Server.Store.Mutate(d => d.Instances["ins-known001"] = new ClbPowerShell.Emulator.State.InstanceModel { InstanceId = "ins-known001", InstanceName = "web", PrivateIp = "192.168.3.4" });
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("known");
        var l = await c.CreateListenerAsync(lb, "TCP", 80);
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, Targets = new[] { T("ins-known001", 80) } });
        var t = (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("Listeners")[0].GetProperty("Targets")[0];
        Assert.Equal("192.168.3.4", t.GetProperty("PrivateIpAddresses")[0].GetString());
        Assert.Equal("web", t.GetProperty("InstanceName").GetString());
    }
}
