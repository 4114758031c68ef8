using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ClbPowerShell.Emulator.State;

// The emulator's state as plain data. The live copy is only touched under EmulatorStore's lock;
// EmulatorServer.State hands out deep copies (a JSON round trip), and GET /_emulator/state serializes it.
// To add an area (target groups, rewrites, ...): add a property here (a dictionary keyed by id), and
// write Actions/<Area>Actions.cs. Everything here must survive a JSON round trip (Clone, FailTask rollback).

public sealed class StateData
{
    /// <summary>Load balancers by id, all regions.</summary>
    public Dictionary<string, LoadBalancerModel> LoadBalancers { get; set; } = new();
    /// <summary>Async tasks by TaskId (= the RequestId of the call that started it).</summary>
    public Dictionary<string, TaskModel> Tasks { get; set; } = new();
    /// <summary>CreateLoadBalancer ClientToken -> the task it created (same token, same answer).</summary>
    public Dictionary<string, string> ClientTokens { get; set; } = new();
    /// <summary>DealName -> TaskId.</summary>
    public Dictionary<string, string> DealNames { get; set; } = new();
    /// <summary>Known CVM instances (optional): InstanceId -> details. Unknown ids get a derived private IP.</summary>
    public Dictionary<string, InstanceModel> Instances { get; set; } = new();
    /// <summary>Targets reported unhealthy by DescribeTargetHealth, as "ip:port".</summary>
    public HashSet<string> UnhealthyTargets { get; set; } = new();
    /// <summary>Monotonic counter for ordering (creation order) and generated addresses.</summary>
    public long Sequence { get; set; }
    /// <summary>Free-form per-area data for areas added later without touching this class.</summary>
    public Dictionary<string, JsonNode?> Extensions { get; set; } = new();

    // Other areas (emurest): redirects, SNAT IPs, CLS logs, classic targets, customized configs, block IPs,
    // SCF function targets. Per-instance data is keyed by LoadBalancerId (entries of deleted instances are ignored).
    /// <summary>Redirects (ManualRewrite / AutoRewrite) by LoadBalancerId.</summary>
    public Dictionary<string, List<RewriteModel>> Rewrites { get; set; } = new();
    /// <summary>SNAT IPs (CreateLoadBalancerSnatIps) by LoadBalancerId.</summary>
    public Dictionary<string, List<SnatIpModel>> SnatIps { get; set; } = new();
    /// <summary>CLS logsets (CreateClsLogSet) by LogsetId.</summary>
    public Dictionary<string, LogSetModel> LogSets { get; set; } = new();
    /// <summary>CLS log topics (CreateTopic) by TopicId.</summary>
    public Dictionary<string, LogTopicModel> LogTopics { get; set; } = new();
    /// <summary>Access / health-check log settings (SetLoadBalancerClsLog) by LoadBalancerId.</summary>
    public Dictionary<string, LbLogModel> LbLogs { get; set; } = new();
    /// <summary>Real servers of classic CLB instances (Forward 0) by LoadBalancerId.</summary>
    public Dictionary<string, List<ClassicTargetModel>> ClassicTargets { get; set; } = new();
    /// <summary>Customized configurations (SetCustomizedConfigForLoadBalancer) by UconfigId.</summary>
    public Dictionary<string, CustomizedConfigModel> CustomizedConfigs { get; set; } = new();
    /// <summary>Client IP blocklists (ModifyBlockIPList) by LoadBalancerId.</summary>
    public Dictionary<string, BlockIpListModel> BlockIps { get; set; } = new();
    /// <summary>ModifyBlockIPList jobs: JodId -> when the job completes.</summary>
    public Dictionary<string, DateTimeOffset> BlockIpJobs { get; set; } = new();
    /// <summary>SCF functions bound to layer-7 rules, by LocationId.</summary>
    public Dictionary<string, List<FunctionTargetModel>> FunctionTargets { get; set; } = new();
    /// <summary>Load balancers with mixed IPv4/IPv6 targets enabled (ModifyLoadBalancerMixIpTarget).</summary>
    public HashSet<string> MixIpTargets { get; set; } = new();
    // End of other areas (emurest)

    internal static readonly JsonSerializerOptions CloneOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public StateData Clone() => JsonSerializer.Deserialize<StateData>(JsonSerializer.SerializeToUtf8Bytes(this, CloneOptions), CloneOptions)!;
    public string ToJson() => JsonSerializer.Serialize(this, CloneOptions);
}

public sealed class LoadBalancerModel
{
    public string LoadBalancerId { get; set; } = "";
    public string LoadBalancerName { get; set; } = "";
    public string LoadBalancerType { get; set; } = "OPEN";
    public string Region { get; set; } = "";
    public int Forward { get; set; } = 1;
    public string? Domain { get; set; }
    public List<string> LoadBalancerVips { get; set; } = new();
    public string AddressIPVersion { get; set; } = "ipv4";
    public string VpcId { get; set; } = "";
    public string? SubnetId { get; set; }
    public long ProjectId { get; set; }
    public List<TagModel> Tags { get; set; } = new();
    public string InternetChargeType { get; set; } = "TRAFFIC_POSTPAID_BY_HOUR";
    public long InternetMaxBandwidthOut { get; set; } = 10;
    public string? MasterZone { get; set; }
    public string? VipIsp { get; set; }
    public string? SlaType { get; set; }
    public bool DeleteProtect { get; set; }
    public bool LoadBalancerPassToTarget { get; set; } = true;
    public bool SnatPro { get; set; }
    public List<string> SecureGroups { get; set; } = new();
    public DateTimeOffset CreateTime { get; set; }
    /// <summary>Until this time the instance is still being created (Status 0).</summary>
    public DateTimeOffset ReadyAt { get; set; }
    public long Order { get; set; }
    /// <summary>The async task keeping this instance busy until <see cref="BusyUntil"/>, if any.</summary>
    public string? BusyTaskId { get; set; }
    public DateTimeOffset BusyUntil { get; set; }
    public List<ListenerModel> Listeners { get; set; } = new();
}

public sealed class TagModel
{
    public string TagKey { get; set; } = "";
    public string TagValue { get; set; } = "";
}

public sealed class ListenerModel
{
    public string ListenerId { get; set; } = "";
    public string? ListenerName { get; set; }
    public string Protocol { get; set; } = "TCP";
    public int Port { get; set; }
    public int? EndPort { get; set; }
    public JsonObject? HealthCheck { get; set; }
    public JsonObject? Certificate { get; set; }
    public string? Scheduler { get; set; }
    public int SessionExpireTime { get; set; }
    public int SniSwitch { get; set; }
    public string TargetType { get; set; } = "NODE";
    public string SessionType { get; set; } = "NORMAL";
    public int KeepaliveEnable { get; set; }
    public bool DeregisterTargetRst { get; set; }
    public int? MaxConn { get; set; }
    public int? MaxCps { get; set; }
    public int? IdleConnectTimeout { get; set; }
    public DateTimeOffset CreateTime { get; set; }
    /// <summary>Layer-4 targets (TCP/UDP/TCP_SSL/QUIC).</summary>
    public List<TargetModel> Targets { get; set; } = new();
    /// <summary>Layer-7 rules (HTTP/HTTPS).</summary>
    public List<RuleModel> Rules { get; set; } = new();

    [JsonIgnore] public bool IsLayer7 => Protocol is "HTTP" or "HTTPS";
}

public sealed class RuleModel
{
    public string LocationId { get; set; } = "";
    public string Domain { get; set; } = "";
    public string Url { get; set; } = "";
    public int SessionExpireTime { get; set; }
    public JsonObject? HealthCheck { get; set; }
    public JsonObject? Certificate { get; set; }
    public string Scheduler { get; set; } = "WRR";
    public string ForwardType { get; set; } = "HTTP";
    public bool DefaultServer { get; set; }
    public bool Http2 { get; set; }
    public bool Quic { get; set; }
    public string TargetType { get; set; } = "NODE";
    public DateTimeOffset CreateTime { get; set; }
    public List<TargetModel> Targets { get; set; } = new();
}

public sealed class TargetModel
{
    /// <summary>CVM or ENI.</summary>
    public string Type { get; set; } = "CVM";
    public string? InstanceId { get; set; }
    public string? EniIp { get; set; }
    public int Port { get; set; }
    public int Weight { get; set; } = 10;
    public string PrivateIp { get; set; } = "";
    public DateTimeOffset RegisteredTime { get; set; }

    /// <summary>InstanceId for CVMs, the IP for ENIs: what identifies the target together with the port.</summary>
    [JsonIgnore] public string Key => InstanceId ?? EniIp ?? "";
}

public sealed class InstanceModel
{
    public string InstanceId { get; set; } = "";
    public string? InstanceName { get; set; }
    public string PrivateIp { get; set; } = "";
    public string? PublicIp { get; set; }
}

public sealed class TaskModel
{
    public string TaskId { get; set; } = "";
    public string Action { get; set; } = "";
    public List<string> LoadBalancerIds { get; set; } = new();
    public string? DealName { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset CompletesAt { get; set; }
    /// <summary>The task ends with Status 1 (FailTask fault).</summary>
    public bool Fails { get; set; }

    /// <summary>0 succeeded, 1 failed, 2 in progress.</summary>
    public int StatusAt(DateTimeOffset now) => now < CompletesAt ? 2 : Fails ? 1 : 0;
}
