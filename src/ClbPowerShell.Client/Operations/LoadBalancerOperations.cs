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

        /// <summary>Every field of LoadBalancerDetail: what DescribeLoadBalancersDetail returns when the caller names none
        /// (the service returns only the id and name for an empty field list).</summary>
        public static readonly IReadOnlyList<string> AllDetailFields = typeof(LoadBalancerDetail).GetProperties()
            .Where(p => p.Name != nameof(LoadBalancerDetail.ExtensionData) && p.Name != nameof(LoadBalancerDetail.Region))
            .Select(p => p.Name).ToArray();

        /// <summary>
        /// Lists load balancer details (one row per load balancer, listener, rule or target, depending on the fields),
        /// page by page. When <paramref name="query"/> names no fields every field is asked for. Each row gets the client's Region.
        /// </summary>
        public static IAsyncEnumerable<Page<LoadBalancerDetail>> ListDetailsAsync(ClbClient client, DescribeLoadBalancersDetailRequest query,
            long skip, long? first, CancellationToken cancellationToken)
        {
            var fields = query.Fields != null && query.Fields.Count > 0 ? query.Fields : AllDetailFields.ToList();
            var targetType = query.TargetType ?? (fields.Any(f => f.StartsWith("Target", StringComparison.Ordinal)) ? "NODE" : null);
            return Pager.PagesAsync<LoadBalancerDetail>(async (offset, limit, ct) =>
            {
                var request = new DescribeLoadBalancersDetailRequest
                {
                    Fields = fields,
                    TargetType = targetType,
                    Filters = query.Filters,
                    Offset = offset,
                    Limit = limit,
                };
                var response = await client.InvokeAsync<DescribeLoadBalancersDetailResponse>("DescribeLoadBalancersDetail", request, ct).ConfigureAwait(false);
                var items = response.LoadBalancerDetailSet ?? new List<LoadBalancerDetail>();
                foreach (var row in items) row.Region = client.Region;
                return new Page<LoadBalancerDetail>(items, response.TotalCount ?? items.Count);
            }, skip, first, PageSize, cancellationToken);
        }

        /// <summary>Several load balancers by id (20 per call), in no guaranteed order; missing ids are left out.</summary>
        public static async Task<IReadOnlyList<LoadBalancer>> GetManyAsync(ClbClient client, IReadOnlyList<string> loadBalancerIds, CancellationToken cancellationToken)
        {
            var found = new List<LoadBalancer>();
            if (loadBalancerIds.Count == 0) return found;
            var query = new DescribeLoadBalancersRequest { LoadBalancerIds = loadBalancerIds.ToList() };
            await foreach (var page in ListAsync(client, query, null, 0, null, cancellationToken).ConfigureAwait(false))
                found.AddRange(page.Items);
            return found;
        }

        /// <summary>ModifyLoadBalancerAttributes: starts the change and returns its task (ResourceId = the load balancer).</summary>
        public static async Task<ClbTask> ModifyAsync(ClbClient client, ModifyLoadBalancerAttributesRequest request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.LoadBalancerId)) throw new ArgumentException("LoadBalancerId is required.", nameof(request));
            var response = await client.InvokeAsync<ModifyLoadBalancerAttributesResponse>("ModifyLoadBalancerAttributes", request, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "ModifyLoadBalancerAttributes", Required(response.RequestId, "ModifyLoadBalancerAttributes"),
                request.LoadBalancerId, request.LoadBalancerId);
        }

        /// <summary>DeleteLoadBalancer takes at most 20 ids per call.</summary>
        public const int MaxDeleteIdsPerCall = 20;

        /// <summary>
        /// Deletes load balancers, <see cref="MaxDeleteIdsPerCall"/> ids per call (duplicates dropped). Every chunk is sent
        /// even when an earlier one failed; the outcome of each chunk (its task or its error) is returned in order.
        /// </summary>
        public static Task<IReadOnlyList<ChunkResult>> DeleteAsync(ClbClient client, IReadOnlyList<string> loadBalancerIds, CancellationToken cancellationToken) =>
            ChunkedCalls.RunAsync(loadBalancerIds, MaxDeleteIdsPerCall, async (chunk, ct) =>
            {
                var response = await client.InvokeAsync<DeleteLoadBalancerResponse>("DeleteLoadBalancer",
                    new DeleteLoadBalancerRequest { LoadBalancerIds = chunk }, ct).ConfigureAwait(false);
                var task = ClbTasks.Started(client, "DeleteLoadBalancer", Required(response.RequestId, "DeleteLoadBalancer"),
                    chunk.Count == 1 ? chunk[0] : null, chunk.Count == 1 ? chunk[0] : null);
                task.LoadBalancerIds = chunk.ToArray();
                return task;
            }, cancellationToken);

        /// <summary>
        /// CloneLoadBalancer: starts the copy and returns its task. The response names no new id; once the task has been
        /// refreshed (TaskWaiter), <see cref="CloneIds"/> gives the copies.
        /// </summary>
        public static async Task<ClbTask> CloneAsync(ClbClient client, CloneLoadBalancerRequest request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.LoadBalancerId)) throw new ArgumentException("LoadBalancerId is required.", nameof(request));
            var response = await client.InvokeAsync<CloneLoadBalancerResponse>("CloneLoadBalancer", request, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "CloneLoadBalancer", Required(response.RequestId, "CloneLoadBalancer"), request.LoadBalancerId);
        }

        /// <summary>The load balancers a finished clone task made: the task's ids other than the source.</summary>
        public static IReadOnlyList<string> CloneIds(ClbTask task, string sourceLoadBalancerId) =>
            (task.LoadBalancerIds ?? new string[0]).Where(id => id != sourceLoadBalancerId).Distinct(StringComparer.Ordinal).ToList();

        internal static string Required(string? requestId, string action) =>
            string.IsNullOrEmpty(requestId)
                ? throw new ClbProtocolException(action + " was accepted but returned no RequestId to follow the task by.", null) { Action = action }
                : requestId!;

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
