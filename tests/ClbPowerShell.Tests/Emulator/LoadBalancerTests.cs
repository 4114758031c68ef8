using System.Text.Json;

namespace ClbPowerShell.Tests.Emulator;

/// <summary>Instances: create (ids, VIPs, ClientToken), describe (filters, paging, order), modify, delete, clone, detail.</summary>
public sealed class LoadBalancerTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public LoadBalancerTests(EmulatorFixture fx) { _fx = fx; }

    private static JsonElement Only(JsonElement describe)
    {
        Assert.Equal(1, describe.GetProperty("TotalCount").GetInt32());
        return describe.GetProperty("LoadBalancerSet")[0];
    }

    [Fact]
    public async Task Create_returns_lb_ids_and_a_deal_name_and_the_instance_is_described()
    {
        var c = _fx.UniqueRegion();
        var r = await c.InvokeAsync("CreateLoadBalancer", new
        {
            LoadBalancerType = "OPEN", LoadBalancerName = "web-1", ProjectId = 3, VpcId = "vpc-abc12345",
            Tags = new[] { new { TagKey = "env", TagValue = "prod" } },
        });
        var id = r.Strings("LoadBalancerIds").Single();
        Assert.Matches("^lb-[0-9a-z]{8}$", id);
        Assert.False(string.IsNullOrEmpty(r.GetProperty("DealName").GetString()));
        var lb = Only(await c.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { id } }));
        Assert.Equal("web-1", lb.GetProperty("LoadBalancerName").GetString());
        Assert.Equal("OPEN", lb.GetProperty("LoadBalancerType").GetString());
        Assert.Equal(3, lb.GetProperty("ProjectId").GetInt32());
        Assert.Equal("vpc-abc12345", lb.GetProperty("VpcId").GetString());
        Assert.Equal(1, lb.GetProperty("Status").GetInt32());
        Assert.Single(lb.GetProperty("LoadBalancerVips").EnumerateArray());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", lb.GetProperty("CreateTime").GetString()!);
        Assert.Equal("prod", lb.GetProperty("Tags")[0].GetProperty("TagValue").GetString());
    }

    [Fact]
    public async Task Number_creates_several_with_distinct_ids_and_vips()
    {
        var c = _fx.UniqueRegion();
        var r = await c.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", Number = 3 });
        var ids = r.Strings("LoadBalancerIds");
        Assert.Equal(3, ids.Distinct().Count());
        var all = await c.InvokeAsync("DescribeLoadBalancers", new { });
        Assert.Equal(3, all.GetProperty("TotalCount").GetInt32());
        Assert.Equal(3, all.GetProperty("LoadBalancerSet").EnumerateArray().Select(l => l.GetProperty("LoadBalancerVips")[0].GetString()).Distinct().Count());
    }

    [Fact]
    public async Task The_same_ClientToken_returns_the_same_ids_and_creates_nothing_new()
    {
        var c = _fx.UniqueRegion();
        var a = await c.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", ClientToken = "tok-1" });
        var b = await c.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", ClientToken = "tok-1" });
        Assert.Equal(a.Strings("LoadBalancerIds"), b.Strings("LoadBalancerIds"));
        Assert.NotEqual(a.GetProperty("RequestId").GetString(), b.GetProperty("RequestId").GetString());
        var other = await c.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", ClientToken = "tok-2" });
        Assert.NotEqual(a.Strings("LoadBalancerIds"), other.Strings("LoadBalancerIds"));
        Assert.Equal(2, (await c.InvokeAsync("DescribeLoadBalancers", new { })).GetProperty("TotalCount").GetInt32());
    }

    [Theory]
    [InlineData("{}", "MissingParameter")]
    [InlineData("{\"LoadBalancerType\":\"PUBLIC\"}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerType\":\"OPEN\",\"Number\":0}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerType\":\"OPEN\",\"Number\":\"two\"}", "InvalidParameter.FormatError")]
    [InlineData("{\"LoadBalancerType\":\"INTERNAL\",\"VpcId\":\"vpc-1\"}", "MissingParameter")]
    [InlineData("{\"LoadBalancerType\":\"OPEN\",\"LoadBalancerName\":\"bad name!\"}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerType\":\"OPEN\",\"Vip\":\"not-an-ip\"}", "InvalidParameterValue")]
    [InlineData("{\"LoadBalancerType\":\"OPEN\",\"Tags\":[{\"TagKey\":\"a\"}]}", "MissingParameter")]
    [InlineData("{\"LoadBalancerType\":\"OPEN\",\"InternetAccessible\":{\"InternetChargeType\":\"FREE\"}}", "InvalidParameterValue")]
    public async Task Create_validates_its_parameters(string json, string code)
    {
        await _fx.Client.ErrorAsync(code, "CreateLoadBalancer", json);
    }

    [Fact]
    public async Task Create_rejects_more_than_ten_tags_and_long_names()
    {
        var tags = Enumerable.Range(0, 11).Select(i => new { TagKey = "k" + i, TagValue = "v" }).ToArray();
        await _fx.Client.ErrorAsync("InvalidParameterValue.Length", "CreateLoadBalancer", new { LoadBalancerType = "OPEN", Tags = tags });
        await _fx.Client.ErrorAsync("InvalidParameterValue.Length", "CreateLoadBalancer", new { LoadBalancerType = "OPEN", LoadBalancerName = new string('a', 61) });
    }

    [Fact]
    public async Task Describe_filters_by_type_name_vip_vpc_project_and_search_key()
    {
        var c = _fx.UniqueRegion();
        var open = await c.CreateLbAsync("alpha", "OPEN", new { ProjectId = 1, VpcId = "vpc-aaaa0001" });
        var inner = await c.CreateLbAsync("beta", "INTERNAL", new { ProjectId = 2, VpcId = "vpc-bbbb0002", SubnetId = "subnet-1" });
        async Task<List<string>> Ids(object p) =>
            (await c.InvokeAsync("DescribeLoadBalancers", p)).GetProperty("LoadBalancerSet").EnumerateArray().Select(l => l.GetProperty("LoadBalancerId").GetString()!).ToList();

        Assert.Equal(new[] { inner }, await Ids(new { LoadBalancerType = "INTERNAL" }));
        Assert.Equal(new[] { open }, await Ids(new { LoadBalancerName = "alpha" }));
        Assert.Equal(new[] { inner }, await Ids(new { VpcId = "vpc-bbbb0002" }));
        Assert.Equal(new[] { open }, await Ids(new { ProjectId = 1 }));
        Assert.Equal(new[] { inner }, await Ids(new { SearchKey = "bet" }));
        var vip = (await c.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { open } })).GetProperty("LoadBalancerSet")[0].GetProperty("LoadBalancerVips")[0].GetString();
        Assert.Equal(new[] { open }, await Ids(new { LoadBalancerVips = new[] { vip } }));
    }

    [Fact]
    public async Task Describe_supports_tag_and_charge_type_filters_and_rejects_unknown_filters()
    {
        var c = _fx.UniqueRegion();
        var tagged = await c.CreateLbAsync("t1", "OPEN", new { Tags = new[] { new { TagKey = "test_tag_key", TagValue = "blue" } } });
        var byBandwidth = await c.CreateLbAsync("t2", "OPEN", new { InternetAccessible = new { InternetChargeType = "BANDWIDTH_POSTPAID_BY_HOUR", InternetMaxBandwidthOut = 5 } });
        var r1 = await c.InvokeAsync("DescribeLoadBalancers", new { Filters = new[] { new { Name = "tag:test_tag_key", Values = new[] { "blue" } } } });
        Assert.Equal(tagged, Only(r1).GetProperty("LoadBalancerId").GetString());
        var r2 = await c.InvokeAsync("DescribeLoadBalancers", new { Filters = new[] { new { Name = "internet-charge-type", Values = new[] { "BANDWIDTH_POSTPAID_BY_HOUR" } } } });
        Assert.Equal(byBandwidth, Only(r2).GetProperty("LoadBalancerId").GetString());
        await c.ErrorAsync("InvalidParameterValue.InvalidFilter", "DescribeLoadBalancers", new { Filters = new[] { new { Name = "colour", Values = new[] { "x" } } } });
        await c.ErrorAsync("MissingParameter", "DescribeLoadBalancers", new { Filters = new[] { new { Name = "vip" } } });
        var eleven = Enumerable.Range(0, 11).Select(_ => new { Name = "vip", Values = new[] { "1.1.1.1" } }).ToArray();
        await c.ErrorAsync("InvalidParameterValue.Length", "DescribeLoadBalancers", new { Filters = eleven });
    }

    [Fact]
    public async Task Describe_pages_with_offset_and_limit_and_reports_the_total()
    {
        var c = _fx.UniqueRegion();
        var ids = (await c.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN", Number = 7 })).Strings("LoadBalancerIds");
        var seen = new List<string>();
        for (var offset = 0; offset < 10; offset += 3)
        {
            var page = await c.InvokeAsync("DescribeLoadBalancers", new { Offset = offset, Limit = 3, OrderType = 0 });
            Assert.Equal(7, page.GetProperty("TotalCount").GetInt32());
            seen.AddRange(page.GetProperty("LoadBalancerSet").EnumerateArray().Select(l => l.GetProperty("LoadBalancerId").GetString()!));
        }
        Assert.Equal(ids, seen); // sequential order = creation order
        var reverse = await c.InvokeAsync("DescribeLoadBalancers", new { Limit = 1 });
        Assert.Equal(ids[^1], reverse.GetProperty("LoadBalancerSet")[0].GetProperty("LoadBalancerId").GetString()); // default: newest first
        var defaultLimit = await c.InvokeAsync("DescribeLoadBalancers", new { });
        Assert.Equal(7, defaultLimit.GetProperty("LoadBalancerSet").GetArrayLength());
    }

    [Fact]
    public async Task Describe_checks_limits()
    {
        await _fx.Client.ErrorAsync("InvalidParameterValue.Range", "DescribeLoadBalancers", new { Limit = 101 });
        await _fx.Client.ErrorAsync("InvalidParameterValue.Range", "DescribeLoadBalancers", new { Offset = -1 });
        var ids = Enumerable.Range(0, 21).Select(i => $"lb-{i:D8}").ToArray();
        await _fx.Client.ErrorAsync("InvalidParameterValue.Length", "DescribeLoadBalancers", new { LoadBalancerIds = ids });
        await _fx.Client.ErrorAsync("InvalidParameter.FormatError", "DescribeLoadBalancers", new { LoadBalancerIds = "lb-12345678" });
    }

    [Fact]
    public async Task Order_by_name()
    {
        var c = _fx.UniqueRegion();
        foreach (var n in new[] { "m", "a", "z" }) await c.CreateLbAsync(n);
        var r = await c.InvokeAsync("DescribeLoadBalancers", new { OrderBy = "LoadBalancerName", OrderType = 0 });
        Assert.Equal(new[] { "a", "m", "z" }, r.GetProperty("LoadBalancerSet").EnumerateArray().Select(l => l.GetProperty("LoadBalancerName").GetString()));
    }

    [Fact]
    public async Task Modify_changes_name_and_delete_protection_and_protected_instances_cannot_be_deleted()
    {
        var c = _fx.Client;
        var id = await c.CreateLbAsync("before");
        await c.InvokeAsync("ModifyLoadBalancerAttributes", new { LoadBalancerId = id, LoadBalancerName = "after", DeleteProtect = true });
        var lb = Only(await c.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { id } }));
        Assert.Equal("after", lb.GetProperty("LoadBalancerName").GetString());
        Assert.Contains("DeleteProtect", lb.GetProperty("AttributeFlags").EnumerateArray().Select(x => x.GetString()));
        await c.ErrorAsync("FailedOperation", "DeleteLoadBalancer", new { LoadBalancerIds = new[] { id } });
        await c.InvokeAsync("ModifyLoadBalancerAttributes", new { LoadBalancerId = id, DeleteProtect = false });
        await c.InvokeAsync("DeleteLoadBalancer", new { LoadBalancerIds = new[] { id } });
        Assert.Equal(0, (await c.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { id } })).GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Modify_and_delete_report_unknown_ids()
    {
        await _fx.Client.ErrorAsync("InvalidParameter.LBIdNotFound", "ModifyLoadBalancerAttributes", new { LoadBalancerId = "lb-zzzzzzzz", LoadBalancerName = "x" });
        await _fx.Client.ErrorAsync("MissingParameter", "ModifyLoadBalancerAttributes", new { LoadBalancerName = "x" });
        await _fx.Client.ErrorAsync("InvalidParameter.LBIdNotFound", "DeleteLoadBalancer", new { LoadBalancerIds = new[] { "lb-zzzzzzzz" } });
        await _fx.Client.ErrorAsync("MissingParameter", "DeleteLoadBalancer", new { LoadBalancerIds = Array.Empty<string>() });
        await _fx.Client.ErrorAsync("InvalidParameterValue.Length", "DeleteLoadBalancer", new { LoadBalancerIds = Enumerable.Range(0, 21).Select(i => $"lb-{i:D8}") });
    }

    [Fact]
    public async Task Delete_is_all_or_nothing()
    {
        var id = await _fx.Client.CreateLbAsync("keep-me");
        await _fx.Client.ErrorAsync("InvalidParameter.LBIdNotFound", "DeleteLoadBalancer", new { LoadBalancerIds = new[] { id, "lb-zzzzzzzz" } });
        Assert.Equal(1, (await _fx.Client.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { id } })).GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Modify_charge_type_returns_a_deal_name_usable_in_DescribeTaskStatus()
    {
        var id = await _fx.Client.CreateLbAsync("billing");
        var r = await _fx.Client.InvokeAsync("ModifyLoadBalancerAttributes", new { LoadBalancerId = id, InternetChargeInfo = new { InternetChargeType = "BANDWIDTH_POSTPAID_BY_HOUR", InternetMaxBandwidthOut = 20 } });
        var deal = r.GetProperty("DealName").GetString();
        var t = await _fx.Client.InvokeAsync("DescribeTaskStatus", new { DealName = deal });
        Assert.Equal(0, t.GetProperty("Status").GetInt32());
    }

    [Fact]
    public async Task Clone_copies_listeners_rules_and_targets_with_new_ids()
    {
        var c = _fx.UniqueRegion();
        var src = await c.CreateLbAsync("orig");
        var l7 = await c.CreateListenerAsync(src, "HTTP", 80);
        var loc = await c.CreateRuleAsync(src, l7, "a.example.com", "/");
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = src, ListenerId = l7, LocationId = loc, Targets = new[] { new { InstanceId = "ins-aaaa1111", Port = 8080 } } });
        var r = await c.InvokeAsync("CloneLoadBalancer", new { LoadBalancerId = src, LoadBalancerName = "copy" });
        var task = await c.InvokeAsync("DescribeTaskStatus", new { TaskId = r.GetProperty("RequestId").GetString() });
        var copy = task.Strings("LoadBalancerIds").Single();
        Assert.NotEqual(src, copy);
        var listeners = await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = copy });
        var l = listeners.GetProperty("Listeners")[0];
        Assert.NotEqual(l7, l.GetProperty("ListenerId").GetString());
        Assert.Equal("a.example.com", l.GetProperty("Rules")[0].GetProperty("Domain").GetString());
        var targets = await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = copy });
        Assert.Equal("ins-aaaa1111", targets.GetProperty("Listeners")[0].GetProperty("Rules")[0].GetProperty("Targets")[0].GetProperty("InstanceId").GetString());
    }

    [Fact]
    public async Task Detail_lists_rows_down_to_targets_when_asked_for_target_fields()
    {
        var c = _fx.UniqueRegion();
        var lb = await c.CreateLbAsync("detail");
        var l4 = await c.CreateListenerAsync(lb, "TCP", 80);
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l4, Targets = new[] { new { InstanceId = "ins-aaaa1111", Port = 80 }, new { InstanceId = "ins-bbbb2222", Port = 80 } } });
        var lbRows = await c.InvokeAsync("DescribeLoadBalancersDetail", new { });
        Assert.Equal(1, lbRows.GetProperty("TotalCount").GetInt32());
        var rows = await c.InvokeAsync("DescribeLoadBalancersDetail", new { Fields = new[] { "ListenerId", "TargetId", "TargetPort" } });
        Assert.Equal(2, rows.GetProperty("TotalCount").GetInt32());
        var first = rows.GetProperty("LoadBalancerDetailSet")[0];
        Assert.Equal(lb, first.GetProperty("LoadBalancerId").GetString());
        Assert.Equal("ins-aaaa1111", first.GetProperty("TargetId").GetString());
        Assert.False(first.TryGetProperty("VpcId", out _));
        var filtered = await c.InvokeAsync("DescribeLoadBalancersDetail", new { Filters = new[] { new { Name = "loadbalancer-id", Values = new[] { "lb-none0000" } } } });
        Assert.Equal(0, filtered.GetProperty("TotalCount").GetInt32());
    }
}
