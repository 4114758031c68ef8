using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations.Bulk
{
    /// <summary>
    /// What is bound right now on some listeners of one load balancer (DescribeTargets, 20 listener ids per
    /// call): the service state the bulk engine checks ambiguous writes against and Sync-ClbTarget starts from.
    /// </summary>
    public sealed class TargetState
    {
        public const int MaxListenerIdsPerCall = 20;

        private readonly Dictionary<string, ListenerBackend> _listeners;

        private TargetState(string loadBalancerId, Dictionary<string, ListenerBackend> listeners)
        {
            LoadBalancerId = loadBalancerId;
            _listeners = listeners;
        }

        public string LoadBalancerId { get; }

        /// <summary>Reads the bindings of <paramref name="listenerIds"/> on one load balancer.</summary>
        public static async Task<TargetState> ReadAsync(ClbClient client, string loadBalancerId, IEnumerable<string> listenerIds, CancellationToken cancellationToken)
        {
            var listeners = new Dictionary<string, ListenerBackend>(StringComparer.Ordinal);
            var ids = listenerIds.Distinct(StringComparer.Ordinal).ToList();
            for (var i = 0; i < ids.Count; i += MaxListenerIdsPerCall)
            {
                var response = await client.InvokeAsync<DescribeTargetsResponse>("DescribeTargets", new DescribeTargetsRequest
                {
                    LoadBalancerId = loadBalancerId,
                    ListenerIds = ids.Skip(i).Take(MaxListenerIdsPerCall).ToList(),
                }, cancellationToken).ConfigureAwait(false);
                foreach (var l in response.Listeners ?? new List<ListenerBackend>())
                    if (l.ListenerId != null) listeners[l.ListenerId] = l;
            }
            return new TargetState(loadBalancerId, listeners);
        }

        /// <summary>Whether the listener exists (was returned).</summary>
        public bool HasListener(string listenerId) => _listeners.ContainsKey(listenerId);

        /// <summary>
        /// The backends bound to the spec's listener or rule, or null when that listener or rule does not exist.
        /// A rule named by Domain+Url is looked up by those.
        /// </summary>
        public List<Backend>? Holder(TargetSpec spec)
        {
            if (!_listeners.TryGetValue(spec.ListenerId, out var l)) return null;
            if (spec.LocationId == null && spec.Domain == null && spec.Url == null)
                return l.Rules != null && l.Rules.Count > 0 && l.Targets == null ? null : l.Targets ?? new List<Backend>();
            var rule = FindRule(l, spec);
            return rule == null ? null : rule.Targets ?? new List<Backend>();
        }

        /// <summary>The LocationId of the rule a spec names by Domain+Url (null when there is none).</summary>
        public string? ResolveLocation(TargetSpec spec) =>
            _listeners.TryGetValue(spec.ListenerId, out var l) ? FindRule(l, spec)?.LocationId : null;

        private static RuleTargets? FindRule(ListenerBackend l, TargetSpec spec) =>
            (l.Rules ?? new List<RuleTargets>()).FirstOrDefault(r => spec.LocationId != null
                ? r.LocationId == spec.LocationId
                : string.Equals(r.Domain, spec.Domain, StringComparison.OrdinalIgnoreCase) && r.Url == spec.Url);

        /// <summary>The bound backend with the spec's instance id or IP on <paramref name="port"/>, or null.</summary>
        public static Backend? Find(List<Backend> holder, TargetSpec spec, long port) =>
            holder.FirstOrDefault(b => Matches(b, spec) && b.Port == port);

        internal static bool Matches(Backend b, TargetSpec spec) =>
            spec.InstanceId != null
                ? string.Equals(b.InstanceId, spec.InstanceId, StringComparison.Ordinal)
                : string.IsNullOrEmpty(b.InstanceId) && spec.EniIp != null && b.PrivateIpAddresses != null && b.PrivateIpAddresses.Contains(spec.EniIp);

        /// <summary>Every binding of one listener or rule as the flattened target objects the cmdlets emit.</summary>
        public IReadOnlyList<ClbTarget> Targets(string? region, string listenerId, string? locationId)
        {
            var result = new List<ClbTarget>();
            if (!_listeners.TryGetValue(listenerId, out var l)) return result;
            void Add(IEnumerable<Backend>? backends, RuleTargets? rule)
            {
                foreach (var b in backends ?? Enumerable.Empty<Backend>())
                {
                    var eni = string.IsNullOrEmpty(b.InstanceId);
                    result.Add(new ClbTarget
                    {
                        Region = region,
                        LoadBalancerId = LoadBalancerId,
                        ListenerId = listenerId,
                        LocationId = rule?.LocationId,
                        Domain = rule?.Domain,
                        Url = rule?.Url,
                        Protocol = l.Protocol,
                        ListenerPort = l.Port,
                        Type = b.Type,
                        InstanceId = eni ? null : b.InstanceId,
                        EniIp = eni ? b.PrivateIpAddresses?.FirstOrDefault() : null,
                        Port = b.Port ?? 0,
                        Weight = b.Weight,
                        InstanceName = b.InstanceName,
                        PrivateIpAddresses = b.PrivateIpAddresses?.ToArray(),
                        PublicIpAddresses = b.PublicIpAddresses?.ToArray(),
                        RegisteredTime = b.RegisteredTime,
                        EniId = b.EniId,
                    });
                }
            }
            if (locationId == null) Add(l.Targets, null);
            else foreach (var r in (l.Rules ?? new List<RuleTargets>()).Where(r => r.LocationId == locationId)) Add(r.Targets, r);
            return result;
        }
    }
}
