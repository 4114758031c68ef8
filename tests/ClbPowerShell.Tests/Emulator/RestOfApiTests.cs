using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Emulator;

/// <summary>The rest of the API: rewrites, security groups and certificates, SNAT IPs, CLS logs, classic CLB, information and
/// prices, customized configs, block IPs, SCF function targets - and every catalogued action answering.</summary>
public sealed class RestOfApiTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public RestOfApiTests(EmulatorFixture fx) { _fx = fx; }

    private static readonly string[] TargetGroupActions =
    {
        "CreateTargetGroup", "DeleteTargetGroups", "DescribeTargetGroups", "DescribeTargetGroupList", "DescribeTargetGroupInstances",
        "ModifyTargetGroupAttribute", "RegisterTargetGroupInstances", "DeregisterTargetGroupInstances", "ModifyTargetGroupInstancesPort",
        "ModifyTargetGroupInstancesWeight", "AssociateTargetGroups", "DisassociateTargetGroups",
    };

    private static JsonElement CatalogAction(string name) =>
        SharedCatalog.Api3.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);

    /// <summary>Every documented output parameter (RequestId aside) is in the response.</summary>
    private static void AssertShape(string action, JsonElement response)
    {
        foreach (var o in CatalogAction(action).GetProperty("output_params").EnumerateArray())
        {
            var name = o.GetProperty("name").GetString()!;
            if (name == "RequestId") continue;
            Assert.True(response.TryGetProperty(name, out _), $"{action}: the response lacks `{name}`: {response}");
        }
        // It also fits the client's typed response (types of every nested field), with no undocumented top-level field.
        var type = typeof(ClbClient).Assembly.GetType("ClbPowerShell.Client.Models." + action + "Response", throwOnError: true)!;
        var typed = JsonSerializer.Deserialize(response.GetRawText(), type, ClbJson.Options)!;
        var extension = (System.Collections.IDictionary?)type.GetProperty("ExtensionData")?.GetValue(typed);
        Assert.True(extension == null || extension.Count == 0,
            $"{action}: undocumented fields {string.Join(", ", extension?.Keys.Cast<string>() ?? Array.Empty<string>())}");
    }

    private async Task<JsonElement> Call(ClbClient c, string action, object parameters)
    {
        var r = await c.InvokeAsync(action, parameters);
        AssertShape(action, r);
        return r;
    }

    private async Task AssertTaskDone(ClbClient c, JsonElement asyncResponse)
    {
        var task = await c.InvokeAsync("DescribeTaskStatus", new { TaskId = asyncResponse.GetProperty("RequestId").GetString() });
        Assert.Equal(0, task.GetProperty("Status").GetInt32());
    }

    private async Task<JsonElement> Lb(ClbClient c, string id) =>
        (await c.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { id } })).GetProperty("LoadBalancerSet")[0];

    [Fact]
    public async Task Every_catalogued_action_is_implemented()
    {
        var implemented = _fx.Server.Actions.ToHashSet();
        var tgPending = !TargetGroupActions.Any(implemented.Contains); // target groups are built separately; once one exists, all must
        var missing = new List<string>();
        foreach (var a in SharedCatalog.Api3.GetProperty("actions").EnumerateArray())
        {
            var name = a.GetProperty("name").GetString()!;
            if (tgPending && TargetGroupActions.Contains(name)) continue;
            // With no parameters: a documented answer (MissingParameter for most), never InvalidAction nor a crash.
            try { await _fx.Client.InvokeAsync(name, new { }); }
            catch (ClbApiException e) when (e.Code is "InvalidAction") { missing.Add(name); }
            catch (ClbApiException e) when (e.Code.StartsWith("Internal", StringComparison.Ordinal)) { missing.Add($"{name} ({e.Code}: {e.ErrorMessage})"); }
            catch (ClbApiException) { }
        }
        Assert.True(missing.Count == 0, "Not implemented or failing: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task State_of_these_areas_survives_a_json_round_trip()
    {
        var c = _fx.UniqueRegion();
        var lb = await c.CreateLbAsync("round-trip");
        var https = await c.CreateListenerAsync(lb, "HTTPS", 443);
        await c.CreateRuleAsync(lb, https, "r.com", "/");
        await c.InvokeAsync("AutoRewrite", new { LoadBalancerId = lb, ListenerId = https });
        await c.InvokeAsync("CreateLoadBalancerSnatIps", new { LoadBalancerId = lb, SnatIps = new[] { new { SubnetId = "subnet-rt000001" } } });
        await c.InvokeAsync("CreateClsLogSet", new { });
        await c.InvokeAsync("ModifyBlockIPList", new { LoadBalancerIds = new[] { lb }, Type = "add_blocked", BlockIPList = new[] { "9.9.9.9" } });
        var state = _fx.Server.State;
        Assert.NotEmpty(state.Rewrites[lb]);
        Assert.NotEmpty(state.SnatIps[lb]);
        Assert.NotEmpty(state.BlockIps[lb].Ips);
        Assert.Equal(state.ToJson(), state.Clone().ToJson());
    }

    [Fact]
    public async Task Manual_and_auto_rewrites_show_in_DescribeRewrite_and_can_be_deleted()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("rewrites");
        var https = await c.CreateListenerAsync(lb, "HTTPS", 443);
        var http = await c.CreateListenerAsync(lb, "HTTP", 8080);
        var target = await c.CreateRuleAsync(lb, https, "a.com", "/");
        var source = await c.CreateRuleAsync(lb, http, "a.com", "/");
        var other = await c.CreateRuleAsync(lb, http, "a.com", "/x");

        await Call(c, "ManualRewrite", new
        {
            LoadBalancerId = lb, SourceListenerId = http, TargetListenerId = https,
            RewriteInfos = new[] { new { SourceLocationId = source, TargetLocationId = target, RewriteCode = 302, TakeUrl = true } },
        });
        var d = await Call(c, "DescribeRewrite", new { LoadBalancerId = lb });
        var set = d.GetProperty("RewriteSet");
        Assert.Equal(1, set.GetArrayLength());
        Assert.Equal(source, set[0].GetProperty("LocationId").GetString());
        Assert.Equal(http, set[0].GetProperty("ListenerId").GetString());
        var rt = set[0].GetProperty("RewriteTarget");
        Assert.Equal(https, rt.GetProperty("TargetListenerId").GetString());
        Assert.Equal(target, rt.GetProperty("TargetLocationId").GetString());
        Assert.Equal(302, rt.GetProperty("RewriteCode").GetInt32());
        Assert.True(rt.GetProperty("TakeUrl").GetBoolean());
        Assert.Equal("Manual", rt.GetProperty("RewriteType").GetString());

        // A rule redirects once; a redirect target cannot redirect (no chains).
        var again = new { LoadBalancerId = lb, SourceListenerId = http, TargetListenerId = https, RewriteInfos = new[] { new { SourceLocationId = source, TargetLocationId = target } } };
        await c.ErrorAsync("InvalidParameter.RewriteAlreadyExist", "ManualRewrite", again);
        await c.ErrorAsync("InvalidParameter.LocationNotFound", "ManualRewrite",
            new { LoadBalancerId = lb, SourceListenerId = http, TargetListenerId = https, RewriteInfos = new[] { new { SourceLocationId = other, TargetLocationId = "loc-zzzzzzzz" } } });
        await c.ErrorAsync("MissingParameter", "ManualRewrite", new { LoadBalancerId = lb, SourceListenerId = http, TargetListenerId = https });
        await c.ErrorAsync("InvalidParameter.LBIdNotFound", "DescribeRewrite", new { LoadBalancerId = "lb-zzzzzzzz" });
        Assert.Equal(0, (await c.InvokeAsync("DescribeRewrite", new { LoadBalancerId = lb, SourceLocationIds = new[] { other } })).GetProperty("RewriteSet").GetArrayLength());

        await Call(c, "DeleteRewrite", again);
        Assert.Equal(0, (await c.InvokeAsync("DescribeRewrite", new { LoadBalancerId = lb })).GetProperty("RewriteSet").GetArrayLength());
        await c.ErrorAsync("InvalidParameter.SomeRewriteNotFound", "DeleteRewrite", again);

        // AutoRewrite creates HTTP:80 and a rule per HTTPS rule of the domain, redirecting to it.
        await Call(c, "AutoRewrite", new { LoadBalancerId = lb, ListenerId = https, Domains = new[] { "a.com" } });
        var listeners = (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb, Port = 80 })).GetProperty("Listeners");
        Assert.Equal("HTTP", listeners[0].GetProperty("Protocol").GetString());
        var auto = (await c.InvokeAsync("DescribeRewrite", new { LoadBalancerId = lb })).GetProperty("RewriteSet");
        Assert.Equal(1, auto.GetArrayLength());
        Assert.Equal(listeners[0].GetProperty("ListenerId").GetString(), auto[0].GetProperty("ListenerId").GetString());
        Assert.Equal("Auto", auto[0].GetProperty("RewriteTarget").GetProperty("RewriteType").GetString());
        Assert.Equal(target, auto[0].GetProperty("RewriteTarget").GetProperty("TargetLocationId").GetString());
        await c.ErrorAsync("InvalidParameter.ProtocolCheckFailed", "AutoRewrite", new { LoadBalancerId = lb, ListenerId = http });
        await c.ErrorAsync("InvalidParameter.LocationNotFound", "AutoRewrite", new { LoadBalancerId = lb, ListenerId = https, Domains = new[] { "b.com" } });
    }

    [Fact]
    public async Task Security_groups_and_certificates_follow_the_instances()
    {
        var c = _fx.UniqueRegion();
        var lb1 = await c.CreateLbAsync("sg1");
        var lb2 = await c.CreateLbAsync("sg2");
        await Call(c, "SetLoadBalancerSecurityGroups", new { LoadBalancerId = lb1, SecurityGroups = new[] { "sg-aaaa0001", "sg-aaaa0002" } });
        Assert.Equal(new[] { "sg-aaaa0001", "sg-aaaa0002" }, (await Lb(c, lb1)).Strings("SecureGroups"));
        await Call(c, "SetSecurityGroupForLoadbalancers", new { SecurityGroup = "sg-bbbb0001", OperationType = "ADD", LoadBalancerIds = new[] { lb1, lb2 } });
        Assert.Contains("sg-bbbb0001", (await Lb(c, lb1)).Strings("SecureGroups"));
        Assert.Equal(new[] { "sg-bbbb0001" }, (await Lb(c, lb2)).Strings("SecureGroups"));
        await Call(c, "SetSecurityGroupForLoadbalancers", new { SecurityGroup = "sg-bbbb0001", OperationType = "DEL", LoadBalancerIds = new[] { lb2 } });
        Assert.Empty((await Lb(c, lb2)).Strings("SecureGroups"));
        await Call(c, "SetLoadBalancerSecurityGroups", new { LoadBalancerId = lb1 });
        Assert.Empty((await Lb(c, lb1)).Strings("SecureGroups"));
        await c.ErrorAsync("InvalidParameterValue", "SetSecurityGroupForLoadbalancers", new { SecurityGroup = "sg-1", OperationType = "MOVE", LoadBalancerIds = new[] { lb1 } });
        await c.ErrorAsync("InvalidParameter.LBIdNotFound", "SetLoadBalancerSecurityGroups", new { LoadBalancerId = "lb-zzzzzzzz" });

        await c.CreateListenerAsync(lb1, "HTTPS", 443, new { Certificate = new { CertId = "cert-old00001" } });
        var byCert = await Call(c, "DescribeLoadBalancerListByCertId", new { CertIds = new[] { "cert-old00001", "cert-none0001" } });
        var set = byCert.GetProperty("CertSet");
        Assert.Equal("cert-old00001", set[0].GetProperty("CertId").GetString());
        Assert.Equal(lb1, set[0].GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerId").GetString());
        Assert.Equal(0, set[1].GetProperty("LoadBalancers").GetArrayLength());

        await Call(c, "ReplaceCertForLoadBalancers", new { OldCertificateId = "cert-old00001", Certificate = new { CertId = "cert-new00001" } });
        var after = (await c.InvokeAsync("DescribeLoadBalancerListByCertId", new { CertIds = new[] { "cert-old00001", "cert-new00001" } })).GetProperty("CertSet");
        Assert.Equal(0, after[0].GetProperty("LoadBalancers").GetArrayLength());
        Assert.Equal(lb1, after[1].GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerId").GetString());
        var listener = (await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb1 })).GetProperty("Listeners")[0];
        Assert.Equal("cert-new00001", listener.GetProperty("Certificate").GetProperty("CertId").GetString());
        await c.ErrorAsync("MissingParameter", "ReplaceCertForLoadBalancers", new { OldCertificateId = "cert-new00001" });
    }

    [Fact]
    public async Task Snat_ips_are_added_async_and_show_on_the_instance()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("snat", "INTERNAL");
        var r = await Call(c, "CreateLoadBalancerSnatIps", new
        {
            LoadBalancerId = lb,
            SnatIps = new object[] { new { SubnetId = "subnet-test0001", Ip = "10.0.0.100" }, new { SubnetId = "subnet-test0001" } },
            Number = 2,
        });
        await AssertTaskDone(c, r);
        var desc = await Lb(c, lb);
        Assert.True(desc.GetProperty("SnatPro").GetBoolean());
        var ips = desc.GetProperty("SnatIps").EnumerateArray().Select(s => s.GetProperty("Ip").GetString()!).ToList();
        Assert.Equal(3, ips.Count);
        Assert.Equal("10.0.0.100", ips[0]);
        Assert.All(desc.GetProperty("SnatIps").EnumerateArray(), s => Assert.Equal("subnet-test0001", s.GetProperty("SubnetId").GetString()));

        await c.ErrorAsync("InvalidParameterValue.Duplicate", "CreateLoadBalancerSnatIps", new { LoadBalancerId = lb, SnatIps = new[] { new { SubnetId = "subnet-test0001", Ip = "10.0.0.100" } } });
        await c.ErrorAsync("MissingParameter", "CreateLoadBalancerSnatIps", new { LoadBalancerId = lb, SnatIps = new[] { new { Ip = "10.0.0.101" } } });
        await c.ErrorAsync("LimitExceeded", "CreateLoadBalancerSnatIps", new { LoadBalancerId = lb, SnatIps = new[] { new { SubnetId = "subnet-test0001" } }, Number = 8 });

        var del = await Call(c, "DeleteLoadBalancerSnatIps", new { LoadBalancerId = lb, Ips = new[] { "10.0.0.100" } });
        await AssertTaskDone(c, del);
        Assert.DoesNotContain("10.0.0.100", (await Lb(c, lb)).GetProperty("SnatIps").EnumerateArray().Select(s => s.GetProperty("Ip").GetString()));
        await c.ErrorAsync("InvalidParameter", "DeleteLoadBalancerSnatIps", new { LoadBalancerId = lb, Ips = new[] { "10.0.0.100" } });
    }

    [Fact]
    public async Task Logsets_topics_and_instance_logs()
    {
        var c = _fx.UniqueRegion();
        var empty = await Call(c, "DescribeClsLogSet", new { });
        Assert.Equal("", empty.GetProperty("LogsetId").GetString());
        await c.ErrorAsync("FailedOperation", "CreateTopic", new { TopicName = "t1" });

        var set = (await Call(c, "CreateClsLogSet", new { Period = 7 })).GetProperty("LogsetId").GetString()!;
        var health = (await Call(c, "CreateClsLogSet", new { LogsetType = "HEALTH" })).GetProperty("LogsetId").GetString()!;
        Assert.Matches("^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$", set);
        var described = await c.InvokeAsync("DescribeClsLogSet", new { });
        Assert.Equal(set, described.GetProperty("LogsetId").GetString());
        Assert.Equal(health, described.GetProperty("HealthLogsetId").GetString());
        await c.ErrorAsync("FailedOperation", "CreateClsLogSet", new { LogsetName = "another" });

        var topic = (await Call(c, "CreateTopic", new { TopicName = "access", PartitionCount = 3 })).GetProperty("TopicId").GetString()!;
        var healthTopic = (await c.InvokeAsync("CreateTopic", new { TopicName = "hc", TopicType = "HEALTH" })).GetProperty("TopicId").GetString()!;
        await c.ErrorAsync("InvalidParameterValue.Duplicate", "CreateTopic", new { TopicName = "access" });
        await c.ErrorAsync("InvalidParameterValue", "CreateTopic", new { TopicName = "x", PartitionCount = 51 });

        var lb = await c.CreateLbAsync("logs");
        await Call(c, "SetLoadBalancerClsLog", new { LoadBalancerId = lb, LogSetId = set, LogTopicId = topic });
        await c.InvokeAsync("SetLoadBalancerClsLog", new { LoadBalancerId = lb, LogSetId = health, LogTopicId = healthTopic, LogType = "HEALTH" });
        var d = await Lb(c, lb);
        Assert.Equal(set, d.GetProperty("LogSetId").GetString());
        Assert.Equal(topic, d.GetProperty("LogTopicId").GetString());
        Assert.Equal(health, d.GetProperty("HealthLogSetId").GetString());
        Assert.Equal(healthTopic, d.GetProperty("HealthLogTopicId").GetString());
        await c.ErrorAsync("InvalidParameterValue", "SetLoadBalancerClsLog", new { LoadBalancerId = lb, LogSetId = set, LogTopicId = healthTopic });
        await c.InvokeAsync("SetLoadBalancerClsLog", new { LoadBalancerId = lb, LogSetId = "", LogTopicId = "" });
        Assert.Equal(JsonValueKind.Null, (await Lb(c, lb)).GetProperty("LogSetId").ValueKind);
    }


    [Fact]
    public async Task Classic_targets_are_registered_listed_checked_and_migrated()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("classic", extra: new { Forward = 0 });
        Assert.Equal(0, (await Lb(c, lb)).GetProperty("Forward").GetInt32());
        var classicOnly = (await c.InvokeAsync("DescribeLoadBalancers", new { Forward = 0 })).GetProperty("LoadBalancerSet").EnumerateArray();
        Assert.All(classicOnly, x => Assert.Equal(0, x.GetProperty("Forward").GetInt32()));
        Assert.Contains(lb, classicOnly.Select(x => x.GetProperty("LoadBalancerId").GetString()));
        var tcp = await c.CreateListenerAsync(lb, "TCP", 111, new { ListenerNames = new[] { "test" } });
        await c.CreateListenerAsync(lb, "UDP", 1213);

        var reg = await Call(c, "RegisterTargetsWithClassicalLB", new
        {
            LoadBalancerId = lb,
            Targets = new object[] { new { InstanceId = "ins-cccc0001", Weight = 30 }, new { InstanceId = "ins-cccc0002" } },
        });
        await AssertTaskDone(c, reg);
        var targets = (await Call(c, "DescribeClassicalLBTargets", new { LoadBalancerId = lb })).GetProperty("Targets");
        Assert.Equal(2, targets.GetArrayLength());
        Assert.Equal("ins-cccc0001", targets[0].GetProperty("InstanceId").GetString());
        Assert.Equal(30, targets[0].GetProperty("Weight").GetInt32());
        Assert.Equal(10, targets[1].GetProperty("Weight").GetInt32());
        Assert.Equal("CVM", targets[0].GetProperty("Type").GetString());
        Assert.Equal(1, targets[0].GetProperty("PrivateIpAddresses").GetArrayLength());

        var listeners = (await Call(c, "DescribeClassicalLBListeners", new { LoadBalancerId = lb, Protocol = "TCP" })).GetProperty("Listeners");
        Assert.Equal(1, listeners.GetArrayLength());
        Assert.Equal(tcp, listeners[0].GetProperty("ListenerId").GetString());
        Assert.Equal(111, listeners[0].GetProperty("ListenerPort").GetInt32());
        Assert.Equal("tcp", listeners[0].GetProperty("Protocol").GetString());
        Assert.Equal("test", listeners[0].GetProperty("ListenerName").GetString());

        var health = (await Call(c, "DescribeClassicalLBHealthStatus", new { LoadBalancerId = lb })).GetProperty("HealthList");
        Assert.Equal(4, health.GetArrayLength()); // 2 listeners x 2 real servers
        Assert.Equal(2, (await c.InvokeAsync("DescribeClassicalLBHealthStatus", new { LoadBalancerId = lb, ListenerId = tcp })).GetProperty("HealthList").GetArrayLength());

        var by = (await Call(c, "DescribeClassicalLBByInstanceId", new { InstanceIds = new[] { "ins-cccc0001" } })).GetProperty("LoadBalancerInfoList");
        Assert.Equal("ins-cccc0001", by[0].GetProperty("InstanceId").GetString());
        Assert.Contains(lb, by[0].Strings("LoadBalancerIds"));

        await c.ErrorAsync("InvalidParameterValue.Duplicate", "RegisterTargetsWithClassicalLB", new { LoadBalancerId = lb, Targets = new[] { new { InstanceId = "ins-cccc0001" } } });
        var dereg = await Call(c, "DeregisterTargetsFromClassicalLB", new { LoadBalancerId = lb, InstanceIds = new[] { "ins-cccc0002" } });
        await AssertTaskDone(c, dereg);
        Assert.Equal(1, (await c.InvokeAsync("DescribeClassicalLBTargets", new { LoadBalancerId = lb })).GetProperty("Targets").GetArrayLength());
        await c.ErrorAsync("InvalidParameter", "DeregisterTargetsFromClassicalLB", new { LoadBalancerId = lb, InstanceIds = new[] { "ins-cccc0002" } });

        var modern = await c.CreateLbAsync("not-classic");
        await c.ErrorAsync("InvalidParameter", "DescribeClassicalLBTargets", new { LoadBalancerId = modern });

        var mig = await Call(c, "MigrateClassicalLoadBalancers", new { LoadBalancerIds = new[] { lb } });
        await AssertTaskDone(c, mig);
        Assert.Equal(1, (await Lb(c, lb)).GetProperty("Forward").GetInt32());
        var bound = (await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb, ListenerIds = new[] { tcp } })).GetProperty("Listeners")[0].GetProperty("Targets");
        Assert.Equal("ins-cccc0001", bound[0].GetProperty("InstanceId").GetString());
        Assert.Equal(111, bound[0].GetProperty("Port").GetInt32());
    }

    [Fact]
    public async Task Quota_resources_overview_idle_and_traffic()
    {
        var c = _fx.UniqueRegion();
        var open = await c.CreateLbAsync("busy");
        await c.CreateLbAsync("idle-internal", "INTERNAL");
        var quota = (await Call(c, "DescribeQuota", new { })).GetProperty("QuotaSet").EnumerateArray()
            .ToDictionary(q => q.GetProperty("QuotaId").GetString()!);
        Assert.Equal(1, quota["TOTAL_OPEN_CLB_QUOTA"].GetProperty("QuotaCurrent").GetInt32());
        Assert.Equal(1, quota["TOTAL_INTERNAL_CLB_QUOTA"].GetProperty("QuotaCurrent").GetInt32());
        Assert.True(quota["TOTAL_OPEN_CLB_QUOTA"].GetProperty("QuotaLimit").GetInt32() > 0);
        Assert.Equal(50, quota["TOTAL_LISTENER_QUOTA"].GetProperty("QuotaLimit").GetInt32());
        Assert.Equal(JsonValueKind.Null, quota["TOTAL_LISTENER_QUOTA"].GetProperty("QuotaCurrent").ValueKind);

        var res = await Call(c, "DescribeResources", new { Limit = 2 });
        Assert.Equal(2, res.GetProperty("ZoneResourceSet").GetArrayLength());
        Assert.True(res.GetProperty("TotalCount").GetInt32() > 2);
        var zone = res.GetProperty("ZoneResourceSet")[0];
        Assert.False(string.IsNullOrEmpty(zone.GetProperty("MasterZone").GetString()));
        Assert.Equal("BGP", zone.GetProperty("ResourceSet")[0].GetProperty("Isp").GetString());
        var filtered = await c.InvokeAsync("DescribeResources", new { Filters = new[] { new { Name = "isp", Values = new[] { "CMCC" } } } });
        Assert.All(filtered.GetProperty("ZoneResourceSet").EnumerateArray(), z => Assert.All(z.GetProperty("ResourceSet").EnumerateArray(), r => Assert.Equal("CMCC", r.GetProperty("Isp").GetString())));
        await c.ErrorAsync("InvalidParameterValue.Range", "DescribeResources", new { Limit = 101 });
        await c.ErrorAsync("InvalidParameterValue.InvalidFilter", "DescribeResources", new { Filters = new[] { new { Name = "color", Values = new[] { "red" } } } });

        var overview = await Call(c, "DescribeLoadBalancerOverview", new { });
        Assert.Equal(2, overview.GetProperty("TotalCount").GetInt32());
        Assert.Equal(2, overview.GetProperty("RunningCount").GetInt32());

        var l = await c.CreateListenerAsync(open, "TCP", 80);
        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = open, ListenerId = l, Targets = new[] { new { InstanceId = "ins-dddd0001", Port = 80 } } });
        var region = c.Options.Region;
        var idle = await Call(c, "DescribeIdleLoadBalancers", new { LoadBalancerRegion = region });
        Assert.Equal(1, idle.GetProperty("TotalCount").GetInt32());
        Assert.Equal("NO_RULES", idle.GetProperty("IdleLoadBalancers")[0].GetProperty("IdleReason").GetString());

        var traffic = (await Call(c, "DescribeLoadBalancerTraffic", new { LoadBalancerRegion = region })).GetProperty("LoadBalancerTraffic");
        Assert.Equal(2, traffic.GetArrayLength());
        Assert.Equal(open, traffic[0].GetProperty("LoadBalancerId").GetString());
        Assert.True(traffic[0].GetProperty("OutBandwidth").GetDouble() > traffic[1].GetProperty("OutBandwidth").GetDouble());
    }

    [Fact]
    public async Task Prices_have_numbers()
    {
        var c = _fx.Client;
        var create = (await Call(c, "InquiryPriceCreateLoadBalancer", new
        {
            LoadBalancerType = "OPEN", LoadBalancerChargeType = "POSTPAID",
            InternetAccessible = new { InternetChargeType = "BANDWIDTH_POSTPAID_BY_HOUR", InternetMaxBandwidthOut = 10 },
        })).GetProperty("Price");
        Assert.True(create.GetProperty("InstancePrice").GetProperty("UnitPrice").GetDouble() > 0);
        Assert.Equal("HOURLY", create.GetProperty("InstancePrice").GetProperty("ChargeUnit").GetString());
        Assert.True(create.GetProperty("BandwidthPrice").GetProperty("UnitPrice").GetDouble() > 0);
        var prepaid = (await c.InvokeAsync("InquiryPriceCreateLoadBalancer", new { LoadBalancerType = "INTERNAL", LoadBalancerChargeType = "PREPAID", LoadBalancerChargePrepaid = new { Period = 3 } })).GetProperty("Price");
        Assert.True(prepaid.GetProperty("InstancePrice").GetProperty("OriginalPrice").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, prepaid.GetProperty("BandwidthPrice").ValueKind);
        await c.ErrorAsync("MissingParameter", "InquiryPriceCreateLoadBalancer", new { LoadBalancerType = "OPEN" });

        var lb = await c.CreateLbAsync("priced");
        var modify = (await Call(c, "InquiryPriceModifyLoadBalancer", new { LoadBalancerId = lb, InternetAccessible = new { InternetChargeType = "TRAFFIC_POSTPAID_BY_HOUR" } })).GetProperty("Price");
        Assert.Equal("GB", modify.GetProperty("BandwidthPrice").GetProperty("ChargeUnit").GetString());
        var renew = (await Call(c, "InquiryPriceRenewLoadBalancer", new { LoadBalancerId = lb, LoadBalancerChargePrepaid = new { Period = 2 } })).GetProperty("Price");
        Assert.True(renew.GetProperty("InstancePrice").GetProperty("OriginalPrice").GetDouble() > 0);
        var refund = (await Call(c, "InquiryPriceRefundLoadBalancer", new { LoadBalancerId = lb })).GetProperty("Price");
        Assert.Equal(JsonValueKind.Number, refund.GetProperty("InstancePrice").GetProperty("OriginalPrice").ValueKind);
        await c.ErrorAsync("InvalidParameter.LBIdNotFound", "InquiryPriceRefundLoadBalancer", new { LoadBalancerId = "lb-zzzzzzzz" });
    }

    [Fact]
    public async Task Project_sla_and_mixed_ip_targets_change_the_instances()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("attrs");
        await Call(c, "ModifyLoadBalancersProject", new { LoadBalancerIds = new[] { lb }, ProjectId = 7 });
        await Call(c, "ModifyLoadBalancerSla", new { LoadBalancerSla = new[] { new { LoadBalancerId = lb, SlaType = "clb.c2.medium" } } });
        var d = await Lb(c, lb);
        Assert.Equal(7, d.GetProperty("ProjectId").GetInt32());
        Assert.Equal("clb.c2.medium", d.GetProperty("SlaType").GetString());
        await c.ErrorAsync("MissingParameter", "ModifyLoadBalancerSla", new { LoadBalancerSla = new[] { new { LoadBalancerId = lb } } });
        await c.ErrorAsync("MissingParameter", "ModifyLoadBalancersProject", new { LoadBalancerIds = new[] { lb } });

        var v6 = await c.CreateLbAsync("v6", extra: new { AddressIPVersion = "IPV6" });
        await c.InvokeAsync("ModifyLoadBalancerMixIpTarget", new { LoadBalancerIds = new[] { v6 }, MixIpTarget = true });
        Assert.True((await Lb(c, v6)).GetProperty("MixIpTarget").GetBoolean());
        await c.ErrorAsync("InvalidParameter", "ModifyLoadBalancerMixIpTarget", new { LoadBalancerIds = new[] { lb }, MixIpTarget = true });
    }

    [Fact]
    public async Task Customized_configs_are_created_bound_listed_and_deleted()
    {
        var c = _fx.UniqueRegion();
        var lb = await c.CreateLbAsync("configured");
        var id = (await Call(c, "SetCustomizedConfigForLoadBalancer", new { OperationType = "ADD", ConfigName = "body", ConfigContent = "client_max_body_size 1m;" }))
            .GetProperty("ConfigId").GetString()!;
        Assert.StartsWith("pz-", id);
        await c.InvokeAsync("SetCustomizedConfigForLoadBalancer", new { OperationType = "UPDATE", UconfigId = id, ConfigContent = "client_max_body_size 2m;" });
        await c.InvokeAsync("SetCustomizedConfigForLoadBalancer", new { OperationType = "BIND", UconfigId = id, LoadBalancerIds = new[] { lb } });

        var list = await Call(c, "DescribeCustomizedConfigList", new { ConfigType = "CLB" });
        Assert.Equal(1, list.GetProperty("TotalCount").GetInt32());
        var item = list.GetProperty("ConfigList")[0];
        Assert.Equal(id, item.GetProperty("UconfigId").GetString());
        Assert.Equal("client_max_body_size 2m;", item.GetProperty("ConfigContent").GetString());
        Assert.Equal("CLB", item.GetProperty("ConfigType").GetString());
        Assert.Equal(1, (await c.InvokeAsync("DescribeCustomizedConfigList", new { ConfigType = "CLB", Filters = new[] { new { Name = "loadbalancer-id", Values = new[] { lb } } } })).GetProperty("TotalCount").GetInt32());
        Assert.Equal(0, (await c.InvokeAsync("DescribeCustomizedConfigList", new { ConfigType = "SERVER" })).GetProperty("TotalCount").GetInt32());

        var binds = await Call(c, "DescribeCustomizedConfigAssociateList", new { UconfigId = id });
        Assert.Equal(1, binds.GetProperty("TotalCount").GetInt32());
        Assert.Equal(lb, binds.GetProperty("BindList")[0].GetProperty("LoadBalancerId").GetString());
        Assert.Equal(id, (await Lb(c, lb)).GetProperty("ConfigId").GetString());

        await c.InvokeAsync("SetCustomizedConfigForLoadBalancer", new { OperationType = "UNBIND", UconfigId = id, LoadBalancerIds = new[] { lb } });
        Assert.Equal(0, (await c.InvokeAsync("DescribeCustomizedConfigAssociateList", new { UconfigId = id })).GetProperty("TotalCount").GetInt32());
        await c.InvokeAsync("SetCustomizedConfigForLoadBalancer", new { OperationType = "DELETE", UconfigId = id });
        Assert.Equal(0, (await c.InvokeAsync("DescribeCustomizedConfigList", new { ConfigType = "CLB" })).GetProperty("TotalCount").GetInt32());
        await c.ErrorAsync("ResourceNotFound", "SetCustomizedConfigForLoadBalancer", new { OperationType = "UPDATE", UconfigId = id, ConfigName = "x" });
        await c.ErrorAsync("MissingParameter", "SetCustomizedConfigForLoadBalancer", new { OperationType = "ADD", ConfigName = "x" });
        await c.ErrorAsync("MissingParameter", "DescribeCustomizedConfigList", new { });
    }

    [Fact]
    public async Task Block_ip_list_is_modified_by_a_job_and_listed()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("blocked");
        await c.InvokeAsync("ModifyBlockIPList", new { LoadBalancerIds = new[] { lb }, Type = "add_customized_field", ClientIPField = "X-Real-IP" });
        var job = (await c.InvokeAsync("ModifyBlockIPList", new { LoadBalancerIds = new[] { lb }, Type = "add_blocked", BlockIPList = new[] { "1.2.3.4", "5.6.7.8" }, ExpireTime = 600 }))
            .GetProperty("JodId").GetString()!;
        Assert.Equal(2, (await c.InvokeAsync("DescribeBlockIPTask", new { TaskId = job })).GetProperty("Status").GetInt32());
        var list = await c.InvokeAsync("DescribeBlockIPList", new { LoadBalancerId = lb });
        Assert.Equal(2, list.GetProperty("BlockedIPCount").GetInt32());
        Assert.Equal("X-Real-IP", list.GetProperty("ClientIPField").GetString());
        Assert.Equal("1.2.3.4", list.GetProperty("BlockedIPList")[0].GetProperty("IP").GetString());
        Assert.False(string.IsNullOrEmpty(list.GetProperty("BlockedIPList")[0].GetProperty("ExpireTime").GetString()));
        await c.InvokeAsync("ModifyBlockIPList", new { LoadBalancerIds = new[] { lb }, Type = "del_blocked", BlockIPList = new[] { "1.2.3.4" } });
        Assert.Equal(1, (await c.InvokeAsync("DescribeBlockIPList", new { LoadBalancerId = lb })).GetProperty("BlockedIPCount").GetInt32());
        await c.InvokeAsync("ModifyBlockIPList", new { LoadBalancerIds = new[] { lb }, Type = "flush_blocked" });
        Assert.Equal(0, (await c.InvokeAsync("DescribeBlockIPList", new { LoadBalancerId = lb })).GetProperty("BlockedIPCount").GetInt32());
        await c.ErrorAsync("InvalidParameterValue", "ModifyBlockIPList", new { LoadBalancerIds = new[] { lb }, Type = "add_blocked", BlockIPList = new[] { "not-an-ip" } });
        await c.ErrorAsync("InvalidParameter", "DescribeBlockIPTask", new { TaskId = "no-such-job" });
    }

    [Fact]
    public async Task Function_targets_on_rules_and_cross_targets()
    {
        var c = _fx.UniqueRegion();
        var lb = await c.CreateLbAsync("scf");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var loc = await c.CreateRuleAsync(lb, l, "f.com", "/");
        var fn = new { Function = new { FunctionNamespace = "ns", FunctionName = "fn", FunctionQualifier = "$LATEST" }, Weight = 20 };
        var reg = await Call(c, "RegisterFunctionTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, FunctionTargets = new[] { fn } });
        await AssertTaskDone(c, reg);
        JsonElement Rule(JsonElement d) => d.GetProperty("Listeners")[0].GetProperty("Rules")[0];
        var ft = Rule(await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("FunctionTargets");
        Assert.Equal("fn", ft[0].GetProperty("Function").GetProperty("FunctionName").GetString());
        Assert.Equal(20, ft[0].GetProperty("Weight").GetInt32());
        await c.ErrorAsync("InvalidParameterValue.Duplicate", "RegisterFunctionTargets", new { LoadBalancerId = lb, ListenerId = l, Domain = "f.com", Url = "/", FunctionTargets = new[] { fn } });

        await Call(c, "ModifyFunctionTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, FunctionTargets = new[] { fn with { Weight = 70 } } });
        ft = Rule(await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("FunctionTargets");
        Assert.Equal(70, ft[0].GetProperty("Weight").GetInt32());

        await Call(c, "DeregisterFunctionTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, FunctionTargets = new[] { fn } });
        Assert.Equal(JsonValueKind.Null, Rule(await c.InvokeAsync("DescribeTargets", new { LoadBalancerId = lb })).GetProperty("FunctionTargets").ValueKind);
        var tcp = await c.CreateListenerAsync(lb, "TCP", 90);
        await c.ErrorAsync("InvalidParameter.ProtocolCheckFailed", "RegisterFunctionTargets", new { LoadBalancerId = lb, ListenerId = tcp, FunctionTargets = new[] { fn } });

        await c.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = tcp, Targets = new[] { new { InstanceId = "ins-eeee0001", Port = 80 } } });
        var cross = await Call(c, "DescribeCrossTargets", new { Filters = new[] { new { Name = "listener-id", Values = new[] { tcp } } } });
        Assert.Equal(1, cross.GetProperty("TotalCount").GetInt32());
        Assert.Equal("ins-eeee0001", cross.GetProperty("CrossTargetSet")[0].GetProperty("InstanceId").GetString());
    }
}
