using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>SNAT IPs of SnatPro instances (cross-region binding 2.0): CreateLoadBalancerSnatIps, DeleteLoadBalancerSnatIps (both async).
/// The IPs show in DescribeLoadBalancers (LoadBalancer.SnatIps); adding one turns SnatPro on.</summary>
internal sealed class SnatActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("CreateLoadBalancerSnatIps", Create, required: "LoadBalancerId SnatIps", isAsync: true);
        r.Add("DeleteLoadBalancerSnatIps", Delete, required: "LoadBalancerId Ips", isAsync: true);
    }

    /// <summary>TOTAL_SNAP_IP_QUOTA.</summary>
    public const int MaxSnatIpsPerLb = 10;

    private static object? Create(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var items = p.Objects("SnatIps", required: true, maxCount: MaxSnatIpsPerLb)!
            .Select(s => (Subnet: s.RequiredString("SubnetId", maxLength: 60), Ip: s.String("Ip"), Name: s.NameOf("Ip")))
            .ToList();
        var number = p.Int("Number", min: 1, max: MaxSnatIpsPerLb) ?? 1;
        var current = ctx.Data.SnatIps.TryGetValue(lb.LoadBalancerId, out var list) ? list : new List<SnatIpModel>();
        var added = new List<SnatIpModel>();
        bool Taken(string ip) => current.Any(s => s.Ip == ip) || added.Any(s => s.Ip == ip);
        foreach (var (subnet, ip, name) in items)
        {
            if (ip != null)
            {
                RequestParams.CheckIp(name, ip);
                if (Taken(ip)) throw new ClbException(ErrorCodes.ValueDuplicate, $"The SNAT IP `{ip}` is already in use on `{lb.LoadBalancerId}`.");
                added.Add(new SnatIpModel { SubnetId = subnet, Ip = ip });
                continue;
            }
            for (var i = 0; i < number; i++)
            {
                string generated;
                do
                {
                    var seq = ctx.NextSequence();
                    generated = $"10.{100 + seq / 62500 % 100}.{seq / 250 % 250}.{seq % 250 + 2}";
                } while (Taken(generated));
                added.Add(new SnatIpModel { SubnetId = subnet, Ip = generated });
            }
        }
        if (current.Count + added.Count > MaxSnatIpsPerLb)
            throw new ClbException(ErrorCodes.LimitExceeded, $"A load balancer can have at most {MaxSnatIpsPerLb} SNAT IPs; `{lb.LoadBalancerId}` has {current.Count}.");
        current.AddRange(added);
        ctx.Data.SnatIps[lb.LoadBalancerId] = current;
        lb.SnatPro = true;
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? Delete(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var ips = p.Strings("Ips", required: true, maxCount: MaxSnatIpsPerLb)!;
        var current = ctx.Data.SnatIps.TryGetValue(lb.LoadBalancerId, out var list) ? list : new List<SnatIpModel>();
        var victims = ips.Distinct().Select(ip => current.FirstOrDefault(s => s.Ip == ip)
            ?? throw new ClbException(ErrorCodes.InvalidParameter, $"The SNAT IP `{ip}` is not bound to `{lb.LoadBalancerId}`.")).ToList();
        foreach (var v in victims) current.Remove(v);
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }
}
