using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Layer-7 forwarding rules: CreateRule, DeleteRule, ModifyRule, ModifyDomain, ModifyDomainAttributes.</summary>
internal sealed class RuleActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("CreateRule", Create, required: "LoadBalancerId ListenerId Rules", isAsync: true);
        r.Add("DeleteRule", Delete, required: "LoadBalancerId ListenerId", isAsync: true);
        r.Add("ModifyRule", Modify, required: "LoadBalancerId ListenerId LocationId", isAsync: true);
        r.Add("ModifyDomain", ModifyDomain, required: "LoadBalancerId ListenerId Domain NewDomain", isAsync: true);
        r.Add("ModifyDomainAttributes", ModifyDomainAttributes, required: "LoadBalancerId ListenerId Domain", isAsync: true);
    }

    private const int MaxRulesPerListener = 50;
    private static readonly string[] ForwardTypes = { "HTTP", "HTTPS", "GRPC", "GRPCS", "TRPC" };

    /// <summary>The listener of a rule action: it must be HTTP or HTTPS (InvalidParameter.ProtocolCheckFailed).</summary>
    internal static ListenerModel Layer7Listener(LoadBalancerModel lb, string listenerId)
    {
        var l = ActionContext.Listener(lb, listenerId);
        if (!l.IsLayer7)
            throw new ClbException(ErrorCodes.ProtocolCheckFailed, $"The listener `{listenerId}` is {l.Protocol}; forwarding rules exist only on HTTP/HTTPS listeners.");
        return l;
    }

    internal static RuleModel RuleById(ListenerModel l, string locationId) =>
        l.Rules.FirstOrDefault(r => r.LocationId == locationId) ?? throw ClbException.LocationNotFound($"LocationId `{locationId}` on listener `{l.ListenerId}`");

    internal static RuleModel RuleByDomainUrl(ListenerModel l, string domain, string url) =>
        l.Rules.FirstOrDefault(r => r.Domain == domain.ToLowerInvariant() && r.Url == url) ??
        throw ClbException.LocationNotFound($"Domain `{domain}` and Url `{url}` on listener `{l.ListenerId}`");

    private static ClbException Exists(string domain, string url) =>
        new(ErrorCodes.InvalidParameter, $"A forwarding rule with Domain `{domain}` and Url `{url}` already exists on this listener.");

    private static object? Create(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = Layer7Listener(lb, p.RequiredString("ListenerId"));
        var inputs = p.Objects("Rules", required: true, maxCount: MaxRulesPerListener)!;
        var created = new List<RuleModel>();
        foreach (var ri in inputs)
        {
            var url = Validate.Url(ri, "Url", required: true);
            var domains = ri.Strings("Domains", maxCount: 50, minLength: 1, maxLength: 120)?.Select(d => d.ToLowerInvariant()).ToList();
            var domain = Validate.Domain(ri, "Domain", required: false);
            if (domain.Length == 0 && domains is { Count: > 0 }) domain = domains[0];
            if (domain.Length == 0) throw ClbException.Missing(ri.NameOf("Domain"));
            var session = Validate.SessionExpireTime(ri) ?? 0;
            var health = Validate.HealthCheck(ri, null, true) ?? Output.DefaultHealthCheck(true);
            var cert = Validate.Certificate(ri);
            if (cert != null && l.SniSwitch != 1)
                throw new ClbException(ErrorCodes.InvalidParameter, $"`{ri.NameOf("Certificate")}` can only be set on rules of an HTTPS listener with SNI enabled.");
            var scheduler = ri.String("Scheduler", oneOf: Validate.RuleSchedulers) ?? "WRR";
            var forward = ri.String("ForwardType", oneOf: ForwardTypes) ?? "HTTP";
            var http2 = ri.Boolean("Http2") ?? false;
            var quic = ri.Boolean("Quic") ?? false;
            if ((http2 || quic) && l.Protocol != "HTTPS")
                throw new ClbException(ErrorCodes.ProtocolCheckFailed, "HTTP/2 and QUIC can only be enabled for HTTPS domains.");
            var isDefault = ri.Boolean("DefaultServer") ?? false;
            var targetType = ri.String("TargetType", oneOf: new[] { "NODE", "TARGETGROUP" }) ?? "NODE";
            if (l.Rules.Concat(created).Any(r => r.Domain == domain && r.Url == url)) throw Exists(domain, url);
            created.Add(new RuleModel
            {
                LocationId = ctx.NewId("loc"), Domain = domain, Url = url, SessionExpireTime = session, HealthCheck = health,
                Certificate = cert, Scheduler = scheduler, ForwardType = forward, Http2 = http2, Quic = quic,
                DefaultServer = isDefault, TargetType = targetType, CreateTime = ctx.Now,
            });
        }
        if (l.Rules.Count + created.Count > MaxRulesPerListener)
            throw new ClbException(ErrorCodes.LimitExceeded, $"A listener can have at most {MaxRulesPerListener} forwarding rules.");
        foreach (var r in created)
        {
            // The first domain of a listener is its default domain; a new default replaces the old one.
            var domainKnown = l.Rules.Any(x => x.Domain == r.Domain);
            if (r.DefaultServer) foreach (var x in l.Rules) x.DefaultServer = x.Domain == r.Domain;
            else if (!l.Rules.Any(x => x.DefaultServer)) r.DefaultServer = true;
            else if (domainKnown) r.DefaultServer = l.Rules.First(x => x.Domain == r.Domain).DefaultServer;
            l.Rules.Add(r);
        }
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return new { LocationIds = created.Select(r => r.LocationId).ToList() };
    }

    private static object? Delete(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = Layer7Listener(lb, p.RequiredString("ListenerId"));
        var ids = p.Strings("LocationIds");
        var domain = p.String("Domain");
        var url = p.String("Url");
        var newDefault = p.String("NewDefaultServerDomain");
        List<RuleModel> victims;
        if (ids is { Count: > 0 }) victims = ids.Select(id => RuleById(l, id)).Distinct().ToList();
        else if (domain != null && url != null) victims = new() { RuleByDomainUrl(l, domain, url) };
        else if (domain != null) throw ClbException.Missing("Url");
        else throw ClbException.Missing("LocationIds");
        if (newDefault != null && !l.Rules.Except(victims).Any(r => r.Domain == newDefault.ToLowerInvariant()))
            throw ClbException.LocationNotFound($"NewDefaultServerDomain `{newDefault}`");
        foreach (var r in victims) l.Rules.Remove(r);
        if (newDefault != null) foreach (var r in l.Rules) r.DefaultServer = r.Domain == newDefault.ToLowerInvariant();
        else if (l.Rules.Count > 0 && !l.Rules.Any(r => r.DefaultServer))
        {
            var first = l.Rules[0].Domain;
            foreach (var r in l.Rules) r.DefaultServer = r.Domain == first;
        }
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? Modify(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = Layer7Listener(lb, p.RequiredString("ListenerId"));
        var rule = RuleById(l, p.RequiredString("LocationId"));
        var url = p.Has("Url") ? Validate.Url(p, "Url", true) : null;
        var health = Validate.HealthCheck(p, rule.HealthCheck, true);
        var scheduler = p.String("Scheduler", oneOf: Validate.RuleSchedulers);
        var session = Validate.SessionExpireTime(p);
        var forward = p.String("ForwardType", oneOf: ForwardTypes);
        if (url != null && url != rule.Url && l.Rules.Any(r => r != rule && r.Domain == rule.Domain && r.Url == url)) throw Exists(rule.Domain, url);
        if (url != null) rule.Url = url;
        if (health != null) rule.HealthCheck = health;
        if (scheduler != null) rule.Scheduler = scheduler;
        if (session != null) rule.SessionExpireTime = session.Value;
        if (forward != null) rule.ForwardType = forward;
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static List<RuleModel> RulesOfDomain(ListenerModel l, string domain)
    {
        var rules = l.Rules.Where(r => r.Domain == domain.ToLowerInvariant()).ToList();
        return rules.Count > 0 ? rules : throw ClbException.LocationNotFound($"Domain `{domain}` on listener `{l.ListenerId}`");
    }

    private static void Rename(ListenerModel l, List<RuleModel> rules, string newDomain)
    {
        foreach (var r in rules)
            if (l.Rules.Any(x => !rules.Contains(x) && x.Domain == newDomain && x.Url == r.Url)) throw Exists(newDomain, r.Url);
        foreach (var r in rules) r.Domain = newDomain;
    }

    private static object? ModifyDomain(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = Layer7Listener(lb, p.RequiredString("ListenerId"));
        var rules = RulesOfDomain(l, Validate.Domain(p, "Domain", true));
        Rename(l, rules, Validate.Domain(p, "NewDomain", true));
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? ModifyDomainAttributes(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = Layer7Listener(lb, p.RequiredString("ListenerId"));
        var rules = RulesOfDomain(l, Validate.Domain(p, "Domain", true));
        var newDomain = p.Has("NewDomain") ? Validate.Domain(p, "NewDomain", true) : null;
        var newDomains = p.Strings("NewDomains", maxCount: 50, minLength: 1, maxLength: 120);
        if (newDomain != null && newDomains != null)
            throw new ClbException(ErrorCodes.InvalidParameter, "NewDomain and NewDomains cannot both be specified.");
        var cert = Validate.Certificate(p);
        if (cert != null && l.SniSwitch != 1)
            throw new ClbException(ErrorCodes.InvalidParameter, "A domain certificate can only be set on an HTTPS listener with SNI enabled.");
        var http2 = p.Boolean("Http2");
        var quic = p.Boolean("Quic");
        if ((http2 == true || quic == true) && l.Protocol != "HTTPS")
            throw new ClbException(ErrorCodes.ProtocolCheckFailed, "HTTP/2 and QUIC can only be enabled for HTTPS domains.");
        var isDefault = p.Boolean("DefaultServer");
        var newDefault = p.String("NewDefaultServerDomain");
        if (isDefault == false && rules[0].DefaultServer && newDefault == null && l.Rules.Any(r => r.Domain != rules[0].Domain))
            throw ClbException.Missing("NewDefaultServerDomain");
        if (newDefault != null && !l.Rules.Any(r => r.Domain == newDefault.ToLowerInvariant()))
            throw ClbException.LocationNotFound($"NewDefaultServerDomain `{newDefault}`");

        var target = newDomain ?? newDomains?.FirstOrDefault()?.ToLowerInvariant();
        if (target != null) Rename(l, rules, target);
        foreach (var r in rules)
        {
            if (cert != null) r.Certificate = cert;
            if (http2 != null) r.Http2 = http2.Value;
            if (quic != null) r.Quic = quic.Value;
        }
        if (isDefault == true) foreach (var r in l.Rules) r.DefaultServer = rules.Contains(r);
        if (newDefault != null) foreach (var r in l.Rules) r.DefaultServer = r.Domain == newDefault.ToLowerInvariant();
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }
}
