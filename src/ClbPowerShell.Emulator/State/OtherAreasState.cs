using System.Text.Json.Serialization;

namespace ClbPowerShell.Emulator.State;

// Models of the "other areas" (StateData block marked `Other areas (emurest)`). Plain data: JSON round trip safe.

/// <summary>A redirect from a forwarding rule (source) to another (target) of the same instance.</summary>
public sealed class RewriteModel
{
    public string SourceListenerId { get; set; } = "";
    public string SourceLocationId { get; set; } = "";
    public string TargetListenerId { get; set; } = "";
    public string TargetLocationId { get; set; } = "";
    public int RewriteCode { get; set; } = 301;
    public bool TakeUrl { get; set; }
    /// <summary>Manual or Auto.</summary>
    public string RewriteType { get; set; } = "Manual";
}

public sealed class SnatIpModel
{
    public string SubnetId { get; set; } = "";
    public string Ip { get; set; } = "";
}

public sealed class LogSetModel
{
    public string LogsetId { get; set; } = "";
    public string LogsetName { get; set; } = "";
    /// <summary>ACCESS or HEALTH.</summary>
    public string LogsetType { get; set; } = "ACCESS";
    public int Period { get; set; } = 30;
    public string Region { get; set; } = "";
    public DateTimeOffset CreateTime { get; set; }
}

public sealed class LogTopicModel
{
    public string TopicId { get; set; } = "";
    public string TopicName { get; set; } = "";
    public string LogsetId { get; set; } = "";
    /// <summary>ACCESS or HEALTH.</summary>
    public string TopicType { get; set; } = "ACCESS";
    public int PartitionCount { get; set; } = 1;
    public int Period { get; set; } = 30;
    public string StorageType { get; set; } = "hot";
    public string Region { get; set; } = "";
}

public sealed class LbLogModel
{
    public string? LogSetId { get; set; }
    public string? LogTopicId { get; set; }
    public string? HealthLogSetId { get; set; }
    public string? HealthLogTopicId { get; set; }
}

public sealed class ClassicTargetModel
{
    public string InstanceId { get; set; } = "";
    public int Weight { get; set; } = 10;
    public string PrivateIp { get; set; } = "";
    public DateTimeOffset RegisteredTime { get; set; }
}

public sealed class CustomizedConfigModel
{
    public string UconfigId { get; set; } = "";
    /// <summary>CLB, SERVER or LOCATION.</summary>
    public string ConfigType { get; set; } = "CLB";
    public string ConfigName { get; set; } = "";
    public string ConfigContent { get; set; } = "";
    public string Region { get; set; } = "";
    public DateTimeOffset CreateTime { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    /// <summary>Bound instances (BIND / UNBIND).</summary>
    public List<string> LoadBalancerIds { get; set; } = new();
}

public sealed class BlockIpListModel
{
    public string? ClientIPField { get; set; }
    public List<BlockedIpModel> Ips { get; set; } = new();
}

public sealed class BlockedIpModel
{
    public string IP { get; set; } = "";
    public DateTimeOffset CreateTime { get; set; }
    public DateTimeOffset ExpireTime { get; set; }
}

public sealed class FunctionTargetModel
{
    public string FunctionNamespace { get; set; } = "";
    public string FunctionName { get; set; } = "";
    public string FunctionQualifier { get; set; } = "";
    public string? FunctionQualifierType { get; set; }
    public int Weight { get; set; } = 10;

    [JsonIgnore] public string Key => FunctionNamespace + "/" + FunctionName + ":" + FunctionQualifier;
}
