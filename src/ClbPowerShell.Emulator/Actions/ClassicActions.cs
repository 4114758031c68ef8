using System.Text.Json.Nodes;
using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Classic CLB instances (Forward 0): DescribeClassicalLBListeners, DescribeClassicalLBTargets,
/// DescribeClassicalLBHealthStatus, DescribeClassicalLBByInstanceId, RegisterTargetsWithClassicalLB and
/// DeregisterTargetsFromClassicalLB (async), MigrateClassicalLoadBalancers (async; Forward becomes 1 and the real
/// servers are bound to every layer-4 listener on the listener's port). A classic instance's real servers serve all its listeners.</summary>
internal sealed class ClassicActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("DescribeClassicalLBListeners", DescribeListeners, required: "LoadBalancerId");
        r.Add("DescribeClassicalLBTargets", DescribeTargets, required: "LoadBalancerId");
        r.Add("DescribeClassicalLBHealthStatus", DescribeHealth, required: "LoadBalancerId");
        r.Add("DescribeClassicalLBByInstanceId", ByInstanceId, required: "InstanceIds");
        r.Add("RegisterTargetsWithClassicalLB", RegisterTargets, required: "LoadBalancerId Targets", isAsync: true);
        r.Add("DeregisterTargetsFromClassicalLB", DeregisterTargets, required: "LoadBalancerId InstanceIds", isAsync: true);
        r.Add("MigrateClassicalLoadBalancers", Migrate, required: "LoadBalancerIds", isAsync: true);
    }

    private static List<ClassicTargetModel> TargetsOf(StateData data, string lbId)
    {
        if (!data.ClassicTargets.TryGetValue(lbId, out var list)) data.ClassicTargets[lbId] = list = new();
        return list;
    }

    private static int? HcInt(JsonObject? hc, string name) => hc?[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
    private static string? HcString(JsonObject? hc, string name) => hc?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static object DescribeListeners(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = OtherAreas.Classic(ctx.Lb(p.RequiredString("LoadBalancerId")));
        var ids = p.Strings("ListenerIds", maxCount: 100);
        var protocol = p.String("Protocol", oneOf: new[] { "TCP", "UDP", "HTTP", "HTTPS" }, ignoreCase: true);
        var port = p.Int("ListenerPort", min: 1, max: 65535);
        var status = p.Int("Status", min: 0, max: 1);
        IEnumerable<ListenerModel> q = lb.Listeners;
        if (ids != null) q = q.Where(l => ids.Contains(l.ListenerId));
        if (protocol != null) q = q.Where(l => l.Protocol == protocol);
        if (port != null) q = q.Where(l => l.Port == port);
        if (status is 0) q = q.Where(_ => false);
        return new
        {
            Listeners = q.Select(l =>
            {
                var hc = l.HealthCheck ?? l.Rules.FirstOrDefault()?.HealthCheck ?? Output.DefaultHealthCheck(l.IsLayer7);
                return new
                {
                    l.ListenerId,
                    ListenerPort = l.Port,
                    InstancePort = l.Port,
                    ListenerName = l.ListenerName ?? "",
                    Protocol = l.Protocol.ToLowerInvariant(),
                    SessionExpire = l.SessionExpireTime,
                    HealthSwitch = HcInt(hc, "HealthSwitch") ?? 1,
                    TimeOut = HcInt(hc, "TimeOut") ?? 2,
                    IntervalTime = HcInt(hc, "IntervalTime") ?? 5,
                    HealthNum = HcInt(hc, "HealthNum") ?? 3,
                    UnhealthNum = HcInt(hc, "UnHealthNum") ?? 3,
                    HttpHash = l.IsLayer7 ? (l.Rules.FirstOrDefault()?.Scheduler ?? "WRR").ToLowerInvariant() : "",
                    HttpCode = l.IsLayer7 ? HcInt(hc, "HttpCode") ?? 31 : 0,
                    HttpCheckPath = l.IsLayer7 ? HcString(hc, "HttpCheckPath") ?? "/" : "",
                    SSLMode = HcString(l.Certificate, "SSLMode") ?? "",
                    CertId = HcString(l.Certificate, "CertId") ?? "",
                    CertCaId = HcString(l.Certificate, "CertCaId") ?? "",
                    Status = 1,
                };
            }).ToList(),
        };
    }

    private static object DescribeTargets(ActionContext ctx)
    {
        var lb = OtherAreas.Classic(ctx.Lb(ctx.Params.RequiredString("LoadBalancerId")));
        return new
        {
            Targets = TargetsOf(ctx.Data, lb.LoadBalancerId).Select(t => new
            {
                Type = "CVM",
                t.InstanceId,
                t.Weight,
                PublicIpAddresses = Array.Empty<string>(),
                PrivateIpAddresses = new[] { t.PrivateIp },
                InstanceName = ctx.Data.Instances.TryGetValue(t.InstanceId, out var i) ? i.InstanceName ?? t.InstanceId : t.InstanceId,
                RunFlag = 2,
            }).ToList(),
        };
    }

    private static object DescribeHealth(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = OtherAreas.Classic(ctx.Lb(p.RequiredString("LoadBalancerId")));
        var listenerId = p.String("ListenerId");
        var listeners = listenerId == null ? lb.Listeners : new List<ListenerModel> { ActionContext.Listener(lb, listenerId) };
        var targets = TargetsOf(ctx.Data, lb.LoadBalancerId);
        return new
        {
            HealthList = listeners.SelectMany(l => targets.Select(t => new
            {
                IP = t.PrivateIp,
                Port = l.Port,
                ListenerPort = l.Port,
                l.Protocol,
                HealthStatus = ctx.Data.UnhealthyTargets.Contains(t.PrivateIp + ":" + l.Port) ? 0 : 1,
            })).ToList(),
        };
    }

    private static object ByInstanceId(ActionContext ctx)
    {
        var ids = ctx.Params.Strings("InstanceIds", required: true, maxCount: 20)!;
        var classic = ctx.LbsInRegion().Where(lb => lb.Forward == 0).ToList();
        return new
        {
            LoadBalancerInfoList = ids.Distinct().Select(id => new
            {
                InstanceId = id,
                LoadBalancerIds = classic.Where(lb => TargetsOf(ctx.Data, lb.LoadBalancerId).Any(t => t.InstanceId == id)).Select(lb => lb.LoadBalancerId).ToList(),
            }).ToList(),
        };
    }

    private static void CheckInstance(string name, string id)
    {
        if (!Validate.InstanceIdPattern().IsMatch(id)) throw ClbException.Value(name, id, "an instance id looks like ins-xxxxxxxx");
    }

    private static object? RegisterTargets(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = OtherAreas.Classic(ctx.LbForChange(p.RequiredString("LoadBalancerId")));
        var items = p.Objects("Targets", required: true, maxCount: TargetActions.MaxTargetsPerCall)!
            .Select(t =>
            {
                var id = t.RequiredString("InstanceId");
                CheckInstance(t.NameOf("InstanceId"), id);
                return (Id: id, Weight: t.Int("Weight", min: 0, max: 100) ?? TargetActions.DefaultWeight);
            }).ToList();
        if (items.Select(i => i.Id).Distinct().Count() != items.Count)
            throw new ClbException(ErrorCodes.ValueDuplicate, "`Targets` contains an instance twice.");
        var list = TargetsOf(ctx.Data, lb.LoadBalancerId);
        foreach (var (id, _) in items)
            if (list.Any(t => t.InstanceId == id))
                throw new ClbException(ErrorCodes.ValueDuplicate, $"The instance `{id}` is already bound to `{lb.LoadBalancerId}`.");
        list.AddRange(items.Select(i => new ClassicTargetModel { InstanceId = i.Id, Weight = i.Weight, PrivateIp = ctx.Store.InstanceIp(i.Id), RegisteredTime = ctx.Now }));
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? DeregisterTargets(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = OtherAreas.Classic(ctx.LbForChange(p.RequiredString("LoadBalancerId")));
        var ids = p.Strings("InstanceIds", required: true, maxCount: TargetActions.MaxTargetsPerCall)!;
        var list = TargetsOf(ctx.Data, lb.LoadBalancerId);
        var victims = ids.Distinct().Select(id => list.FirstOrDefault(t => t.InstanceId == id)
            ?? throw new ClbException(ErrorCodes.InvalidParameter, $"The instance `{id}` is not bound to `{lb.LoadBalancerId}`.")).ToList();
        foreach (var v in victims) list.Remove(v);
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? Migrate(ActionContext ctx)
    {
        var p = ctx.Params;
        var ids = p.Strings("LoadBalancerIds", required: true, maxCount: 20)!;
        var cluster = p.Object("ExclusiveCluster");
        if (cluster != null)
        {
            foreach (var name in new[] { "L4Clusters", "L7Clusters" })
                foreach (var c in cluster.Objects(name) ?? new()) c.RequiredString("ClusterId");
            cluster.Object("ClassicalCluster")?.RequiredString("ClusterId");
        }
        var lbs = ids.Distinct().Select(id => OtherAreas.Classic(ctx.LbForChange(id))).ToList();
        foreach (var lb in lbs)
        {
            var targets = TargetsOf(ctx.Data, lb.LoadBalancerId);
            foreach (var l in lb.Listeners.Where(l => !l.IsLayer7))
                foreach (var t in targets)
                    if (!l.Targets.Any(x => x.InstanceId == t.InstanceId && x.Port == l.Port))
                        l.Targets.Add(new TargetModel { Type = "CVM", InstanceId = t.InstanceId, Port = l.Port, Weight = t.Weight, PrivateIp = t.PrivateIp, RegisteredTime = t.RegisteredTime });
            ctx.Data.ClassicTargets.Remove(lb.LoadBalancerId);
            lb.Forward = 1;
        }
        ctx.StartTask(lbs.Select(l => l.LoadBalancerId));
        return null;
    }
}
