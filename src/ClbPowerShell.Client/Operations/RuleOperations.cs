using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>Which rules a listing keeps; every set field must match (wildcards in Domain and Url).</summary>
    public sealed class RuleFilter
    {
        /// <summary>A domain or wildcard pattern; matches the rule's Domain or any of its Domains.</summary>
        public string? Domain { get; set; }
        /// <summary>A URL or wildcard pattern.</summary>
        public string? Url { get; set; }
        /// <summary>Keep only these rules.</summary>
        public IReadOnlyCollection<string>? LocationIds { get; set; }

        /// <summary>A predicate for the filter (wildcard patterns compiled once).</summary>
        public Func<RuleOutput, bool> ToPredicate()
        {
            var domain = Domain == null ? null : Pattern(Domain);
            var url = Url == null ? null : Pattern(Url);
            var ids = LocationIds is { Count: > 0 } ? new HashSet<string>(LocationIds, StringComparer.Ordinal) : null;
            return rule =>
                (ids == null || (rule.LocationId != null && ids.Contains(rule.LocationId))) &&
                (url == null || url(rule.Url)) &&
                (domain == null || domain(rule.Domain) || (rule.Domains?.Any(d => domain(d)) ?? false));
        }

        private static Func<string?, bool> Pattern(string pattern) =>
            Wildcard.HasWildcards(pattern) ? Wildcard.Matcher(pattern) : (value => string.Equals(value, pattern, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>One rule to delete, named by where it lives.</summary>
    public sealed class RuleRef
    {
        public RuleRef(string loadBalancerId, string listenerId, string locationId)
        {
            LoadBalancerId = loadBalancerId;
            ListenerId = listenerId;
            LocationId = locationId;
        }
        public string LoadBalancerId { get; }
        public string ListenerId { get; }
        public string LocationId { get; }
    }

    /// <summary>The rules of one listener deleted by one DeleteRule call.</summary>
    public sealed class RuleDeleteGroup
    {
        public RuleDeleteGroup(string loadBalancerId, string listenerId, IReadOnlyList<string> locationIds)
        {
            LoadBalancerId = loadBalancerId;
            ListenerId = listenerId;
            LocationIds = locationIds;
        }
        public string LoadBalancerId { get; }
        public string ListenerId { get; }
        public IReadOnlyList<string> LocationIds { get; }
        public override string ToString() => ListenerId + " (" + string.Join(", ", LocationIds) + ")";
    }

    /// <summary>What became of one delete group: the task it started, or why it was not started.</summary>
    public sealed class RuleDeleteResult
    {
        public RuleDeleteResult(RuleDeleteGroup group, ClbTask? task, ClbException? error)
        {
            Group = group;
            Task = task;
            Error = error;
        }
        public RuleDeleteGroup Group { get; }
        public ClbTask? Task { get; }
        public ClbException? Error { get; }
    }

    /// <summary>
    /// Layer-7 forwarding rules. The API has no rule listing of its own: rules come flattened out of
    /// DescribeListeners with the context (Region, LoadBalancerId, ListenerId, listener Protocol and Port)
    /// that lets them pipe into the next cmdlet. Creates, changes and deletes are asynchronous tasks.
    /// </summary>
    public static class RuleOperations
    {
        /// <summary>ListenerIds sent per DescribeListeners call.</summary>
        public const int MaxListenerIdsPerCall = 100;

        /// <summary>Only HTTP and HTTPS listeners have forwarding rules.</summary>
        public static bool IsLayer7(string? protocol) =>
            string.Equals(protocol, "HTTP", StringComparison.OrdinalIgnoreCase) || string.Equals(protocol, "HTTPS", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The rules of layer-7 listeners, each given the region, load balancer id, listener id and the listener's
        /// protocol and port. Layer-4 listeners contribute nothing.
        /// </summary>
        public static IEnumerable<RuleOutput> Flatten(string? region, string loadBalancerId, IEnumerable<Listener> listeners)
        {
            foreach (var listener in listeners)
            {
                if (!IsLayer7(listener.Protocol) || listener.Rules == null) continue;
                foreach (var rule in listener.Rules)
                {
                    rule.Region = region;
                    rule.LoadBalancerId = loadBalancerId;
                    if (string.IsNullOrEmpty(rule.ListenerId)) rule.ListenerId = listener.ListenerId;
                    rule.Protocol = listener.Protocol;
                    rule.Port = listener.Port;
                    yield return rule;
                }
            }
        }

        /// <summary>The listeners of a load balancer (all, or the given ids: 100 per call), with context set.</summary>
        public static async Task<List<Listener>> DescribeListenersAsync(ClbClient client, string loadBalancerId, IReadOnlyCollection<string>? listenerIds,
            CancellationToken cancellationToken)
        {
            var result = new List<Listener>();
            var ids = listenerIds?.Distinct(StringComparer.Ordinal).ToList();
            var chunks = ids is { Count: > 0 } ? LoadBalancerOperations.Chunk(ids, MaxListenerIdsPerCall).Select(c => (List<string>?)c) : new List<string>?[] { null };
            foreach (var chunk in chunks)
            {
                var response = await client.InvokeAsync<DescribeListenersResponse>("DescribeListeners",
                    new DescribeListenersRequest { LoadBalancerId = loadBalancerId, ListenerIds = chunk }, cancellationToken).ConfigureAwait(false);
                foreach (var listener in response.Listeners ?? new List<Listener>())
                {
                    listener.Region = client.Region;
                    listener.LoadBalancerId = loadBalancerId;
                    result.Add(listener);
                }
            }
            return result;
        }

        /// <summary>
        /// The rules of a load balancer (or of some of its listeners) that pass <paramref name="filter"/>, in
        /// listener order. One DescribeListeners call per 100 listener ids (one call when none are given).
        /// </summary>
        public static async Task<List<RuleOutput>> ListAsync(ClbClient client, string loadBalancerId, IReadOnlyCollection<string>? listenerIds,
            RuleFilter? filter, CancellationToken cancellationToken)
        {
            var listeners = await DescribeListenersAsync(client, loadBalancerId, listenerIds, cancellationToken).ConfigureAwait(false);
            var keep = (filter ?? new RuleFilter()).ToPredicate();
            return Flatten(client.Region, loadBalancerId, listeners).Where(keep).ToList();
        }

        /// <summary>
        /// Starts CreateRule. The task's ResourceId is the new LocationId when one rule was created;
        /// <c>LocationIds</c> lists them all, in the order of <see cref="CreateRuleRequest.Rules"/>.
        /// </summary>
        public static async Task<(ClbTask Task, List<string> LocationIds)> CreateAsync(ClbClient client, CreateRuleRequest request, CancellationToken cancellationToken)
        {
            Require(request.LoadBalancerId, "LoadBalancerId");
            Require(request.ListenerId, "ListenerId");
            if (request.Rules == null || request.Rules.Count == 0) throw new ArgumentException("CreateRule needs at least one rule.", nameof(request));
            var response = await client.InvokeAsync<CreateRuleResponse>("CreateRule", request, cancellationToken).ConfigureAwait(false);
            var ids = response.LocationIds ?? new List<string>();
            var task = ClbTasks.Started(client, "CreateRule", response.RequestId ?? "", request.LoadBalancerId, ids.Count == 1 ? ids[0] : request.ListenerId);
            return (task, ids);
        }

        /// <summary>Starts ModifyRule; the task's ResourceId is the LocationId.</summary>
        public static async Task<ClbTask> ModifyAsync(ClbClient client, ModifyRuleRequest request, CancellationToken cancellationToken)
        {
            Require(request.LoadBalancerId, "LoadBalancerId");
            Require(request.ListenerId, "ListenerId");
            Require(request.LocationId, "LocationId");
            var response = await client.InvokeAsync<ModifyRuleResponse>("ModifyRule", request, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "ModifyRule", response.RequestId ?? "", request.LoadBalancerId, request.LocationId);
        }

        /// <summary>Starts DeleteRule (by LocationIds, or by Domain and Url); the task's ResourceId is the listener.</summary>
        public static async Task<ClbTask> DeleteAsync(ClbClient client, DeleteRuleRequest request, CancellationToken cancellationToken)
        {
            Require(request.LoadBalancerId, "LoadBalancerId");
            Require(request.ListenerId, "ListenerId");
            var byIds = request.LocationIds is { Count: > 0 };
            if (!byIds && (string.IsNullOrEmpty(request.Domain) || string.IsNullOrEmpty(request.Url)))
                throw new ArgumentException("DeleteRule needs LocationIds, or both Domain and Url.", nameof(request));
            var response = await client.InvokeAsync<DeleteRuleResponse>("DeleteRule", request, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "DeleteRule", response.RequestId ?? "", request.LoadBalancerId,
                byIds && request.LocationIds!.Count == 1 ? request.LocationIds[0] : request.ListenerId);
        }

        /// <summary>
        /// Groups rules by listener (one DeleteRule call each, duplicates dropped), keeping the order in which
        /// listeners first appear and putting the groups of one load balancer next to each other.
        /// </summary>
        public static List<RuleDeleteGroup> GroupForDelete(IEnumerable<RuleRef> rules)
        {
            var byListener = new List<(string Lb, string Listener, List<string> Ids)>();
            foreach (var rule in rules)
            {
                var index = byListener.FindIndex(g => g.Lb == rule.LoadBalancerId && g.Listener == rule.ListenerId);
                if (index < 0)
                {
                    byListener.Add((rule.LoadBalancerId, rule.ListenerId, new List<string>()));
                    index = byListener.Count - 1;
                }
                if (!byListener[index].Ids.Contains(rule.LocationId)) byListener[index].Ids.Add(rule.LocationId);
            }
            var lbOrder = byListener.Select(g => g.Lb).Distinct(StringComparer.Ordinal).ToList();
            return byListener
                .Select((g, i) => (g, i))
                .OrderBy(x => lbOrder.IndexOf(x.g.Lb)).ThenBy(x => x.i)
                .Select(x => new RuleDeleteGroup(x.g.Lb, x.g.Listener, x.g.Ids))
                .ToList();
        }

        /// <summary>
        /// Runs one DeleteRule per group. A load balancer runs one task at a time, so before the next group of
        /// the same load balancer the previous task is waited for (up to <paramref name="waitTimeout"/>).
        /// A failed group is reported in its result and the others still run.
        /// </summary>
        public static async IAsyncEnumerable<RuleDeleteResult> DeleteGroupsAsync(ClbClient client, IEnumerable<RuleDeleteGroup> groups, TimeSpan waitTimeout,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var lastTask = new Dictionary<string, ClbTask>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                ClbTask? task = null;
                ClbException? error = null;
                try
                {
                    if (lastTask.TryGetValue(group.LoadBalancerId, out var previous))
                        await WaitQuietlyAsync(client, previous, waitTimeout, cancellationToken).ConfigureAwait(false);
                    task = await DeleteAsync(client, new DeleteRuleRequest
                    {
                        LoadBalancerId = group.LoadBalancerId,
                        ListenerId = group.ListenerId,
                        LocationIds = group.LocationIds.ToList(),
                    }, cancellationToken).ConfigureAwait(false);
                    lastTask[group.LoadBalancerId] = task;
                }
                catch (ClbException ex)
                {
                    error = ex;
                }
                yield return new RuleDeleteResult(group, task, error);
            }
        }

        /// <summary>Waits for a task so its load balancer is free again; its own failure is its caller's news, not ours.</summary>
        private static async Task WaitQuietlyAsync(ClbClient client, ClbTask task, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var copy = new ClbTask { TaskId = task.TaskId, Action = task.Action, LoadBalancerId = task.LoadBalancerId, Region = task.Region, Endpoint = task.Endpoint };
            try
            {
                await TaskWaiter.WaitAsync(client, copy, timeout, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ClbTaskFailedException)
            {
            }
        }

        /// <summary>Starts ModifyDomain (renames every rule of a domain); the task's ResourceId is the listener.</summary>
        public static async Task<ClbTask> RenameDomainAsync(ClbClient client, ModifyDomainRequest request, CancellationToken cancellationToken)
        {
            Require(request.LoadBalancerId, "LoadBalancerId");
            Require(request.ListenerId, "ListenerId");
            Require(request.Domain, "Domain");
            Require(request.NewDomain, "NewDomain");
            var response = await client.InvokeAsync<ModifyDomainResponse>("ModifyDomain", request, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "ModifyDomain", response.RequestId ?? "", request.LoadBalancerId, request.ListenerId);
        }

        /// <summary>Starts ModifyDomainAttributes; the task's ResourceId is the listener.</summary>
        public static async Task<ClbTask> ModifyDomainAsync(ClbClient client, ModifyDomainAttributesRequest request, CancellationToken cancellationToken)
        {
            Require(request.LoadBalancerId, "LoadBalancerId");
            Require(request.ListenerId, "ListenerId");
            Require(request.Domain, "Domain");
            if (!string.IsNullOrEmpty(request.NewDomain) && request.NewDomains is { Count: > 0 })
                throw new ArgumentException("NewDomain and NewDomains cannot both be set.", nameof(request));
            if (request.Certificate != null && request.MultiCertInfo != null)
                throw new ArgumentException("Certificate and MultiCertInfo cannot both be set.", nameof(request));
            var response = await client.InvokeAsync<ModifyDomainAttributesResponse>("ModifyDomainAttributes", request, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "ModifyDomainAttributes", response.RequestId ?? "", request.LoadBalancerId, request.ListenerId);
        }

        /// <summary>The rules of one listener with the given LocationIds (to emit after a create or change).</summary>
        public static Task<List<RuleOutput>> GetByLocationAsync(ClbClient client, string loadBalancerId, string listenerId, IReadOnlyCollection<string> locationIds,
            CancellationToken cancellationToken) =>
            ListAsync(client, loadBalancerId, new[] { listenerId }, new RuleFilter { LocationIds = locationIds }, cancellationToken);

        /// <summary>The rules of one listener under a domain (exact, case-insensitive).</summary>
        public static Task<List<RuleOutput>> GetByDomainAsync(ClbClient client, string loadBalancerId, string listenerId, string domain,
            CancellationToken cancellationToken) =>
            ListAsync(client, loadBalancerId, new[] { listenerId }, new RuleFilter { Domain = EscapeWildcards(domain) }, cancellationToken);

        /// <summary>Makes a literal string safe to use as a <see cref="RuleFilter"/> pattern (a domain such as *.example.com).</summary>
        public static string EscapeWildcards(string value)
        {
            var sb = new System.Text.StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c == '*' || c == '?' || c == '[' || c == ']' || c == '`') sb.Append('`');
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static void Require(string? value, string name)
        {
            if (string.IsNullOrEmpty(value)) throw new ArgumentException(name + " is required.", name);
        }
    }
}
