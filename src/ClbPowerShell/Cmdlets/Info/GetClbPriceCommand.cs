using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Info
{
    /// <summary>
    /// <para type="synopsis">Asks what a load balancer costs: to create, with new network billing, to renew, or what deleting it refunds.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbPrice", DefaultParameterSetName = CreateSet)]
    [OutputType(typeof(Price))]
    [ClbApiAction("InquiryPriceCreateLoadBalancer", "InquiryPriceModifyLoadBalancer", "InquiryPriceRenewLoadBalancer", "InquiryPriceRefundLoadBalancer")]
    public sealed class GetClbPriceCommand : ClbCmdlet
    {
        private const string CreateSet = "Create";
        private const string ModifySet = "Modify";
        private const string RenewSet = "Renew";
        private const string RefundSet = "Refund";

        /// <summary><para type="description">Create: OPEN (public network, the default) or INTERNAL (private network).</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [ValidateSet("OPEN", "INTERNAL")]
        public string LoadBalancerType { get; set; } = "OPEN";

        /// <summary><para type="description">Create: POSTPAID (pay as you go, the default) or PREPAID (monthly subscription).</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [ValidateSet("POSTPAID", "PREPAID")]
        public string ChargeType { get; set; } = "POSTPAID";

        /// <summary><para type="description">Create: how many load balancers to price together (1 to 20, default 1).</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [ValidateRange(1, 20)]
        public int Count { get; set; } = 1;

        /// <summary><para type="description">Create and Modify: the network billing mode: TRAFFIC_POSTPAID_BY_HOUR, BANDWIDTH_POSTPAID_BY_HOUR or BANDWIDTH_PACKAGE.</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [Parameter(ParameterSetName = ModifySet)]
        [ValidateSet("TRAFFIC_POSTPAID_BY_HOUR", "BANDWIDTH_POSTPAID_BY_HOUR", "BANDWIDTH_PACKAGE")]
        public string? InternetChargeType { get; set; }

        /// <summary><para type="description">Create and Modify: the maximum outbound bandwidth in Mbps (0 to 65535).</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [Parameter(ParameterSetName = ModifySet)]
        [ValidateRange(0, 65535)]
        public long? BandwidthOut { get; set; }

        /// <summary><para type="description">Create: the zone to create in, such as ap-guangzhou-3.</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [ValidateNotNullOrEmpty]
        public string? Zone { get; set; }

        /// <summary><para type="description">Create: a performance-capacity specification (clb.c2.medium, clb.c3.small, ...); adds the LCU price.</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [ValidatePattern("^(SLA|clb\\.c[0-9]+\\.[a-z0-9]+)$")]
        public string? SlaType { get; set; }

        /// <summary><para type="description">Create: IPV4 (default), IPV6 or IPv6FullChain.</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [ValidateSet("IPV4", "IPV6", "IPv6FullChain")]
        public string? AddressIPVersion { get; set; }

        /// <summary><para type="description">Create: the ISP of a static single-line IP: CMCC, CUCC or CTCC; BGP when omitted.</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [ValidateSet("BGP", "CMCC", "CUCC", "CTCC")]
        public string? VipIsp { get; set; }

        /// <summary><para type="description">Create (PREPAID) and Renew: the subscription length in months (1 to 60). Required for Renew.</para></summary>
        [Parameter(ParameterSetName = CreateSet)]
        [Parameter(ParameterSetName = RenewSet, Mandatory = true)]
        [ValidateRange(1, 60)]
        public long? Period { get; set; }

        /// <summary><para type="description">Modify, Renew and Refund: the load balancer to price (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects.</para></summary>
        [Parameter(ParameterSetName = ModifySet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = RenewSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = RefundSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">Price the load balancer with the network billing of -InternetChargeType and -BandwidthOut (InquiryPriceModifyLoadBalancer).</para></summary>
        [Parameter(ParameterSetName = ModifySet, Mandatory = true)]
        public SwitchParameter Modify { get; set; }

        /// <summary><para type="description">Price renewing the load balancer for -Period months (InquiryPriceRenewLoadBalancer).</para></summary>
        [Parameter(ParameterSetName = RenewSet, Mandatory = true)]
        public SwitchParameter Renew { get; set; }

        /// <summary><para type="description">Ask what deleting the load balancer would refund (InquiryPriceRefundLoadBalancer).</para></summary>
        [Parameter(ParameterSetName = RefundSet, Mandatory = true)]
        public SwitchParameter Refund { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ModifySet:
                    if (InternetChargeType == null && BandwidthOut == null)
                        RefuseParameter("InternetChargeType", "-Modify needs the new network billing: -InternetChargeType, -BandwidthOut or both.");
                    break;
                case CreateSet:
                    if (Period != null && ChargeType != "PREPAID")
                        RefuseParameter("Period", "a subscription length applies only with -ChargeType PREPAID.");
                    if (LoadBalancerType == "INTERNAL" && (InternetChargeType != null || BandwidthOut != null || VipIsp != null))
                        RefuseParameter("LoadBalancerType", "an INTERNAL load balancer has no public network billing (-InternetChargeType, -BandwidthOut, -VipIsp).");
                    break;
            }
            var client = GetClient();
            Run(async cancellationToken =>
            {
                Price price;
                switch (ParameterSetName)
                {
                    case ModifySet:
                        price = await InfoOperations.PriceModifyAsync(client, new InquiryPriceModifyLoadBalancerRequest
                        {
                            LoadBalancerId = LoadBalancerId,
                            InternetAccessible = new InternetAccessible { InternetChargeType = InternetChargeType, InternetMaxBandwidthOut = BandwidthOut },
                        }, cancellationToken).ConfigureAwait(false);
                        break;
                    case RenewSet:
                        price = await InfoOperations.PriceRenewAsync(client, new InquiryPriceRenewLoadBalancerRequest
                        {
                            LoadBalancerId = LoadBalancerId,
                            LoadBalancerChargePrepaid = new LBChargePrepaid { Period = Period },
                        }, cancellationToken).ConfigureAwait(false);
                        break;
                    case RefundSet:
                        price = await InfoOperations.PriceRefundAsync(client, LoadBalancerId, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        price = await InfoOperations.PriceCreateAsync(client, new InquiryPriceCreateLoadBalancerRequest
                        {
                            LoadBalancerType = LoadBalancerType,
                            LoadBalancerChargeType = ChargeType,
                            LoadBalancerChargePrepaid = Period != null ? new LBChargePrepaid { Period = Period } : null,
                            InternetAccessible = InternetChargeType != null || BandwidthOut != null
                                ? new InternetAccessible { InternetChargeType = InternetChargeType, InternetMaxBandwidthOut = BandwidthOut }
                                : null,
                            GoodsNum = Count,
                            ZoneId = Zone,
                            SlaType = SlaType,
                            AddressIPVersion = AddressIPVersion,
                            VipIsp = VipIsp,
                        }, cancellationToken).ConfigureAwait(false);
                        break;
                }
                await EmitAsync(price).ConfigureAwait(false);
            }, ParameterSetName == CreateSet ? (object?)client.Region : LoadBalancerId);
        }
    }
}
