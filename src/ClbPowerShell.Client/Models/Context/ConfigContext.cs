using System.Collections.Generic;
using System.Text.Json.Serialization;

// Context for customized configurations and the client IP blocklist: the Region they live in and the ids of
// their parents, plus the fields of the blocklist actions, which the reference has no section for (the public SDK's).
namespace ClbPowerShell.Client.Models
{
    public sealed partial class ConfigListItem
    {
        [JsonIgnore] public string? Region { get; set; }
        /// <summary>The configuration id (the API calls it UconfigId); binds to -ConfigId of the other config cmdlets.</summary>
        [JsonIgnore] public string? ConfigId => UconfigId;
    }

    public sealed partial class BindDetailItem
    {
        [JsonIgnore] public string? Region { get; set; }
        /// <summary>The configuration bound (UconfigId).</summary>
        [JsonIgnore] public string? ConfigId => UconfigId;
    }

    public sealed partial class BlockedIP
    {
        [JsonIgnore] public string? Region { get; set; }
        [JsonIgnore] public string? LoadBalancerId { get; set; }
    }

    public sealed partial class DescribeBlockIPListRequest
    {
        [JsonPropertyName("LoadBalancerId")] public string? LoadBalancerId { get; set; }
        [JsonPropertyName("Offset")] public long? Offset { get; set; }
        [JsonPropertyName("Limit")] public long? Limit { get; set; }
    }

    public sealed partial class DescribeBlockIPListResponse
    {
        [JsonPropertyName("BlockedIPCount")] public long? BlockedIPCount { get; set; }
        [JsonPropertyName("ClientIPField")] public string? ClientIPField { get; set; }
        [JsonPropertyName("BlockedIPList")] public List<BlockedIP>? BlockedIPList { get; set; }
    }

    public sealed partial class ModifyBlockIPListRequest
    {
        [JsonPropertyName("LoadBalancerIds")] public List<string>? LoadBalancerIds { get; set; }
        /// <summary>add_blocked, del_blocked, flush_blocked (and the *_customized_field types).</summary>
        [JsonPropertyName("Type")] public string? Type { get; set; }
        [JsonPropertyName("ClientIPField")] public string? ClientIPField { get; set; }
        [JsonPropertyName("BlockIPList")] public List<string>? BlockIPList { get; set; }
        /// <summary>Seconds the added addresses stay blocked (the service's default is 3600).</summary>
        [JsonPropertyName("ExpireTime")] public long? ExpireTime { get; set; }
        [JsonPropertyName("AddStrategy")] public string? AddStrategy { get; set; }
    }

    public sealed partial class ModifyBlockIPListResponse
    {
        /// <summary>The job to follow with DescribeBlockIPTask (the SDK spells it JodId).</summary>
        [JsonPropertyName("JodId")] public string? JodId { get; set; }
    }

    public sealed partial class DescribeBlockIPTaskRequest
    {
        [JsonPropertyName("TaskId")] public string? TaskId { get; set; }
    }

    public sealed partial class DescribeBlockIPTaskResponse
    {
        /// <summary>1 running, 2 succeeded (3 failed, per the SDK).</summary>
        [JsonPropertyName("Status")] public long? Status { get; set; }
    }
}
