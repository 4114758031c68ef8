using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// Classic CLB instances (created with Forward 0): listing their listeners, real servers and health, finding the
    /// classic instances a CVM serves, binding and unbinding real servers (chunked, one task at a time per instance),
    /// and migrating classic instances to the current kind, with a wait that follows DescribeLoadBalancers.
    /// </summary>
    public static class ClassicOperations
    {
        /// <summary>Real servers sent per RegisterTargetsWithClassicalLB / DeregisterTargetsFromClassicalLB call.</summary>
        public const int MaxInstancesPerCall = 20;
        /// <summary>Instance ids per DescribeClassicalLBByInstanceId call.</summary>
        public const int MaxLookupIdsPerCall = 20;
        /// <summary>Load balancers per MigrateClassicalLoadBalancers call.</summary>
        public const int MaxMigrateIdsPerCall = 20;

        /// <summary>The listeners of one classic instance matching <paramref name="query"/>, stamped with Region and LoadBalancerId.</summary>
        public static async Task<IReadOnlyList<ClassicalListener>> ListListenersAsync(ClbClient client, DescribeClassicalLBListenersRequest query, CancellationToken cancellationToken)
        {
            var lbId = RequiredId(query.LoadBalancerId, nameof(query.LoadBalancerId));
            var response = await client.InvokeAsync<DescribeClassicalLBListenersResponse>("DescribeClassicalLBListeners", query, cancellationToken).ConfigureAwait(false);
            var items = response.Listeners ?? new List<ClassicalListener>();
            foreach (var l in items)
            {
                l.Region = client.Region;
                l.LoadBalancerId = lbId;
            }
            return items;
        }

        /// <summary>The real servers bound to one classic instance, stamped with Region and LoadBalancerId.</summary>
        public static async Task<IReadOnlyList<ClassicalTarget>> ListTargetsAsync(ClbClient client, string loadBalancerId, CancellationToken cancellationToken)
        {
            RequiredId(loadBalancerId, nameof(loadBalancerId));
            var response = await client.InvokeAsync<DescribeClassicalLBTargetsResponse>("DescribeClassicalLBTargets",
                new DescribeClassicalLBTargetsRequest { LoadBalancerId = loadBalancerId }, cancellationToken).ConfigureAwait(false);
            var items = response.Targets ?? new List<ClassicalTarget>();
            foreach (var t in items)
            {
                t.Region = client.Region;
                t.LoadBalancerId = loadBalancerId;
            }
            return items;
        }

        /// <summary>
        /// Health check results of one classic instance (one row per real server and listener), or of one of its
        /// listeners; stamped with Region, LoadBalancerId and, when a listener was named, ListenerId.
        /// </summary>
        public static async Task<IReadOnlyList<ClassicalHealth>> HealthAsync(ClbClient client, string loadBalancerId, string? listenerId, CancellationToken cancellationToken)
        {
            RequiredId(loadBalancerId, nameof(loadBalancerId));
            var response = await client.InvokeAsync<DescribeClassicalLBHealthStatusResponse>("DescribeClassicalLBHealthStatus",
                new DescribeClassicalLBHealthStatusRequest { LoadBalancerId = loadBalancerId, ListenerId = string.IsNullOrEmpty(listenerId) ? null : listenerId },
                cancellationToken).ConfigureAwait(false);
            var items = response.HealthList ?? new List<ClassicalHealth>();
            foreach (var h in items)
            {
                h.Region = client.Region;
                h.LoadBalancerId = loadBalancerId;
                h.ListenerId = string.IsNullOrEmpty(listenerId) ? null : listenerId;
            }
            return items;
        }

        /// <summary>
        /// Which classic instances each CVM instance is bound to: duplicates dropped, <see cref="MaxLookupIdsPerCall"/> ids
        /// per call, one result per instance in the order asked (an instance behind none has an empty LoadBalancerIds).
        /// </summary>
        public static async Task<IReadOnlyList<ClassicalLoadBalancerInfo>> FindByInstanceAsync(ClbClient client, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
        {
            var ids = instanceIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            var found = new Dictionary<string, ClassicalLoadBalancerInfo>(StringComparer.Ordinal);
            foreach (var chunk in LoadBalancerOperations.Chunk(ids, MaxLookupIdsPerCall))
            {
                var response = await client.InvokeAsync<DescribeClassicalLBByInstanceIdResponse>("DescribeClassicalLBByInstanceId",
                    new DescribeClassicalLBByInstanceIdRequest { InstanceIds = chunk }, cancellationToken).ConfigureAwait(false);
                foreach (var info in response.LoadBalancerInfoList ?? new List<ClassicalLoadBalancerInfo>())
                    if (info.InstanceId != null && !found.ContainsKey(info.InstanceId)) found[info.InstanceId] = info;
            }
            return ids.Select(id => found.TryGetValue(id, out var info)
                    ? info
                    : new ClassicalLoadBalancerInfo { InstanceId = id, LoadBalancerIds = new List<string>() })
                .Select(info => { info.Region = client.Region; info.LoadBalancerIds ??= new List<string>(); return info; })
                .ToList();
        }

        /// <summary>
        /// Binds real servers to a classic instance: repeated instances collapse to the last one given, then
        /// <see cref="MaxInstancesPerCall"/> per call. One instance runs one task at a time, so each call after the first
        /// waits (up to <paramref name="timeout"/>) for the task of the previous accepted call. Every chunk is sent even
        /// when an earlier one was refused; the outcome of each (its task or its error) is returned in order.
        /// </summary>
        public static Task<IReadOnlyList<ChunkResult>> RegisterAsync(ClbClient client, string loadBalancerId, IEnumerable<ClassicalTargetInfo> targets,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            RequiredId(loadBalancerId, nameof(loadBalancerId));
            var order = new List<string>();
            var byId = new Dictionary<string, ClassicalTargetInfo>(StringComparer.Ordinal);
            foreach (var t in targets)
            {
                if (string.IsNullOrEmpty(t.InstanceId)) throw new ArgumentException("Every target needs an InstanceId.", nameof(targets));
                if (!byId.ContainsKey(t.InstanceId!)) order.Add(t.InstanceId!);
                byId[t.InstanceId!] = t;
            }
            var list = order.Select(id => byId[id]).ToList();
            return SendChunksAsync(client, "RegisterTargetsWithClassicalLB", loadBalancerId, list, t => t.InstanceId!,
                chunk => new RegisterTargetsWithClassicalLBRequest { LoadBalancerId = loadBalancerId, Targets = chunk }, timeout, cancellationToken);
        }

        /// <summary>
        /// Unbinds real servers from a classic instance: duplicates dropped, <see cref="MaxInstancesPerCall"/> per call,
        /// each call after the first waiting for the previous task. The outcome of each chunk is returned in order.
        /// </summary>
        public static Task<IReadOnlyList<ChunkResult>> DeregisterAsync(ClbClient client, string loadBalancerId, IEnumerable<string> instanceIds,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            RequiredId(loadBalancerId, nameof(loadBalancerId));
            var ids = instanceIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            return SendChunksAsync(client, "DeregisterTargetsFromClassicalLB", loadBalancerId, ids, id => id,
                chunk => new DeregisterTargetsFromClassicalLBRequest { LoadBalancerId = loadBalancerId, InstanceIds = chunk }, timeout, cancellationToken);
        }

        private static async Task<IReadOnlyList<ChunkResult>> SendChunksAsync<T>(ClbClient client, string action, string loadBalancerId, List<T> items,
            Func<T, string> idOf, Func<List<T>, object> request, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var results = new List<ChunkResult>();
            ClbTask? previous = null;
            foreach (var chunk in LoadBalancerOperations.Chunk(items, MaxInstancesPerCall))
            {
                var ids = chunk.Select(idOf).ToList();
                try
                {
                    if (previous != null && previous.Status == ClbTaskStatus.Running)
                        await TaskWaiter.WaitAsync(client, previous, timeout, null, cancellationToken).ConfigureAwait(false);
                    var response = await client.InvokeAsync(action, request(chunk), cancellationToken).ConfigureAwait(false);
                    previous = ClbTasks.Started(client, action, response, loadBalancerId, loadBalancerId);
                    results.Add(new ChunkResult(ids, previous, null));
                }
                catch (ClbException ex) when (!(ex is ClbTaskTimeoutException))
                {
                    results.Add(new ChunkResult(ids, null, ex));
                }
            }
            return results;
        }

        /// <summary>
        /// Starts migrating classic instances to the current kind: duplicates dropped, <see cref="MaxMigrateIdsPerCall"/>
        /// per call; every chunk is sent even when an earlier one was refused. The outcome of each chunk is returned in order
        /// (its task's LoadBalancerIds are the instances it carried).
        /// </summary>
        public static Task<IReadOnlyList<ChunkResult>> MigrateAsync(ClbClient client, IReadOnlyList<string> loadBalancerIds, ExclusiveCluster? exclusiveCluster,
            CancellationToken cancellationToken) =>
            ChunkedCalls.RunAsync(loadBalancerIds, MaxMigrateIdsPerCall, async (chunk, ct) =>
            {
                var response = await client.InvokeAsync<MigrateClassicalLoadBalancersResponse>("MigrateClassicalLoadBalancers",
                    new MigrateClassicalLoadBalancersRequest { LoadBalancerIds = chunk, ExclusiveCluster = exclusiveCluster }, ct).ConfigureAwait(false);
                var task = ClbTasks.Started(client, "MigrateClassicalLoadBalancers", LoadBalancerOperations.Required(response.RequestId, "MigrateClassicalLoadBalancers"),
                    chunk.Count == 1 ? chunk[0] : null, chunk.Count == 1 ? chunk[0] : null);
                task.LoadBalancerIds = chunk.ToArray();
                return task;
            }, cancellationToken);

        /// <summary>
        /// Waits for a migration the way the service documents it: polls DescribeLoadBalancers (on the schedule of
        /// <paramref name="options"/>, as TaskWaiter does) until every instance of <paramref name="task"/> reports
        /// Forward 1, then marks the task Succeeded and returns the migrated load balancers. Throws ClbTaskTimeoutException
        /// when some are still classic after <paramref name="timeout"/>, ClbTaskFailedException when one no longer exists.
        /// </summary>
        public static async Task<IReadOnlyList<LoadBalancer>> WaitMigratedAsync(ClbClient client, ClbTask task, TimeSpan timeout,
            Action<ClbTask, TimeSpan>? onPoll, CancellationToken cancellationToken, TaskWaitOptions? options = null)
        {
            options ??= TaskWaitOptions.Default;
            var ids = (task.LoadBalancerIds != null && task.LoadBalancerIds.Length > 0 ? task.LoadBalancerIds
                : task.LoadBalancerId != null ? new[] { task.LoadBalancerId } : new string[0]).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0) throw new ArgumentException("The task names no load balancer to wait for.", nameof(task));
            var clock = Stopwatch.StartNew();
            var interval = options.FirstInterval;
            if (options.InitialDelay > TimeSpan.Zero)
                await Task.Delay(options.InitialDelay < timeout ? options.InitialDelay : timeout, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var found = await LoadBalancerOperations.GetManyAsync(client, ids, cancellationToken).ConfigureAwait(false);
                var byId = found.GroupBy(lb => lb.LoadBalancerId ?? "").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                if (ids.Any(id => !byId.ContainsKey(id)))
                {
                    task.Status = ClbTaskStatus.Failed;
                    task.EndTime = DateTimeOffset.Now;
                    onPoll?.Invoke(task, clock.Elapsed);
                    throw new ClbTaskFailedException(task);
                }
                if (ids.All(id => byId[id].Forward == 1))
                {
                    task.Status = ClbTaskStatus.Succeeded;
                    task.EndTime ??= DateTimeOffset.Now;
                    onPoll?.Invoke(task, clock.Elapsed);
                    return ids.Select(id => byId[id]).ToList();
                }
                onPoll?.Invoke(task, clock.Elapsed);
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero) throw new ClbTaskTimeoutException(task, timeout);
                await Task.Delay(interval < left ? interval : left, cancellationToken).ConfigureAwait(false);
                interval = TimeSpan.FromTicks(Math.Min(options.MaxInterval.Ticks, (long)(interval.Ticks * options.Growth)));
            }
        }

        private static string RequiredId(string? id, string name) =>
            string.IsNullOrEmpty(id) ? throw new ArgumentException("A load balancer id is required.", name) : id!;
    }
}
