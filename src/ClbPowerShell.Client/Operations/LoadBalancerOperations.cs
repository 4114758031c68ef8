using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>Load balancer work that takes more than one call: id chunking, paging, wildcard names, idempotent create.</summary>
    public static class LoadBalancerOperations
    {
        /// <summary>DescribeLoadBalancers takes at most 20 ids per call.</summary>
        public const int MaxIdsPerCall = 20;
        /// <summary>The documented maximum Limit, so listings take as few calls as possible.</summary>
        public const int PageSize = 100;

        /// <summary>
        /// Lists load balancers matching <paramref name="query"/>. Ids beyond 20 are split over several calls;
        /// a wildcard <paramref name="namePattern"/> is applied here, an exact name by the service.
        /// Each item gets the client's Region.
        /// </summary>
        public static IAsyncEnumerable<Page<LoadBalancer>> ListAsync(ClbClient client, DescribeLoadBalancersRequest query, string? namePattern,
            long skip, long? first, CancellationToken cancellationToken)
        {
            var wildcard = Wildcard.HasWildcards(namePattern);
            if (namePattern != null && !wildcard) query.LoadBalancerName = namePattern;

            IAsyncEnumerable<Page<LoadBalancer>> Listing(List<string>? ids, long s, long? f) =>
                Pager.PagesAsync<LoadBalancer>(async (offset, limit, ct) =>
                {
                    var request = Copy(query);
                    request.LoadBalancerIds = ids;
                    request.Offset = offset;
                    request.Limit = limit;
                    var response = await client.InvokeAsync<DescribeLoadBalancersResponse>("DescribeLoadBalancers", request, ct).ConfigureAwait(false);
                    var items = response.LoadBalancerSet ?? new List<LoadBalancer>();
                    foreach (var lb in items) lb.Region = client.Region;
                    return new Page<LoadBalancer>(items, response.TotalCount ?? items.Count);
                }, s, f, PageSize, cancellationToken);

            var ids = query.LoadBalancerIds?.Distinct(StringComparer.Ordinal).ToList();
            var needsLocalFilter = wildcard || (ids != null && ids.Count > MaxIdsPerCall);
            IAsyncEnumerable<Page<LoadBalancer>> source = ids != null && ids.Count > MaxIdsPerCall
                ? Pager.ConcatAsync(Chunk(ids, MaxIdsPerCall).Select(chunk => Listing(chunk, 0, null)), cancellationToken)
                : Listing(ids, needsLocalFilter ? 0 : skip, needsLocalFilter ? null : first);
            if (!needsLocalFilter) return source;
            var match = wildcard ? Wildcard.Matcher(namePattern!) : (_ => true);
            return Pager.FilterAsync(source, lb => match(lb.LoadBalancerName), skip, first, cancellationToken);
        }

        /// <summary>One load balancer by id, or null when it does not exist.</summary>
        public static async Task<LoadBalancer?> GetAsync(ClbClient client, string loadBalancerId, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync<DescribeLoadBalancersResponse>("DescribeLoadBalancers",
                new DescribeLoadBalancersRequest { LoadBalancerIds = new List<string> { loadBalancerId } }, cancellationToken).ConfigureAwait(false);
            var lb = response.LoadBalancerSet?.FirstOrDefault(x => x.LoadBalancerId == loadBalancerId);
            if (lb != null) lb.Region = client.Region;
            return lb;
        }

        /// <summary>
        /// Creates load balancers. A ClientToken is added when the caller gave none, so a create retried after
        /// an ambiguous failure (timeout, dropped connection) returns the same instances instead of making more.
        /// </summary>
        public static async Task<(ClbTask Task, CreateLoadBalancerResponse Response)> CreateAsync(ClbClient client, CreateLoadBalancerRequest request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.ClientToken)) request.ClientToken = Guid.NewGuid().ToString("N");
            CreateLoadBalancerResponse response;
            try
            {
                response = await client.InvokeAsync<CreateLoadBalancerResponse>("CreateLoadBalancer", request, cancellationToken).ConfigureAwait(false);
            }
            catch (ClbException ex) when (ex is ClbTransportException || (ex is ClbApiException api && Transport.RetryPolicy.IsServerFault(api.Code)))
            {
                // The create may have happened: asking again with the same ClientToken is safe and tells us.
                response = await client.InvokeAsync<CreateLoadBalancerResponse>("CreateLoadBalancer", request, cancellationToken).ConfigureAwait(false);
            }
            var ids = response.LoadBalancerIds ?? new List<string>();
            var task = ClbTasks.Started(client, "CreateLoadBalancer", response.RequestId ?? "", ids.Count == 1 ? ids[0] : null);
            task.LoadBalancerIds = ids.ToArray();
            return (task, response);
        }

        private static DescribeLoadBalancersRequest Copy(DescribeLoadBalancersRequest source) =>
            System.Text.Json.JsonSerializer.Deserialize<DescribeLoadBalancersRequest>(
                System.Text.Json.JsonSerializer.Serialize(source, ClbJson.Options), ClbJson.Options)!;

        internal static IEnumerable<List<T>> Chunk<T>(IReadOnlyList<T> items, int size)
        {
            for (var i = 0; i < items.Count; i += size)
                yield return items.Skip(i).Take(size).ToList();
        }
    }
}
