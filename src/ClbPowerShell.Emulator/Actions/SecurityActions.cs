using System.Text.Json.Nodes;
using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Security groups and certificates of instances: SetLoadBalancerSecurityGroups, SetSecurityGroupForLoadbalancers,
/// DescribeLoadBalancerListByCertId, ReplaceCertForLoadBalancers.</summary>
internal sealed class SecurityActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("SetLoadBalancerSecurityGroups", SetGroups, required: "LoadBalancerId");
        r.Add("SetSecurityGroupForLoadbalancers", SetForLbs, required: "SecurityGroup OperationType LoadBalancerIds");
        r.Add("DescribeLoadBalancerListByCertId", ListByCert, required: "CertIds");
        r.Add("ReplaceCertForLoadBalancers", ReplaceCert, required: "OldCertificateId Certificate");
    }

    public const int MaxGroupsPerLb = 50;

    private static string CheckGroup(string name, string sg) =>
        sg.StartsWith("sg-", StringComparison.Ordinal) && sg.Length > 3 ? sg : throw ClbException.Value(name, sg, "a security group id looks like sg-xxxxxxxx");

    private static object? SetGroups(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var groups = p.Strings("SecurityGroups", maxCount: MaxGroupsPerLb) ?? new();
        for (var i = 0; i < groups.Count; i++) CheckGroup($"SecurityGroups.{i}", groups[i]);
        if (groups.Distinct().Count() != groups.Count) throw new ClbException(ErrorCodes.ValueDuplicate, "`SecurityGroups` contains a group twice.");
        lb.SecureGroups = groups;
        return null;
    }

    private static object? SetForLbs(ActionContext ctx)
    {
        var p = ctx.Params;
        var sg = CheckGroup("SecurityGroup", p.RequiredString("SecurityGroup"));
        var op = p.RequiredString("OperationType", oneOf: new[] { "ADD", "DEL" });
        var ids = p.Strings("LoadBalancerIds", required: true, maxCount: 20)!;
        var lbs = ids.Distinct().Select(ctx.LbForChange).ToList();
        if (op == "ADD")
            foreach (var lb in lbs)
                if (!lb.SecureGroups.Contains(sg) && lb.SecureGroups.Count >= MaxGroupsPerLb)
                    throw new ClbException(ErrorCodes.LimitExceeded, $"The load balancer `{lb.LoadBalancerId}` already has {MaxGroupsPerLb} security groups.");
        foreach (var lb in lbs)
        {
            if (op == "ADD" && !lb.SecureGroups.Contains(sg)) lb.SecureGroups.Add(sg);
            if (op == "DEL") lb.SecureGroups.Remove(sg);
        }
        return null;
    }

    /// <summary>Every certificate holder (listener or rule) of an instance.</summary>
    private static IEnumerable<(Func<JsonObject?> Get, Action<JsonObject> Set)> Holders(LoadBalancerModel lb)
    {
        foreach (var l in lb.Listeners)
        {
            var listener = l;
            yield return (() => listener.Certificate, c => listener.Certificate = c);
            foreach (var r in l.Rules)
            {
                var rule = r;
                yield return (() => rule.Certificate, c => rule.Certificate = c);
            }
        }
    }

    private static string? Str(JsonObject? c, string name) => c?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Uses(LoadBalancerModel lb, string certId) =>
        Holders(lb).Any(h => Str(h.Get(), "CertId") == certId || Str(h.Get(), "CertCaId") == certId);

    private static object? ListByCert(ActionContext ctx)
    {
        var ids = ctx.Params.Strings("CertIds", required: true, maxCount: 20, minLength: 1)!;
        return new
        {
            CertSet = ids.Distinct().Select(id => new
            {
                CertId = id,
                LoadBalancers = ctx.LbsInRegion().Where(lb => Uses(lb, id)).Select(lb => Output.LoadBalancer(lb, ctx.Now, ctx.Data)).ToList(),
            }).ToList(),
        };
    }

    /// <summary>Replaces a server certificate (CertId) or a client CA certificate (CertCaId) wherever the region's listeners and rules use it.</summary>
    private static object? ReplaceCert(ActionContext ctx)
    {
        var p = ctx.Params;
        var old = p.RequiredString("OldCertificateId");
        var c = p.Object("Certificate", required: true)!;
        c.String("SSLMode", oneOf: new[] { "UNIDIRECTIONAL", "MUTUAL" });
        var certId = c.String("CertId");
        var caId = c.String("CertCaId") ?? c.String("CertCald");
        var hasContent = c.String("CertContent") != null && c.String("CertKey") != null;
        var hasCaContent = c.String("CertCaContent") != null;
        string? newServer = null, newCa = null;
        string Server() => newServer ??= certId ?? (hasContent ? ctx.NewId("cert") : throw ClbException.Missing(c.NameOf("CertId")));
        string Ca() => newCa ??= caId ?? (hasCaContent ? ctx.NewId("cert") : throw ClbException.Missing(c.NameOf("CertCaId")));

        var changes = new List<Action>();
        foreach (var lb in ctx.LbsInRegion())
            foreach (var (get, set) in Holders(lb))
            {
                var cert = get();
                if (cert == null) continue;
                if (Str(cert, "CertId") == old)
                {
                    var id = Server();
                    changes.Add(() => { var n = (JsonObject)cert.DeepClone(); n["CertId"] = id; set(n); });
                }
                else if (Str(cert, "CertCaId") == old)
                {
                    var id = Ca();
                    changes.Add(() => { var n = (JsonObject)cert.DeepClone(); n["CertCaId"] = id; set(n); });
                }
            }
        foreach (var change in changes) change();
        return null;
    }
}
