using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Gets customized configurations of one type, streaming them page by page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbCustomizedConfig", SupportsPaging = true)]
    [OutputType(typeof(ConfigListItem))]
    [ClbApiAction("DescribeCustomizedConfigList")]
    public sealed class GetClbCustomizedConfigCommand : ClbCmdlet
    {
        /// <summary><para type="description">Configuration ids (pz-xxxxxxxx). Any number; they are sent 100 per call.</para></summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UconfigId")]
        [ValidatePattern(ClbIdPatterns.CustomizedConfig)]
        public string[]? ConfigId { get; set; }

        /// <summary><para type="description">The kind of configuration to list: CLB (load balancer level, the default), SERVER (domain level) or LOCATION (rule level). The service always needs one.</para></summary>
        [Parameter]
        [ValidateSet("CLB", "SERVER", "LOCATION")]
        public string ConfigType { get; set; } = "CLB";

        /// <summary><para type="description">Part of the configuration name; the service matches it anywhere in the name, ignoring case.</para></summary>
        [Parameter]
        [Alias("ConfigName")]
        [ValidateLength(1, 200)]
        public string? Name { get; set; }

        /// <summary><para type="description">Only configurations bound to these load balancers (lb-xxxxxxxx).</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[]? LoadBalancerId { get; set; }

        /// <summary><para type="description">Only configurations bound to load balancers with these virtual IP addresses.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Vip { get; set; }

        protected override void ProcessRecord()
        {
            var filters = new List<Filter>();
            if (LoadBalancerId != null && LoadBalancerId.Length > 0)
                filters.Add(new Filter { Name = "loadbalancer-id", Values = LoadBalancerId.Distinct().ToList() });
            if (Vip != null && Vip.Length > 0)
                filters.Add(new Filter { Name = "vip", Values = Vip.Distinct().ToList() });
            var query = new DescribeCustomizedConfigListRequest
            {
                ConfigType = ConfigType,
                ConfigName = Name,
                UconfigIds = ConfigId?.ToList(),
                Filters = filters.Count > 0 ? filters : null,
            };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var pages = ConfigOperations.ListAsync(client, query, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, ConfigId);
        }
    }
}
