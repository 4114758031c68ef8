using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>Security groups of load balancers and the certificates their listeners and rules use.</summary>
    public static class SecurityOperations
    {
        /// <summary>SetSecurityGroupForLoadbalancers takes at most 20 load balancers per call.</summary>
        public const int MaxLoadBalancersPerBindingCall = 20;
        /// <summary>DescribeLoadBalancerListByCertId takes at most 20 certificate ids per call.</summary>
        public const int MaxCertIdsPerCall = 20;
        /// <summary>A load balancer can hold at most 50 security groups.</summary>
        public const int MaxGroupsPerLoadBalancer = 50;

        /// <summary>SetLoadBalancerSecurityGroups: replaces the whole set of groups (an empty list removes them all).</summary>
        public static async Task SetGroupsAsync(ClbClient client, string loadBalancerId, IReadOnlyList<string> securityGroupIds, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(loadBalancerId)) throw new ArgumentException("A load balancer id is required.", nameof(loadBalancerId));
            await client.InvokeAsync<SetLoadBalancerSecurityGroupsResponse>("SetLoadBalancerSecurityGroups", new SetLoadBalancerSecurityGroupsRequest
            {
                LoadBalancerId = loadBalancerId,
                SecurityGroups = securityGroupIds.Distinct(StringComparer.Ordinal).ToList(),
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// SetSecurityGroupForLoadbalancers: binds (ADD) or unbinds (DEL) one security group on many load balancers,
        /// 20 per call (duplicates dropped). Every chunk is sent even when an earlier one failed; each chunk's error
        /// (null when it succeeded) is returned in order.
        /// </summary>
        public static Task<IReadOnlyList<ChunkResult>> SetBindingAsync(ClbClient client, string securityGroupId, bool add,
            IReadOnlyList<string> loadBalancerIds, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(securityGroupId)) throw new ArgumentException("A security group id is required.", nameof(securityGroupId));
            return ChunkedCalls.RunAsync(loadBalancerIds, MaxLoadBalancersPerBindingCall, async (chunk, ct) =>
            {
                await client.InvokeAsync<SetSecurityGroupForLoadbalancersResponse>("SetSecurityGroupForLoadbalancers", new SetSecurityGroupForLoadbalancersRequest
                {
                    SecurityGroup = securityGroupId,
                    OperationType = add ? "ADD" : "DEL",
                    LoadBalancerIds = chunk,
                }, ct).ConfigureAwait(false);
                return null;
            }, cancellationToken);
        }

        /// <summary>
        /// Where certificates are used: DescribeLoadBalancerListByCertId (20 ids per call) names the load balancers, then one
        /// DescribeListeners per load balancer finds the listeners and rules holding each certificate (as server or CA
        /// certificate). A load balancer the service names but where no holder is found gives one row without a listener.
        /// </summary>
        public static async Task<List<ClbCertificateBinding>> ListBindingsAsync(ClbClient client, IReadOnlyList<string> certificateIds, CancellationToken cancellationToken)
        {
            var ids = certificateIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            var byCert = new List<(string CertId, LoadBalancer Lb)>();
            foreach (var chunk in LoadBalancerOperations.Chunk(ids, MaxCertIdsPerCall))
            {
                var response = await client.InvokeAsync<DescribeLoadBalancerListByCertIdResponse>("DescribeLoadBalancerListByCertId",
                    new DescribeLoadBalancerListByCertIdRequest { CertIds = chunk }, cancellationToken).ConfigureAwait(false);
                foreach (var set in response.CertSet ?? new List<CertIdRelatedWithLoadBalancers>())
                    foreach (var lb in set.LoadBalancers ?? new List<LoadBalancer>())
                        if (!string.IsNullOrEmpty(set.CertId) && !string.IsNullOrEmpty(lb.LoadBalancerId)) byCert.Add((set.CertId!, lb));
            }
            var listeners = new Dictionary<string, IReadOnlyList<Listener>>(StringComparer.Ordinal);
            var result = new List<ClbCertificateBinding>();
            foreach (var certId in ids)
                foreach (var (_, lb) in byCert.Where(x => x.CertId == certId))
                {
                    var lbId = lb.LoadBalancerId!;
                    if (!listeners.TryGetValue(lbId, out var lbListeners))
                        listeners[lbId] = lbListeners = await ListenerOperations.ListAsync(client, new DescribeListenersRequest { LoadBalancerId = lbId }, cancellationToken).ConfigureAwait(false);
                    var rows = Holders(client.Region, certId, lb, lbListeners).ToList();
                    if (rows.Count == 0)
                        rows.Add(new ClbCertificateBinding { Region = client.Region, CertificateId = certId, LoadBalancerId = lbId, LoadBalancerName = lb.LoadBalancerName, Usage = "Unknown" });
                    result.AddRange(rows);
                }
            return result;
        }

        /// <summary>The listeners and rules of one load balancer that hold <paramref name="certId"/>, as server or CA certificate.</summary>
        public static IEnumerable<ClbCertificateBinding> Holders(string? region, string certId, LoadBalancer lb, IEnumerable<Listener> listeners)
        {
            foreach (var l in listeners)
            {
                foreach (var usage in Usages(l.Certificate, certId))
                    yield return Row(region, certId, usage, lb, l, null, l.Certificate);
                foreach (var rule in l.Rules ?? new List<RuleOutput>())
                    foreach (var usage in Usages(rule.Certificate, certId))
                        yield return Row(region, certId, usage, lb, l, rule, rule.Certificate);
            }
        }

        private static IEnumerable<string> Usages(CertificateOutput? c, string certId)
        {
            if (c == null) yield break;
            if (c.CertId == certId || (c.ExtCertIds != null && c.ExtCertIds.Contains(certId))) yield return "Server";
            if (c.CertCaId == certId) yield return "CA";
        }

        private static ClbCertificateBinding Row(string? region, string certId, string usage, LoadBalancer lb, Listener l, RuleOutput? rule, CertificateOutput? c) => new ClbCertificateBinding
        {
            Region = region,
            CertificateId = certId,
            Usage = usage,
            LoadBalancerId = lb.LoadBalancerId ?? "",
            LoadBalancerName = lb.LoadBalancerName,
            ListenerId = l.ListenerId,
            Protocol = l.Protocol,
            Port = l.Port,
            LocationId = rule?.LocationId,
            Domain = rule?.Domain,
            Url = rule?.Url,
            SSLMode = c?.SSLMode,
        };

        /// <summary>
        /// ReplaceCertForLoadBalancers: every listener and rule of the region using <c>OldCertificateId</c> (as server or CA
        /// certificate) switches to the new one. The new certificate is an id (CertId / CertCaId) or content to upload.
        /// </summary>
        public static async Task ReplaceAsync(ClbClient client, ReplaceCertForLoadBalancersRequest request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.OldCertificateId)) throw new ArgumentException("OldCertificateId is required.", nameof(request));
            if (request.Certificate == null) throw new ArgumentException("Certificate is required.", nameof(request));
            await client.InvokeAsync<ReplaceCertForLoadBalancersResponse>("ReplaceCertForLoadBalancers", request, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The bindings at the same listeners and rules as <paramref name="before"/>, read again after a replacement: each
        /// row carries the certificate the holder now uses in the same role (server or CA).
        /// </summary>
        public static async Task<List<ClbCertificateBinding>> ReadAgainAsync(ClbClient client, IReadOnlyList<ClbCertificateBinding> before, CancellationToken cancellationToken)
        {
            var result = new List<ClbCertificateBinding>();
            foreach (var lbGroup in before.Where(b => b.ListenerId != null).GroupBy(b => b.LoadBalancerId, StringComparer.Ordinal))
            {
                var listeners = await ListenerOperations.ListAsync(client, new DescribeListenersRequest { LoadBalancerId = lbGroup.Key }, cancellationToken).ConfigureAwait(false);
                foreach (var old in lbGroup)
                {
                    var l = listeners.FirstOrDefault(x => x.ListenerId == old.ListenerId);
                    if (l == null) continue;
                    var rule = old.LocationId == null ? null : l.Rules?.FirstOrDefault(r => r.LocationId == old.LocationId);
                    if (old.LocationId != null && rule == null) continue;
                    var c = rule != null ? rule.Certificate : l.Certificate;
                    var now = old.Usage == "CA" ? c?.CertCaId : c?.CertId;
                    if (string.IsNullOrEmpty(now)) continue;
                    var lb = new LoadBalancer { LoadBalancerId = old.LoadBalancerId, LoadBalancerName = old.LoadBalancerName };
                    result.Add(Row(old.Region, now!, old.Usage, lb, l, rule, c));
                }
            }
            return result;
        }
    }
}
