using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Account and instance information: DescribeQuota, DescribeResources, the four InquiryPrice* actions,
/// DescribeLoadBalancerOverview, DescribeIdleLoadBalancers, DescribeLoadBalancerTraffic, ModifyLoadBalancersProject,
/// ModifyLoadBalancerSla, ModifyLoadBalancerMixIpTarget. Prices are list prices of the emulator (USD), not the real tariff.</summary>
internal sealed class InfoActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("DescribeQuota", DescribeQuota);
        r.Add("DescribeResources", DescribeResources);
        r.Add("InquiryPriceCreateLoadBalancer", PriceCreate, required: "LoadBalancerType LoadBalancerChargeType");
        r.Add("InquiryPriceModifyLoadBalancer", PriceModify, required: "LoadBalancerId InternetAccessible");
        r.Add("InquiryPriceRenewLoadBalancer", PriceRenew, required: "LoadBalancerId LoadBalancerChargePrepaid");
        r.Add("InquiryPriceRefundLoadBalancer", PriceRefund, required: "LoadBalancerId");
        r.Add("DescribeLoadBalancerOverview", Overview);
        r.Add("DescribeIdleLoadBalancers", Idle);
        r.Add("DescribeLoadBalancerTraffic", Traffic);
        r.Add("ModifyLoadBalancersProject", ModifyProject, required: "LoadBalancerIds ProjectId");
        r.Add("ModifyLoadBalancerSla", ModifySla, required: "LoadBalancerSla");
        r.Add("ModifyLoadBalancerMixIpTarget", ModifyMixIpTarget, required: "LoadBalancerIds MixIpTarget");
    }

    public const int OpenLbQuota = 500;
    public const int InternalLbQuota = 500;
    public const int ListenerQuota = 50;
    public const int RuleQuota = 50;
    public const int TargetBindQuota = 500;
    public const int IspLbQuota = 20;

    private static object? DescribeQuota(ActionContext ctx)
    {
        var lbs = ctx.LbsInRegion().ToList();
        object Q(string id, int limit, int? current) => new { QuotaId = id, QuotaCurrent = current, QuotaLimit = limit };
        return new
        {
            QuotaSet = new[]
            {
                Q("TOTAL_OPEN_CLB_QUOTA", OpenLbQuota, lbs.Count(l => l.LoadBalancerType == "OPEN")),
                Q("TOTAL_INTERNAL_CLB_QUOTA", InternalLbQuota, lbs.Count(l => l.LoadBalancerType == "INTERNAL")),
                Q("TOTAL_LISTENER_QUOTA", ListenerQuota, null),
                Q("TOTAL_LISTENER_RULE_QUOTA", RuleQuota, null),
                Q("TOTAL_TARGET_BIND_QUOTA", TargetBindQuota, null),
                Q("TOTAL_SNAP_IP_QUOTA", SnatActions.MaxSnatIpsPerLb, null),
                Q("TOTAL_ISP_CLB_QUOTA", IspLbQuota, lbs.Count(l => l.VipIsp is "CMCC" or "CUCC" or "CTCC")),
            },
        };
    }

    private static readonly string[] Isps = { "BGP", "CMCC", "CUCC", "CTCC", "INTERNAL" };

    private static object? DescribeResources(ActionContext ctx)
    {
        var p = ctx.Params;
        var (offset, limit) = OtherAreas.Page(p);
        List<string>? zones = null, isps = null;
        foreach (var (name, values) in p.Filters())
        {
            switch (name)
            {
                case "zone": zones = values; break;
                case "isp": isps = values; break;
                default: throw new ClbException(ErrorCodes.InvalidFilter, $"The filter `{name}` is not supported; use zone or isp.");
            }
        }
        var rows = new List<object>();
        for (var z = 1; z <= 3; z++)
        {
            var zone = $"{ctx.Region}-{z}";
            if (zones != null && !zones.Contains(zone)) continue;
            foreach (var ipVersion in new[] { "IPv4", "IPv6", "IPv6_Nat" })
            {
                var isp = Isps.Where(i => ipVersion == "IPv4" || i is "BGP" or "INTERNAL").Where(i => isps == null || isps.Contains(i)).ToList();
                if (isp.Count == 0) continue;
                rows.Add(new
                {
                    MasterZone = zone,
                    ResourceSet = isp.Select(i => new
                    {
                        Type = new[] { i },
                        Isp = i,
                        AvailabilitySet = new[] { new { Type = i, Availability = "Available" } },
                        TypeSet = new[]
                        {
                            new
                            {
                                Type = i,
                                SpecAvailabilitySet = new[] { "shared", "clb.c2.medium", "clb.c3.small", "clb.c3.medium" }
                                    .Select(s => new { SpecType = s, Availability = "Available" }).ToList(),
                            },
                        },
                    }).ToList(),
                    SlaveZone = z < 3 ? $"{ctx.Region}-{z + 1}" : null,
                    IPVersion = ipVersion,
                    ZoneRegion = ctx.Region,
                    LocalZone = false,
                    ZoneResourceType = "SHARED",
                    EdgeZone = false,
                    Egress = "center_egress1",
                });
            }
        }
        return new { ZoneResourceSet = rows.Skip(offset).Take(limit).ToList(), TotalCount = rows.Count };
    }

    // ---- prices (USD) ----
    private const double InstanceHourly = 0.02;
    private const double InstanceMonthly = 14.4;
    private const double TrafficPerGb = 0.12;
    private const double BandwidthHourlyPerMbps = 0.0063;
    private const double LcuHourly = 0.0075;

    private static object Item(double? unit, string? chargeUnit, double? original = null, double? discount = null) => new
    {
        UnitPrice = unit,
        ChargeUnit = chargeUnit,
        OriginalPrice = original,
        DiscountPrice = discount,
        UnitPriceDiscount = unit,
        Discount = unit == null ? (double?)null : 100.0,
    };

    private static readonly string[] ChargeTypes = { "TRAFFIC_POSTPAID_BY_HOUR", "BANDWIDTH_POSTPAID_BY_HOUR", "BANDWIDTH_PACKAGE" };

    private static (string Type, long Bandwidth) Internet(RequestParams? ia, string defaultType = "TRAFFIC_POSTPAID_BY_HOUR", long defaultBandwidth = 10)
    {
        var type = ia?.String("InternetChargeType", oneOf: ChargeTypes) ?? defaultType;
        var bw = ia?.Integer("InternetMaxBandwidthOut", min: 0, max: 65535) ?? defaultBandwidth;
        ia?.String("BandwidthpkgSubType");
        return (type, bw);
    }

    private static object? BandwidthPrice(string lbType, string chargeType, long bandwidth, int goods) =>
        lbType != "OPEN" ? null : chargeType switch
        {
            "TRAFFIC_POSTPAID_BY_HOUR" => Item(Round(TrafficPerGb * goods), "GB"),
            "BANDWIDTH_POSTPAID_BY_HOUR" => Item(Round(BandwidthHourlyPerMbps * bandwidth * goods), "HOURLY"),
            _ => Item(0.0, "HOURLY"),
        };

    private static double Round(double v) => Math.Round(v, 4);

    private static (int Period, string RenewFlag) Prepaid(RequestParams? prepaid, bool required)
    {
        if (prepaid == null) return (1, "MANUAL_RENEW");
        var period = prepaid.Int("Period", required: required, min: 1, max: 60) ?? 1;
        var renew = prepaid.String("RenewFlag", oneOf: new[] { "AUTO_RENEW", "MANUAL_RENEW" }) ?? "MANUAL_RENEW";
        return (period, renew);
    }

    private static object? PriceCreate(ActionContext ctx)
    {
        var p = ctx.Params;
        var type = p.RequiredString("LoadBalancerType", oneOf: new[] { "OPEN", "INTERNAL" });
        var charge = p.RequiredString("LoadBalancerChargeType", oneOf: new[] { "POSTPAID", "PREPAID" });
        var (period, _) = Prepaid(p.Object("LoadBalancerChargePrepaid"), false);
        var (netType, bw) = Internet(p.Object("InternetAccessible"));
        var goods = p.Int("GoodsNum", min: 1, max: 20) ?? 1;
        p.String("ZoneId"); p.String("Zoneld");
        var sla = p.String("SlaType");
        p.String("AddressIPVersion", oneOf: new[] { "IPV4", "IPV6", "IPv6FullChain" }, ignoreCase: true);
        p.String("VipIsp", oneOf: new[] { "BGP", "CMCC", "CUCC", "CTCC" }); p.String("Viplsp");
        var instance = charge == "PREPAID"
            ? Item(null, null, Round(InstanceMonthly * period * goods), Round(InstanceMonthly * period * goods))
            : Item(Round(InstanceHourly * goods), "HOURLY");
        return new
        {
            Price = new
            {
                InstancePrice = instance,
                BandwidthPrice = BandwidthPrice(type, netType, bw, goods),
                LcuPrice = sla == null ? null : Item(Round(LcuHourly * goods), "HOURLY"),
            },
        };
    }

    private static object? PriceModify(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.Lb(p.RequiredString("LoadBalancerId"));
        var (netType, bw) = Internet(p.Object("InternetAccessible", required: true), lb.InternetChargeType, lb.InternetMaxBandwidthOut);
        return new { Price = new { InstancePrice = Item(null, null, 0.0, 0.0), BandwidthPrice = BandwidthPrice(lb.LoadBalancerType, netType, bw, 1), LcuPrice = (object?)null } };
    }

    private static object? PriceRenew(ActionContext ctx)
    {
        var p = ctx.Params;
        ctx.Lb(p.RequiredString("LoadBalancerId"));
        var (period, _) = Prepaid(p.Object("LoadBalancerChargePrepaid", required: true), true);
        var total = Round(InstanceMonthly * period);
        return new { Price = new { InstancePrice = Item(null, null, total, total), BandwidthPrice = (object?)null, LcuPrice = (object?)null } };
    }

    /// <summary>Emulated instances are pay-as-you-go: nothing to refund.</summary>
    private static object? PriceRefund(ActionContext ctx)
    {
        ctx.Lb(ctx.Params.RequiredString("LoadBalancerId"));
        return new { Price = new { InstancePrice = Item(null, null, 0.0, null), BandwidthPrice = (object?)null, LcuPrice = (object?)null } };
    }

    private static object? Overview(ActionContext ctx)
    {
        var lbs = ctx.LbsInRegion().ToList();
        return new
        {
            TotalCount = lbs.Count,
            RunningCount = lbs.Count(l => Output.Status(l, ctx.Now) == 1),
            IsolationCount = 0,
            WillExpireCount = 0,
        };
    }

    private static IEnumerable<LoadBalancerModel> InRegion(ActionContext ctx, string? region) =>
        ctx.Data.LoadBalancers.Values.Where(l => region == null || l.Region == region).OrderBy(l => l.Order);

    /// <summary>NO_RULES: no listener; NO_RS: listeners (and rules) but no real server anywhere.</summary>
    private static string? IdleReason(StateData data, LoadBalancerModel lb)
    {
        if (lb.Listeners.Count == 0) return "NO_RULES";
        var hasTargets = LoadBalancerActions.AllTargets(lb).Any()
                         || (data.ClassicTargets.TryGetValue(lb.LoadBalancerId, out var c) && c.Count > 0)
                         || lb.Listeners.SelectMany(l => l.Rules).Any(r => data.FunctionTargets.TryGetValue(r.LocationId, out var f) && f.Count > 0);
        return hasTargets ? null : "NO_RS";
    }

    private static object? Idle(ActionContext ctx)
    {
        var p = ctx.Params;
        var (offset, limit) = OtherAreas.Page(p);
        var region = p.String("LoadBalancerRegion");
        var idle = InRegion(ctx, region)
            .Select(lb => (Lb: lb, Reason: IdleReason(ctx.Data, lb)))
            .Where(x => x.Reason != null)
            .ToList();
        return new
        {
            IdleLoadBalancers = idle.Skip(offset).Take(limit).Select(x => new
            {
                x.Lb.LoadBalancerId,
                x.Lb.LoadBalancerName,
                x.Lb.Region,
                Vip = x.Lb.LoadBalancerVips.FirstOrDefault(),
                IdleReason = x.Reason,
                Status = Output.Status(x.Lb, ctx.Now),
                x.Lb.Forward,
                x.Lb.Domain,
            }).ToList(),
            TotalCount = idle.Count,
        };
    }

    /// <summary>The emulator has no traffic: the outbound bandwidth is a stable figure derived from the bound real servers and
    /// the bandwidth cap, so the ordering is deterministic. Top 10, highest first.</summary>
    private static object? Traffic(ActionContext ctx)
    {
        var region = ctx.Params.String("LoadBalancerRegion");
        double Out(LoadBalancerModel lb)
        {
            var targets = LoadBalancerActions.AllTargets(lb).Count() + (ctx.Data.ClassicTargets.TryGetValue(lb.LoadBalancerId, out var c) ? c.Count : 0);
            if (targets == 0) return 0.0;
            var h = 0u;
            foreach (var ch in lb.LoadBalancerId) h = h * 31 + ch;
            return Math.Round(Math.Min(lb.InternetMaxBandwidthOut > 0 ? lb.InternetMaxBandwidthOut : 10_000, targets * 1.5 + h % 1000 / 100.0), 3);
        }
        return new
        {
            LoadBalancerTraffic = InRegion(ctx, region)
                .Select(lb => (Lb: lb, Out: Out(lb)))
                .OrderByDescending(x => x.Out).ThenBy(x => x.Lb.Order)
                .Take(10)
                .Select(x => new
                {
                    x.Lb.LoadBalancerId,
                    x.Lb.LoadBalancerName,
                    x.Lb.Region,
                    Vip = x.Lb.LoadBalancerVips.FirstOrDefault(),
                    OutBandwidth = x.Out,
                    x.Lb.Domain,
                }).ToList(),
        };
    }

    private static object? ModifyProject(ActionContext ctx)
    {
        var p = ctx.Params;
        var ids = p.Strings("LoadBalancerIds", required: true, maxCount: 20)!;
        var project = p.Integer("ProjectId", required: true, min: 0)!.Value;
        var lbs = ids.Distinct().Select(ctx.LbForChange).ToList();
        foreach (var lb in lbs) lb.ProjectId = project;
        return null;
    }

    private static object? ModifySla(ActionContext ctx)
    {
        var items = ctx.Params.Objects("LoadBalancerSla", required: true, maxCount: 20)!
            .Select(s =>
            {
                var lb = ctx.LbForChange(s.RequiredString("LoadBalancerId"));
                var sla = s.RequiredString("SlaType", maxLength: 64);
                if (sla != "SLA" && !sla.StartsWith("clb.c", StringComparison.Ordinal))
                    throw ClbException.Value(s.NameOf("SlaType"), sla, "use SLA or a specification such as clb.c2.medium");
                return (Lb: lb, Sla: sla);
            }).ToList();
        foreach (var (lb, sla) in items) lb.SlaType = sla;
        return null;
    }

    private static object? ModifyMixIpTarget(ActionContext ctx)
    {
        var p = ctx.Params;
        var ids = p.Strings("LoadBalancerIds", required: true, maxCount: 20)!;
        var on = p.Boolean("MixIpTarget", required: true)!.Value;
        var lbs = ids.Distinct().Select(ctx.LbForChange).ToList();
        foreach (var lb in lbs)
        {
            if (on && lb.AddressIPVersion == "ipv4")
                throw new ClbException(ErrorCodes.InvalidParameter, $"Mixed IPv4/IPv6 targets need an IPv6 instance; `{lb.LoadBalancerId}` is IPv4.");
        }
        foreach (var lb in lbs)
        {
            if (on) ctx.Data.MixIpTargets.Add(lb.LoadBalancerId);
            else ctx.Data.MixIpTargets.Remove(lb.LoadBalancerId);
        }
        return null;
    }
}
