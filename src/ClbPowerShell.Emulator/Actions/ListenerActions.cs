using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Listeners: CreateListener, DescribeListeners, ModifyListener, DeleteListener, DeleteLoadBalancerListeners.</summary>
internal sealed class ListenerActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("CreateListener", Create, required: "LoadBalancerId Ports Protocol", isAsync: true);
        r.Add("DescribeListeners", Describe, required: "LoadBalancerId");
        r.Add("ModifyListener", Modify, required: "LoadBalancerId ListenerId", isAsync: true);
        r.Add("DeleteListener", Delete, required: "LoadBalancerId ListenerId", isAsync: true);
        r.Add("DeleteLoadBalancerListeners", DeleteMany, required: "LoadBalancerId", isAsync: true);
    }

    /// <summary>TCP, TCP_SSL, HTTP and HTTPS share the TCP port space; UDP and QUIC the UDP one.</summary>
    internal static string PortFamily(string protocol) => protocol is "UDP" or "QUIC" ? "udp" : "tcp";

    private const int MaxListenersPerLb = 50;

    private static object? Create(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var protocol = p.RequiredString("Protocol", oneOf: Validate.Protocols);
        var ports = p.Integers("Ports", required: true, maxCount: 50, min: 1, max: 65535)!;
        var names = p.Strings("ListenerNames", maxLength: 255);
        if (names != null && names.Count != ports.Count)
            throw new ClbException(ErrorCodes.ValueLength, "`ListenerNames` must have one name per port in `Ports`.");
        var layer7 = protocol is "HTTP" or "HTTPS";
        var health = Validate.HealthCheck(p, null, false);
        var sni = p.Int("SniSwitch", min: 0, max: 1) ?? 0;
        if (sni == 1 && protocol != "HTTPS") throw new ClbException(ErrorCodes.ProtocolCheckFailed, "SNI can only be enabled on HTTPS listeners.");
        var cert = Validate.Certificate(p);
        if (cert != null && protocol is not ("HTTPS" or "TCP_SSL" or "QUIC"))
            throw new ClbException(ErrorCodes.ProtocolCheckFailed, $"A certificate cannot be set on a {protocol} listener.");
        if (cert == null && !p.Has("MultiCertInfo") && (protocol is "TCP_SSL" or "QUIC" || (protocol == "HTTPS" && sni == 0)))
            throw ClbException.Missing("Certificate");
        var session = Validate.SessionExpireTime(p) ?? 0;
        var scheduler = p.String("Scheduler", oneOf: Validate.ListenerSchedulers);
        var targetType = p.String("TargetType", oneOf: new[] { "NODE", "TARGETGROUP" }) ?? "NODE";
        var sessionType = p.String("SessionType", oneOf: new[] { "NORMAL", "QUIC_CID" }, ignoreCase: true)?.ToUpperInvariant() ?? "NORMAL";
        var keepalive = p.Int("KeepaliveEnable", min: 0, max: 1) ?? 0;
        var endPort = p.Int("EndPort", min: 1, max: 65535);
        if (endPort != null && (ports.Count != 1 || endPort < ports[0]))
            throw ClbException.Value("EndPort", endPort, "a port range listener takes one port in `Ports` and EndPort >= that port");
        var rst = p.Boolean("DeregisterTargetRst") ?? false;
        var maxConn = p.Int("MaxConn", min: -1);
        var maxCps = p.Int("MaxCps", min: -1);
        var idle = p.Int("IdleConnectTimeout", min: 10, max: 2000);

        var family = PortFamily(protocol);
        if (ports.Distinct().Count() != ports.Count)
            throw new ClbException(ErrorCodes.PortCheckFailed, "`Ports` contains a port twice.");
        foreach (var port in ports)
        {
            var hi = endPort ?? port;
            var clash = lb.Listeners.FirstOrDefault(l => PortFamily(l.Protocol) == family && l.Port <= hi && (l.EndPort ?? l.Port) >= port);
            if (clash != null)
                throw new ClbException(ErrorCodes.PortCheckFailed, $"The port {port} is already used by listener `{clash.ListenerId}` ({clash.Protocol}) on `{lb.LoadBalancerId}`.");
        }
        if (lb.Listeners.Count + ports.Count > MaxListenersPerLb)
            throw new ClbException(ErrorCodes.LimitExceeded, $"A load balancer can have at most {MaxListenersPerLb} listeners.");

        var ids = new List<string>();
        for (var i = 0; i < ports.Count; i++)
        {
            var l = new ListenerModel
            {
                ListenerId = ctx.NewId("lbl"),
                ListenerName = names?[i],
                Protocol = protocol,
                Port = (int)ports[i],
                EndPort = endPort,
                HealthCheck = layer7 ? null : health ?? Output.DefaultHealthCheck(false),
                Certificate = cert?.DeepClone().AsObject(),
                Scheduler = layer7 ? null : scheduler ?? "WRR",
                SessionExpireTime = session,
                SniSwitch = sni,
                TargetType = targetType,
                SessionType = sessionType,
                KeepaliveEnable = keepalive,
                DeregisterTargetRst = rst,
                MaxConn = maxConn,
                MaxCps = maxCps,
                IdleConnectTimeout = idle ?? (protocol == "TCP" ? 900 : null),
                CreateTime = ctx.Now,
            };
            lb.Listeners.Add(l);
            ids.Add(l.ListenerId);
        }
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return new { ListenerIds = ids };
    }

    private static object? Describe(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.Lb(p.RequiredString("LoadBalancerId"));
        var ids = p.Strings("ListenerIds", maxCount: 100);
        var protocol = p.String("Protocol", oneOf: Validate.Protocols);
        var port = p.Int("Port", min: 1, max: 65535);
        IEnumerable<ListenerModel> q = lb.Listeners;
        if (ids != null) q = q.Where(l => ids.Contains(l.ListenerId));
        if (protocol != null) q = q.Where(l => l.Protocol == protocol);
        if (port != null) q = q.Where(l => l.Port == port);
        var list = q.ToList();
        return new { Listeners = list.Select(Output.Listener).ToList(), TotalCount = list.Count };
    }

    private static object? Modify(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = ActionContext.Listener(lb, p.RequiredString("ListenerId"));
        var name = p.String("ListenerName", maxLength: 255);
        var session = Validate.SessionExpireTime(p);
        if (p.Has("HealthCheck") && l.IsLayer7)
            throw new ClbException(ErrorCodes.ProtocolCheckFailed, "Health checks of HTTP/HTTPS listeners are set per rule (ModifyRule).");
        var health = Validate.HealthCheck(p, l.HealthCheck, false);
        var cert = Validate.Certificate(p);
        if (cert != null && l.Protocol is not ("HTTPS" or "TCP_SSL" or "QUIC"))
            throw new ClbException(ErrorCodes.ProtocolCheckFailed, $"A certificate cannot be set on a {l.Protocol} listener.");
        var scheduler = p.String("Scheduler", oneOf: Validate.ListenerSchedulers);
        if (scheduler != null && l.IsLayer7)
            throw new ClbException(ErrorCodes.ProtocolCheckFailed, "The scheduler of HTTP/HTTPS listeners is set per rule (ModifyRule).");
        var sni = p.Int("SniSwitch", min: 0, max: 1);
        if (sni != null && l.Protocol != "HTTPS") throw new ClbException(ErrorCodes.ProtocolCheckFailed, "SNI can only be enabled on HTTPS listeners.");
        if (sni == 0 && l.SniSwitch == 1) throw new ClbException(ErrorCodes.InvalidParameterValue, "SNI can be enabled but not disabled.");
        var targetType = p.String("TargetType", oneOf: new[] { "NODE", "TARGETGROUP" });
        var keepalive = p.Int("KeepaliveEnable", min: 0, max: 1);
        var rst = p.Boolean("DeregisterTargetRst");
        var sessionType = p.String("SessionType", oneOf: new[] { "NORMAL", "QUIC_CID" }, ignoreCase: true);
        var maxConn = p.Int("MaxConn", min: -1);
        var maxCps = p.Int("MaxCps", min: -1);
        var idle = p.Int("IdleConnectTimeout", min: 10, max: 2000);

        if (name != null) l.ListenerName = name;
        if (session != null) l.SessionExpireTime = session.Value;
        if (health != null) l.HealthCheck = health;
        if (cert != null) l.Certificate = cert;
        if (scheduler != null) l.Scheduler = scheduler;
        if (sni != null) l.SniSwitch = sni.Value;
        if (targetType != null) l.TargetType = targetType;
        if (keepalive != null) l.KeepaliveEnable = keepalive.Value;
        if (rst != null) l.DeregisterTargetRst = rst.Value;
        if (sessionType != null) l.SessionType = sessionType.ToUpperInvariant();
        if (maxConn != null) l.MaxConn = maxConn;
        if (maxCps != null) l.MaxCps = maxCps;
        if (idle != null) l.IdleConnectTimeout = idle;
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? Delete(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var l = ActionContext.Listener(lb, p.RequiredString("ListenerId"));
        lb.Listeners.Remove(l);
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }

    private static object? DeleteMany(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var ids = p.Strings("ListenerIds", maxCount: 20);
        var victims = ids == null ? lb.Listeners.ToList() : ids.Select(id => ActionContext.Listener(lb, id)).Distinct().ToList();
        foreach (var l in victims) lb.Listeners.Remove(l);
        ctx.StartTask(new[] { lb.LoadBalancerId });
        return null;
    }
}
