using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// Customized configurations (SetCustomizedConfigForLoadBalancer, DescribeCustomizedConfigList,
    /// DescribeCustomizedConfigAssociateList). SetCustomizedConfigForLoadBalancer makes CLB-level configurations only.
    /// </summary>
    public static class ConfigOperations
    {
        /// <summary>Limit sent per list call.</summary>
        public const int PageSize = 100;
        /// <summary>Configuration ids sent per DescribeCustomizedConfigList call.</summary>
        public const int MaxIdsPerCall = 100;
        /// <summary>Load balancers per BIND / UNBIND call.</summary>
        public const int MaxLoadBalancersPerBindingCall = 20;
        /// <summary>The configuration types DescribeCustomizedConfigList knows.</summary>
        public static readonly IReadOnlyList<string> ConfigTypes = new[] { "CLB", "SERVER", "LOCATION" };

        /// <summary>
        /// DescribeCustomizedConfigList page by page. <paramref name="query"/> must carry ConfigType; more than 100
        /// UconfigIds are sent 100 per call and -Skip/-First applied over the whole. Each item gets the client's Region.
        /// </summary>
        public static IAsyncEnumerable<Page<ConfigListItem>> ListAsync(ClbClient client, DescribeCustomizedConfigListRequest query,
            long skip, long? first, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(query.ConfigType)) throw new ArgumentException("ConfigType is required.", nameof(query));

            IAsyncEnumerable<Page<ConfigListItem>> Listing(List<string>? ids, long s, long? f) =>
                Pager.PagesAsync<ConfigListItem>(async (offset, limit, ct) =>
                {
                    var request = new DescribeCustomizedConfigListRequest
                    {
                        ConfigType = query.ConfigType,
                        ConfigName = query.ConfigName,
                        UconfigIds = ids,
                        Filters = query.Filters,
                        Offset = offset,
                        Limit = limit,
                    };
                    var response = await client.InvokeAsync<DescribeCustomizedConfigListResponse>("DescribeCustomizedConfigList", request, ct).ConfigureAwait(false);
                    var items = response.ConfigList ?? new List<ConfigListItem>();
                    foreach (var c in items) c.Region = client.Region;
                    return new Page<ConfigListItem>(items, response.TotalCount ?? items.Count);
                }, s, f, PageSize, cancellationToken);

            var ids = query.UconfigIds?.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            if (ids == null || ids.Count <= MaxIdsPerCall) return Listing(ids, skip, first);
            var all = Pager.ConcatAsync(LoadBalancerOperations.Chunk(ids, MaxIdsPerCall).Select(chunk => Listing(chunk, 0, null)), cancellationToken);
            return Pager.FilterAsync(all, _ => true, skip, first, cancellationToken);
        }

        /// <summary>One configuration by id, or null when the service does not know it (as the given type).</summary>
        public static async Task<ConfigListItem?> GetAsync(ClbClient client, string configId, CancellationToken cancellationToken, string configType = "CLB")
        {
            var query = new DescribeCustomizedConfigListRequest { ConfigType = configType, UconfigIds = new List<string> { configId } };
            await foreach (var page in ListAsync(client, query, 0, 1, cancellationToken).ConfigureAwait(false))
                return page.Items.FirstOrDefault(c => c.UconfigId == configId);
            return null;
        }

        /// <summary>DescribeCustomizedConfigAssociateList page by page (every configuration when <paramref name="configId"/> is null).
        /// Each row gets the client's Region.</summary>
        public static IAsyncEnumerable<Page<BindDetailItem>> ListAssociationsAsync(ClbClient client, string? configId, string? domain,
            long skip, long? first, CancellationToken cancellationToken) =>
            Pager.PagesAsync<BindDetailItem>(async (offset, limit, ct) =>
            {
                var response = await client.InvokeAsync<DescribeCustomizedConfigAssociateListResponse>("DescribeCustomizedConfigAssociateList",
                    new DescribeCustomizedConfigAssociateListRequest { UconfigId = configId, Domain = domain, Offset = offset, Limit = limit }, ct).ConfigureAwait(false);
                var items = response.BindList ?? new List<BindDetailItem>();
                foreach (var b in items) b.Region = client.Region;
                return new Page<BindDetailItem>(items, response.TotalCount ?? items.Count);
            }, skip, first, PageSize, cancellationToken);

        /// <summary>ADD: makes a CLB configuration and returns its id.</summary>
        public static async Task<string> CreateAsync(ClbClient client, string name, string content, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("A configuration name is required.", nameof(name));
            if (content == null) throw new ArgumentNullException(nameof(content));
            var response = await Set(client, new SetCustomizedConfigForLoadBalancerRequest { OperationType = "ADD", ConfigName = name, ConfigContent = content }, cancellationToken).ConfigureAwait(false);
            return response.ConfigId ?? throw new ClbProtocolException("SetCustomizedConfigForLoadBalancer (ADD) returned no ConfigId.", null) { Action = "SetCustomizedConfigForLoadBalancer" };
        }

        /// <summary>UPDATE: renames and/or rewrites a configuration (at least one of the two).</summary>
        public static async Task UpdateAsync(ClbClient client, string configId, string? name, string? content, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(configId)) throw new ArgumentException("A configuration id is required.", nameof(configId));
            if (name == null && content == null) throw new ArgumentException("A new name or content is required.", nameof(content));
            await Set(client, new SetCustomizedConfigForLoadBalancerRequest { OperationType = "UPDATE", UconfigId = configId, ConfigName = name, ConfigContent = content }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>DELETE: removes a configuration.</summary>
        public static async Task DeleteAsync(ClbClient client, string configId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(configId)) throw new ArgumentException("A configuration id is required.", nameof(configId));
            await Set(client, new SetCustomizedConfigForLoadBalancerRequest { OperationType = "DELETE", UconfigId = configId }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// BIND / UNBIND: attaches a configuration to (or detaches it from) load balancers, 20 per call, duplicates dropped.
        /// Every chunk is sent even when an earlier one failed; each chunk's outcome is returned in order (Task is always null).
        /// </summary>
        public static Task<IReadOnlyList<ChunkResult>> SetBindingAsync(ClbClient client, string configId, bool bind,
            IReadOnlyList<string> loadBalancerIds, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(configId)) throw new ArgumentException("A configuration id is required.", nameof(configId));
            return ChunkedCalls.RunAsync(loadBalancerIds, MaxLoadBalancersPerBindingCall, async (chunk, ct) =>
            {
                await Set(client, new SetCustomizedConfigForLoadBalancerRequest
                {
                    OperationType = bind ? "BIND" : "UNBIND",
                    UconfigId = configId,
                    LoadBalancerIds = chunk,
                }, ct).ConfigureAwait(false);
                return null;
            }, cancellationToken);
        }

        private static Task<SetCustomizedConfigForLoadBalancerResponse> Set(ClbClient client, SetCustomizedConfigForLoadBalancerRequest request, CancellationToken cancellationToken) =>
            client.InvokeAsync<SetCustomizedConfigForLoadBalancerResponse>("SetCustomizedConfigForLoadBalancer", request, cancellationToken);
    }
}
