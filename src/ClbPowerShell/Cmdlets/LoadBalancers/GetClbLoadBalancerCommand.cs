using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.LoadBalancers
{
    /// <summary>
    /// <para type="synopsis">Gets load balancers, streaming them page by page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbLoadBalancer", DefaultParameterSetName = "Query", SupportsPaging = true)]
    [OutputType(typeof(LoadBalancer))]
    [ClbApiAction("DescribeLoadBalancers")]
    public sealed class GetClbLoadBalancerCommand : ClbCmdlet
    {
        /// <summary><para type="description">Load balancer ids (lb-xxxxxxxx). Any number; they are sent 20 per call.</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[]? LoadBalancerId { get; set; }

        /// <summary><para type="description">The load balancer name; wildcards (*, ?) are matched here, an exact name by the service.</para></summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateLength(1, 80)]
        public string? Name { get; set; }

        /// <summary><para type="description">OPEN for public network load balancers, INTERNAL for private network ones.</para></summary>
        [Parameter]
        [ValidateSet("OPEN", "INTERNAL")]
        public string? LoadBalancerType { get; set; }

        /// <summary><para type="description">Virtual IP addresses of the load balancers.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Vip { get; set; }

        /// <summary><para type="description">The VPC the load balancers are in (vpc-xxxxxxxx).</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Vpc)]
        public string? VpcId { get; set; }

        /// <summary><para type="description">The project id.</para></summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? ProjectId { get; set; }

        /// <summary><para type="description">Tags to match, as a hashtable of key = value (sent as tag:key filters).</para></summary>
        [Parameter]
        public Hashtable? Tag { get; set; }

        /// <summary><para type="description">Raw API filters as hashtables: @{ Name = 'internet-charge-type'; Values = 'TRAFFIC_POSTPAID_BY_HOUR' }.</para></summary>
        [Parameter]
        public Hashtable[]? Filter { get; set; }

        protected override void ProcessRecord()
        {
            var query = new DescribeLoadBalancersRequest
            {
                LoadBalancerIds = LoadBalancerId?.ToList(),
                LoadBalancerType = LoadBalancerType,
                LoadBalancerVips = Vip?.ToList(),
                VpcId = VpcId,
                ProjectId = ProjectId,
                Filters = BuildFilters(),
            };
            if (query.Filters != null && query.Filters.Count > 10)
                RefuseParameter("Filter", "at most 10 filters (tags included) can be sent in one request.");
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var pages = LoadBalancerOperations.ListAsync(client, query, Name, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, LoadBalancerId);
        }

        private List<Filter>? BuildFilters()
        {
            var filters = new List<Filter>();
            if (Tag != null)
                foreach (DictionaryEntry entry in Tag)
                    filters.Add(new Filter { Name = "tag:" + entry.Key, Values = Values(entry.Value, "Tag") });
            if (Filter != null)
                foreach (var raw in Filter)
                {
                    var name = raw["Name"] as string ?? (raw["Name"] is PSObject ps ? ps.BaseObject as string : null);
                    if (string.IsNullOrWhiteSpace(name) || !raw.ContainsKey("Values"))
                        RefuseParameter("Filter", "each filter is a hashtable with a Name (string) and Values (one or more strings).");
                    filters.Add(new Filter { Name = name, Values = Values(raw["Values"], "Filter") });
                }
            return filters.Count > 0 ? filters : null;
        }

        private List<string> Values(object? value, string parameter)
        {
            var values = LanguagePrimitives.GetEnumerable(value) is IEnumerable many && !(value is string)
                ? many.Cast<object?>().Select(v => v?.ToString() ?? "").ToList()
                : new List<string> { value?.ToString() ?? "" };
            if (values.Count == 0 || values.Count > 100 || values.Any(string.IsNullOrEmpty))
                RefuseParameter(parameter, "each filter needs 1 to 100 non-empty values.");
            return values;
        }
    }
}
