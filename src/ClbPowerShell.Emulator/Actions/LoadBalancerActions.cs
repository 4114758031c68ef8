using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Instances: CreateLoadBalancer, DescribeLoadBalancers(Detail), ModifyLoadBalancerAttributes,
/// DeleteLoadBalancer, CloneLoadBalancer.</summary>
internal sealed class LoadBalancerActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("CreateLoadBalancer", Create, required: "LoadBalancerType", isAsync: true);
        r.Add("DescribeLoadBalancers", Describe);
        r.Add("DescribeLoadBalancersDetail", DescribeDetail);
        r.Add("ModifyLoadBalancerAttributes", Modify, required: "LoadBalancerId", isAsync: true);
        r.Add("DeleteLoadBalancer", Delete, required: "LoadBalancerIds", isAsync: true);
        r.Add("CloneLoadBalancer", Clone, required: "LoadBalancerId", isAsync: true);
    }

    private static readonly string[] ChargeTypes = { "TRAFFIC_POSTPAID_BY_HOUR", "BANDWIDTH_POSTPAID_BY_HOUR", "BANDWIDTH_PACKAGE" };

    private static object? Create(ActionContext ctx)
    {
        var p = ctx.Params;
        var type = p.RequiredString("LoadBalancerType", oneOf: new[] { "OPEN", "INTERNAL" });
        var forward = p.Int("Forward", min: 0, max: 1) ?? 1; // 0: a classic CLB (ClassicActions)
        var number = p.Int("Number", min: 1, max: 20) ?? 1;
        var name = Validate.LbName(p);
        var vpc = p.String("VpcId", maxLength: 60);
        var subnet = p.String("SubnetId", maxLength: 60);
        if (type == "INTERNAL" && subnet == null) throw ClbException.Missing("SubnetId");
        var project = p.Integer("ProjectId", min: 0) ?? 0;
        var ipVersion = p.String("AddressIPVersion", oneOf: new[] { "IPV4", "IPV6", "IPv6FullChain" }, ignoreCase: true) ?? "IPV4";
        var tags = ReadTags(p);
        var vip = p.String("Vip");
        if (vip != null) RequestParams.CheckIp("Vip", vip);
        if (vip != null && number > 1) throw ClbException.Value("Vip", vip, "a VIP can only be given when Number is 1");
        var internet = p.Object("InternetAccessible");
        var charge = internet?.String("InternetChargeType", oneOf: ChargeTypes);
        var bandwidth = internet?.Integer("InternetMaxBandwidthOut", min: 0, max: 65535);
        var token = p.String("ClientToken", maxLength: 64);
        if (p.String("BandwidthPackageId") != null) charge = "BANDWIDTH_PACKAGE";

        if (token != null && ctx.Data.ClientTokens.TryGetValue(ctx.SecretId + "/" + token, out var earlier) && ctx.Data.Tasks.TryGetValue(earlier, out var t0))
            return new { LoadBalancerIds = t0.LoadBalancerIds, DealName = t0.DealName };

        if (vip != null && ctx.Data.LoadBalancers.Values.Any(l => l.Region == ctx.Region && l.LoadBalancerVips.Contains(vip)))
            throw new ClbException(ErrorCodes.InvalidParameterValue, $"The VIP `{vip}` is already in use.");

        var ids = new List<string>();
        for (var i = 0; i < number; i++)
        {
            var id = ctx.NewId("lb");
            var seq = ctx.NextSequence();
            var lb = new LoadBalancerModel
            {
                LoadBalancerId = id,
                LoadBalancerName = name ?? id,
                LoadBalancerType = type,
                Forward = forward,
                Region = ctx.Region,
                VpcId = vpc ?? "vpc-default0",
                SubnetId = subnet,
                ProjectId = project,
                AddressIPVersion = ipVersion.ToLowerInvariant() == "ipv6fullchain" ? "ipv6" : ipVersion.ToLowerInvariant(),
                Tags = tags,
                LoadBalancerVips = new List<string> { vip ?? NewVip(ctx, type, seq) },
                InternetChargeType = charge ?? "TRAFFIC_POSTPAID_BY_HOUR",
                InternetMaxBandwidthOut = bandwidth ?? 10,
                MasterZone = p.String("MasterZoneId") ?? p.String("ZoneId"),
                VipIsp = p.String("VipIsp", oneOf: new[] { "BGP", "CMCC", "CUCC", "CTCC" }) ?? (type == "OPEN" ? "BGP" : null),
                SlaType = p.String("SlaType"),
                SnatPro = p.Boolean("SnatPro") ?? false,
                LoadBalancerPassToTarget = p.Boolean("LoadBalancerPassToTarget") ?? true,
                CreateTime = ctx.Now,
                ReadyAt = ctx.Now.AddMilliseconds(ctx.Settings.TaskDurationMs),
                Order = seq,
            };
            if (type == "OPEN") lb.Domain = id + ".clb.tencentclb.com";
            ctx.Data.LoadBalancers[id] = lb;
            ids.Add(id);
        }
        var dealName = ctx.Now.ToString("yyyyMMdd") + ctx.NextSequence().ToString("D10");
        ctx.StartTask(ids, dealName);
        if (token != null) ctx.Data.ClientTokens[ctx.SecretId + "/" + token] = ctx.RequestId;
        return new { LoadBalancerIds = ids, DealName = dealName };
    }

    private static string NewVip(ActionContext ctx, string type, long seq) => type == "OPEN"
        ? $"118.{89 + seq / 62500 % 100}.{seq / 250 % 250}.{seq % 250 + 2}"
        : $"10.0.{seq / 250 % 250}.{seq % 250 + 2}";

    private static List<TagModel> ReadTags(RequestParams p)
    {
        var tags = new List<TagModel>();
        foreach (var t in p.Objects("Tags", maxCount: 10) ?? new())
            tags.Add(new TagModel { TagKey = t.RequiredString("TagKey", 1, 127), TagValue = t.String("TagValue", true, 0, 255)! });
        if (tags.GroupBy(t => t.TagKey).Any(g => g.Count() > 1)) throw new ClbException(ErrorCodes.ValueDuplicate, "A tag key appears twice in `Tags`.");
        return tags;
    }

    private static object? Describe(ActionContext ctx)
    {
        var p = ctx.Params;
        var ids = p.Strings("LoadBalancerIds", maxCount: 20);
        var type = p.String("LoadBalancerType", oneOf: new[] { "OPEN", "INTERNAL" });
        var forward = p.Int("Forward", min: -1, max: 1);
        var name = p.String("LoadBalancerName");
        var domain = p.String("Domain");
        var vips = p.Strings("LoadBalancerVips");
        p.Strings("BackendPublicIps");
        var backendIps = p.Strings("BackendPrivateIps");
        var offset = p.Int("Offset", min: 0, rangeCode: ErrorCodes.ValueRange) ?? 0;
        var limit = p.Int("Limit", min: 0, max: 100, rangeCode: ErrorCodes.ValueRange) ?? 20;
        var orderBy = p.String("OrderBy", oneOf: new[] { "LoadBalancerName", "CreateTime", "Domain", "LoadBalancerType" });
        var orderType = p.Int("OrderType", min: 0, max: 1) ?? 1;
        var search = p.String("SearchKey");
        var project = p.Integer("ProjectId");
        var withRs = p.Int("WithRs", min: -1, max: 1);
        var vpc = p.String("VpcId");
        var sg = p.String("SecurityGroup");
        var zone = p.String("MasterZone");
        var filters = p.Filters();

        IEnumerable<LoadBalancerModel> q = ctx.LbsInRegion();
        if (ids != null) q = q.Where(l => ids.Contains(l.LoadBalancerId));
        if (type != null) q = q.Where(l => l.LoadBalancerType == type);
        if (forward is 0 or 1) q = q.Where(l => l.Forward == forward);
        if (name != null) q = q.Where(l => l.LoadBalancerName == name);
        if (domain != null) q = q.Where(l => l.Domain == domain);
        if (vips != null) q = q.Where(l => l.LoadBalancerVips.Any(vips.Contains));
        if (backendIps != null) q = q.Where(l => AllTargets(l).Any(t => backendIps.Contains(t.PrivateIp)));
        if (search != null) q = q.Where(l => l.LoadBalancerName.Contains(search, StringComparison.OrdinalIgnoreCase) ||
                                             (l.Domain?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false) ||
                                             l.LoadBalancerVips.Any(v => v.Contains(search)));
        if (project != null) q = q.Where(l => l.ProjectId == project);
        if (withRs is 0 or 1) q = q.Where(l => AllTargets(l).Any() == (withRs == 1));
        if (vpc != null) q = q.Where(l => l.VpcId == vpc);
        if (sg != null) q = q.Where(l => l.SecureGroups.Contains(sg));
        if (zone != null) q = q.Where(l => l.MasterZone == zone);
        foreach (var (fname, values) in filters) q = ApplyFilter(q, fname, values, "Filters");

        var list = q.ToList();
        IEnumerable<LoadBalancerModel> ordered = orderBy switch
        {
            "LoadBalancerName" => list.OrderBy(l => l.LoadBalancerName, StringComparer.Ordinal).ThenBy(l => l.Order),
            "Domain" => list.OrderBy(l => l.Domain, StringComparer.Ordinal).ThenBy(l => l.Order),
            "LoadBalancerType" => list.OrderBy(l => l.LoadBalancerType, StringComparer.Ordinal).ThenBy(l => l.Order),
            _ => list.OrderBy(l => l.Order),
        };
        if (orderType == 1) ordered = ordered.Reverse();
        return new
        {
            TotalCount = list.Count,
            LoadBalancerSet = ordered.Skip(offset).Take(limit).Select(l => Output.LoadBalancer(l, ctx.Now, ctx.Data)).ToList(),
        };
    }

    internal static IEnumerable<TargetModel> AllTargets(LoadBalancerModel lb) =>
        lb.Listeners.SelectMany(l => l.Targets.Concat(l.Rules.SelectMany(r => r.Targets)));

    /// <summary>The filter names of DescribeLoadBalancers and DescribeLoadBalancersDetail.</summary>
    internal static IEnumerable<LoadBalancerModel> ApplyFilter(IEnumerable<LoadBalancerModel> q, string name, List<string> values, string param)
    {
        if (name.StartsWith("tag:", StringComparison.Ordinal))
        {
            var key = name[4..];
            return q.Where(l => l.Tags.Any(t => t.TagKey == key && values.Contains(t.TagValue)));
        }
        return name switch
        {
            "internet-charge-type" => q.Where(l => values.Contains(l.InternetChargeType)),
            "tag-key" => q.Where(l => l.Tags.Any(t => values.Contains(t.TagKey))),
            "loadbalancer-id" => q.Where(l => values.Contains(l.LoadBalancerId)),
            "project-id" => q.Where(l => values.Contains(l.ProjectId.ToString())),
            "network" => q.Where(l => values.Any(v => (v.Equals("Public", StringComparison.OrdinalIgnoreCase) && l.LoadBalancerType == "OPEN") ||
                                                      (v.Equals("Private", StringComparison.OrdinalIgnoreCase) && l.LoadBalancerType == "INTERNAL"))),
            "vip" => q.Where(l => l.LoadBalancerVips.Any(values.Contains)),
            "target-ip" => q.Where(l => AllTargets(l).Any(t => values.Contains(t.PrivateIp))),
            "vpcid" or "vpc-id" => q.Where(l => values.Contains(l.VpcId)),
            "zone" or "master-zone-id" => q.Where(l => l.MasterZone != null && values.Contains(l.MasterZone)),
            "fuzzy-search" => q.Where(l => values.Any(v => l.LoadBalancerName.Contains(v, StringComparison.OrdinalIgnoreCase) || l.LoadBalancerVips.Any(x => x.Contains(v)))),
            "load-balancer-name" or "loadbalancer-name" => q.Where(l => values.Contains(l.LoadBalancerName)),
            "address-ip-version" => q.Where(l => values.Contains(l.AddressIPVersion, StringComparer.OrdinalIgnoreCase)),
            "sla-type" => q.Where(l => values.Contains(l.SlaType ?? "")),
            _ => throw new ClbException(ErrorCodes.InvalidFilter, $"The filter `{name}` in `{param}` is not supported."),
        };
    }

    private static readonly HashSet<string> ListenerFields = new() { "ListenerId", "Protocol", "Port", "LocationId", "Domain", "Url", "Domains", "SniSwitch" };
    private static readonly HashSet<string> TargetFields = new() { "TargetId", "TargetAddress", "TargetPort", "TargetWeight", "TargetHealth" };

    private static object? DescribeDetail(ActionContext ctx)
    {
        var p = ctx.Params;
        var limit = p.Int("Limit", min: 0, max: 100, rangeCode: ErrorCodes.ValueRange) ?? 20;
        var offset = p.Int("Offset", min: 0, rangeCode: ErrorCodes.ValueRange) ?? 0;
        var fields = p.Strings("Fields") ?? new List<string>();
        p.String("TargetType", oneOf: new[] { "NODE", "GROUP" });
        var filters = p.Filters();
        IEnumerable<LoadBalancerModel> q = ctx.LbsInRegion();
        foreach (var (fname, values) in filters) q = ApplyFilter(q, fname, values, "Filters");

        var wanted = new HashSet<string>(fields) { "LoadBalancerId", "LoadBalancerName" };
        var byTarget = wanted.Overlaps(TargetFields);
        var byListener = byTarget || wanted.Overlaps(ListenerFields);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var lb in q)
        {
            var lbRow = new Dictionary<string, object?>
            {
                ["LoadBalancerId"] = lb.LoadBalancerId, ["LoadBalancerName"] = lb.LoadBalancerName, ["LoadBalancerType"] = lb.LoadBalancerType,
                ["Status"] = Output.Status(lb, ctx.Now), ["Address"] = lb.LoadBalancerVips.FirstOrDefault(), ["AddressIPVersion"] = lb.AddressIPVersion,
                ["Zone"] = lb.MasterZone, ["VpcId"] = lb.VpcId, ["ProjectId"] = lb.ProjectId, ["CreateTime"] = Output.Time(lb.CreateTime),
                ["ChargeType"] = "POSTPAID_BY_HOUR", ["Tags"] = lb.Tags.Select(t => new { t.TagKey, t.TagValue }).ToList(),
                ["LoadBalancerDomain"] = lb.Domain, ["Isolation"] = 0, ["SecurityGroup"] = lb.SecureGroups,
                ["LoadBalancerPassToTarget"] = lb.LoadBalancerPassToTarget ? 1 : 0,
                ["NetworkAttributes"] = new { lb.InternetChargeType, lb.InternetMaxBandwidthOut },
            };
            if (!byListener || lb.Listeners.Count == 0) { rows.Add(lbRow); continue; }
            foreach (var l in lb.Listeners)
            {
                var units = l.IsLayer7 && l.Rules.Count > 0
                    ? l.Rules.Select(r => (Rule: (RuleModel?)r, Targets: r.Targets)).ToList()
                    : new() { (null, l.Targets) };
                foreach (var (rule, targets) in units)
                {
                    var row = new Dictionary<string, object?>(lbRow)
                    {
                        ["ListenerId"] = l.ListenerId, ["Protocol"] = l.Protocol, ["Port"] = l.Port, ["SniSwitch"] = l.SniSwitch,
                        ["LocationId"] = rule?.LocationId, ["Domain"] = rule?.Domain, ["Url"] = rule?.Url,
                        ["Domains"] = rule?.Domain,
                    };
                    if (!byTarget || targets.Count == 0) { rows.Add(row); continue; }
                    foreach (var t in targets)
                        rows.Add(new Dictionary<string, object?>(row)
                        {
                            ["TargetId"] = t.Key, ["TargetAddress"] = t.PrivateIp, ["TargetPort"] = t.Port, ["TargetWeight"] = t.Weight,
                            ["TargetHealth"] = ctx.Data.UnhealthyTargets.Contains(t.PrivateIp + ":" + t.Port) ? "Dead" : "Alive",
                        });
                }
            }
        }
        var page = rows.Skip(offset).Take(limit)
            .Select(r => r.Where(kv => wanted.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value))
            .ToList();
        return new { TotalCount = rows.Count, LoadBalancerDetailSet = page };
    }

    private static object? Modify(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var name = Validate.LbName(p);
        var charge = p.Object("InternetChargeInfo");
        var chargeType = charge?.String("InternetChargeType", oneOf: ChargeTypes);
        var bandwidth = charge?.Integer("InternetMaxBandwidthOut", min: 0, max: 65535);
        var pass = p.Boolean("LoadBalancerPassToTarget");
        var snat = p.Boolean("SnatPro");
        var protect = p.Boolean("DeleteProtect");
        p.Boolean("ModifyClassicDomain");
        if (chargeType != null && lb.LoadBalancerType == "INTERNAL")
            throw new ClbException(ErrorCodes.InvalidParameter, "A private network CLB instance has no network billing mode.");

        if (name != null) lb.LoadBalancerName = name;
        if (pass != null) lb.LoadBalancerPassToTarget = pass.Value;
        if (snat != null) lb.SnatPro = snat.Value;
        if (protect != null) lb.DeleteProtect = protect.Value;
        if (bandwidth != null) lb.InternetMaxBandwidthOut = bandwidth.Value;
        string? deal = null;
        if (chargeType != null && chargeType != lb.InternetChargeType)
        {
            lb.InternetChargeType = chargeType;
            deal = ctx.Now.ToString("yyyyMMdd") + ctx.NextSequence().ToString("D10");
        }
        ctx.StartTask(new[] { lb.LoadBalancerId }, deal);
        return new { DealName = deal };
    }

    private static object? Delete(ActionContext ctx)
    {
        var ids = ctx.Params.Strings("LoadBalancerIds", required: true, maxCount: 20)!;
        if (ids.Distinct().Count() != ids.Count) throw new ClbException(ErrorCodes.ValueDuplicate, "`LoadBalancerIds` contains an id twice.");
        var lbs = ids.Select(ctx.LbForChange).ToList();
        foreach (var lb in lbs)
            if (lb.DeleteProtect)
                throw new ClbException(ErrorCodes.FailedOperation, $"The load balancer `{lb.LoadBalancerId}` has deletion protection enabled.");
        foreach (var lb in lbs) ctx.Data.LoadBalancers.Remove(lb.LoadBalancerId);
        ctx.StartTask(ids);
        return null;
    }

    private static object? Clone(ActionContext ctx)
    {
        var p = ctx.Params;
        var source = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var name = Validate.LbName(p);
        var project = p.Integer("ProjectId", min: 0);
        var vip = p.String("Vip");
        if (vip != null) RequestParams.CheckIp("Vip", vip);
        var tags = ReadTags(p);
        var internet = p.Object("InternetAccessible");
        var charge = internet?.String("InternetChargeType", oneOf: ChargeTypes);

        var seq = ctx.NextSequence();
        var copy = System.Text.Json.JsonSerializer.Deserialize<LoadBalancerModel>(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(source, StateData.CloneOptions), StateData.CloneOptions)!;
        copy.LoadBalancerId = ctx.NewId("lb");
        copy.LoadBalancerName = name ?? source.LoadBalancerName;
        copy.ProjectId = project ?? source.ProjectId;
        copy.LoadBalancerVips = new List<string> { vip ?? NewVip(ctx, source.LoadBalancerType, seq) };
        if (copy.LoadBalancerType == "OPEN") copy.Domain = copy.LoadBalancerId + ".clb.tencentclb.com";
        if (tags.Count > 0) copy.Tags = tags;
        if (charge != null) copy.InternetChargeType = charge;
        copy.DeleteProtect = false;
        copy.CreateTime = ctx.Now;
        copy.ReadyAt = ctx.Now.AddMilliseconds(ctx.Settings.TaskDurationMs);
        copy.Order = seq;
        copy.BusyTaskId = null;
        foreach (var l in copy.Listeners)
        {
            l.ListenerId = ctx.NewId("lbl");
            l.CreateTime = ctx.Now;
            foreach (var r in l.Rules) { r.LocationId = ctx.NewId("loc"); r.CreateTime = ctx.Now; }
        }
        ctx.Data.LoadBalancers[copy.LoadBalancerId] = copy;
        ctx.StartTask(new[] { copy.LoadBalancerId });
        return null;
    }
}
