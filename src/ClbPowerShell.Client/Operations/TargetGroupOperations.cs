using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>One change to one instance of one target group (register, deregister, weight or port).</summary>
    public sealed class TargetGroupInstanceChange
    {
        public TargetGroupInstanceChange(string targetGroupId, TargetGroupInstance instance)
        {
            TargetGroupId = targetGroupId ?? throw new ArgumentNullException(nameof(targetGroupId));
            Instance = instance ?? throw new ArgumentNullException(nameof(instance));
        }
        public string TargetGroupId { get; }
        public TargetGroupInstance Instance { get; }
    }

    /// <summary>
    /// Target group work that takes more than one call: paging and id chunking of the listings, wildcard names,
    /// instance changes grouped per target group and sent 20 per call, association changes 20 per call,
    /// and deletes that pinpoint which ids failed.
    /// </summary>
    public static class TargetGroupOperations
    {
        /// <summary>DescribeTargetGroups and DeleteTargetGroups take at most 20 ids per call.</summary>
        public const int MaxIdsPerCall = 20;
        /// <summary>The Limit sent per listing call.</summary>
        public const int PageSize = 100;
        /// <summary>Instances per Register/Deregister/Modify call (and per CreateTargetGroup).</summary>
        public const int MaxInstancesPerCall = 20;
        /// <summary>Associations per AssociateTargetGroups / DisassociateTargetGroups call.</summary>
        public const int MaxAssociationsPerCall = 20;
        /// <summary>Values per filter.</summary>
        public const int MaxFilterValues = 100;

        public static readonly IReadOnlyList<string> InstanceActions = new[]
        {
            "RegisterTargetGroupInstances", "DeregisterTargetGroupInstances", "ModifyTargetGroupInstancesWeight", "ModifyTargetGroupInstancesPort",
        };

        // ---- target groups ----------------------------------------------------------------------------------

        /// <summary>
        /// Lists target groups. Ids beyond 20 are split over several calls. An exact name and the VPC go to the
        /// service as filters; a wildcard name, and any name or VPC given together with ids (the service takes
        /// ids or filters, not both), are matched here. Each item (and each association) gets the client's Region.
        /// </summary>
        public static IAsyncEnumerable<Page<TargetGroupInfo>> ListAsync(ClbClient client, IReadOnlyList<string>? targetGroupIds, string? namePattern,
            string? vpcId, long skip, long? first, CancellationToken cancellationToken)
        {
            var ids = targetGroupIds?.Distinct(StringComparer.Ordinal).ToList();
            if (ids != null && ids.Count == 0) ids = null;
            var wildcard = Wildcard.HasWildcards(namePattern);
            var filters = new List<Filter>();
            if (ids == null)
            {
                if (namePattern != null && !wildcard) filters.Add(new Filter { Name = "TargetGroupName", Values = new List<string> { namePattern } });
                if (vpcId != null) filters.Add(new Filter { Name = "TargetGroupVpcId", Values = new List<string> { vpcId } });
            }

            IAsyncEnumerable<Page<TargetGroupInfo>> Listing(List<string>? chunk, long s, long? f) =>
                Pager.PagesAsync<TargetGroupInfo>(async (offset, limit, ct) =>
                {
                    var request = new DescribeTargetGroupsRequest
                    {
                        TargetGroupIds = chunk,
                        Filters = filters.Count > 0 ? filters : null,
                        Offset = offset,
                        Limit = limit,
                    };
                    var response = await client.InvokeAsync<DescribeTargetGroupsResponse>("DescribeTargetGroups", request, ct).ConfigureAwait(false);
                    var items = response.TargetGroupSet ?? new List<TargetGroupInfo>();
                    foreach (var tg in items) Stamp(client, tg);
                    return new Page<TargetGroupInfo>(items, response.TotalCount ?? items.Count);
                }, s, f, PageSize, cancellationToken);

            var local = new List<Func<TargetGroupInfo, bool>>();
            if (namePattern != null && (wildcard || ids != null))
            {
                var match = wildcard ? Wildcard.Matcher(namePattern) : (v => string.Equals(v, namePattern, StringComparison.Ordinal));
                local.Add(tg => match(tg.TargetGroupName));
            }
            if (vpcId != null && ids != null) local.Add(tg => string.Equals(tg.VpcId, vpcId, StringComparison.Ordinal));
            var chunked = ids != null && ids.Count > MaxIdsPerCall;
            var filterHere = local.Count > 0 || chunked;

            var source = chunked
                ? Pager.ConcatAsync(Chunk(ids!, MaxIdsPerCall).Select(c => Listing(c, 0, null)), cancellationToken)
                : Listing(ids, filterHere ? 0 : skip, filterHere ? null : first);
            if (!filterHere) return source;
            return Pager.FilterAsync(source, tg => local.All(f => f(tg)), skip, first, cancellationToken);
        }

        /// <summary>One target group by id, or null when it does not exist.</summary>
        public static async Task<TargetGroupInfo?> GetAsync(ClbClient client, string targetGroupId, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync<DescribeTargetGroupsResponse>("DescribeTargetGroups",
                new DescribeTargetGroupsRequest { TargetGroupIds = new List<string> { targetGroupId } }, cancellationToken).ConfigureAwait(false);
            var tg = response.TargetGroupSet?.FirstOrDefault(x => x.TargetGroupId == targetGroupId);
            if (tg != null) Stamp(client, tg);
            return tg;
        }

        /// <summary>
        /// Creates a target group. CreateTargetGroup takes 20 instances; the rest are registered afterwards,
        /// 20 per call, each call waited for (a new group serves no load balancer, so this is quick).
        /// Returns the created group as the service describes it.
        /// </summary>
        public static async Task<TargetGroupInfo> CreateAsync(ClbClient client, CreateTargetGroupRequest request, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var instances = request.TargetGroupInstances ?? new List<TargetGroupInstance>();
            var first = new CreateTargetGroupRequest
            {
                TargetGroupName = request.TargetGroupName,
                VpcId = request.VpcId,
                Port = request.Port,
                TargetGroupInstances = instances.Count > 0 ? instances.Take(MaxInstancesPerCall).ToList() : null,
                ExtensionData = request.ExtensionData,
            };
            var response = await client.InvokeAsync<CreateTargetGroupResponse>("CreateTargetGroup", first, cancellationToken).ConfigureAwait(false);
            var id = response.TargetGroupId
                     ?? throw new ClbProtocolException("CreateTargetGroup returned no TargetGroupId.", null) { Action = "CreateTargetGroup" };
            if (instances.Count > MaxInstancesPerCall)
            {
                var rest = instances.Skip(MaxInstancesPerCall).Select(i => new TargetGroupInstanceChange(id, i));
                var tasks = await ChangeInstancesAsync(client, "RegisterTargetGroupInstances", rest, timeout, cancellationToken).ConfigureAwait(false);
                await TaskWaiter.WaitAsync(client, tasks[tasks.Count - 1], timeout, null, cancellationToken).ConfigureAwait(false);
            }
            return await GetAsync(client, id, cancellationToken).ConfigureAwait(false)
                   ?? new TargetGroupInfo { TargetGroupId = id, TargetGroupName = request.TargetGroupName, VpcId = request.VpcId, Port = request.Port, Region = client.Region };
        }

        /// <summary>Renames a target group and/or changes its default port (ModifyTargetGroupAttribute).</summary>
        public static Task ModifyAsync(ClbClient client, string targetGroupId, string? name, long? port, CancellationToken cancellationToken) =>
            client.InvokeAsync("ModifyTargetGroupAttribute",
                new ModifyTargetGroupAttributeRequest { TargetGroupId = targetGroupId, TargetGroupName = name, Port = port }, cancellationToken);

        /// <summary>
        /// Deletes target groups, 20 per call. DeleteTargetGroups is all or nothing, so when a call of several ids
        /// is refused each id of it is tried alone: <paramref name="onError"/> hears about exactly the ids that
        /// cannot be deleted, and the others are deleted. Returns the deleted ids.
        /// </summary>
        public static async Task<IReadOnlyList<string>> DeleteAsync(ClbClient client, IEnumerable<string> targetGroupIds,
            Action<string, ClbException> onError, CancellationToken cancellationToken)
        {
            var deleted = new List<string>();
            var ids = targetGroupIds.Distinct(StringComparer.Ordinal).ToList();
            foreach (var chunk in Chunk(ids, MaxIdsPerCall))
            {
                try
                {
                    await client.InvokeAsync("DeleteTargetGroups", new DeleteTargetGroupsRequest { TargetGroupIds = chunk }, cancellationToken).ConfigureAwait(false);
                    deleted.AddRange(chunk);
                    continue;
                }
                catch (ClbApiException ex) when (chunk.Count > 1 && IsRefusal(ex))
                {
                    // Find the culprits one by one below.
                }
                catch (ClbApiException ex) when (IsRefusal(ex))
                {
                    onError(chunk[0], ex);
                    continue;
                }
                foreach (var id in chunk)
                {
                    try
                    {
                        await client.InvokeAsync("DeleteTargetGroups", new DeleteTargetGroupsRequest { TargetGroupIds = new List<string> { id } }, cancellationToken).ConfigureAwait(false);
                        deleted.Add(id);
                    }
                    catch (ClbApiException ex) when (IsRefusal(ex))
                    {
                        onError(id, ex);
                    }
                }
            }
            return deleted;
        }

        /// <summary>The request was refused for something in it (not a transport or server fault).</summary>
        private static bool IsRefusal(ClbApiException ex) =>
            ex.Code.StartsWith("InvalidParameter", StringComparison.Ordinal) || ex.Code.StartsWith("FailedOperation", StringComparison.Ordinal) ||
            ex.Code.StartsWith("ResourceNotFound", StringComparison.Ordinal);

        // ---- instances --------------------------------------------------------------------------------------

        /// <summary>
        /// Lists instances bound to target groups, filtered by target group ids, private addresses and/or CVM ids
        /// (at least one; DescribeTargetGroupInstances needs a filter). More than 100 values of one filter are
        /// split over several listings. Each instance gets the client's Region.
        /// </summary>
        public static IAsyncEnumerable<Page<TargetGroupBackend>> ListInstancesAsync(ClbClient client, IReadOnlyList<string>? targetGroupIds,
            IReadOnlyList<string>? bindIps, IReadOnlyList<string>? instanceIds, long skip, long? first, CancellationToken cancellationToken)
        {
            var tgs = Distinct(targetGroupIds);
            var ips = Distinct(bindIps);
            var cvms = Distinct(instanceIds);
            if (tgs == null && ips == null && cvms == null)
                throw new ArgumentException("DescribeTargetGroupInstances needs a filter: give target group ids, bind IPs or instance ids.");
            if ((ips?.Count ?? 0) > MaxFilterValues || (cvms?.Count ?? 0) > MaxFilterValues)
                throw new ArgumentException("At most " + MaxFilterValues + " bind IPs and " + MaxFilterValues + " instance ids can be matched in one listing.");

            IAsyncEnumerable<Page<TargetGroupBackend>> Listing(List<string>? tgChunk, long s, long? f) =>
                Pager.PagesAsync<TargetGroupBackend>(async (offset, limit, ct) =>
                {
                    var filters = new List<Filter>();
                    if (tgChunk != null) filters.Add(new Filter { Name = "TargetGroupId", Values = tgChunk });
                    if (ips != null) filters.Add(new Filter { Name = "BindIP", Values = ips });
                    if (cvms != null) filters.Add(new Filter { Name = "InstanceId", Values = cvms });
                    var request = new DescribeTargetGroupInstancesRequest { Filters = filters, Offset = offset, Limit = limit };
                    var response = await client.InvokeAsync<DescribeTargetGroupInstancesResponse>("DescribeTargetGroupInstances", request, ct).ConfigureAwait(false);
                    var items = response.TargetGroupInstanceSet ?? new List<TargetGroupBackend>();
                    foreach (var i in items) i.Region = client.Region;
                    return new Page<TargetGroupBackend>(items, response.TotalCount ?? items.Count);
                }, s, f, PageSize, cancellationToken);

            if (tgs == null || tgs.Count <= MaxFilterValues) return Listing(tgs, skip, first);
            var all = Pager.ConcatAsync(Chunk(tgs, MaxFilterValues).Select(c => Listing(c, 0, null)), cancellationToken);
            return Pager.FilterAsync(all, _ => true, skip, first, cancellationToken);
        }

        /// <summary>
        /// Sends instance changes with one of <see cref="InstanceActions"/>: grouped per target group (first seen
        /// first), repeated instances dropped, 20 per call. Each call starts a task on the load balancers the group
        /// serves and one load balancer runs one task at a time, so every call but the first waits for the previous
        /// task (up to <paramref name="timeout"/>) before it is sent. Returns the tasks in order; all but the last
        /// have finished. Without <paramref name="onError"/> the first refused call throws; with it, the refusal is
        /// reported for that target group, its remaining calls are skipped and the other groups go ahead.
        /// </summary>
        public static async Task<IReadOnlyList<ClbTask>> ChangeInstancesAsync(ClbClient client, string action, IEnumerable<TargetGroupInstanceChange> changes,
            TimeSpan timeout, CancellationToken cancellationToken, Action<string, ClbException>? onError = null)
        {
            if (!InstanceActions.Contains(action)) throw new ArgumentException("Not a target group instance action: " + action, nameof(action));
            var calls = Plan(changes).ToList();
            var tasks = new List<ClbTask>();
            string? failedGroup = null;
            foreach (var (targetGroupId, chunk) in calls)
            {
                if (targetGroupId == failedGroup) continue;
                if (tasks.Count > 0 && tasks[tasks.Count - 1].Status == ClbTaskStatus.Running)
                    await TaskWaiter.WaitAsync(client, tasks[tasks.Count - 1], timeout, null, cancellationToken).ConfigureAwait(false);
                try
                {
                    var response = await client.InvokeAsync(action, new { TargetGroupId = targetGroupId, TargetGroupInstances = chunk }, cancellationToken).ConfigureAwait(false);
                    tasks.Add(ClbTasks.Started(client, action, response, null, targetGroupId));
                }
                catch (ClbApiException ex) when (onError != null && IsRefusal(ex))
                {
                    failedGroup = targetGroupId;
                    onError(targetGroupId, ex);
                }
            }
            return tasks;
        }

        /// <summary>The calls <see cref="ChangeInstancesAsync"/> makes: (target group, up to 20 instances).</summary>
        public static IEnumerable<(string TargetGroupId, List<TargetGroupInstance> Instances)> Plan(IEnumerable<TargetGroupInstanceChange> changes)
        {
            var order = new List<string>();
            var byGroup = new Dictionary<string, List<TargetGroupInstance>>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in changes)
            {
                if (!seen.Add(c.TargetGroupId + "|" + c.Instance.BindIP + "|" + c.Instance.Port)) continue;
                if (!byGroup.TryGetValue(c.TargetGroupId, out var list))
                {
                    byGroup[c.TargetGroupId] = list = new List<TargetGroupInstance>();
                    order.Add(c.TargetGroupId);
                }
                list.Add(c.Instance);
            }
            foreach (var id in order)
                foreach (var chunk in Chunk(byGroup[id], MaxInstancesPerCall))
                    yield return (id, chunk);
        }

        /// <summary>The instances named by <paramref name="changes"/> as they are now (at NewPort when
        /// <paramref name="useNewPort"/>), for emitting what a change produced.</summary>
        public static async Task<IReadOnlyList<TargetGroupBackend>> FindInstancesAsync(ClbClient client, IEnumerable<TargetGroupInstanceChange> changes,
            bool useNewPort, CancellationToken cancellationToken)
        {
            var list = changes.ToList();
            // An instance registered without a port took the group's default: match it by address alone.
            string Key(string? group, string? ip, long? port) => group + "|" + ip + "|" + port;
            var wanted = new HashSet<string>(list.Select(c => Key(c.TargetGroupId, c.Instance.BindIP, useNewPort ? c.Instance.NewPort ?? c.Instance.Port : c.Instance.Port)), StringComparer.Ordinal);
            var groups = list.Select(c => c.TargetGroupId).Distinct(StringComparer.Ordinal).ToList();
            var found = new List<TargetGroupBackend>();
            await foreach (var page in ListInstancesAsync(client, groups, null, null, 0, null, cancellationToken).ConfigureAwait(false))
                found.AddRange(page.Items.Where(i => wanted.Contains(Key(i.TargetGroupId, i.BindIP, i.Port)) || wanted.Contains(Key(i.TargetGroupId, i.BindIP, null))));
            return found;
        }

        // ---- associations -----------------------------------------------------------------------------------

        /// <summary>
        /// Associates (<paramref name="associate"/> true) or disassociates target groups with listeners/rules, 20 per
        /// call; each call but the last waits for its task before the next. Returns the tasks in order.
        /// </summary>
        public static async Task<IReadOnlyList<ClbTask>> ChangeAssociationsAsync(ClbClient client, bool associate, IEnumerable<TargetGroupAssociation> associations,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            var action = associate ? "AssociateTargetGroups" : "DisassociateTargetGroups";
            var distinct = associations
                .GroupBy(a => a.TargetGroupId + "|" + a.LoadBalancerId + "|" + a.ListenerId + "|" + a.LocationId, StringComparer.Ordinal)
                .Select(g => g.First()).ToList();
            var tasks = new List<ClbTask>();
            foreach (var chunk in Chunk(distinct, MaxAssociationsPerCall))
            {
                if (tasks.Count > 0) await TaskWaiter.WaitAsync(client, tasks[tasks.Count - 1], timeout, null, cancellationToken).ConfigureAwait(false);
                var response = await client.InvokeAsync(action, new { Associations = chunk }, cancellationToken).ConfigureAwait(false);
                var lbs = chunk.Select(a => a.LoadBalancerId).Distinct(StringComparer.Ordinal).ToList();
                var task = ClbTasks.Started(client, action, response, lbs.Count == 1 ? lbs[0] : null,
                    chunk.Select(a => a.TargetGroupId).Distinct(StringComparer.Ordinal).Count() == 1 ? chunk[0].TargetGroupId : null);
                task.LoadBalancerIds = lbs.Where(x => x != null).Select(x => x!).ToArray();
                tasks.Add(task);
            }
            return tasks;
        }

        /// <summary>The current associations matching <paramref name="associations"/> (as the target groups report them).</summary>
        public static async Task<IReadOnlyList<AssociationItem>> FindAssociationsAsync(ClbClient client, IEnumerable<TargetGroupAssociation> associations,
            CancellationToken cancellationToken)
        {
            var list = associations.ToList();
            var wanted = new HashSet<string>(list.Select(a => a.TargetGroupId + "|" + a.ListenerId + "|" + a.LocationId), StringComparer.Ordinal);
            var ids = list.Select(a => a.TargetGroupId!).Distinct(StringComparer.Ordinal).ToList();
            var found = new List<AssociationItem>();
            await foreach (var page in ListAsync(client, ids, null, null, 0, null, cancellationToken).ConfigureAwait(false))
                foreach (var tg in page.Items)
                    found.AddRange((tg.AssociatedRule ?? new List<AssociationItem>())
                        .Where(a => wanted.Contains(tg.TargetGroupId + "|" + a.ListenerId + "|" + (string.IsNullOrEmpty(a.LocationId) ? null : a.LocationId))));
            return found;
        }

        // ---- helpers ----------------------------------------------------------------------------------------

        private static void Stamp(ClbClient client, TargetGroupInfo tg)
        {
            tg.Region = client.Region;
            foreach (var a in tg.AssociatedRule ?? new List<AssociationItem>())
            {
                a.Region = client.Region;
                a.TargetGroupId = tg.TargetGroupId;
            }
        }

        private static List<string>? Distinct(IReadOnlyList<string>? values)
        {
            var list = values?.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();
            return list == null || list.Count == 0 ? null : list;
        }

        private static IEnumerable<List<T>> Chunk<T>(IReadOnlyList<T> items, int size) => LoadBalancerOperations.Chunk(items, size);
    }
}
