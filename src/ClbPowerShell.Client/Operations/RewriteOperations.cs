using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>Redirects between layer-7 rules: listing (flattened), manual and automatic creation, and grouped deletion.</summary>
    public static class RewriteOperations
    {
        /// <summary>ManualRewrite and DeleteRewrite take at most 100 location pairs per call.</summary>
        public const int MaxMapsPerCall = 100;
        /// <summary>DescribeRewrite takes at most 100 source listener or location ids per call.</summary>
        public const int MaxIdsPerCall = 100;

        /// <summary>
        /// The redirects of a load balancer, optionally only those from the given listeners and rules. The service filters;
        /// more than 100 ids of either kind are asked for in several calls. Rules without a redirect target are left out.
        /// </summary>
        public static async Task<List<ClbRewrite>> ListAsync(ClbClient client, string loadBalancerId, IReadOnlyCollection<string>? sourceListenerIds,
            IReadOnlyCollection<string>? sourceLocationIds, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(loadBalancerId)) throw new ArgumentException("A load balancer id is required.", nameof(loadBalancerId));
            var listeners = Chunks(sourceListenerIds);
            var locations = Chunks(sourceLocationIds);
            var result = new List<ClbRewrite>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var listenerChunk in listeners)
                foreach (var locationChunk in locations)
                {
                    var response = await client.InvokeAsync<DescribeRewriteResponse>("DescribeRewrite", new DescribeRewriteRequest
                    {
                        LoadBalancerId = loadBalancerId,
                        SourceListenerIds = listenerChunk,
                        SourceLocationIds = locationChunk,
                    }, cancellationToken).ConfigureAwait(false);
                    foreach (var rewrite in Flatten(client.Region, loadBalancerId, response.RewriteSet ?? new List<RuleOutput>()))
                        if (seen.Add(rewrite.SourceLocationId + ">" + rewrite.TargetLocationId)) result.Add(rewrite);
                }
            return result;
        }

        /// <summary>DescribeRewrite's rules as redirects: one per rule that has a RewriteTarget with a target rule.</summary>
        public static IEnumerable<ClbRewrite> Flatten(string? region, string loadBalancerId, IEnumerable<RuleOutput> rules)
        {
            foreach (var rule in rules)
            {
                var target = rule.RewriteTarget;
                if (target == null || string.IsNullOrEmpty(target.TargetLocationId) || string.IsNullOrEmpty(rule.LocationId)) continue;
                yield return new ClbRewrite
                {
                    Region = region,
                    LoadBalancerId = loadBalancerId,
                    SourceListenerId = rule.ListenerId ?? "",
                    SourceLocationId = rule.LocationId!,
                    TargetListenerId = target.TargetListenerId ?? "",
                    TargetLocationId = target.TargetLocationId!,
                    Domain = rule.Domain,
                    Url = rule.Url,
                    RewriteCode = target.RewriteCode,
                    TakeUrl = target.TakeUrl,
                    RewriteType = target.RewriteType,
                };
            }
        }

        /// <summary>
        /// ManualRewrite, 100 pairs per call, then the redirects it made (read back with DescribeRewrite by source rule).
        /// A failing call stops the rest: the pairs of earlier calls stay in place, and the exception says which call failed.
        /// </summary>
        public static async Task<List<ClbRewrite>> CreateManualAsync(ClbClient client, ManualRewriteRequest request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.LoadBalancerId) || string.IsNullOrEmpty(request.SourceListenerId) || string.IsNullOrEmpty(request.TargetListenerId))
                throw new ArgumentException("LoadBalancerId, SourceListenerId and TargetListenerId are required.", nameof(request));
            var maps = request.RewriteInfos ?? new List<RewriteLocationMap>();
            if (maps.Count == 0) throw new ArgumentException("At least one source/target location pair is required.", nameof(request));
            foreach (var chunk in LoadBalancerOperations.Chunk(maps, MaxMapsPerCall))
            {
                await client.InvokeAsync<ManualRewriteResponse>("ManualRewrite", new ManualRewriteRequest
                {
                    LoadBalancerId = request.LoadBalancerId,
                    SourceListenerId = request.SourceListenerId,
                    TargetListenerId = request.TargetListenerId,
                    RewriteInfos = chunk,
                }, cancellationToken).ConfigureAwait(false);
            }
            var sources = maps.Select(m => m.SourceLocationId ?? "").Distinct(StringComparer.Ordinal).ToList();
            return await ListAsync(client, request.LoadBalancerId!, new[] { request.SourceListenerId! }, sources, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// AutoRewrite (HTTP:80 redirected to the HTTPS listener's rules, the HTTP listener and rules made when missing), then the
        /// redirects that now lead to the HTTPS listener, narrowed to <c>Domains</c> when the request names them.
        /// </summary>
        public static async Task<List<ClbRewrite>> CreateAutoAsync(ClbClient client, AutoRewriteRequest request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.LoadBalancerId) || string.IsNullOrEmpty(request.ListenerId))
                throw new ArgumentException("LoadBalancerId and ListenerId are required.", nameof(request));
            await client.InvokeAsync<AutoRewriteResponse>("AutoRewrite", request, cancellationToken).ConfigureAwait(false);
            var all = await ListAsync(client, request.LoadBalancerId!, null, null, cancellationToken).ConfigureAwait(false);
            var domains = request.Domains is { Count: > 0 } ? new HashSet<string>(request.Domains, StringComparer.OrdinalIgnoreCase) : null;
            return all.Where(r => r.TargetListenerId == request.ListenerId && (domains == null || (r.Domain != null && domains.Contains(r.Domain)))).ToList();
        }

        /// <summary>
        /// Groups redirects for DeleteRewrite: one group per load balancer, source listener and target listener (the call names
        /// one of each), split at 100 pairs; duplicates dropped; first-seen order kept.
        /// </summary>
        public static List<RewriteDeleteGroup> GroupForDelete(IEnumerable<ClbRewrite> rewrites)
        {
            var groups = new List<RewriteDeleteGroup>();
            var index = new Dictionary<string, List<ClbRewrite>>(StringComparer.Ordinal);
            var order = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in rewrites)
            {
                if (!seen.Add(r.LoadBalancerId + "|" + r.SourceListenerId + "|" + r.SourceLocationId + "|" + r.TargetListenerId + "|" + r.TargetLocationId)) continue;
                var key = r.LoadBalancerId + "|" + r.SourceListenerId + "|" + r.TargetListenerId;
                if (!index.TryGetValue(key, out var list)) { index[key] = list = new List<ClbRewrite>(); order.Add(key); }
                list.Add(r);
            }
            foreach (var key in order)
                foreach (var chunk in LoadBalancerOperations.Chunk(index[key], MaxMapsPerCall))
                    groups.Add(new RewriteDeleteGroup(chunk));
            return groups;
        }

        /// <summary>One DeleteRewrite call for a group made by <see cref="GroupForDelete"/>.</summary>
        public static async Task DeleteAsync(ClbClient client, RewriteDeleteGroup group, CancellationToken cancellationToken)
        {
            var first = group.Rewrites[0];
            await client.InvokeAsync<DeleteRewriteResponse>("DeleteRewrite", new DeleteRewriteRequest
            {
                LoadBalancerId = first.LoadBalancerId,
                SourceListenerId = first.SourceListenerId,
                TargetListenerId = first.TargetListenerId,
                RewriteInfos = group.Rewrites.Select(r => new RewriteLocationMap { SourceLocationId = r.SourceLocationId, TargetLocationId = r.TargetLocationId }).ToList(),
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Deletes redirects, one DeleteRewrite call per group; every group is sent even when an earlier one failed.
        /// Returns each group with its error (null when it was deleted).
        /// </summary>
        public static async Task<List<(RewriteDeleteGroup Group, ClbException? Error)>> DeleteAsync(ClbClient client, IEnumerable<ClbRewrite> rewrites,
            CancellationToken cancellationToken)
        {
            var results = new List<(RewriteDeleteGroup, ClbException?)>();
            foreach (var group in GroupForDelete(rewrites))
            {
                try
                {
                    await DeleteAsync(client, group, cancellationToken).ConfigureAwait(false);
                    results.Add((group, null));
                }
                catch (ClbException ex)
                {
                    results.Add((group, ex));
                }
            }
            return results;
        }

        private static List<List<string>?> Chunks(IReadOnlyCollection<string>? ids)
        {
            var distinct = ids?.Where(i => !string.IsNullOrEmpty(i)).Distinct(StringComparer.Ordinal).ToList();
            return distinct is { Count: > 0 }
                ? LoadBalancerOperations.Chunk(distinct, MaxIdsPerCall).Select(c => (List<string>?)c).ToList()
                : new List<List<string>?> { null };
        }
    }

    /// <summary>Redirects deleted by one DeleteRewrite call: same load balancer, source listener and target listener.</summary>
    public sealed class RewriteDeleteGroup
    {
        public RewriteDeleteGroup(IReadOnlyList<ClbRewrite> rewrites) { Rewrites = rewrites; }
        public IReadOnlyList<ClbRewrite> Rewrites { get; }
        public string LoadBalancerId => Rewrites[0].LoadBalancerId;
        public string SourceListenerId => Rewrites[0].SourceListenerId;
        public string TargetListenerId => Rewrites[0].TargetListenerId;
        public override string ToString() => string.Join(", ", Rewrites.Select(r => r.ToString()));
    }
}
