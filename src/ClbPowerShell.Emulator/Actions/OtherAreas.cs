using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Helpers shared by the "other areas" (rewrites, security, SNAT, logs, classic, info, functions).</summary>
internal static class OtherAreas
{
    public const string RewriteAlreadyExist = "InvalidParameter.RewriteAlreadyExist";
    public const string SomeRewriteNotFound = "InvalidParameter.SomeRewriteNotFound";
    public const string UnsupportedOperation = "UnsupportedOperation";

    /// <summary>Offset / Limit of a paged list (InvalidParameterValue.Range when out of range).</summary>
    public static (int Offset, int Limit) Page(RequestParams p, int defaultLimit = 20, int maxLimit = 100)
    {
        var offset = p.Int("Offset", min: 0, rangeCode: ErrorCodes.ValueRange) ?? 0;
        var limit = p.Int("Limit", min: 0, max: maxLimit, rangeCode: ErrorCodes.ValueRange) ?? defaultLimit;
        return (offset, limit);
    }

    /// <summary>A GUID-shaped id (CLS logsets and topics, block-IP jobs) from the emulator's seeded generator.</summary>
    public static string GuidLike(ActionContext ctx)
    {
        string Part() => ctx.NewId("x")[2..];
        var a = Part(); var b = Part(); var c = Part(); var d = Part();
        return $"{a}-{b[..4]}-{b[4..]}-{c[..4]}-{c[4..]}{d}";
    }

    /// <summary>The instance must be a classic CLB (Forward 0).</summary>
    public static LoadBalancerModel Classic(LoadBalancerModel lb) => lb.Forward == 0 ? lb :
        throw new ClbException(ErrorCodes.InvalidParameter, $"The load balancer `{lb.LoadBalancerId}` is not a classic CLB instance.");

    /// <summary>Load balancer fields kept by these areas, for <see cref="Output.LoadBalancer"/>.</summary>
    public static (List<SnatIpModel> SnatIps, LbLogModel Log, string? ConfigId, bool MixIpTarget) Extra(StateData? data, LoadBalancerModel lb)
    {
        if (data == null) return (new(), new(), null, false);
        var snat = data.SnatIps.TryGetValue(lb.LoadBalancerId, out var s) ? s : new();
        var log = data.LbLogs.TryGetValue(lb.LoadBalancerId, out var l) ? l : new();
        var config = data.CustomizedConfigs.Values.FirstOrDefault(c => c.LoadBalancerIds.Contains(lb.LoadBalancerId))?.UconfigId;
        return (snat, log, config, data.MixIpTargets.Contains(lb.LoadBalancerId));
    }
}
