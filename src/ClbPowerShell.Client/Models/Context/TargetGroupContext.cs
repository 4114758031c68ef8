using System.Linq;
using System.Text.Json.Serialization;

// Context for target group output (see OutputContext.cs): Region on everything, the target group on
// instances and associations, and the instance's address as BindIP, so objects chain into the next cmdlet.
namespace ClbPowerShell.Client.Models
{
    public sealed partial class TargetGroupInfo
    {
        [JsonIgnore] public string? Region { get; set; }
    }

    public sealed partial class TargetGroupBackend
    {
        [JsonIgnore] public string? Region { get; set; }
        /// <summary>The private address the instance is registered by (what the instance actions take as BindIP).</summary>
        [JsonIgnore] public string? BindIP => PrivateIpAddresses?.FirstOrDefault();
    }

    public sealed partial class AssociationItem
    {
        [JsonIgnore] public string? Region { get; set; }
        /// <summary>The target group this association belongs to.</summary>
        [JsonIgnore] public string? TargetGroupId { get; set; }
    }
}
