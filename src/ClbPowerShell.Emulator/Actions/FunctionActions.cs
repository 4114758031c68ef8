using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>SCF functions as real servers of layer-7 rules (RegisterFunctionTargets and DeregisterFunctionTargets async,
/// ModifyFunctionTargets), and DescribeCrossTargets. The emulator has no VPC topology: every CVM / ENI bound in the region
/// is listed as a cross target (LocalVpcId = VpcId = the instance's VPC).</summary>
internal sealed class FunctionActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("RegisterFunctionTargets", RegisterTargets, required: "LoadBalancerId ListenerId FunctionTargets", isAsync: true);
        r.Add("DeregisterFunctionTargets", DeregisterTargets, required: "LoadBalancerId ListenerId FunctionTargets", isAsync: true);
        r.Add("ModifyFunctionTargets", ModifyTargets, required: "LoadBalancerId ListenerId FunctionTargets");
        r.Add("DescribeCrossTargets", DescribeCross);
    }

    /// <summary>The functions bound to a rule, as FunctionTarget objects (for DescribeTargets).</summary>
    internal static List<object>? Output(StateData data, string locationId) =>
        data.FunctionTargets.TryGetValue(locationId, out var list) && list.Count > 0
            ? list.Select(f => (object)new
            {
                Function = new { f.FunctionNamespace, f.FunctionName, f.FunctionQualifier, f.FunctionQualifierType },
                f.Weight,
            }).ToList()
            : null;

    private static (LoadBalancerModel Lb, RuleModel Rule) Rule(ActionContext ctx, bool change)
    {
        var p = ctx.Params;
        var id = p.RequiredString("LoadBalancerId");
        var lb = change ? ctx.LbForChange(id) : ctx.Lb(id);
        var l = ActionContext.Listener(lb, p.RequiredString("ListenerId"));
        if (!l.IsLayer7)
            throw new ClbException(ErrorCodes.ProtocolCheckFailed, $"SCF functions can only be bound to HTTP/HTTPS listeners; `{l.ListenerId}` is {l.Protocol}.");
        var loc = p.String("LocationId");
        if (loc != null) return (lb, RuleActions.RuleById(l, loc));
        var domain = p.String("Domain");
        var url = p.String("Url");
        if (domain != null && url != null) return (lb, RuleActions.RuleByDomainUrl(l, domain, url));
        throw ClbException.Missing("LocationId");
    }

    private static List<FunctionTargetModel> Read(RequestParams p) =>
        p.Objects("FunctionTargets", required: true, maxCount: 20)!.Select(t =>
        {
            var f = t.Object("Function", required: true)!;
            return new FunctionTargetModel
            {
                FunctionNamespace = f.RequiredString("FunctionNamespace", maxLength: 60),
                FunctionName = f.RequiredString("FunctionName", maxLength: 60),
                FunctionQualifier = f.RequiredString("FunctionQualifier", maxLength: 128),
                FunctionQualifierType = f.String("FunctionQualifierType", oneOf: new[] { "VERSION", "ALIAS" }),
                Weight = t.Int("Weight", min: 0, max: 100) ?? TargetActions.DefaultWeight,
            };
        }).ToList();

    private static List<FunctionTargetModel> Bound(StateData data, RuleModel rule)
    {
        if (!data.FunctionTargets.TryGetValue(rule.LocationId, out var list)) data.FunctionTargets[rule.LocationId] = list = new();
        return list;
    }

    private static object? RegisterTargets(ActionContext ctx)
    {
        var (lb, rule) = Rule(ctx, change: true);
        var items = Read(ctx.Params);
        if (items.Select(i => i.Key).Distinct().Count() != items.Count)
            throw new ClbException(ErrorCodes.ValueDuplicate, "`FunctionTargets` contains a function twice.");
        var list = Bound(ctx.Data, rule);
        foreach (var f in items)
            if (list.Any(x => x.Key == f.Key)) throw new ClbException(ErrorCodes.ValueDuplicate, $"The function `{f.Key}` is already bound here.");
        list.AddRange(items);
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? DeregisterTargets(ActionContext ctx)
    {
        var (lb, rule) = Rule(ctx, change: true);
        var list = Bound(ctx.Data, rule);
        var victims = Read(ctx.Params).Select(f => list.FirstOrDefault(x => x.Key == f.Key)
            ?? throw new ClbException(ErrorCodes.InvalidParameter, $"The function `{f.Key}` is not bound here.")).Distinct().ToList();
        foreach (var v in victims) list.Remove(v);
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? ModifyTargets(ActionContext ctx)
    {
        var (_, rule) = Rule(ctx, change: true);
        var list = Bound(ctx.Data, rule);
        var changes = Read(ctx.Params).Select(f => (Bound: list.FirstOrDefault(x => x.Key == f.Key)
            ?? throw new ClbException(ErrorCodes.InvalidParameter, $"The function `{f.Key}` is not bound here."), f.Weight)).ToList();
        foreach (var (b, w) in changes) b.Weight = w;
        return null;
    }

    private static object? DescribeCross(ActionContext ctx)
    {
        var p = ctx.Params;
        var (offset, limit) = OtherAreas.Page(p);
        List<string>? vpcs = null, ips = null, listeners = null, locations = null;
        foreach (var (name, values) in p.Filters())
        {
            switch (name)
            {
                case "vpc-id": vpcs = values; break;
                case "ip": ips = values; break;
                case "listener-id": listeners = values; break;
                case "location-id": locations = values; break;
                default: throw new ClbException(ErrorCodes.InvalidFilter, $"The filter `{name}` is not supported; use vpc-id, ip, listener-id or location-id.");
            }
        }
        var rows = new List<(string Key, object Row)>();
        foreach (var lb in ctx.LbsInRegion())
        {
            if (vpcs != null && !vpcs.Contains(lb.VpcId)) continue;
            foreach (var l in lb.Listeners)
            {
                if (listeners != null && !listeners.Contains(l.ListenerId)) continue;
                var holders = l.IsLayer7
                    ? l.Rules.Where(r => locations == null || locations.Contains(r.LocationId)).Select(r => r.Targets)
                    : locations == null ? new[] { l.Targets } : Array.Empty<List<TargetModel>>();
                foreach (var t in holders.SelectMany(h => h))
                {
                    if (ips != null && !ips.Contains(t.PrivateIp)) continue;
                    var key = lb.VpcId + "/" + t.PrivateIp;
                    if (rows.Any(r => r.Key == key)) continue;
                    rows.Add((key, new
                    {
                        LocalVpcId = lb.VpcId,
                        VpcId = lb.VpcId,
                        IP = t.PrivateIp,
                        VpcName = lb.VpcId,
                        EniId = t.EniIp != null ? "eni-" + t.EniIp.Replace('.', '0').Replace(':', '0')[..Math.Min(8, t.EniIp.Length)] : "",
                        InstanceId = t.InstanceId,
                        InstanceName = t.InstanceId != null && ctx.Data.Instances.TryGetValue(t.InstanceId, out var i) ? i.InstanceName ?? t.InstanceId : t.InstanceId,
                        Region = lb.Region,
                    }));
                }
            }
        }
        return new { TotalCount = rows.Count, CrossTargetSet = rows.Skip(offset).Take(limit).Select(r => r.Row).ToList() };
    }
}
