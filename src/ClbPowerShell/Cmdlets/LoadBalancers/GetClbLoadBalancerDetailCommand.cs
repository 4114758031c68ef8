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
    /// <para type="synopsis">Gets load balancer details flattened with their listeners, rules and targets, page by page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbLoadBalancerDetail", SupportsPaging = true)]
    [OutputType(typeof(LoadBalancerDetail))]
    [ClbApiAction("DescribeLoadBalancersDetail")]
    public sealed class GetClbLoadBalancerDetailCommand : ClbCmdlet
    {
        /// <summary><para type="description">Load balancer ids (lb-xxxxxxxx), sent as the loadbalancer-id filter (up to 100).</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        [ValidateCount(1, 100)]
        public string[]? LoadBalancerId { get; set; }

        /// <summary><para type="description">The LoadBalancerDetail fields to return (LoadBalancerId and LoadBalancerName always come back). Every field when omitted. Naming listener fields (ListenerId, Protocol, Port, ...) gives one row per listener or rule, target fields (TargetId, TargetAddress, ...) one row per target.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DetailFieldCompleter))]
        public string[]? Field { get; set; }

        /// <summary><para type="description">NODE for targets bound directly, GROUP for targets in target groups; matters only with target fields (NODE when omitted).</para></summary>
        [Parameter]
        [ValidateSet("NODE", "GROUP")]
        public string? TargetType { get; set; }

        /// <summary><para type="description">Tags to match, as a hashtable of key = value (sent as tag:key filters).</para></summary>
        [Parameter]
        public Hashtable? Tag { get; set; }

        /// <summary><para type="description">Raw API filters as hashtables: @{ Name = 'vip'; Values = '10.0.0.5' }. Names: loadbalancer-id, project-id, network, vip, target-ip, vpcid, zone, tag-key, tag:KEY, fuzzy-search.</para></summary>
        [Parameter]
        public Hashtable[]? Filter { get; set; }

        protected override void ProcessRecord()
        {
            if (Field != null)
            {
                var unknown = Field.FirstOrDefault(f => !LoadBalancerOperations.AllDetailFields.Contains(f));
                if (unknown != null) RefuseParameter("Field", "'" + unknown + "' is not a LoadBalancerDetail field; use one of " + string.Join(", ", LoadBalancerOperations.AllDetailFields) + ".", unknown);
            }
            var filters = BuildFilters();
            if (filters.Count > 10) RefuseParameter("Filter", "at most 10 filters (ids and tags included) in one request.");
            var query = new DescribeLoadBalancersDetailRequest
            {
                Fields = Field?.Distinct().ToList(),
                TargetType = TargetType,
                Filters = filters.Count > 0 ? filters : null,
            };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var pages = LoadBalancerOperations.ListDetailsAsync(client, query, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, LoadBalancerId);
        }

        private List<Filter> BuildFilters()
        {
            var filters = new List<Filter>();
            if (LoadBalancerId != null) filters.Add(new Filter { Name = "loadbalancer-id", Values = LoadBalancerId.Distinct().ToList() });
            if (Tag != null)
                foreach (DictionaryEntry entry in Tag)
                    filters.Add(new Filter { Name = "tag:" + entry.Key, Values = Values(entry.Value, "Tag") });
            if (Filter != null)
                foreach (var raw in Filter)
                {
                    var name = raw["Name"] is PSObject ps ? ps.BaseObject as string : raw["Name"] as string;
                    if (string.IsNullOrWhiteSpace(name) || !raw.ContainsKey("Values"))
                        RefuseParameter("Filter", "each filter is a hashtable with a Name (string) and Values (one or more strings).");
                    filters.Add(new Filter { Name = name, Values = Values(raw["Values"], "Filter") });
                }
            return filters;
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

        /// <summary>Completes -Field with the LoadBalancerDetail field names.</summary>
        public sealed class DetailFieldCompleter : IArgumentCompleter
        {
            public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
                System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
            {
                var match = new WildcardPattern((wordToComplete ?? "") + "*", WildcardOptions.IgnoreCase);
                return LoadBalancerOperations.AllDetailFields.Where(match.IsMatch).Select(f => new CompletionResult(f));
            }
        }
    }
}
