using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>What Get-ClbTarget asks for: one load balancer, optionally narrowed.</summary>
    public sealed class TargetQuery
    {
        public string LoadBalancerId { get; set; } = "";
        /// <summary>Listener ids; any number (sent 20 per call).</summary>
        public IReadOnlyList<string>? ListenerIds { get; set; }
        public string? Protocol { get; set; }
        /// <summary>The listener port.</summary>
        public long? Port { get; set; }
        /// <summary>One layer-7 rule (filter location-id).</summary>
        public string? LocationId { get; set; }
        /// <summary>Backend private IPs (filter private-ip-address).</summary>
        public IReadOnlyList<string>? PrivateIps { get; set; }
        /// <summary>CVM instance ids; the API has no such filter, so they are matched here.</summary>
        public IReadOnlyList<string>? InstanceIds { get; set; }
    }

    /// <summary>What Get-ClbCrossTarget asks for (each list becomes one filter; null = not filtered).</summary>
    public sealed class CrossTargetQuery
    {
        public IReadOnlyList<string>? VpcIds { get; set; }
        public IReadOnlyList<string>? Ips { get; set; }
        public IReadOnlyList<string>? ListenerIds { get; set; }
        public IReadOnlyList<string>? LocationIds { get; set; }
    }

    /// <summary>What Find-ClbTargetBinding looks for.</summary>
    public sealed class TargetBindingQuery
    {
        /// <summary>CVM instance ids. Their private IPs are looked up first (DescribeLoadBalancersDetail).</summary>
        public IReadOnlyList<string>? InstanceIds { get; set; }
        /// <summary>Private IPs of CVMs or ENIs.</summary>
        public IReadOnlyList<string>? PrivateIps { get; set; }
        /// <summary>The VPC the IPs are in; when null every VPC holding a load balancer in the region is asked.</summary>
        public string? VpcId { get; set; }
    }

    /// <summary>The bindings Find-ClbTargetBinding found, and the instance ids no load balancer knows.</summary>
    public sealed class TargetBindingResult
    {
        public List<ClbTarget> Bindings { get; } = new List<ClbTarget>();
        /// <summary>Instance ids that are not bound to any load balancer in the region.</summary>
        public List<string> UnboundInstanceIds { get; } = new List<string>();
    }

    /// <summary>
    /// The read side of targets: DescribeTargets, DescribeTargetHealth, DescribeCrossTargets and DescribeLBListeners,
    /// each flattened to one object per backend binding that carries everything needed to act on it again.
    /// </summary>
    public static class TargetQueryOperations
    {
        /// <summary>DescribeTargets takes at most 20 listener ids per call.</summary>
        public const int MaxListenerIdsPerCall = 20;
        /// <summary>DescribeTargetHealth takes at most 20 load balancer ids per call.</summary>
        public const int MaxLoadBalancerIdsPerCall = 20;
        /// <summary>Backends (VPC + IP pairs) sent per DescribeLBListeners call.</summary>
        public const int MaxBackendsPerCall = 20;
        /// <summary>DescribeCrossTargets' documented maximum Limit.</summary>
        public const int CrossTargetPageSize = 100;
        /// <summary>DescribeLoadBalancersDetail's documented maximum Limit.</summary>
        public const int DetailPageSize = 100;

        // ---------------------------------------------------------------- DescribeTargets

        /// <summary>
        /// The targets of one load balancer, one object per binding. Listener ids beyond 20 are split over
        /// several calls; instance ids (which the API cannot filter by) are matched here.
        /// </summary>
        public static async Task<List<ClbTarget>> ListAsync(ClbClient client, TargetQuery query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(query.LoadBalancerId)) throw new ArgumentException("A load balancer id is required.", nameof(query));
            var filters = new List<Filter>();
            if (!string.IsNullOrEmpty(query.LocationId)) filters.Add(new Filter { Name = "location-id", Values = new List<string> { query.LocationId! } });
            var ips = query.PrivateIps?.Where(ip => !string.IsNullOrEmpty(ip)).Distinct(StringComparer.Ordinal).ToList();
            if (ips != null && ips.Count > 0) filters.Add(new Filter { Name = "private-ip-address", Values = ips });

            var listenerIds = query.ListenerIds?.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            var chunks = listenerIds != null && listenerIds.Count > 0
                ? LoadBalancerOperations.Chunk(listenerIds, MaxListenerIdsPerCall).ToList()
                : new List<List<string>> { null! };

            var result = new List<ClbTarget>();
            foreach (var chunk in chunks)
            {
                var request = new DescribeTargetsRequest
                {
                    LoadBalancerId = query.LoadBalancerId,
                    ListenerIds = chunk,
                    Protocol = query.Protocol,
                    Port = query.Port,
                    Filters = filters.Count > 0 ? filters : null,
                };
                var response = await client.InvokeAsync<DescribeTargetsResponse>("DescribeTargets", request, cancellationToken).ConfigureAwait(false);
                result.AddRange(Flatten(client.Region, query.LoadBalancerId, response.Listeners));
            }

            // The service applies these filters; applying them again keeps the answer right whatever it does with them.
            IEnumerable<ClbTarget> kept = result;
            if (!string.IsNullOrEmpty(query.LocationId)) kept = kept.Where(t => t.LocationId == query.LocationId);
            if (ips != null && ips.Count > 0) kept = kept.Where(t => HasIp(t, ips));
            var instances = query.InstanceIds?.Where(id => !string.IsNullOrEmpty(id)).ToList();
            if (instances != null && instances.Count > 0)
                kept = kept.Where(t => t.InstanceId != null && instances.Contains(t.InstanceId, StringComparer.OrdinalIgnoreCase));
            return kept.ToList();
        }

        /// <summary>Flattens a DescribeTargets answer: layer-4 listener targets and layer-7 rule targets alike.</summary>
        public static IEnumerable<ClbTarget> Flatten(string? region, string loadBalancerId, IEnumerable<ListenerBackend>? listeners)
        {
            if (listeners == null) yield break;
            foreach (var listener in listeners)
            {
                if (listener == null) continue;
                if (listener.Rules != null)
                    foreach (var rule in listener.Rules)
                    {
                        if (rule?.Targets == null) continue;
                        foreach (var backend in rule.Targets)
                            if (backend != null)
                                yield return FromBackend(region, loadBalancerId, listener, rule.LocationId, rule.Domain, rule.Url, backend);
                    }
                if (listener.Targets != null)
                    foreach (var backend in listener.Targets)
                        if (backend != null)
                            yield return FromBackend(region, loadBalancerId, listener, null, null, null, backend);
            }
        }

        /// <summary>
        /// One backend as a ClbTarget. A CVM keeps its InstanceId; an ENI or IP target has no instance id and is
        /// identified by its private IP (EniIp), which is what RegisterTargets/DeregisterTargets take for it.
        /// </summary>
        public static ClbTarget FromBackend(string? region, string loadBalancerId, ListenerBackend listener,
            string? locationId, string? domain, string? url, Backend backend)
        {
            var type = NormalizeType(backend.Type);
            var privateIps = backend.PrivateIpAddresses?.Where(ip => !string.IsNullOrEmpty(ip)).ToArray();
            var isEni = type == "ENI" || string.IsNullOrEmpty(backend.InstanceId);
            return new ClbTarget
            {
                Region = region,
                LoadBalancerId = loadBalancerId,
                ListenerId = listener.ListenerId ?? "",
                LocationId = NullIfEmpty(locationId),
                Domain = NullIfEmpty(domain),
                Url = NullIfEmpty(url),
                Protocol = listener.Protocol,
                ListenerPort = listener.Port,
                Type = type ?? (isEni ? "ENI" : "CVM"),
                InstanceId = isEni ? null : backend.InstanceId,
                EniIp = isEni ? privateIps?.FirstOrDefault() : null,
                Port = backend.Port ?? 0,
                Weight = backend.Weight,
                InstanceName = NullIfEmpty(backend.InstanceName),
                PrivateIpAddresses = privateIps,
                PublicIpAddresses = backend.PublicIpAddresses?.Where(ip => !string.IsNullOrEmpty(ip)).ToArray(),
                RegisteredTime = NullIfEmpty(backend.RegisteredTime),
                EniId = NullIfEmpty(backend.EniId),
            };
        }

        // ---------------------------------------------------------------- DescribeTargetHealth

        /// <summary>
        /// The health of every backend of the given load balancers (20 ids per call), one object per backend binding.
        /// When a call for several ids is refused (one unknown id fails them all) and <paramref name="onFailed"/> is
        /// given, the ids of that call are asked one by one so each failure is reported for its own id and the
        /// others still answer; without it the failure is thrown.
        /// </summary>
        public static async Task<List<ClbTargetHealth>> HealthAsync(ClbClient client, IEnumerable<string> loadBalancerIds, CancellationToken cancellationToken,
            Action<string, ClbApiException>? onFailed = null)
        {
            var ids = loadBalancerIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            var result = new List<ClbTargetHealth>();
            async Task<List<ClbTargetHealth>> Call(List<string> chunk)
            {
                var response = await client.InvokeAsync<DescribeTargetHealthResponse>("DescribeTargetHealth",
                    new DescribeTargetHealthRequest { LoadBalancerIds = chunk }, cancellationToken).ConfigureAwait(false);
                return FlattenHealth(client.Region, response.LoadBalancers).ToList();
            }
            foreach (var chunk in LoadBalancerOperations.Chunk(ids, MaxLoadBalancerIdsPerCall))
            {
                try
                {
                    result.AddRange(await Call(chunk).ConfigureAwait(false));
                }
                catch (ClbApiException ex) when (onFailed != null && IsRequestFault(ex))
                {
                    if (chunk.Count == 1) { onFailed(chunk[0], ex); continue; }
                    foreach (var id in chunk)
                    {
                        try { result.AddRange(await Call(new List<string> { id }).ConfigureAwait(false)); }
                        catch (ClbApiException one) when (IsRequestFault(one)) { onFailed(id, one); }
                    }
                }
            }
            return result;
        }

        /// <summary>A refusal of what was asked (bad or unknown ids), as opposed to the service failing.</summary>
        private static bool IsRequestFault(ClbApiException ex) =>
            ex.Code.StartsWith("InvalidParameter", StringComparison.Ordinal) || ex.Code.StartsWith("ResourceNotFound", StringComparison.Ordinal) ||
            ex.Code.StartsWith("UnauthorizedOperation", StringComparison.Ordinal);

        /// <summary>Flattens a DescribeTargetHealth answer. Layer-4 listeners report their targets under a rule with an empty LocationId; that becomes null.</summary>
        public static IEnumerable<ClbTargetHealth> FlattenHealth(string? region, IEnumerable<LoadBalancerHealth>? loadBalancers)
        {
            if (loadBalancers == null) yield break;
            foreach (var lb in loadBalancers)
            {
                if (lb?.Listeners == null) continue;
                foreach (var listener in lb.Listeners)
                {
                    if (listener?.Rules == null) continue;
                    foreach (var rule in listener.Rules)
                    {
                        if (rule?.Targets == null) continue;
                        foreach (var target in rule.Targets)
                        {
                            if (target == null) continue;
                            yield return new ClbTargetHealth
                            {
                                Region = region,
                                LoadBalancerId = lb.LoadBalancerId ?? "",
                                LoadBalancerName = lb.LoadBalancerName,
                                ListenerId = listener.ListenerId ?? "",
                                ListenerName = NullIfEmpty(listener.ListenerName),
                                Protocol = listener.Protocol,
                                ListenerPort = listener.Port,
                                LocationId = NullIfEmpty(rule.LocationId),
                                Domain = NullIfEmpty(rule.Domain),
                                Url = NullIfEmpty(rule.Url),
                                IP = target.IP,
                                Port = target.Port,
                                TargetId = NullIfEmpty(target.TargetId),
                                HealthStatus = target.HealthStatus,
                                HealthStatusDetail = target.HealthStatusDetail ?? (target.HealthStatus == null ? null : target.HealthStatus.Value ? "Alive" : "Dead"),
                            };
                        }
                    }
                }
            }
        }

        // ---------------------------------------------------------------- DescribeCrossTargets

        /// <summary>Cross-region (binding 2.0) backends, page by page. Items without a Region get the client's.</summary>
        public static IAsyncEnumerable<Page<CrossTargets>> CrossTargetsAsync(ClbClient client, CrossTargetQuery query, long skip, long? first, CancellationToken cancellationToken)
        {
            var filters = new List<Filter>();
            void Add(string name, IReadOnlyList<string>? values)
            {
                var list = values?.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();
                if (list != null && list.Count > 0) filters.Add(new Filter { Name = name, Values = list });
            }
            Add("vpc-id", query.VpcIds);
            Add("ip", query.Ips);
            Add("listener-id", query.ListenerIds);
            Add("location-id", query.LocationIds);

            return Pager.PagesAsync<CrossTargets>(async (offset, limit, ct) =>
            {
                var response = await client.InvokeAsync<DescribeCrossTargetsResponse>("DescribeCrossTargets", new DescribeCrossTargetsRequest
                {
                    Offset = offset,
                    Limit = limit,
                    Filters = filters.Count > 0 ? filters : null,
                }, ct).ConfigureAwait(false);
                var items = response.CrossTargetSet ?? new List<CrossTargets>();
                foreach (var item in items)
                    if (string.IsNullOrEmpty(item.Region)) item.Region = client.Region;
                return new Page<CrossTargets>(items, response.TotalCount ?? items.Count);
            }, skip, first, CrossTargetPageSize, cancellationToken);
        }

        // ---------------------------------------------------------------- DescribeLBListeners

        /// <summary>
        /// Finds every listener and rule that CVMs or IPs are bound to. Instance ids are turned into private IPs
        /// first (DescribeLoadBalancersDetail, which lists the region's bindings with their addresses); the
        /// IPs are then looked up with DescribeLBListeners (a VPC + IP pair per backend, 20 per call), and each
        /// binding found is completed with DescribeTargets (one call per load balancer) so CVM bindings carry
        /// their InstanceId and can be piped into Unregister-ClbTarget.
        /// </summary>
        public static async Task<TargetBindingResult> FindBindingsAsync(ClbClient client, TargetBindingQuery query, CancellationToken cancellationToken)
        {
            var result = new TargetBindingResult();
            var instanceIds = query.InstanceIds?.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? new List<string>();
            var ips = query.PrivateIps?.Where(ip => !string.IsNullOrEmpty(ip)).Distinct(StringComparer.Ordinal).ToList() ?? new List<string>();
            if (instanceIds.Count == 0 && ips.Count == 0) return result;

            var pairs = new List<LbRsItem>();
            void AddPair(string vpc, string ip)
            {
                if (!pairs.Any(p => p.VpcId == vpc && p.PrivateIp == ip)) pairs.Add(new LbRsItem { VpcId = vpc, PrivateIp = ip });
            }

            // Instance ids -> (VPC, IP) of their bindings.
            var instanceIps = new HashSet<string>(StringComparer.Ordinal);
            if (instanceIds.Count > 0)
            {
                var found = await ResolveInstancesAsync(client, instanceIds, cancellationToken).ConfigureAwait(false);
                foreach (var id in instanceIds)
                {
                    var hits = found.Where(f => string.Equals(f.InstanceId, id, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (hits.Count == 0) { result.UnboundInstanceIds.Add(id); continue; }
                    foreach (var hit in hits)
                    {
                        AddPair(hit.VpcId, hit.Ip);
                        instanceIps.Add(hit.Ip);
                    }
                }
            }

            // IPs -> one pair per VPC they may be in.
            if (ips.Count > 0)
            {
                var vpcs = query.VpcId != null
                    ? new List<string> { query.VpcId }
                    : await LoadBalancerVpcsAsync(client, cancellationToken).ConfigureAwait(false);
                foreach (var ip in ips)
                    foreach (var vpc in vpcs)
                        AddPair(vpc, ip);
            }
            if (pairs.Count == 0) return result;

            // DescribeLBListeners: where the IPs are bound.
            var drafts = new Dictionary<string, ClbTarget>(StringComparer.Ordinal);
            foreach (var chunk in LoadBalancerOperations.Chunk(pairs, MaxBackendsPerCall))
            {
                var response = await client.InvokeAsync<DescribeLBListenersResponse>("DescribeLBListeners",
                    new DescribeLBListenersRequest { Backends = chunk }, cancellationToken).ConfigureAwait(false);
                foreach (var draft in FlattenBindings(client.Region, response.LoadBalancers))
                {
                    var key = BindingKey(draft.LoadBalancerId, draft.ListenerId, draft.LocationId, draft.PrivateIpAddresses?.FirstOrDefault(), draft.Port);
                    if (!drafts.ContainsKey(key)) drafts[key] = draft;
                }
            }

            // DescribeTargets per load balancer: instance ids, names and the rest.
            foreach (var group in drafts.Values.GroupBy(d => d.LoadBalancerId, StringComparer.Ordinal))
            {
                var groupIps = group.Select(d => d.PrivateIpAddresses?.FirstOrDefault()).Where(ip => ip != null).Select(ip => ip!).Distinct(StringComparer.Ordinal).ToList();
                var full = await ListAsync(client, new TargetQuery
                {
                    LoadBalancerId = group.Key,
                    ListenerIds = group.Select(d => d.ListenerId).Distinct(StringComparer.Ordinal).ToList(),
                    PrivateIps = groupIps,
                }, cancellationToken).ConfigureAwait(false);
                var region = group.First().Region;
                foreach (var draft in group)
                {
                    var ip = draft.PrivateIpAddresses?.FirstOrDefault();
                    var match = full.FirstOrDefault(t => t.ListenerId == draft.ListenerId && t.LocationId == draft.LocationId && t.Port == draft.Port &&
                                                         ip != null && HasIp(t, new[] { ip }) &&
                                                         (draft.Type == null || t.Type == null || string.Equals(t.Type, draft.Type, StringComparison.OrdinalIgnoreCase)));
                    if (match != null)
                    {
                        match.Region = region;
                        match.Domain ??= draft.Domain;
                        match.Url ??= draft.Url;
                        result.Bindings.Add(match);
                    }
                    else if (draft.Type != "CVM")
                        result.Bindings.Add(draft); // an IP target is fully identified by its IP
                    // a CVM binding that DescribeTargets no longer shows was removed in between: nothing to report
                }
            }

            // Keep what was asked for: the instances by id, the IPs by address.
            var kept = result.Bindings.Where(t =>
                (t.InstanceId != null && instanceIds.Contains(t.InstanceId, StringComparer.OrdinalIgnoreCase)) ||
                (ips.Count > 0 && HasIp(t, ips))).ToList();
            result.Bindings.Clear();
            result.Bindings.AddRange(kept
                .OrderBy(t => t.LoadBalancerId, StringComparer.Ordinal)
                .ThenBy(t => t.ListenerPort ?? 0)
                .ThenBy(t => t.ListenerId, StringComparer.Ordinal)
                .ThenBy(t => t.LocationId ?? "", StringComparer.Ordinal)
                .ThenBy(t => t.Key, StringComparer.Ordinal));
            return result;
        }

        /// <summary>Flattens a DescribeLBListeners answer into ClbTarget drafts (no instance ids: the API gives only IPs).</summary>
        public static IEnumerable<ClbTarget> FlattenBindings(string? region, IEnumerable<LBItem>? loadBalancers)
        {
            if (loadBalancers == null) yield break;
            foreach (var lb in loadBalancers)
            {
                if (lb?.Listeners == null) continue;
                foreach (var listener in lb.Listeners)
                {
                    if (listener == null) continue;
                    ClbTarget Draft(LbRsTargets t, RulesItems? rule)
                    {
                        var type = NormalizeType(t.Type);
                        return new ClbTarget
                        {
                            Region = string.IsNullOrEmpty(lb.Region) ? region : lb.Region,
                            LoadBalancerId = lb.LoadBalancerId ?? "",
                            ListenerId = listener.ListenerId ?? "",
                            LocationId = NullIfEmpty(rule?.LocationId),
                            Domain = NullIfEmpty(rule?.Domain),
                            Url = NullIfEmpty(rule?.Url),
                            Protocol = listener.Protocol,
                            ListenerPort = listener.Port,
                            Type = type,
                            EniIp = type == "CVM" ? null : t.PrivateIp,
                            Port = t.Port ?? 0,
                            Weight = t.Weight,
                            PrivateIpAddresses = string.IsNullOrEmpty(t.PrivateIp) ? null : new[] { t.PrivateIp! },
                        };
                    }
                    if (listener.Rules != null)
                        foreach (var rule in listener.Rules)
                        {
                            if (rule?.Targets == null) continue;
                            foreach (var t in rule.Targets) if (t != null) yield return Draft(t, rule);
                        }
                    if (listener.Targets != null)
                        foreach (var t in listener.Targets) if (t != null) yield return Draft(t, null);
                }
            }
        }

        /// <summary>(InstanceId, VpcId, Ip) of every binding of the given instances, from the region's load balancer details.</summary>
        private static async Task<List<(string InstanceId, string VpcId, string Ip)>> ResolveInstancesAsync(ClbClient client, List<string> instanceIds, CancellationToken cancellationToken)
        {
            var found = new List<(string, string, string)>();
            var pages = Pager.PagesAsync<LoadBalancerDetail>(async (offset, limit, ct) =>
            {
                var response = await client.InvokeAsync<DescribeLoadBalancersDetailResponse>("DescribeLoadBalancersDetail", new DescribeLoadBalancersDetailRequest
                {
                    Offset = offset,
                    Limit = limit,
                    Fields = new List<string> { "VpcId", "ListenerId", "TargetId", "TargetAddress", "TargetPort" },
                }, ct).ConfigureAwait(false);
                var items = response.LoadBalancerDetailSet ?? new List<LoadBalancerDetail>();
                return new Page<LoadBalancerDetail>(items, response.TotalCount ?? items.Count);
            }, 0, null, DetailPageSize, cancellationToken);
            await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
                foreach (var row in page.Items)
                {
                    if (string.IsNullOrEmpty(row.TargetId) || string.IsNullOrEmpty(row.TargetAddress)) continue;
                    if (!instanceIds.Contains(row.TargetId!, StringComparer.OrdinalIgnoreCase)) continue;
                    var item = (row.TargetId!, row.VpcId ?? "", row.TargetAddress!);
                    if (!found.Contains(item)) found.Add(item);
                }
            return found;
        }

        /// <summary>The VPCs that hold load balancers in the client's region (an IP can only be bound within one of them).</summary>
        private static async Task<List<string>> LoadBalancerVpcsAsync(ClbClient client, CancellationToken cancellationToken)
        {
            var vpcs = new List<string>();
            var pages = LoadBalancerOperations.ListAsync(client, new DescribeLoadBalancersRequest(), null, 0, null, cancellationToken);
            await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
                foreach (var lb in page.Items)
                    if (!string.IsNullOrEmpty(lb.VpcId) && !vpcs.Contains(lb.VpcId!, StringComparer.Ordinal)) vpcs.Add(lb.VpcId!);
            return vpcs;
        }

        private static string BindingKey(string lb, string listener, string? location, string? ip, long port) =>
            lb + "|" + listener + "|" + (location ?? "") + "|" + (ip ?? "") + "|" + port;

        private static bool HasIp(ClbTarget t, IReadOnlyCollection<string> ips) =>
            (t.EniIp != null && ips.Contains(t.EniIp)) || (t.PrivateIpAddresses != null && t.PrivateIpAddresses.Any(ips.Contains));

        /// <summary>CVM or ENI in upper case (the service writes cvm/eni in some answers).</summary>
        internal static string? NormalizeType(string? type) => string.IsNullOrEmpty(type) ? null : type!.ToUpperInvariant();

        internal static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
