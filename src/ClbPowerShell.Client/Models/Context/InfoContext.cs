using System.Text.Json.Serialization;

// Context for the account-information and pricing objects (Get-ClbQuota, Get-ClbResource, Get-ClbPrice):
// the Region they describe and, for prices, what was asked. Not part of the API (JsonIgnore).
namespace ClbPowerShell.Client.Models
{
    public sealed partial class Quota
    {
        [JsonIgnore] public string? Region { get; set; }
    }

    public sealed partial class ZoneResource
    {
        [JsonIgnore] public string? Region { get; set; }
    }

    public sealed partial class Price
    {
        [JsonIgnore] public string? Region { get; set; }
        /// <summary>The InquiryPrice* action that gave this price.</summary>
        [JsonIgnore] public string? Action { get; set; }
        /// <summary>The load balancer priced (modify, renew, refund); null for a create.</summary>
        [JsonIgnore] public string? LoadBalancerId { get; set; }
    }
}
