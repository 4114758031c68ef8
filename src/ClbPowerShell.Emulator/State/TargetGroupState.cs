namespace ClbPowerShell.Emulator.State;

// State of the target group area (StateData.TargetGroups). Plain data: must survive a JSON round trip.

public sealed class TargetGroupModel
{
    public string TargetGroupId { get; set; } = "";
    public string TargetGroupName { get; set; } = "";
    public string Region { get; set; } = "";
    public string VpcId { get; set; } = "";
    /// <summary>Default port for instances registered without one.</summary>
    public int? Port { get; set; }
    public DateTimeOffset CreatedTime { get; set; }
    public DateTimeOffset UpdatedTime { get; set; }
    public long Order { get; set; }
    public List<TargetGroupInstanceModel> Instances { get; set; } = new();
    /// <summary>Listeners (layer 4) and rules (layer 7) this group serves.</summary>
    public List<TargetGroupAssociationModel> Associations { get; set; } = new();
}

public sealed class TargetGroupInstanceModel
{
    public string BindIP { get; set; } = "";
    public int Port { get; set; }
    public int Weight { get; set; } = 10;
    public DateTimeOffset RegisteredTime { get; set; }
}

public sealed class TargetGroupAssociationModel
{
    public string LoadBalancerId { get; set; } = "";
    public string ListenerId { get; set; } = "";
    /// <summary>The rule, for HTTP/HTTPS listeners; null for layer-4 listeners.</summary>
    public string? LocationId { get; set; }
}
