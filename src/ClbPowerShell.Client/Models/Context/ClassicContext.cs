using System.Text.Json.Serialization;

// Context for classic CLB output (see OutputContext.cs): Region on everything and the classic load balancer
// on listeners, real servers and health rows, so objects chain into the next classic cmdlet.
namespace ClbPowerShell.Client.Models
{
    public sealed partial class ClassicalListener
    {
        [JsonIgnore] public string? Region { get; set; }
        [JsonIgnore] public string? LoadBalancerId { get; set; }
    }

    public sealed partial class ClassicalTarget
    {
        [JsonIgnore] public string? Region { get; set; }
        [JsonIgnore] public string? LoadBalancerId { get; set; }
    }

    public sealed partial class ClassicalHealth
    {
        [JsonIgnore] public string? Region { get; set; }
        [JsonIgnore] public string? LoadBalancerId { get; set; }
        /// <summary>The listener the row belongs to, when the listener was named in the query.</summary>
        [JsonIgnore] public string? ListenerId { get; set; }
    }

    public sealed partial class ClassicalLoadBalancerInfo
    {
        [JsonIgnore] public string? Region { get; set; }
    }
}
