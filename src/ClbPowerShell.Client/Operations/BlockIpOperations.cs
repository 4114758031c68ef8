using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// The client IP blocklist of load balancers (DescribeBlockIPList, ModifyBlockIPList, DescribeBlockIPTask; these have no
    /// section in the reference, so their fields follow the public SDK). A change is a job followed with DescribeBlockIPTask,
    /// not DescribeTaskStatus: wait for it with <see cref="WaitAsync"/> or <see cref="WaitOptions"/>.
    /// </summary>
    public static class BlockIpOperations
    {
        public const string ModifyAction = "ModifyBlockIPList";
        /// <summary>Limit sent per DescribeBlockIPList call (its maximum).</summary>
        public const int PageSize = 100_000;
        /// <summary>Load balancers per ModifyBlockIPList call.</summary>
        public const int MaxLoadBalancersPerCall = 20;
        /// <summary>Addresses per ModifyBlockIPList call.</summary>
        public const int MaxIpsPerCall = 200_000;
        /// <summary>The longest ExpireTime the service takes (a year, in seconds).</summary>
        public const int MaxExpireSeconds = 365 * 24 * 3600;

        /// <summary>The blocked addresses of one load balancer, page by page; each carries Region and LoadBalancerId.</summary>
        public static IAsyncEnumerable<Page<BlockedIP>> ListAsync(ClbClient client, string loadBalancerId, long skip, long? first, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(loadBalancerId)) throw new ArgumentException("A load balancer id is required.", nameof(loadBalancerId));
            return Pager.PagesAsync<BlockedIP>(async (offset, limit, ct) =>
            {
                var response = await client.InvokeAsync<DescribeBlockIPListResponse>("DescribeBlockIPList",
                    new DescribeBlockIPListRequest { LoadBalancerId = loadBalancerId, Offset = offset, Limit = limit }, ct).ConfigureAwait(false);
                var items = response.BlockedIPList ?? new List<BlockedIP>();
                foreach (var ip in items)
                {
                    ip.Region = client.Region;
                    ip.LoadBalancerId = loadBalancerId;
                }
                return new Page<BlockedIP>(items, response.BlockedIPCount ?? items.Count);
            }, skip, first, PageSize, cancellationToken);
        }

        /// <summary>
        /// ModifyBlockIPList for many load balancers, 20 per call (duplicates dropped): <paramref name="type"/> is add_blocked,
        /// del_blocked or flush_blocked. Each accepted call gives a task whose TaskId is the job id (JodId) to follow with
        /// DescribeBlockIPTask. Every chunk is sent even when an earlier one failed.
        /// </summary>
        public static async Task<IReadOnlyList<ChunkResult>> ModifyAsync(ClbClient client, IReadOnlyList<string> loadBalancerIds, string type,
            IReadOnlyList<string>? clientIps, long? expireSeconds, CancellationToken cancellationToken)
        {
            if (type != "add_blocked" && type != "del_blocked" && type != "flush_blocked")
                throw new ArgumentException("type must be add_blocked, del_blocked or flush_blocked.", nameof(type));
            var ips = clientIps?.Where(ip => !string.IsNullOrEmpty(ip)).Distinct(StringComparer.Ordinal).ToList();
            if (type != "flush_blocked" && (ips == null || ips.Count == 0)) throw new ArgumentException("Addresses are required to add or remove.", nameof(clientIps));
            if (ips != null && ips.Count > MaxIpsPerCall) throw new ArgumentException("At most " + MaxIpsPerCall + " addresses per change.", nameof(clientIps));
            return await ChunkedCalls.RunAsync(loadBalancerIds, MaxLoadBalancersPerCall, async (chunk, ct) =>
            {
                var response = await client.InvokeAsync<ModifyBlockIPListResponse>(ModifyAction, new ModifyBlockIPListRequest
                {
                    LoadBalancerIds = chunk,
                    Type = type,
                    BlockIPList = type == "flush_blocked" ? null : ips,
                    ExpireTime = type == "add_blocked" ? expireSeconds : null,
                }, ct).ConfigureAwait(false);
                var jobId = response.JodId;
                if (string.IsNullOrEmpty(jobId))
                    throw new ClbProtocolException(ModifyAction + " was accepted but returned no JodId to follow the job by.", null) { Action = ModifyAction, RequestId = response.RequestId };
                var task = ClbTasks.Started(client, ModifyAction, jobId!, chunk.Count == 1 ? chunk[0] : null);
                task.LoadBalancerIds = chunk.ToArray();
                return task;
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>One DescribeBlockIPTask call: updates and returns the task (1 running, 2 succeeded, 3 failed).</summary>
        public static async Task<ClbTask> RefreshAsync(ClbClient client, ClbTask task, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync<DescribeBlockIPTaskResponse>("DescribeBlockIPTask",
                new DescribeBlockIPTaskRequest { TaskId = task.TaskId }, cancellationToken).ConfigureAwait(false);
            switch (response.Status)
            {
                case 1: task.Status = ClbTaskStatus.Running; break;
                case 2: task.Status = ClbTaskStatus.Succeeded; break;
                case 3: task.Status = ClbTaskStatus.Failed; break;
                default:
                    throw new ClbProtocolException("DescribeBlockIPTask returned " + (response.Status == null ? "no Status" : "the unknown Status " + response.Status) +
                                                   " for job " + task.TaskId + ".", null) { Action = "DescribeBlockIPTask", RequestId = response.RequestId };
            }
            if (task.Status != ClbTaskStatus.Running && task.EndTime == null) task.EndTime = DateTimeOffset.Now;
            return task;
        }

        /// <summary>TaskWaiter's schedule with polls made by DescribeBlockIPTask.</summary>
        public static TaskWaitOptions WaitOptions { get; } = new TaskWaitOptions { Refresh = RefreshAsync };

        /// <summary>Waits for a ModifyBlockIPList job through the one poll loop (TaskWaiter) with DescribeBlockIPTask polls.</summary>
        public static Task<ClbTask> WaitAsync(ClbClient client, ClbTask task, TimeSpan timeout, Action<ClbTask, TimeSpan>? onPoll, CancellationToken cancellationToken) =>
            TaskWaiter.WaitAsync(client, task, timeout, onPoll, cancellationToken, WaitOptions);
    }
}
