using System.Globalization;
using System.Text.Json.Nodes;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Response shapes from clb-datatypes.json (LoadBalancer, Listener, RuleOutput, Backend, ...),
/// built from the state models. Field names are the API's.</summary>
public static class Output
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>"yyyy-MM-dd HH:mm:ss" in Beijing time, as the service prints times.</summary>
    public static string Time(DateTimeOffset t) => t.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static long NumericalVpcId(string vpcId) => vpcId.Length == 0 ? 0 : Math.Abs((long)StableHash(vpcId) % 1_000_000) + 1000;

    private static uint StableHash(string s)
    {
        uint h = 2166136261;
        foreach (var c in s) { h ^= c; h *= 16777619; }
        return h;
    }

    public static int Status(LoadBalancerModel lb, DateTimeOffset now) => now < lb.ReadyAt ? 0 : 1;

    /// <param name="data">The state, for the fields other areas keep (SNAT IPs, CLS logs, customized config).</param>
    public static object LoadBalancer(LoadBalancerModel lb, DateTimeOffset now, StateData? data = null)
    {
        var extra = OtherAreas.Extra(data, lb);
        return new
        {
            lb.LoadBalancerId,
            lb.LoadBalancerName,
            lb.LoadBalancerType,
            lb.Forward,
            lb.Domain,
            lb.LoadBalancerVips,
            Status = Status(lb, now),
            CreateTime = Time(lb.CreateTime),
            StatusTime = Time(lb.ReadyAt),
            lb.ProjectId,
            lb.VpcId,
            OpenBgp = lb.LoadBalancerType == "OPEN" ? 1 : 0,
            Snat = false,
            Isolation = 0,
            lb.SubnetId,
            Tags = lb.Tags.Select(t => new { t.TagKey, t.TagValue }),
            lb.SecureGroups,
            lb.AddressIPVersion,
            NumericalVpcId = NumericalVpcId(lb.VpcId),
            lb.VipIsp,
            MasterZone = lb.MasterZone == null ? null : new { Zone = lb.MasterZone, ZoneName = lb.MasterZone, ZoneRegion = lb.Region },
            ChargeType = "POSTPAID_BY_HOUR",
            NetworkAttributes = new { lb.InternetChargeType, lb.InternetMaxBandwidthOut, BandwidthpkgSubType = (string?)null },
            lb.LoadBalancerPassToTarget,
            lb.SnatPro,
            lb.SlaType,
            IsBlock = false,
            AttributeFlags = lb.DeleteProtect ? new[] { "DeleteProtect" } : Array.Empty<string>(),
            LoadBalancerDomain = lb.Domain,
            SnatIps = extra.SnatIps.Select(s => new { s.SubnetId, s.Ip }).ToList(),
            extra.Log.LogSetId,
            extra.Log.LogTopicId,
            extra.Log.HealthLogSetId,
            extra.Log.HealthLogTopicId,
            extra.ConfigId,
            MixIpTarget = extra.MixIpTarget,
        };
    }

    public static object? Certificate(JsonObject? cert) => cert == null ? null : new
    {
        SSLMode = cert["SSLMode"]?.GetValue<string>() ?? "UNIDIRECTIONAL",
        CertId = cert["CertId"]?.GetValue<string>(),
        CertCaId = cert["CertCaId"]?.GetValue<string>(),
        ExtCertIds = Array.Empty<string>(),
    };

    public static object Listener(ListenerModel l) => new
    {
        l.ListenerId,
        l.Protocol,
        l.Port,
        Certificate = Certificate(l.Certificate),
        HealthCheck = l.IsLayer7 ? null : l.HealthCheck,
        Scheduler = l.IsLayer7 ? null : l.Scheduler,
        l.SessionExpireTime,
        l.SniSwitch,
        Rules = l.IsLayer7 ? l.Rules.Select(r => Rule(r, l)).ToList() : null,
        l.ListenerName,
        CreateTime = Time(l.CreateTime),
        EndPort = l.EndPort ?? 0,
        l.TargetType,
        TargetGroup = (object?)null,
        l.SessionType,
        l.KeepaliveEnable,
        Toa = false,
        l.DeregisterTargetRst,
        AttrFlags = Array.Empty<string>(),
        TargetGroupList = Array.Empty<object>(),
        MaxConn = l.MaxConn ?? -1,
        MaxCps = l.MaxCps ?? -1,
        l.IdleConnectTimeout,
    };

    public static object Rule(RuleModel r, ListenerModel l) => new
    {
        r.LocationId,
        r.Domain,
        r.Url,
        r.SessionExpireTime,
        r.HealthCheck,
        Certificate = Certificate(r.Certificate),
        r.Scheduler,
        l.ListenerId,
        RewriteTarget = new { TargetListenerId = (string?)null, TargetLocationId = (string?)null },
        HttpGzip = true,
        BeAutoCreated = false,
        r.DefaultServer,
        r.Http2,
        r.ForwardType,
        CreateTime = Time(r.CreateTime),
        r.TargetType,
        TargetGroup = (object?)null,
        WafDomainId = "",
        TrpcCallee = (string?)null,
        TrpcFunc = (string?)null,
        QuicStatus = r.Quic ? "QUIC_ACTIVE" : "QUIC_INACTIVE",
        Domains = new[] { r.Domain },
        TargetGroupList = Array.Empty<object>(),
    };

    public static object Backend(TargetModel t, StateData data) => new
    {
        t.Type,
        InstanceId = t.InstanceId ?? "",
        t.Port,
        t.Weight,
        PublicIpAddresses = Array.Empty<string>(),
        PrivateIpAddresses = new[] { t.PrivateIp },
        InstanceName = t.InstanceId != null && data.Instances.TryGetValue(t.InstanceId, out var i) ? i.InstanceName ?? t.InstanceId : t.InstanceId ?? "",
        RegisteredTime = Time(t.RegisteredTime),
        EniId = t.EniIp != null ? "eni-" + t.EniIp.Replace('.', '0').Replace(':', '0')[..Math.Min(8, t.EniIp.Length)] : null,
    };

    /// <summary>Default health check of a new layer-4 listener or layer-7 rule.</summary>
    public static JsonObject DefaultHealthCheck(bool layer7) => layer7
        ? new JsonObject { ["HealthSwitch"] = 1, ["IntervalTime"] = 5, ["HealthNum"] = 3, ["UnHealthNum"] = 3, ["HttpCode"] = 31, ["HttpCheckPath"] = "/", ["HttpCheckDomain"] = "", ["HttpCheckMethod"] = "HEAD", ["SourceIpType"] = 0 }
        : new JsonObject { ["HealthSwitch"] = 1, ["TimeOut"] = 2, ["IntervalTime"] = 5, ["HealthNum"] = 3, ["UnHealthNum"] = 3, ["CheckType"] = "TCP", ["SourceIpType"] = 0 };
}
