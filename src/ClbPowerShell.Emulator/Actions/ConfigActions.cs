using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Customized configurations (SetCustomizedConfigForLoadBalancer, DescribeCustomizedConfigList,
/// DescribeCustomizedConfigAssociateList) and the client IP blocklist (ModifyBlockIPList, DescribeBlockIPList,
/// DescribeBlockIPTask - these three have no section in the reference; their parameters follow the public SDK).</summary>
internal sealed class ConfigActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("SetCustomizedConfigForLoadBalancer", SetConfig, required: "OperationType");
        r.Add("DescribeCustomizedConfigList", DescribeConfigs, required: "ConfigType");
        r.Add("DescribeCustomizedConfigAssociateList", DescribeAssociations);
        r.Add("ModifyBlockIPList", ModifyBlockIps, required: "LoadBalancerIds Type");
        r.Add("DescribeBlockIPList", DescribeBlockIps, required: "LoadBalancerId");
        r.Add("DescribeBlockIPTask", DescribeBlockIpTask, required: "TaskId");
    }

    private static CustomizedConfigModel Config(ActionContext ctx, RequestParams p)
    {
        var id = p.RequiredString("UconfigId");
        return ctx.Data.CustomizedConfigs.TryGetValue(id, out var c) && c.Region == ctx.Region ? c
            : throw new ClbException(ErrorCodes.ResourceNotFound, $"The customized configuration `{id}` does not exist.");
    }

    /// <summary>ADD (ConfigName, ConfigContent) / UPDATE / DELETE / BIND / UNBIND (LoadBalancerIds) of a CLB-level configuration.
    /// An instance has at most one: BIND moves it from its previous configuration.</summary>
    private static object? SetConfig(ActionContext ctx)
    {
        var p = ctx.Params;
        var op = p.RequiredString("OperationType", oneOf: new[] { "ADD", "DELETE", "UPDATE", "BIND", "UNBIND" });
        var name = p.String("ConfigName", minLength: 1, maxLength: 200);
        var content = p.String("ConfigContent", maxLength: 10_000);
        switch (op)
        {
            case "ADD":
            {
                if (name == null) throw ClbException.Missing("ConfigName");
                if (content == null) throw ClbException.Missing("ConfigContent");
                var c = new CustomizedConfigModel
                {
                    UconfigId = ctx.NewId("pz"), ConfigType = "CLB", ConfigName = name, ConfigContent = content,
                    Region = ctx.Region, CreateTime = ctx.Now, UpdateTime = ctx.Now,
                };
                ctx.Data.CustomizedConfigs[c.UconfigId] = c;
                return new { ConfigId = c.UconfigId };
            }
            case "UPDATE":
            {
                var c = Config(ctx, p);
                if (name == null && content == null) throw ClbException.Missing("ConfigContent");
                if (name != null) c.ConfigName = name;
                if (content != null) c.ConfigContent = content;
                c.UpdateTime = ctx.Now;
                return new { ConfigId = c.UconfigId };
            }
            case "DELETE":
            {
                var c = Config(ctx, p);
                ctx.Data.CustomizedConfigs.Remove(c.UconfigId);
                return new { ConfigId = c.UconfigId };
            }
            default:
            {
                var c = Config(ctx, p);
                var ids = p.Strings("LoadBalancerIds", required: true, maxCount: 20)!;
                var lbs = ids.Distinct().Select(ctx.Lb).ToList();
                foreach (var lb in lbs)
                {
                    if (op == "BIND")
                    {
                        foreach (var other in ctx.Data.CustomizedConfigs.Values) other.LoadBalancerIds.Remove(lb.LoadBalancerId);
                        c.LoadBalancerIds.Add(lb.LoadBalancerId);
                    }
                    else c.LoadBalancerIds.Remove(lb.LoadBalancerId);
                }
                return new { ConfigId = c.UconfigId };
            }
        }
    }

    private static object? DescribeConfigs(ActionContext ctx)
    {
        var p = ctx.Params;
        var type = p.RequiredString("ConfigType", oneOf: new[] { "CLB", "SERVER", "LOCATION" });
        var (offset, limit) = OtherAreas.Page(p, maxLimit: int.MaxValue);
        var name = p.String("ConfigName");
        var ids = p.Strings("UconfigIds", maxCount: 100);
        IEnumerable<CustomizedConfigModel> q = ctx.Data.CustomizedConfigs.Values.Where(c => c.Region == ctx.Region && c.ConfigType == type);
        if (name != null) q = q.Where(c => c.ConfigName.Contains(name, StringComparison.OrdinalIgnoreCase));
        if (ids != null) q = q.Where(c => ids.Contains(c.UconfigId));
        foreach (var (fname, values) in p.Filters())
        {
            q = fname switch
            {
                "loadbalancer-id" => q.Where(c => c.LoadBalancerIds.Any(values.Contains)),
                "vip" => q.Where(c => c.LoadBalancerIds.Any(id => ctx.Data.LoadBalancers.TryGetValue(id, out var lb) && lb.LoadBalancerVips.Any(values.Contains))),
                _ => throw new ClbException(ErrorCodes.InvalidFilter, $"The filter `{fname}` is not supported; use loadbalancer-id or vip."),
            };
        }
        var list = q.OrderBy(c => c.CreateTime).ThenBy(c => c.UconfigId, StringComparer.Ordinal).ToList();
        return new
        {
            ConfigList = list.Skip(offset).Take(limit).Select(c => new
            {
                c.UconfigId,
                c.ConfigType,
                c.ConfigName,
                c.ConfigContent,
                CreateTimestamp = Output.Time(c.CreateTime),
                UpdateTimestamp = Output.Time(c.UpdateTime),
            }).ToList(),
            TotalCount = list.Count,
        };
    }

    private static object? DescribeAssociations(ActionContext ctx)
    {
        var p = ctx.Params;
        var id = p.String("UconfigId");
        var (offset, limit) = OtherAreas.Page(p, maxLimit: int.MaxValue);
        var domain = p.String("Domain");
        var rows = ctx.Data.CustomizedConfigs.Values
            .Where(c => c.Region == ctx.Region && (id == null || c.UconfigId == id))
            .OrderBy(c => c.CreateTime)
            .SelectMany(c => c.LoadBalancerIds.Where(ctx.Data.LoadBalancers.ContainsKey).Select(lb => new
            {
                LoadBalancerId = lb,
                ListenerId = (string?)null,
                Domain = (string?)null,
                LocationId = (string?)null,
                ListenerName = (string?)null,
                Protocol = (string?)null,
                Vport = (int?)null,
                Url = (string?)null,
                c.UconfigId,
            }))
            .Where(b => domain == null || (b.Domain?.Contains(domain, StringComparison.OrdinalIgnoreCase) ?? false))
            .ToList();
        return new { BindList = rows.Skip(offset).Take(limit).ToList(), TotalCount = rows.Count };
    }

    // ---- client IP blocklist ----
    private static readonly string[] BlockTypes =
        { "add_customized_field", "set_customized_field", "del_customized_field", "add_blocked", "del_blocked", "flush_blocked" };

    private const int MaxBlockedPerCall = 200_000;

    private static object? ModifyBlockIps(ActionContext ctx)
    {
        var p = ctx.Params;
        var ids = p.Strings("LoadBalancerIds", required: true, maxCount: 20)!;
        var type = p.RequiredString("Type", oneOf: BlockTypes, ignoreCase: true);
        var field = p.String("ClientIPField", maxLength: 128);
        var ips = p.Strings("BlockIPList", maxCount: MaxBlockedPerCall);
        var expire = p.Int("ExpireTime", min: 1, max: 365 * 24 * 3600) ?? 3600;
        p.String("AddStrategy", oneOf: new[] { "fifo" });
        if (type is "add_customized_field" or "set_customized_field" && field == null) throw ClbException.Missing("ClientIPField");
        if (type is "add_blocked" or "del_blocked" && (ips == null || ips.Count == 0)) throw ClbException.Missing("BlockIPList");
        for (var i = 0; ips != null && i < ips.Count; i++) RequestParams.CheckIp($"BlockIPList.{i}", ips[i]);
        var lbs = ids.Distinct().Select(ctx.LbForChange).ToList();
        foreach (var lb in lbs)
        {
            if (!ctx.Data.BlockIps.TryGetValue(lb.LoadBalancerId, out var list)) ctx.Data.BlockIps[lb.LoadBalancerId] = list = new BlockIpListModel();
            list.Ips.RemoveAll(x => x.ExpireTime <= ctx.Now);
            switch (type)
            {
                case "add_customized_field" or "set_customized_field": list.ClientIPField = field; break;
                case "del_customized_field": list.ClientIPField = null; break;
                case "flush_blocked": list.Ips.Clear(); break;
                case "del_blocked": list.Ips.RemoveAll(x => ips!.Contains(x.IP)); break;
                case "add_blocked":
                    foreach (var ip in ips!.Distinct())
                    {
                        list.Ips.RemoveAll(x => x.IP == ip);
                        list.Ips.Add(new BlockedIpModel { IP = ip, CreateTime = ctx.Now, ExpireTime = ctx.Now.AddSeconds(expire) });
                    }
                    break;
            }
        }
        var job = OtherAreas.GuidLike(ctx);
        if (ctx.Data.BlockIpJobs.Count >= 10_000)
            foreach (var old in ctx.Data.BlockIpJobs.Where(j => j.Value < ctx.Now.AddMinutes(-1)).Select(j => j.Key).ToList()) ctx.Data.BlockIpJobs.Remove(old);
        ctx.Data.BlockIpJobs[job] = ctx.Now.AddMilliseconds(Math.Max(0, ctx.Settings.TaskDurationMs));
        return new { JodId = job };
    }

    private static object? DescribeBlockIps(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.Lb(p.RequiredString("LoadBalancerId"));
        var (offset, limit) = OtherAreas.Page(p, defaultLimit: 100_000, maxLimit: 100_000);
        var list = ctx.Data.BlockIps.TryGetValue(lb.LoadBalancerId, out var l) ? l : new BlockIpListModel();
        var live = list.Ips.Where(x => x.ExpireTime > ctx.Now).ToList();
        return new
        {
            BlockedIPCount = live.Count,
            ClientIPField = list.ClientIPField,
            BlockedIPList = live.Skip(offset).Take(limit).Select(x => new
            {
                x.IP,
                CreateTime = Output.Time(x.CreateTime),
                ExpireTime = Output.Time(x.ExpireTime),
            }).ToList(),
        };
    }

    /// <summary>Status 1 running, 2 succeeded.</summary>
    private static object? DescribeBlockIpTask(ActionContext ctx)
    {
        var id = ctx.Params.RequiredString("TaskId");
        if (!ctx.Data.BlockIpJobs.TryGetValue(id, out var done))
            throw new ClbException(ErrorCodes.InvalidParameter, $"The task `{id}` does not exist.");
        return new { Status = ctx.Now < done ? 1 : 2 };
    }
}
