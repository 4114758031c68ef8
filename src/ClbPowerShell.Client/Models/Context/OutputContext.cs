using System.Text.Json.Serialization;

// The context that makes chaining work: objects the cmdlets emit carry the Region they live in and the
// ids of their parents, so the next cmdlet binds them by property name. These fields are not part of
// the API (JsonIgnore), so they never reach the wire and never disturb a round trip.
namespace ClbPowerShell.Client.Models
{
    public sealed partial class LoadBalancer
    {
        [JsonIgnore] public string? Region { get; set; }
    }

    public sealed partial class LoadBalancerDetail
    {
        [JsonIgnore] public string? Region { get; set; }
    }

    public sealed partial class Listener
    {
        [JsonIgnore] public string? Region { get; set; }
        [JsonIgnore] public string? LoadBalancerId { get; set; }
    }

    public sealed partial class RuleOutput
    {
        [JsonIgnore] public string? Region { get; set; }
        [JsonIgnore] public string? LoadBalancerId { get; set; }
        /// <summary>The protocol of the listener the rule belongs to.</summary>
        [JsonIgnore] public string? Protocol { get; set; }
        /// <summary>The port of the listener the rule belongs to.</summary>
        [JsonIgnore] public long? Port { get; set; }
    }
}
