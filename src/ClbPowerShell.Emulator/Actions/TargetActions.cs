using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Real servers: RegisterTargets, DeregisterTargets, Batch(De)RegisterTargets, ModifyTargetWeight,
/// ModifyTargetPort, BatchModifyTargetWeight, DescribeTargets, DescribeTargetHealth, DescribeLBListeners.</summary>
internal sealed class TargetActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("RegisterTargets", RegisterTargets, required: "LoadBalancerId ListenerId Targets", isAsync: true);
        r.Add("DeregisterTargets", DeregisterTargets, required: "LoadBalancerId ListenerId Targets", isAsync: true);
        r.Add("BatchRegisterTargets", BatchRegister, required: "LoadBalancerId Targets");
        r.Add("BatchDeregisterTargets", BatchDeregister, required: "LoadBalancerId Targets");
        r.Add("ModifyTargetWeight", ModifyWeight, required: "LoadBalancerId ListenerId", isAsync: true);
        r.Add("ModifyTargetPort", ModifyPort, required: "LoadBalancerId ListenerId Targets NewPort", isAsync: true);
        r.Add("BatchModifyTargetWeight", BatchModifyWeight, required: "LoadBalancerId ModifyList", isAsync: true);
        r.Add("DescribeTargets", DescribeTargets, required: "LoadBalancerId");
        r.Add("DescribeTargetHealth", DescribeHealth, required: "LoadBalancerIds");
        r.Add("DescribeLBListeners", DescribeLbListeners, required: "Backends");
    }

    public const int MaxTargetsPerCall = 20;
    public const int MaxTargetsPerBatch = 500;
    public const int DefaultWeight = 10;

    /// <summary>A Target / BatchTarget from the request: InstanceId (ins-xxxxxxxx) or EniIp, Port 1-65535, Weight 0-100.</summary>
    internal sealed record TargetInput(string Type, string? InstanceId, string? EniIp, int Port, int? Weight, string PrivateIp)
    {
        public string Key => InstanceId ?? EniIp!;
        public bool Is(TargetModel t) => t.Key == Key && t.Port == Port;
        public override string ToString() => $"{Key}:{Port}";
    }

    internal static TargetInput ReadTarget(ActionContext ctx, RequestParams t, bool portRequired = true)
    {
        var instance = t.String("InstanceId");
        var eni = t.String("EniIp");
        var type = t.String("Type", oneOf: new[] { "CVM", "ENI" });
        if (instance == null && eni == null) throw ClbException.Missing(t.NameOf("InstanceId"));
        if (instance != null && eni != null)
            throw new ClbException(ErrorCodes.InvalidParameter, $"Give either `{t.NameOf("InstanceId")}` or `{t.NameOf("EniIp")}`, not both.");
        if (instance != null && !Validate.InstanceIdPattern().IsMatch(instance))
            throw ClbException.Value(t.NameOf("InstanceId"), instance, "an instance id looks like ins-xxxxxxxx");
        if (eni != null) RequestParams.CheckIp(t.NameOf("EniIp"), eni);
        var port = t.Int("Port", required: portRequired, min: 1, max: 65535) ?? 0;
        var weight = t.Int("Weight", min: 0, max: 100);
        return new TargetInput(type ?? (instance != null ? "CVM" : "ENI"), instance, eni, port, weight,
            instance != null ? ctx.Store.InstanceIp(instance) : eni!);
    }

    private static List<TargetInput> ReadTargets(ActionContext ctx, RequestParams p, string name, int max, bool portRequired = true)
    {
        var list = p.Objects(name, required: true, maxCount: max)!.Select(t => ReadTarget(ctx, t, portRequired)).ToList();
        var dup = list.GroupBy(t => t.ToString()).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw new ClbException(ErrorCodes.ValueDuplicate, $"The target `{dup.Key}` appears twice in `{p.NameOf(name)}`.");
        return list;
    }

    /// <summary>Where targets are bound: the listener (layer 4) or one of its rules (layer 7, by LocationId or Domain+Url).</summary>
    internal static List<TargetModel> Holder(ListenerModel l, RequestParams p)
    {
        var loc = p.String("LocationId");
        var domain = p.String("Domain");
        var url = p.String("Url");
        if (!l.IsLayer7)
        {
            if (loc != null || domain != null || url != null)
                throw new ClbException(ErrorCodes.ProtocolCheckFailed, $"The {l.Protocol} listener `{l.ListenerId}` has no forwarding rules; omit LocationId, Domain and Url.");
            return l.Targets;
        }
        if (loc != null) return RuleActions.RuleById(l, loc).Targets;
        if (domain != null && url != null) return RuleActions.RuleByDomainUrl(l, domain, url).Targets;
        throw ClbException.Missing(p.NameOf("LocationId"));
    }

    private static TargetModel Bound(List<TargetModel> holder, TargetInput t) =>
        holder.FirstOrDefault(t.Is) ?? throw new ClbException(ErrorCodes.InvalidParameter, $"The target `{t}` is not bound here.");

    private static TargetModel NewTarget(ActionContext ctx, TargetInput t) => new()
    {
        Type = t.Type, InstanceId = t.InstanceId, EniIp = t.EniIp, Port = t.Port, Weight = t.Weight ?? DefaultWeight,
        PrivateIp = t.PrivateIp, RegisteredTime = ctx.Now,
    };

    private static object? RegisterTargets(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = ActionContext.Listener(lb, p.RequiredString("ListenerId"));
        var targets = ReadTargets(ctx, p, "Targets", MaxTargetsPerCall);
        var holder = Holder(l, p);
        foreach (var t in targets)
            if (holder.Any(t.Is))
                throw new ClbException(ErrorCodes.ValueDuplicate, $"The target `{t}` is already bound here.");
        holder.AddRange(targets.Select(t => NewTarget(ctx, t)));
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? DeregisterTargets(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = ActionContext.Listener(lb, p.RequiredString("ListenerId"));
        var targets = ReadTargets(ctx, p, "Targets", MaxTargetsPerCall);
        var holder = Holder(l, p);
        var victims = targets.Select(t => Bound(holder, t)).ToList();
        foreach (var v in victims) holder.Remove(v);
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    /// <summary>Batch binding: per listener all or nothing; a listener whose targets cannot all be applied
    /// (listener or rule not found, already bound / not bound) goes to FailListenerIdSet.</summary>
    private static object? Batch(ActionContext ctx, bool register)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var items = p.Objects("Targets", required: true, maxCount: MaxTargetsPerBatch)!
            .Select(t => (Listener: t.RequiredString("ListenerId"), Location: t.String("LocationId"), Target: ReadTarget(ctx, t)))
            .ToList();
        var failed = new List<string>();
        foreach (var group in items.GroupBy(i => i.Listener))
        {
            var l = lb.Listeners.FirstOrDefault(x => x.ListenerId == group.Key);
            var plan = new List<(List<TargetModel> Holder, TargetInput Target)>();
            var ok = l != null;
            foreach (var (_, loc, target) in group)
            {
                if (!ok) break;
                List<TargetModel>? holder = l!.IsLayer7
                    ? l.Rules.FirstOrDefault(r => r.LocationId == loc)?.Targets
                    : loc == null ? l.Targets : null;
                if (holder == null) { ok = false; break; }
                var bound = holder.Any(target.Is) || plan.Any(x => x.Holder == holder && x.Target.ToString() == target.ToString());
                if (bound == register) { ok = false; break; }
                plan.Add((holder, target));
            }
            if (!ok) { failed.Add(group.Key); continue; }
            foreach (var (holder, target) in plan)
            {
                if (register) holder.Add(NewTarget(ctx, target));
                else holder.RemoveAll(target.Is);
            }
        }
        return new { FailListenerIdSet = failed };
    }

    private static object? BatchRegister(ActionContext ctx) => Batch(ctx, register: true);
    private static object? BatchDeregister(ActionContext ctx) => Batch(ctx, register: false);

    private static object? ModifyWeight(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = ActionContext.Listener(lb, p.RequiredString("ListenerId"));
        var weight = p.Int("Weight", min: 0, max: 100);
        var targets = ReadTargets(ctx, p, "Targets", MaxTargetsPerCall);
        var holder = Holder(l, p);
        var changes = targets.Select(t => (Bound: Bound(holder, t), Weight: t.Weight ?? weight ?? DefaultWeight)).ToList();
        foreach (var (b, w) in changes) b.Weight = w;
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? ModifyPort(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = ActionContext.Listener(lb, p.RequiredString("ListenerId"));
        var newPort = p.Int("NewPort", required: true, min: 1, max: 65535)!.Value;
        var targets = ReadTargets(ctx, p, "Targets", MaxTargetsPerCall);
        var holder = Holder(l, p);
        var bound = targets.Select(t => Bound(holder, t)).ToList();
        foreach (var b in bound)
            if (holder.Any(x => x != b && x.Key == b.Key && x.Port == newPort))
                throw new ClbException(ErrorCodes.ValueDuplicate, $"The target `{b.Key}:{newPort}` is already bound here.");
        foreach (var b in bound) b.Port = newPort;
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? BatchModifyWeight(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var changes = new List<(TargetModel Bound, int Weight)>();
        foreach (var rule in p.Objects("ModifyList", required: true, maxCount: MaxTargetsPerBatch)!)
        {
            var l = ActionContext.Listener(lb, rule.RequiredString("ListenerId"));
            var weight = rule.Int("Weight", min: 0, max: 100);
            var targets = ReadTargets(ctx, rule, "Targets", MaxTargetsPerBatch);
            var holder = Holder(l, rule);
            changes.AddRange(targets.Select(t => (Bound(holder, t), t.Weight ?? weight ?? DefaultWeight)));
        }
        foreach (var (b, w) in changes) b.Weight = w;
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? DescribeTargets(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.Lb(p.RequiredString("LoadBalancerId"));
        var ids = p.Strings("ListenerIds", maxCount: 20);
        var protocol = p.String("Protocol", oneOf: Validate.Protocols);
        var port = p.Int("Port", min: 1, max: 65535);
        string? location = null; List<string>? ips = null;
        foreach (var (name, values) in p.Filters())
        {
            switch (name)
            {
                case "location-id": location = values.FirstOrDefault(); break;
                case "private-ip-address": ips = values; break;
                default: throw new ClbException(ErrorCodes.InvalidFilter, $"The filter `{name}` is not supported; use location-id or private-ip-address.");
            }
        }
        IEnumerable<ListenerModel> q = lb.Listeners;
        if (ids != null) q = q.Where(l => ids.Contains(l.ListenerId));
        if (protocol != null) q = q.Where(l => l.Protocol == protocol);
        if (port != null) q = q.Where(l => l.Port == port);
        if (location != null) q = q.Where(l => l.Rules.Any(r => r.LocationId == location));
        bool Keep(TargetModel t) => ips == null || ips.Contains(t.PrivateIp);
        var listeners = q.Select(l => new
        {
            l.ListenerId,
            l.Protocol,
            l.Port,
            Rules = l.IsLayer7
                ? l.Rules.Where(r => location == null || r.LocationId == location).Select(r => new
                {
                    r.LocationId, r.Domain, r.Url,
                    Targets = r.Targets.Where(Keep).Select(t => Output.Backend(t, ctx.Data)).ToList(),
                    FunctionTargets = (object?)FunctionActions.Output(ctx.Data, r.LocationId),
                }).ToList()
                : null,
            Targets = l.IsLayer7 ? null : l.Targets.Where(Keep).Select(t => Output.Backend(t, ctx.Data)).ToList(),
            EndPort = l.EndPort ?? 0,
        }).ToList();
        return new { Listeners = listeners };
    }

    private static object? DescribeHealth(ActionContext ctx)
    {
        var ids = ctx.Params.Strings("LoadBalancerIds", required: true, maxCount: 20)!;
        var lbs = ids.Distinct().Select(ctx.Lb).ToList();
        object Health(TargetModel t)
        {
            var healthy = !ctx.Data.UnhealthyTargets.Contains(t.PrivateIp + ":" + t.Port);
            return new { IP = t.PrivateIp, t.Port, HealthStatus = healthy, TargetId = t.Key, HealthStatusDetail = healthy ? "Alive" : "Dead" };
        }
        return new
        {
            LoadBalancers = lbs.Select(lb => new
            {
                lb.LoadBalancerId,
                lb.LoadBalancerName,
                Listeners = lb.Listeners.Select(l => new
                {
                    l.ListenerId,
                    l.ListenerName,
                    l.Protocol,
                    l.Port,
                    Rules = l.IsLayer7
                        ? l.Rules.Select(r => new { r.LocationId, r.Domain, r.Url, Targets = r.Targets.Select(Health).ToList() }).ToList()
                        : new[] { new { LocationId = "", Domain = (string)null!, Url = (string)null!, Targets = l.Targets.Select(Health).ToList() } }.ToList(),
                }).ToList(),
            }).ToList(),
        };
    }

    private static object? DescribeLbListeners(ActionContext ctx)
    {
        var backends = ctx.Params.Objects("Backends", required: true, maxCount: 20)!
            .Select(b =>
            {
                var ip = b.RequiredString("PrivateIp");
                RequestParams.CheckIp(b.NameOf("PrivateIp"), ip);
                return (Vpc: b.RequiredString("VpcId"), Ip: ip);
            }).ToList();
        object Rs(TargetModel t, LoadBalancerModel lb) =>
            new { t.Type, t.PrivateIp, t.Port, VpcId = Output.NumericalVpcId(lb.VpcId), t.Weight };
        var result = new List<object>();
        foreach (var lb in ctx.LbsInRegion())
        {
            bool Match(TargetModel t) => backends.Any(b => b.Ip == t.PrivateIp && (b.Vpc == lb.VpcId || b.Vpc.Length == 0));
            var listeners = lb.Listeners
                .Where(l => l.Targets.Any(Match) || l.Rules.Any(r => r.Targets.Any(Match)))
                .Select(l => new
                {
                    l.ListenerId,
                    l.Protocol,
                    l.Port,
                    Rules = l.IsLayer7
                        ? l.Rules.Where(r => r.Targets.Any(Match)).Select(r => new { r.LocationId, r.Domain, r.Url, Targets = r.Targets.Where(Match).Select(t => Rs(t, lb)).ToList() }).ToList()
                        : null,
                    Targets = l.IsLayer7 ? null : l.Targets.Where(Match).Select(t => Rs(t, lb)).ToList(),
                    EndPort = l.EndPort ?? 0,
                }).ToList();
            if (listeners.Count > 0)
                result.Add(new { lb.LoadBalancerId, Vip = lb.LoadBalancerVips.FirstOrDefault(), Listeners = listeners, lb.Region });
        }
        return new { LoadBalancers = result };
    }
}
