using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>
/// Target groups: CreateTargetGroup, DeleteTargetGroups, DescribeTargetGroups, DescribeTargetGroupList,
/// DescribeTargetGroupInstances, ModifyTargetGroupAttribute, (De)RegisterTargetGroupInstances,
/// ModifyTargetGroupInstancesPort/Weight, AssociateTargetGroups, DisassociateTargetGroups.
/// The catalog lists only generic codes for these actions (FailedOperation, InvalidParameter, InvalidParameterValue,
/// LimitExceeded), so an unknown target group, load balancer, listener or rule is InvalidParameter with a message
/// naming it, and a conflict with the current state (bound targets, an existing association) is FailedOperation.
/// Instance and association changes are async: they start one task on every load balancer the group serves.
/// </summary>
internal sealed partial class TargetGroupActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("CreateTargetGroup", Create);
        r.Add("DeleteTargetGroups", Delete, required: "TargetGroupIds");
        r.Add("DescribeTargetGroups", Describe);
        r.Add("DescribeTargetGroupList", DescribeList);
        r.Add("DescribeTargetGroupInstances", DescribeInstances, required: "Filters");
        r.Add("ModifyTargetGroupAttribute", Modify, required: "TargetGroupId");
        r.Add("RegisterTargetGroupInstances", RegisterInstances, required: "TargetGroupId TargetGroupInstances", isAsync: true);
        r.Add("DeregisterTargetGroupInstances", DeregisterInstances, required: "TargetGroupId TargetGroupInstances", isAsync: true);
        r.Add("ModifyTargetGroupInstancesPort", ModifyPort, required: "TargetGroupId TargetGroupInstances", isAsync: true);
        r.Add("ModifyTargetGroupInstancesWeight", ModifyWeight, required: "TargetGroupId TargetGroupInstances", isAsync: true);
        r.Add("AssociateTargetGroups", Associate, required: "Associations", isAsync: true);
        r.Add("DisassociateTargetGroups", Disassociate, required: "Associations", isAsync: true);
    }

    public const int MaxNameLength = 50;
    public const int MaxIdsPerCall = 20;
    public const int MaxInstancesPerCall = 20;
    public const int MaxInstancesPerGroup = 200;
    public const int MaxAssociationsPerCall = 20;
    public const int MaxTargetGroupsPerRegion = 1000;
    public const int MaxLimit = 100;
    public const int DefaultWeight = 10;
    public const string DefaultVpcId = "vpc-default0";

    [GeneratedRegex("^lbtg-[0-9a-z]{8}$")] private static partial Regex IdPattern();
    [GeneratedRegex("^vpc-[0-9a-z]{1,60}$")] private static partial Regex VpcPattern();

    // ---- lookups -------------------------------------------------------------------------------------------

    private static TargetGroupModel Group(ActionContext ctx, string id, string parameter)
    {
        if (!IdPattern().IsMatch(id)) throw ClbException.Value(parameter, id, "a target group id looks like lbtg-xxxxxxxx");
        return ctx.Data.TargetGroups.TryGetValue(id, out var tg) && tg.Region == ctx.Region
            ? tg
            : throw new ClbException(ErrorCodes.InvalidParameter, $"The target group `{id}` does not exist.");
    }

    private static IEnumerable<TargetGroupModel> GroupsInRegion(ActionContext ctx) =>
        ctx.Data.TargetGroups.Values.Where(t => t.Region == ctx.Region).OrderBy(t => t.Order);

    /// <summary>Drops associations whose load balancer, listener or rule has since been deleted.</summary>
    private static void Prune(StateData data)
    {
        foreach (var tg in data.TargetGroups.Values)
            tg.Associations.RemoveAll(a => Resolve(data, a) == null);
    }

    private static (LoadBalancerModel Lb, ListenerModel Listener, RuleModel? Rule)? Resolve(StateData data, TargetGroupAssociationModel a)
    {
        if (!data.LoadBalancers.TryGetValue(a.LoadBalancerId, out var lb)) return null;
        var l = lb.Listeners.FirstOrDefault(x => x.ListenerId == a.ListenerId);
        if (l == null) return null;
        if (a.LocationId == null) return (lb, l, null);
        var r = l.Rules.FirstOrDefault(x => x.LocationId == a.LocationId);
        return r == null ? null : (lb, l, r);
    }

    /// <summary>The target groups serving a listener (<paramref name="locationId"/> null) or a rule, for DescribeListeners.</summary>
    public static List<object> BoundGroups(StateData data, string listenerId, string? locationId) =>
        data.TargetGroups.Values.OrderBy(t => t.Order)
            .Where(t => t.Associations.Any(a => a.ListenerId == listenerId && a.LocationId == locationId))
            .Select(t => (object)new { t.TargetGroupId, t.TargetGroupName })
            .ToList();

    /// <summary>For RegisterTargets / BatchRegisterTargets: targets cannot be bound where a target group is associated.</summary>
    public static string? GroupServing(StateData data, string listenerId, string? locationId) =>
        data.TargetGroups.Values.FirstOrDefault(t => t.Associations.Any(a => a.ListenerId == listenerId && a.LocationId == locationId))?.TargetGroupId;

    public static void EnsureNoTargetGroup(StateData data, ListenerModel l, List<TargetModel> holder)
    {
        var location = l.IsLayer7 ? l.Rules.FirstOrDefault(r => r.Targets == holder)?.LocationId : null;
        if (GroupServing(data, l.ListenerId, location) is { } tg)
            throw new ClbException(ErrorCodes.FailedOperation,
                $"The {(location == null ? "listener `" + l.ListenerId : "rule `" + location)}` is associated with target group `{tg}`; register the servers with the target group instead.");
    }

    private static List<string> LbIds(TargetGroupModel tg) => tg.Associations.Select(a => a.LoadBalancerId).Distinct().ToList();

    private static void EnsureLbsNotBusy(ActionContext ctx, IEnumerable<string> lbIds)
    {
        foreach (var id in lbIds)
            if (ctx.Data.LoadBalancers.TryGetValue(id, out var lb)) ctx.EnsureNotBusy(lb);
    }

    // ---- instances -----------------------------------------------------------------------------------------

    private sealed record InstanceInput(string BindIP, int Port, int? Weight, int? NewPort)
    {
        public bool Is(TargetGroupInstanceModel m) => m.BindIP == BindIP && m.Port == Port;
        public override string ToString() => $"{BindIP}:{Port}";
    }

    private static List<InstanceInput> ReadInstances(RequestParams p, bool required, int? defaultPort, bool weightRequired = false, bool newPortRequired = false)
    {
        var list = new List<InstanceInput>();
        foreach (var i in p.Objects("TargetGroupInstances", required, MaxInstancesPerCall) ?? new())
        {
            var ip = i.RequiredString("BindIP");
            RequestParams.CheckIp(i.NameOf("BindIP"), ip);
            var port = i.Int("Port", required: defaultPort == null, min: 1, max: 65535) ?? defaultPort!.Value;
            var weight = i.Int("Weight", required: weightRequired, min: 0, max: 100);
            var newPort = i.Int("NewPort", required: newPortRequired, min: 1, max: 65535);
            list.Add(new InstanceInput(ip, port, weight, newPort));
        }
        var dup = list.GroupBy(x => x.ToString()).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw new ClbException(ErrorCodes.InvalidParameterValue, $"The server `{dup.Key}` appears twice in `{p.NameOf("TargetGroupInstances")}`.");
        return list;
    }

    private static TargetGroupInstanceModel Bound(TargetGroupModel tg, InstanceInput i) =>
        tg.Instances.FirstOrDefault(i.Is) ??
        throw new ClbException(ErrorCodes.InvalidParameterValue, $"The server `{i}` is not registered with target group `{tg.TargetGroupId}`.");

    /// <summary>The CVM behind a private IP: a known instance, else an id derived from the address.</summary>
    private static string InstanceIdOf(StateData data, string ip)
    {
        var known = data.Instances.Values.FirstOrDefault(x => x.PrivateIp == ip);
        if (known != null) return known.InstanceId;
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(ip));
        var sb = new StringBuilder("ins-");
        for (var k = 0; k < 8; k++) sb.Append(alphabet[h[k] % alphabet.Length]);
        return sb.ToString();
    }

    private static object Backend(StateData data, TargetGroupModel tg, TargetGroupInstanceModel m)
    {
        var id = InstanceIdOf(data, m.BindIP);
        data.Instances.TryGetValue(id, out var known);
        return new
        {
            tg.TargetGroupId,
            Type = "CVM",
            InstanceId = id,
            m.Port,
            m.Weight,
            PublicIpAddresses = known?.PublicIp != null ? new[] { known.PublicIp } : Array.Empty<string>(),
            PrivateIpAddresses = new[] { m.BindIP },
            InstanceName = known?.InstanceName ?? id,
            RegisteredTime = Output.Time(m.RegisteredTime),
            EniId = (string?)null,
            ZoneId = 100003,
        };
    }

    private static object Info(StateData data, TargetGroupModel tg) => new
    {
        tg.TargetGroupId,
        tg.VpcId,
        tg.TargetGroupName,
        tg.Port,
        CreatedTime = Output.Time(tg.CreatedTime),
        UpdatedTime = Output.Time(tg.UpdatedTime),
        AssociatedRule = tg.Associations.Select(a =>
        {
            var (lb, l, r) = Resolve(data, a)!.Value;
            return new
            {
                a.LoadBalancerId,
                a.ListenerId,
                a.LocationId,
                l.Protocol,
                l.Port,
                Domain = r?.Domain,
                Url = r?.Url,
                lb.LoadBalancerName,
                l.ListenerName,
            };
        }).ToList(),
    };

    // ---- handlers ------------------------------------------------------------------------------------------

    private static string? ReadName(RequestParams p)
    {
        var name = p.String("TargetGroupName", maxLength: MaxNameLength);
        if (name != null && name.Trim().Length == 0) throw ClbException.Value("TargetGroupName", name, "a name cannot be blank");
        return name;
    }

    private static object? Create(ActionContext ctx)
    {
        var p = ctx.Params;
        var name = ReadName(p);
        var vpc = p.String("VpcId", maxLength: 64);
        if (vpc != null && !VpcPattern().IsMatch(vpc)) throw ClbException.Value("VpcId", vpc, "a VPC id looks like vpc-xxxxxxxx");
        var port = p.Int("Port", min: 1, max: 65535);
        var instances = ReadInstances(p, required: false, defaultPort: port);
        if (GroupsInRegion(ctx).Count() >= MaxTargetGroupsPerRegion)
            throw new ClbException(ErrorCodes.LimitExceeded, $"A region can have at most {MaxTargetGroupsPerRegion} target groups.");
        var id = ctx.NewId("lbtg");
        var tg = new TargetGroupModel
        {
            TargetGroupId = id,
            TargetGroupName = name ?? id,
            Region = ctx.Region,
            VpcId = vpc ?? DefaultVpcId,
            Port = port,
            CreatedTime = ctx.Now,
            UpdatedTime = ctx.Now,
            Order = ctx.NextSequence(),
            Instances = instances.Select(i => new TargetGroupInstanceModel { BindIP = i.BindIP, Port = i.Port, Weight = i.Weight ?? DefaultWeight, RegisteredTime = ctx.Now }).ToList(),
        };
        ctx.Data.TargetGroups[id] = tg;
        return new { TargetGroupId = id };
    }

    private static object? Delete(ActionContext ctx)
    {
        Prune(ctx.Data);
        var ids = ctx.Params.Strings("TargetGroupIds", required: true, maxCount: MaxIdsPerCall)!;
        var victims = ids.Select((id, i) => Group(ctx, id, $"TargetGroupIds.{i}")).Distinct().ToList();
        foreach (var tg in victims)
            if (tg.Associations.Count > 0)
            {
                var a = tg.Associations[0];
                throw new ClbException(ErrorCodes.FailedOperation,
                    $"The target group `{tg.TargetGroupId}` is still associated with listener `{a.ListenerId}`{(a.LocationId != null ? " rule `" + a.LocationId + "`" : "")} of `{a.LoadBalancerId}`; disassociate it first.");
            }
        foreach (var tg in victims) ctx.Data.TargetGroups.Remove(tg.TargetGroupId);
        return null;
    }

    private static object? Describe(ActionContext ctx) => DescribeGroups(ctx, idsWin: false);
    private static object? DescribeList(ActionContext ctx) => DescribeGroups(ctx, idsWin: true);

    /// <param name="idsWin">DescribeTargetGroupList uses the ids when both ids and filters are given;
    /// DescribeTargetGroups refuses the combination.</param>
    private static object? DescribeGroups(ActionContext ctx, bool idsWin)
    {
        Prune(ctx.Data);
        var p = ctx.Params;
        var ids = p.Strings("TargetGroupIds", maxCount: MaxIdsPerCall);
        var filters = p.Filters();
        var offset = p.Int("Offset", min: 0, rangeCode: ErrorCodes.InvalidParameterValue) ?? 0;
        var limit = p.Int("Limit", min: 0, max: MaxLimit, rangeCode: ErrorCodes.InvalidParameterValue) ?? 20;
        if (ids is { Count: > 0 } && filters.Count > 0)
        {
            if (!idsWin) throw new ClbException(ErrorCodes.InvalidParameter, "`TargetGroupIds` and `Filters` cannot be used together.");
            filters.Clear();
        }
        IEnumerable<TargetGroupModel> q = GroupsInRegion(ctx);
        if (ids is { Count: > 0 }) q = q.Where(t => ids.Contains(t.TargetGroupId));
        foreach (var (name, values) in filters)
        {
            q = name switch
            {
                "TargetGroupVpcId" => q.Where(t => values.Contains(t.VpcId)),
                "TargetGroupName" => q.Where(t => values.Contains(t.TargetGroupName)),
                _ => throw new ClbException(ErrorCodes.InvalidFilter, $"The filter `{name}` is not supported; use TargetGroupVpcId or TargetGroupName."),
            };
        }
        var all = q.ToList();
        return new
        {
            TotalCount = all.Count,
            TargetGroupSet = all.Skip(offset).Take(limit).Select(t => Info(ctx.Data, t)).ToList(),
        };
    }

    private static object? DescribeInstances(ActionContext ctx)
    {
        var p = ctx.Params;
        var filters = p.Filters();
        if (filters.Count == 0) throw ClbException.Missing("Filters");
        var offset = p.Int("Offset", min: 0, rangeCode: ErrorCodes.InvalidParameterValue) ?? 0;
        var limit = p.Int("Limit", min: 0, max: MaxLimit, rangeCode: ErrorCodes.InvalidParameterValue) ?? 20;
        IEnumerable<(TargetGroupModel Group, TargetGroupInstanceModel Instance)> q =
            GroupsInRegion(ctx).SelectMany(t => t.Instances.Select(i => (t, i)));
        foreach (var (name, values) in filters)
        {
            q = name switch
            {
                "TargetGroupId" => q.Where(x => values.Contains(x.Group.TargetGroupId)),
                "BindIP" => q.Where(x => values.Contains(x.Instance.BindIP)),
                "InstanceId" => q.Where(x => values.Contains(InstanceIdOf(ctx.Data, x.Instance.BindIP))),
                _ => throw new ClbException(ErrorCodes.InvalidFilter, $"The filter `{name}` is not supported; use TargetGroupId, BindIP or InstanceId."),
            };
        }
        var all = q.ToList();
        return new
        {
            TotalCount = all.Count,
            TargetGroupInstanceSet = all.Skip(offset).Take(limit).Select(x => Backend(ctx.Data, x.Group, x.Instance)).ToList(),
            RealCount = all.Count,
        };
    }

    private static object? Modify(ActionContext ctx)
    {
        var p = ctx.Params;
        var tg = Group(ctx, p.RequiredString("TargetGroupId"), "TargetGroupId");
        var name = ReadName(p);
        var port = p.Int("Port", min: 1, max: 65535);
        if (name != null) tg.TargetGroupName = name;
        if (port != null) tg.Port = port;
        tg.UpdatedTime = ctx.Now;
        return null;
    }

    /// <summary>Common frame of the four async instance changes: find the group, check its load balancers are
    /// free, apply, start one task on them.</summary>
    private static object? ChangeInstances(ActionContext ctx, Action<TargetGroupModel> change)
    {
        Prune(ctx.Data);
        var tg = Group(ctx, ctx.Params.RequiredString("TargetGroupId"), "TargetGroupId");
        var lbs = LbIds(tg);
        EnsureLbsNotBusy(ctx, lbs);
        change(tg);
        tg.UpdatedTime = ctx.Now;
        ctx.StartTask(lbs);
        return null;
    }

    private static object? RegisterInstances(ActionContext ctx) => ChangeInstances(ctx, tg =>
    {
        var inputs = ReadInstances(ctx.Params, required: true, defaultPort: tg.Port);
        foreach (var i in inputs)
            if (tg.Instances.Any(i.Is))
                throw new ClbException(ErrorCodes.InvalidParameterValue, $"The server `{i}` is already registered with target group `{tg.TargetGroupId}`.");
        if (tg.Instances.Count + inputs.Count > MaxInstancesPerGroup)
            throw new ClbException(ErrorCodes.LimitExceeded, $"A target group can have at most {MaxInstancesPerGroup} servers; `{tg.TargetGroupId}` has {tg.Instances.Count}.");
        tg.Instances.AddRange(inputs.Select(i => new TargetGroupInstanceModel { BindIP = i.BindIP, Port = i.Port, Weight = i.Weight ?? DefaultWeight, RegisteredTime = ctx.Now }));
    });

    private static object? DeregisterInstances(ActionContext ctx) => ChangeInstances(ctx, tg =>
    {
        var victims = ReadInstances(ctx.Params, required: true, defaultPort: null).Select(i => Bound(tg, i)).ToList();
        foreach (var v in victims) tg.Instances.Remove(v);
    });

    private static object? ModifyPort(ActionContext ctx) => ChangeInstances(ctx, tg =>
    {
        var inputs = ReadInstances(ctx.Params, required: true, defaultPort: null, newPortRequired: true);
        var changes = inputs.Select(i => (Bound: Bound(tg, i), NewPort: i.NewPort!.Value)).ToList();
        var after = tg.Instances.Select(m => (m.BindIP, Port: changes.FirstOrDefault(c => c.Bound == m).Bound != null ? changes.First(c => c.Bound == m).NewPort : m.Port)).ToList();
        var clash = after.GroupBy(x => $"{x.BindIP}:{x.Port}").FirstOrDefault(g => g.Count() > 1);
        if (clash != null) throw new ClbException(ErrorCodes.InvalidParameterValue, $"The server `{clash.Key}` would be registered twice with target group `{tg.TargetGroupId}`.");
        foreach (var (b, port) in changes) b.Port = port;
    });

    private static object? ModifyWeight(ActionContext ctx) => ChangeInstances(ctx, tg =>
    {
        var inputs = ReadInstances(ctx.Params, required: true, defaultPort: null, weightRequired: true);
        var changes = inputs.Select(i => (Bound: Bound(tg, i), Weight: i.Weight!.Value)).ToList();
        foreach (var (b, w) in changes) b.Weight = w;
    });

    private sealed record AssociationInput(TargetGroupModel Group, LoadBalancerModel Lb, ListenerModel Listener, RuleModel? Rule)
    {
        public string? LocationId => Rule?.LocationId;
        public bool Is(TargetGroupAssociationModel a) => a.ListenerId == Listener.ListenerId && a.LocationId == LocationId;
        public string Where => Rule != null ? $"rule `{Rule.LocationId}` of listener `{Listener.ListenerId}`" : $"listener `{Listener.ListenerId}`";
    }

    private static List<AssociationInput> ReadAssociations(ActionContext ctx)
    {
        var list = new List<AssociationInput>();
        foreach (var a in ctx.Params.Objects("Associations", required: true, maxCount: MaxAssociationsPerCall)!)
        {
            var lbId = a.RequiredString("LoadBalancerId");
            var listenerId = a.RequiredString("ListenerId");
            var tg = Group(ctx, a.RequiredString("TargetGroupId"), a.NameOf("TargetGroupId"));
            var location = a.String("LocationId");
            if (!ctx.Data.LoadBalancers.TryGetValue(lbId, out var lb) || lb.Region != ctx.Region)
                throw new ClbException(ErrorCodes.InvalidParameter, $"The load balancer `{lbId}` does not exist.");
            var l = lb.Listeners.FirstOrDefault(x => x.ListenerId == listenerId)
                    ?? throw new ClbException(ErrorCodes.InvalidParameter, $"The listener `{listenerId}` does not exist on `{lbId}`.");
            RuleModel? rule = null;
            if (l.IsLayer7)
            {
                if (location == null) throw ClbException.Missing(a.NameOf("LocationId"));
                rule = l.Rules.FirstOrDefault(r => r.LocationId == location)
                       ?? throw new ClbException(ErrorCodes.InvalidParameter, $"The rule `{location}` does not exist on listener `{listenerId}`.");
            }
            else if (location != null)
                throw new ClbException(ErrorCodes.InvalidParameter, $"The {l.Protocol} listener `{listenerId}` has no forwarding rules; omit `{a.NameOf("LocationId")}`.");
            list.Add(new AssociationInput(tg, lb, l, rule));
        }
        var dup = list.GroupBy(x => (x.Group.TargetGroupId, x.Listener.ListenerId, x.LocationId)).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw new ClbException(ErrorCodes.InvalidParameterValue, $"The association of `{dup.Key.TargetGroupId}` with {dup.First().Where} appears twice in `Associations`.");
        return list;
    }

    private static object? Associate(ActionContext ctx)
    {
        Prune(ctx.Data);
        var inputs = ReadAssociations(ctx);
        foreach (var x in inputs)
        {
            ctx.EnsureNotBusy(x.Lb);
            if (x.Group.VpcId != x.Lb.VpcId)
                throw new ClbException(ErrorCodes.InvalidParameterValue,
                    $"The target group `{x.Group.TargetGroupId}` is in `{x.Group.VpcId}` but the load balancer `{x.Lb.LoadBalancerId}` is in `{x.Lb.VpcId}`.");
            var holder = x.Rule?.Targets ?? x.Listener.Targets;
            if (holder.Count > 0)
                throw new ClbException(ErrorCodes.FailedOperation,
                    $"The {x.Where} has {holder.Count} real server(s) bound directly; deregister them before associating a target group.");
            var current = GroupServing(ctx.Data, x.Listener.ListenerId, x.LocationId);
            if (current == x.Group.TargetGroupId)
                throw new ClbException(ErrorCodes.InvalidParameterValue, $"The target group `{current}` is already associated with the {x.Where}.");
            var other = current ?? inputs.FirstOrDefault(o => o.Group != x.Group && o.Listener == x.Listener && o.LocationId == x.LocationId)?.Group.TargetGroupId;
            if (other != null)
                throw new ClbException(ErrorCodes.FailedOperation,
                    $"The {x.Where} is already associated with target group `{other}`; a listener or rule takes one target group.");
        }
        foreach (var x in inputs)
            x.Group.Associations.Add(new TargetGroupAssociationModel { LoadBalancerId = x.Lb.LoadBalancerId, ListenerId = x.Listener.ListenerId, LocationId = x.LocationId });
        ctx.StartTask(inputs.Select(x => x.Lb.LoadBalancerId));
        return null;
    }

    private static object? Disassociate(ActionContext ctx)
    {
        Prune(ctx.Data);
        var inputs = ReadAssociations(ctx);
        var victims = new List<(TargetGroupModel Group, TargetGroupAssociationModel Association)>();
        foreach (var x in inputs)
        {
            ctx.EnsureNotBusy(x.Lb);
            var a = x.Group.Associations.FirstOrDefault(x.Is)
                    ?? throw new ClbException(ErrorCodes.InvalidParameter, $"The target group `{x.Group.TargetGroupId}` is not associated with the {x.Where}.");
            victims.Add((x.Group, a));
        }
        foreach (var (g, a) in victims) g.Associations.Remove(a);
        ctx.StartTask(inputs.Select(x => x.Lb.LoadBalancerId));
        return null;
    }
}
