using System.Text.Json;

namespace ClbPowerShell.Tests.Emulator;

/// <summary>Target groups: CRUD, instances, associations with listeners and rules, validation, async tasks.</summary>
public sealed class TargetGroupTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public TargetGroupTests(EmulatorFixture fx) { _fx = fx; }

    private static object I(string ip, int port, int? weight = null) => weight is { } w ? new { BindIP = ip, Port = port, Weight = w } : new { BindIP = ip, Port = port };

    private static async Task<string> CreateTgAsync(ClbPowerShell.Client.ClbClient c, string name, object? extra = null)
    {
        var p = Emu.Merge(new Dictionary<string, object?> { ["TargetGroupName"] = name }, extra);
        var r = await c.InvokeAsync("CreateTargetGroup", p);
        return r.GetProperty("TargetGroupId").GetString()!;
    }

    private static async Task<JsonElement> InstancesAsync(ClbPowerShell.Client.ClbClient c, string tg) =>
        (await c.InvokeAsync("DescribeTargetGroupInstances", new { Filters = new[] { new { Name = "TargetGroupId", Values = new[] { tg } } }, Limit = 100 }))
        .GetProperty("TargetGroupInstanceSet");

    private static async Task<JsonElement> GroupAsync(ClbPowerShell.Client.ClbClient c, string tg) =>
        (await c.InvokeAsync("DescribeTargetGroups", new { TargetGroupIds = new[] { tg } })).GetProperty("TargetGroupSet")[0];

    [Fact]
    public async Task Create_describe_modify_delete()
    {
        var c = _fx.UniqueRegion();
        var id = await CreateTgAsync(c, "web-1", new { VpcId = "vpc-abc12345", Port = 8080, TargetGroupInstances = new[] { new { BindIP = "10.0.0.1" }, new { BindIP = "10.0.0.2" } } });
        Assert.Matches("^lbtg-[0-9a-z]{8}$", id);
        var g = await GroupAsync(c, id);
        Assert.Equal("web-1", g.GetProperty("TargetGroupName").GetString());
        Assert.Equal("vpc-abc12345", g.GetProperty("VpcId").GetString());
        Assert.Equal(8080, g.GetProperty("Port").GetInt32());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", g.GetProperty("CreatedTime").GetString()!);
        Assert.Equal(0, g.GetProperty("AssociatedRule").GetArrayLength());
        var inst = await InstancesAsync(c, id);
        Assert.Equal(2, inst.GetArrayLength());
        Assert.Equal(8080, inst[0].GetProperty("Port").GetInt32()); // the group's default port
        Assert.Equal(10, inst[0].GetProperty("Weight").GetInt32());
        Assert.Equal(id, inst[0].GetProperty("TargetGroupId").GetString());
        Assert.Equal("10.0.0.1", inst[0].GetProperty("PrivateIpAddresses")[0].GetString());
        Assert.Matches("^ins-[0-9a-z]{8}$", inst[0].GetProperty("InstanceId").GetString()!);

        await c.InvokeAsync("ModifyTargetGroupAttribute", new { TargetGroupId = id, TargetGroupName = "web-renamed", Port = 9090 });
        g = await GroupAsync(c, id);
        Assert.Equal("web-renamed", g.GetProperty("TargetGroupName").GetString());
        Assert.Equal(9090, g.GetProperty("Port").GetInt32());

        await c.InvokeAsync("DeleteTargetGroups", new { TargetGroupIds = new[] { id } });
        var d = await c.InvokeAsync("DescribeTargetGroups", new { TargetGroupIds = new[] { id } });
        Assert.Equal(0, d.GetProperty("TotalCount").GetInt32());
        await c.ErrorAsync("InvalidParameter", "DeleteTargetGroups", new { TargetGroupIds = new[] { id } });
        await c.ErrorAsync("InvalidParameter", "ModifyTargetGroupAttribute", new { TargetGroupId = id, Port = 1 });
    }

    [Fact]
    public async Task Create_validates_input()
    {
        var c = _fx.UniqueRegion();
        await c.ErrorAsync("InvalidParameterValue.Length", "CreateTargetGroup", new { TargetGroupName = new string('a', 51) });
        await c.ErrorAsync("InvalidParameterValue", "CreateTargetGroup", new { Port = 0 });
        await c.ErrorAsync("InvalidParameterValue", "CreateTargetGroup", new { VpcId = "default" });
        await c.ErrorAsync("MissingParameter", "CreateTargetGroup", new { TargetGroupInstances = new[] { new { BindIP = "10.0.0.1" } } }); // no port anywhere
        await c.ErrorAsync("InvalidParameterValue", "CreateTargetGroup", new { TargetGroupInstances = new[] { I("10.0.0.300", 80) } });
        await c.ErrorAsync("InvalidParameterValue", "CreateTargetGroup", new { TargetGroupInstances = new[] { I("10.0.0.1", 80, 101) } });
        await c.ErrorAsync("InvalidParameterValue", "CreateTargetGroup", new { TargetGroupInstances = new[] { I("10.0.0.1", 80), I("10.0.0.1", 80) } });
        await c.ErrorAsync("InvalidParameterValue.Length", "CreateTargetGroup", new { TargetGroupInstances = Enumerable.Range(1, 21).Select(i => I($"10.0.0.{i}", 80)).ToArray() });
        var d = await c.InvokeAsync("DescribeTargetGroups", new { });
        Assert.Equal(0, d.GetProperty("TotalCount").GetInt32()); // nothing was created by a refused call
        var id = await CreateTgAsync(c, "defaults-only", new { });
        var g = await GroupAsync(c, id);
        Assert.Equal("vpc-default0", g.GetProperty("VpcId").GetString());
    }

    [Fact]
    public async Task Describe_filters_and_pages()
    {
        var c = _fx.UniqueRegion();
        var ids = new List<string>();
        for (var i = 0; i < 25; i++) ids.Add(await CreateTgAsync(c, i % 2 == 0 ? "even" : "odd", new { VpcId = i < 5 ? "vpc-aaaa0001" : "vpc-bbbb0002" }));
        var all = await c.InvokeAsync("DescribeTargetGroups", new { });
        Assert.Equal(25, all.GetProperty("TotalCount").GetInt32());
        Assert.Equal(20, all.GetProperty("TargetGroupSet").GetArrayLength()); // default Limit
        var page = await c.InvokeAsync("DescribeTargetGroups", new { Offset = 20, Limit = 10 });
        Assert.Equal(5, page.GetProperty("TargetGroupSet").GetArrayLength());
        Assert.Equal(ids[20], page.GetProperty("TargetGroupSet")[0].GetProperty("TargetGroupId").GetString()); // creation order

        var byName = await c.InvokeAsync("DescribeTargetGroups", new { Filters = new[] { new { Name = "TargetGroupName", Values = new[] { "even" } } }, Limit = 100 });
        Assert.Equal(13, byName.GetProperty("TotalCount").GetInt32());
        var both = await c.InvokeAsync("DescribeTargetGroups", new
        {
            Filters = new[] { new { Name = "TargetGroupName", Values = new[] { "even" } }, new { Name = "TargetGroupVpcId", Values = new[] { "vpc-aaaa0001" } } },
        });
        Assert.Equal(3, both.GetProperty("TotalCount").GetInt32()); // 0, 2, 4

        var byIds = await c.InvokeAsync("DescribeTargetGroups", new { TargetGroupIds = new[] { ids[3], ids[7], "lbtg-zzzzzzzz" } });
        Assert.Equal(2, byIds.GetProperty("TotalCount").GetInt32());

        await c.ErrorAsync("InvalidParameter", "DescribeTargetGroups", new { TargetGroupIds = new[] { ids[0] }, Filters = new[] { new { Name = "TargetGroupName", Values = new[] { "x" } } } });
        // DescribeTargetGroupList uses the ids when both are given.
        var list = await c.InvokeAsync("DescribeTargetGroupList", new { TargetGroupIds = new[] { ids[1] }, Filters = new[] { new { Name = "TargetGroupName", Values = new[] { "even" } } } });
        Assert.Equal(ids[1], list.GetProperty("TargetGroupSet")[0].GetProperty("TargetGroupId").GetString());
        await c.ErrorAsync("InvalidParameterValue.InvalidFilter", "DescribeTargetGroups", new { Filters = new[] { new { Name = "vpc-id", Values = new[] { "x" } } } });
        await c.ErrorAsync("InvalidParameterValue", "DescribeTargetGroups", new { Limit = 101 });
        await c.ErrorAsync("InvalidParameterValue", "DescribeTargetGroups", new { Offset = -1 });
        await c.ErrorAsync("InvalidParameterValue.Length", "DescribeTargetGroups", new { TargetGroupIds = Enumerable.Range(0, 21).Select(i => $"lbtg-{i:D8}").ToArray() });

        // Target groups are regional.
        var other = await _fx.Client.InvokeAsync("DescribeTargetGroups", new { TargetGroupIds = new[] { ids[0] } });
        Assert.Equal(0, other.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Instances_register_modify_deregister()
    {
        var c = _fx.UniqueRegion();
        var id = await CreateTgAsync(c, "inst");
        var r = await c.InvokeAsync("RegisterTargetGroupInstances", new { TargetGroupId = id, TargetGroupInstances = new[] { I("10.1.0.1", 80, 20), I("10.1.0.2", 80), I("10.1.0.2", 81) } });
        var task = r.GetProperty("RequestId").GetString()!;
        Assert.Equal(0, (await c.InvokeAsync("DescribeTaskStatus", new { TaskId = task })).GetProperty("Status").GetInt32());
        var inst = await InstancesAsync(c, id);
        Assert.Equal(3, inst.GetArrayLength());
        Assert.Equal(20, inst[0].GetProperty("Weight").GetInt32());

        await c.ErrorAsync("InvalidParameterValue", "RegisterTargetGroupInstances", new { TargetGroupId = id, TargetGroupInstances = new[] { I("10.1.0.1", 80) } });
        await c.ErrorAsync("MissingParameter", "RegisterTargetGroupInstances", new { TargetGroupId = id, TargetGroupInstances = new[] { new { BindIP = "10.1.0.9" } } });
        await c.ErrorAsync("MissingParameter", "RegisterTargetGroupInstances", new { TargetGroupId = id });
        await c.ErrorAsync("InvalidParameter", "RegisterTargetGroupInstances", new { TargetGroupId = "lbtg-zzzzzzzz", TargetGroupInstances = new[] { I("10.1.0.1", 80) } });
        await c.ErrorAsync("InvalidParameterValue", "RegisterTargetGroupInstances", new { TargetGroupId = "tg-1", TargetGroupInstances = new[] { I("10.1.0.1", 80) } });

        await c.InvokeAsync("ModifyTargetGroupInstancesWeight", new { TargetGroupId = id, TargetGroupInstances = new[] { I("10.1.0.1", 80, 0), I("10.1.0.2", 81, 55) } });
        await c.ErrorAsync("MissingParameter", "ModifyTargetGroupInstancesWeight", new { TargetGroupId = id, TargetGroupInstances = new[] { I("10.1.0.1", 80) } });
        await c.ErrorAsync("InvalidParameterValue", "ModifyTargetGroupInstancesWeight", new { TargetGroupId = id, TargetGroupInstances = new[] { I("10.9.9.9", 80, 1) } });
        await c.InvokeAsync("ModifyTargetGroupInstancesPort", new { TargetGroupId = id, TargetGroupInstances = new[] { new { BindIP = "10.1.0.1", Port = 80, NewPort = 8080 } } });
        // 10.1.0.2:80 -> 81 would clash with the existing 10.1.0.2:81.
        await c.ErrorAsync("InvalidParameterValue", "ModifyTargetGroupInstancesPort", new { TargetGroupId = id, TargetGroupInstances = new[] { new { BindIP = "10.1.0.2", Port = 80, NewPort = 81 } } });
        // ...but swapping both in one call is fine.
        await c.InvokeAsync("ModifyTargetGroupInstancesPort", new { TargetGroupId = id, TargetGroupInstances = new[] { new { BindIP = "10.1.0.2", Port = 80, NewPort = 81 }, new { BindIP = "10.1.0.2", Port = 81, NewPort = 80 } } });
        inst = await InstancesAsync(c, id);
        var byKey = inst.EnumerateArray().ToDictionary(i => i.GetProperty("PrivateIpAddresses")[0].GetString() + ":" + i.GetProperty("Port").GetInt32(), i => i.GetProperty("Weight").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["10.1.0.1:8080"] = 0, ["10.1.0.2:81"] = 10, ["10.1.0.2:80"] = 55 }, byKey);

        await c.InvokeAsync("DeregisterTargetGroupInstances", new { TargetGroupId = id, TargetGroupInstances = new[] { I("10.1.0.1", 8080) } });
        await c.ErrorAsync("InvalidParameterValue", "DeregisterTargetGroupInstances", new { TargetGroupId = id, TargetGroupInstances = new[] { I("10.1.0.1", 8080), I("10.1.0.2", 80) } });
        Assert.Equal(2, (await InstancesAsync(c, id)).GetArrayLength()); // the failed call removed nothing
    }

    [Fact]
    public async Task Describe_instances_filters_and_pages()
    {
        var c = _fx.UniqueRegion();
        var a = await CreateTgAsync(c, "a", new { TargetGroupInstances = Enumerable.Range(1, 20).Select(i => I($"10.2.0.{i}", 80)).ToArray() });
        var b = await CreateTgAsync(c, "b", new { TargetGroupInstances = new[] { I("10.2.0.1", 81), I("10.2.0.99", 80) } });
        var r = await c.InvokeAsync("DescribeTargetGroupInstances", new { Filters = new[] { new { Name = "TargetGroupId", Values = new[] { a, b } } }, Offset = 15 });
        Assert.Equal(22, r.GetProperty("TotalCount").GetInt32());
        Assert.Equal(7, r.GetProperty("TargetGroupInstanceSet").GetArrayLength());
        Assert.Equal(b, r.GetProperty("TargetGroupInstanceSet")[6].GetProperty("TargetGroupId").GetString());
        var byIp = await c.InvokeAsync("DescribeTargetGroupInstances", new { Filters = new[] { new { Name = "BindIP", Values = new[] { "10.2.0.1" } } } });
        Assert.Equal(2, byIp.GetProperty("TotalCount").GetInt32());
        var instanceId = byIp.GetProperty("TargetGroupInstanceSet")[0].GetProperty("InstanceId").GetString()!;
        var byInstance = await c.InvokeAsync("DescribeTargetGroupInstances", new { Filters = new[] { new { Name = "InstanceId", Values = new[] { instanceId } }, new { Name = "TargetGroupId", Values = new[] { b } } } });
        Assert.Equal(1, byInstance.GetProperty("TotalCount").GetInt32());
        Assert.Equal(81, byInstance.GetProperty("TargetGroupInstanceSet")[0].GetProperty("Port").GetInt32());
        await c.ErrorAsync("MissingParameter", "DescribeTargetGroupInstances", new { });
        await c.ErrorAsync("InvalidParameterValue.InvalidFilter", "DescribeTargetGroupInstances", new { Filters = new[] { new { Name = "Port", Values = new[] { "80" } } } });
    }

    [Fact]
    public async Task Associate_with_listener_and_rule_shows_everywhere_and_starts_tasks()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("tg-assoc");
        var tcp = await c.CreateListenerAsync(lb, "TCP", 80);
        var http = await c.CreateListenerAsync(lb, "HTTP", 8080);
        var loc = await c.CreateRuleAsync(lb, http, "a.com", "/");
        var tg1 = await CreateTgAsync(c, "assoc-1", new { Port = 80, TargetGroupInstances = new[] { new { BindIP = "10.3.0.1" } } });
        var tg2 = await CreateTgAsync(c, "assoc-2");

        var r = await c.InvokeAsync("AssociateTargetGroups", new
        {
            Associations = new object[]
            {
                new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = tg1 },
                new { LoadBalancerId = lb, ListenerId = http, LocationId = loc, TargetGroupId = tg2 },
            },
        });
        var task = _fx.Server.State.Tasks[r.GetProperty("RequestId").GetString()!];
        Assert.Equal(new[] { lb }, task.LoadBalancerIds);

        var rule = (await GroupAsync(c, tg2)).GetProperty("AssociatedRule");
        Assert.Equal(1, rule.GetArrayLength());
        Assert.Equal(loc, rule[0].GetProperty("LocationId").GetString());
        Assert.Equal("a.com", rule[0].GetProperty("Domain").GetString());
        Assert.Equal("HTTP", rule[0].GetProperty("Protocol").GetString());
        Assert.Equal(8080, rule[0].GetProperty("Port").GetInt32());

        var listeners = (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb })).GetProperty("Listeners").EnumerateArray().ToList();
        var l4 = listeners.Single(l => l.GetProperty("ListenerId").GetString() == tcp);
        Assert.Equal(tg1, l4.GetProperty("TargetGroup").GetProperty("TargetGroupId").GetString());
        Assert.Equal("assoc-1", l4.GetProperty("TargetGroupList")[0].GetProperty("TargetGroupName").GetString());
        var l7 = listeners.Single(l => l.GetProperty("ListenerId").GetString() == http);
        Assert.Equal(tg2, l7.GetProperty("Rules")[0].GetProperty("TargetGroup").GetProperty("TargetGroupId").GetString());

        // Instance changes of an associated group start a task on its load balancer.
        var reg = await c.InvokeAsync("RegisterTargetGroupInstances", new { TargetGroupId = tg1, TargetGroupInstances = new[] { I("10.3.0.2", 80) } });
        Assert.Equal(new[] { lb }, _fx.Server.State.Tasks[reg.GetProperty("RequestId").GetString()!].LoadBalancerIds);

        // Servers cannot be bound directly where a target group serves, nor can a bound group be deleted.
        await c.ErrorAsync("FailedOperation", "RegisterTargets", new { LoadBalancerId = lb, ListenerId = tcp, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } });
        var batch = await c.InvokeAsync("BatchRegisterTargets", new { LoadBalancerId = lb, Targets = new[] { new { ListenerId = http, LocationId = loc, InstanceId = "ins-aaaa0001", Port = 80 } } });
        Assert.Equal(http, batch.GetProperty("FailListenerIdSet")[0].GetString());
        await c.ErrorAsync("FailedOperation", "DeleteTargetGroups", new { TargetGroupIds = new[] { tg1 } });
        // One target group per listener; the same association twice is refused.
        await c.ErrorAsync("FailedOperation", "AssociateTargetGroups", new { Associations = new[] { new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = tg2 } } });
        await c.ErrorAsync("InvalidParameterValue", "AssociateTargetGroups", new { Associations = new[] { new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = tg1 } } });

        await c.InvokeAsync("DisassociateTargetGroups", new { Associations = new[] { new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = tg1 } } });
        await c.ErrorAsync("InvalidParameter", "DisassociateTargetGroups", new { Associations = new[] { new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = tg1 } } });
        Assert.Equal(0, (await GroupAsync(c, tg1)).GetProperty("AssociatedRule").GetArrayLength());
        await c.InvokeAsync("DeleteTargetGroups", new { TargetGroupIds = new[] { tg1 } });
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = tcp, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } });
    }

    [Fact]
    public async Task Associate_validates_references_and_bound_targets()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("tg-assoc-bad");
        var tcp = await c.CreateListenerAsync(lb, "TCP", 80);
        var http = await c.CreateListenerAsync(lb, "HTTP", 81);
        var loc = await c.CreateRuleAsync(lb, http, "b.com", "/");
        var tg = await CreateTgAsync(c, "bad");
        var otherVpc = await CreateTgAsync(c, "other-vpc", new { VpcId = "vpc-other001" });
        Task Bad(string code, object association) => c.ErrorAsync(code, "AssociateTargetGroups", new { Associations = new[] { association } });
        await Bad("InvalidParameter", new { LoadBalancerId = "lb-zzzzzzzz", ListenerId = tcp, TargetGroupId = tg });
        await Bad("InvalidParameter", new { LoadBalancerId = lb, ListenerId = "lbl-zzzzzzzz", TargetGroupId = tg });
        await Bad("InvalidParameter", new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = "lbtg-zzzzzzzz" });
        await Bad("InvalidParameter", new { LoadBalancerId = lb, ListenerId = http, LocationId = "loc-zzzzzzzz", TargetGroupId = tg });
        await Bad("InvalidParameter", new { LoadBalancerId = lb, ListenerId = tcp, LocationId = loc, TargetGroupId = tg });
        await Bad("MissingParameter", new { LoadBalancerId = lb, ListenerId = http, TargetGroupId = tg });
        await Bad("MissingParameter", new { LoadBalancerId = lb, ListenerId = tcp });
        await Bad("InvalidParameterValue", new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = otherVpc });
        await c.ErrorAsync("MissingParameter", "AssociateTargetGroups", new { Associations = Array.Empty<object>() });

        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = http, LocationId = loc, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } });
        await Bad("FailedOperation", new { LoadBalancerId = lb, ListenerId = http, LocationId = loc, TargetGroupId = tg });
        // A call is all or nothing: the valid first association is not made either.
        await c.ErrorAsync("FailedOperation", "AssociateTargetGroups", new
        {
            Associations = new object[]
            {
                new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = tg },
                new { LoadBalancerId = lb, ListenerId = http, LocationId = loc, TargetGroupId = tg },
            },
        });
        Assert.Equal(0, (await GroupAsync(c, tg)).GetProperty("AssociatedRule").GetArrayLength());
    }

    [Fact]
    public async Task Deleting_the_listener_drops_the_association()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("tg-assoc-del");
        var tcp = await c.CreateListenerAsync(lb, "TCP", 80);
        var tg = await CreateTgAsync(c, "del");
        await c.InvokeAsync("AssociateTargetGroups", new { Associations = new[] { new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = tg } } });
        Assert.Equal(1, (await GroupAsync(c, tg)).GetProperty("AssociatedRule").GetArrayLength());
        await c.InvokeAsync("DeleteListener", new { LoadBalancerId = lb, ListenerId = tcp });
        Assert.Equal(0, (await GroupAsync(c, tg)).GetProperty("AssociatedRule").GetArrayLength());
        await c.InvokeAsync("DeleteTargetGroups", new { TargetGroupIds = new[] { tg } });
    }

    [Fact]
    public async Task Busy_load_balancer_refuses_instance_changes_of_its_groups()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 60_000);
        var c = emu.Client;
        var lb = await c.CreateLbAsync("busy");
        await WaitReadyAsync(emu, lb);
        var tcp = await c.CreateListenerAsync(lb, "TCP", 80);
        await WaitReadyAsync(emu, lb);
        var tg = await CreateTgAsync(c, "busy-tg", new { Port = 80 });
        await c.InvokeAsync("AssociateTargetGroups", new { Associations = new[] { new { LoadBalancerId = lb, ListenerId = tcp, TargetGroupId = tg } } });
        await c.ErrorAsync("FailedOperation.ResourceInOperating", "RegisterTargetGroupInstances", new { TargetGroupId = tg, TargetGroupInstances = new[] { I("10.4.0.1", 80) } });
        // A group serving nothing is not held up by any load balancer.
        var free = await CreateTgAsync(c, "free-tg");
        var r = await c.InvokeAsync("RegisterTargetGroupInstances", new { TargetGroupId = free, TargetGroupInstances = new[] { I("10.4.0.1", 80) } });
        Assert.Empty(emu.Server.State.Tasks[r.GetProperty("RequestId").GetString()!].LoadBalancerIds);
    }

    /// <summary>Ends the running task of <paramref name="lb"/> by moving the emulator clock past it.</summary>
    private static async Task WaitReadyAsync(EmulatorFixture emu, string lb)
    {
        emu.Server.Store.Mutate(d =>
        {
            var l = d.LoadBalancers[lb];
            l.BusyUntil = DateTimeOffset.MinValue;
            l.ReadyAt = DateTimeOffset.MinValue;
        });
        await Task.CompletedTask;
    }
}
