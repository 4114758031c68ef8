using System.Text.Json;
using System.Text.Json.Nodes;
using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Redirects between forwarding rules: ManualRewrite, AutoRewrite (HTTP:80 -> HTTPS), DeleteRewrite, DescribeRewrite.
/// A rule redirects to at most one rule, and a redirect target cannot itself redirect (no chains).</summary>
internal sealed class RewriteActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("DescribeRewrite", Describe, required: "LoadBalancerId");
        r.Add("ManualRewrite", Manual, required: "LoadBalancerId SourceListenerId TargetListenerId RewriteInfos");
        r.Add("AutoRewrite", Auto, required: "LoadBalancerId ListenerId");
        r.Add("DeleteRewrite", Delete, required: "LoadBalancerId SourceListenerId TargetListenerId RewriteInfos");
    }

    private static readonly int[] Codes = { 301, 302, 307 };

    /// <summary>The redirects of <paramref name="lb"/>, without those whose rules were deleted since.</summary>
    internal static List<RewriteModel> Of(StateData data, LoadBalancerModel lb)
    {
        if (!data.Rewrites.TryGetValue(lb.LoadBalancerId, out var list)) data.Rewrites[lb.LoadBalancerId] = list = new();
        bool Exists(string listener, string location) =>
            lb.Listeners.FirstOrDefault(l => l.ListenerId == listener)?.Rules.Any(r => r.LocationId == location) ?? false;
        list.RemoveAll(w => !Exists(w.SourceListenerId, w.SourceLocationId) || !Exists(w.TargetListenerId, w.TargetLocationId));
        return list;
    }

    private static ListenerModel Layer7(LoadBalancerModel lb, string id)
    {
        var l = ActionContext.Listener(lb, id);
        if (!l.IsLayer7) throw new ClbException(ErrorCodes.ProtocolCheckFailed, $"The {l.Protocol} listener `{id}` has no forwarding rules to redirect.");
        return l;
    }

    private static void Add(List<RewriteModel> list, RewriteModel w)
    {
        if (w.SourceLocationId == w.TargetLocationId)
            throw new ClbException(ErrorCodes.InvalidParameter, $"The rule `{w.SourceLocationId}` cannot redirect to itself.");
        if (list.Any(x => x.SourceLocationId == w.SourceLocationId))
            throw new ClbException(OtherAreas.RewriteAlreadyExist, $"The rule `{w.SourceLocationId}` is already redirected; delete that redirect first.");
        if (list.Any(x => x.TargetLocationId == w.SourceLocationId))
            throw new ClbException(ErrorCodes.InvalidParameter, $"The rule `{w.SourceLocationId}` is the target of a redirect and cannot redirect itself.");
        if (list.Any(x => x.SourceLocationId == w.TargetLocationId))
            throw new ClbException(ErrorCodes.InvalidParameter, $"The rule `{w.TargetLocationId}` redirects elsewhere and cannot be a redirect target.");
        list.Add(w);
    }

    private static List<(string Source, string Target, int? Code, bool? TakeUrl)> ReadMaps(RequestParams p) =>
        p.Objects("RewriteInfos", required: true, maxCount: 100)!
            .Select(m =>
            {
                var code = m.Int("RewriteCode");
                if (code != null && !Codes.Contains(code.Value)) throw ClbException.Value(m.NameOf("RewriteCode"), code, "use 301, 302 or 307");
                m.String("SourceDomain");
                return (m.RequiredString("SourceLocationId"), m.RequiredString("TargetLocationId"), code, m.Boolean("TakeUrl"));
            }).ToList();

    private static object? Manual(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var source = Layer7(lb, p.RequiredString("SourceListenerId"));
        var target = Layer7(lb, p.RequiredString("TargetListenerId"));
        var maps = ReadMaps(p);
        var list = Of(ctx.Data, lb);
        var planned = new List<RewriteModel>(list);
        foreach (var (s, t, code, take) in maps)
        {
            RuleActions.RuleById(source, s);
            RuleActions.RuleById(target, t);
            Add(planned, new RewriteModel
            {
                SourceListenerId = source.ListenerId, SourceLocationId = s, TargetListenerId = target.ListenerId, TargetLocationId = t,
                RewriteCode = code ?? 301, TakeUrl = take ?? false, RewriteType = "Manual",
            });
        }
        list.Clear();
        list.AddRange(planned);
        return null;
    }

    /// <summary>HTTPS listener -> an HTTP:80 listener (created if missing) gets one rule per HTTPS rule of the domains, redirecting to it.</summary>
    private static object? Auto(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var https = ActionContext.Listener(lb, p.RequiredString("ListenerId"));
        if (https.Protocol != "HTTPS")
            throw new ClbException(ErrorCodes.ProtocolCheckFailed, $"AutoRewrite needs an HTTPS listener; `{https.ListenerId}` is {https.Protocol}.");
        var domains = p.Strings("Domains", maxCount: 50)?.Select(d => d.ToLowerInvariant()).ToList();
        var codes = p.Integers("RewriteCodes", maxCount: 50);
        var takes = ReadBooleans(p, "TakeUrls");
        foreach (var c in codes ?? new()) if (!Codes.Contains((int)c)) throw ClbException.Value("RewriteCodes", c, "use 301, 302 or 307");
        var count = domains?.Count ?? https.Rules.Select(r => r.Domain).Distinct().Count();
        if (codes != null && codes.Count != count) throw new ClbException(ErrorCodes.ValueLength, "`RewriteCodes` must have one code per domain.");
        if (takes != null && takes.Count != count) throw new ClbException(ErrorCodes.ValueLength, "`TakeUrls` must have one value per domain.");
        domains ??= https.Rules.Select(r => r.Domain).Distinct().ToList();
        if (domains.Count == 0) throw ClbException.LocationNotFound($"listener `{https.ListenerId}` (it has no rules)");
        foreach (var d in domains)
            if (!https.Rules.Any(r => r.Domain == d)) throw ClbException.LocationNotFound($"the domain `{d}` on listener `{https.ListenerId}`");

        var http = lb.Listeners.FirstOrDefault(l => l.Protocol == "HTTP" && l.Port == 80);
        if (http == null)
        {
            var clash = lb.Listeners.FirstOrDefault(l => ListenerActions.PortFamily(l.Protocol) == "tcp" && l.Port <= 80 && (l.EndPort ?? l.Port) >= 80);
            if (clash != null)
                throw new ClbException(ErrorCodes.PortCheckFailed, $"The port 80 is already used by listener `{clash.ListenerId}` ({clash.Protocol}).");
            http = new ListenerModel { ListenerId = ctx.NewId("lbl"), Protocol = "HTTP", Port = 80, CreateTime = ctx.Now, SessionType = "NORMAL" };
        }
        var list = Of(ctx.Data, lb);
        var planned = new List<RewriteModel>(list);
        var newRules = new List<RuleModel>();
        for (var i = 0; i < domains.Count; i++)
        {
            foreach (var rule in https.Rules.Where(r => r.Domain == domains[i]))
            {
                var source = http.Rules.Concat(newRules).FirstOrDefault(r => r.Domain == rule.Domain && r.Url == rule.Url);
                if (source == null)
                {
                    source = new RuleModel
                    {
                        LocationId = ctx.NewId("loc"), Domain = rule.Domain, Url = rule.Url, HealthCheck = Output.DefaultHealthCheck(true),
                        Scheduler = "WRR", ForwardType = "HTTP", CreateTime = ctx.Now,
                    };
                    newRules.Add(source);
                }
                Add(planned, new RewriteModel
                {
                    SourceListenerId = http.ListenerId, SourceLocationId = source.LocationId,
                    TargetListenerId = https.ListenerId, TargetLocationId = rule.LocationId,
                    RewriteCode = (int?)codes?[i] ?? 301, TakeUrl = takes?[i] ?? true, RewriteType = "Auto",
                });
            }
        }
        if (!lb.Listeners.Contains(http)) lb.Listeners.Add(http);
        http.Rules.AddRange(newRules);
        list.Clear();
        list.AddRange(planned);
        return null;
    }

    private static List<bool>? ReadBooleans(RequestParams p, string name)
    {
        if (!p.TryGet(name, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Array) throw ClbException.Format(name, "an Array");
        var list = new List<bool>();
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            var n = $"{name}.{i++}";
            if (e.ValueKind == JsonValueKind.True || e.ValueKind == JsonValueKind.False) list.Add(e.GetBoolean());
            else if (e.ValueKind == JsonValueKind.String && bool.TryParse(e.GetString(), out var b)) list.Add(b);
            else throw ClbException.Format(n, "a Boolean");
        }
        return list;
    }

    private static object? Delete(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var source = ActionContext.Listener(lb, p.RequiredString("SourceListenerId"));
        var target = ActionContext.Listener(lb, p.RequiredString("TargetListenerId"));
        var maps = ReadMaps(p);
        var list = Of(ctx.Data, lb);
        var victims = maps.Select(m => list.FirstOrDefault(w => w.SourceListenerId == source.ListenerId && w.TargetListenerId == target.ListenerId &&
                                                              w.SourceLocationId == m.Source && w.TargetLocationId == m.Target)
                                       ?? throw new ClbException(OtherAreas.SomeRewriteNotFound, $"No redirect from `{m.Source}` to `{m.Target}` exists."))
            .ToList();
        foreach (var v in victims) list.Remove(v);
        return null;
    }

    private static object? Describe(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.Lb(p.RequiredString("LoadBalancerId"));
        var listeners = p.Strings("SourceListenerIds", maxCount: 100);
        var locations = p.Strings("SourceLocationIds", maxCount: 100);
        var set = new List<JsonNode?>();
        foreach (var w in Of(ctx.Data, lb))
        {
            if (listeners != null && !listeners.Contains(w.SourceListenerId)) continue;
            if (locations != null && !locations.Contains(w.SourceLocationId)) continue;
            var l = ActionContext.Listener(lb, w.SourceListenerId);
            var rule = RuleActions.RuleById(l, w.SourceLocationId);
            set.Add(RuleWithRewrite(rule, l, w));
        }
        return new { RewriteSet = set };
    }

    /// <summary>A RuleOutput whose RewriteTarget describes <paramref name="w"/>.</summary>
    internal static JsonNode RuleWithRewrite(RuleModel rule, ListenerModel l, RewriteModel? w)
    {
        var node = JsonSerializer.SerializeToNode(Output.Rule(rule, l))!;
        node["RewriteTarget"] = new JsonObject
        {
            ["TargetListenerId"] = w?.TargetListenerId,
            ["TargetLocationId"] = w?.TargetLocationId,
            ["RewriteCode"] = w?.RewriteCode,
            ["TakeUrl"] = w?.TakeUrl,
            ["RewriteType"] = w?.RewriteType,
        };
        return node;
    }
}
