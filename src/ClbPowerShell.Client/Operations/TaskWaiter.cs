using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// The one place that waits for asynchronous tasks: polls DescribeTaskStatus with a growing interval
    /// until the task succeeds, fails or the timeout passes.
    /// </summary>
    public static class TaskWaiter
    {
        public static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
        public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(3);

        /// <summary>One DescribeTaskStatus call; updates and returns the task.</summary>
        public static async Task<ClbTask> RefreshAsync(ClbClient client, ClbTask task, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync("DescribeTaskStatus", new { TaskId = task.TaskId }, cancellationToken).ConfigureAwait(false);
            if (!response.TryGetProperty("Status", out var status) || status.ValueKind != JsonValueKind.Number)
                throw new ClbProtocolException("DescribeTaskStatus returned no Status for task " + task.TaskId + ".", null) { Action = "DescribeTaskStatus" };
            task.Status = (ClbTaskStatus)status.GetInt32();
            if (response.TryGetProperty("LoadBalancerIds", out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                task.LoadBalancerIds = ids.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray();
                if (task.LoadBalancerId == null && task.LoadBalancerIds.Length == 1) task.LoadBalancerId = task.LoadBalancerIds[0];
            }
            if (task.Status != ClbTaskStatus.Running && task.EndTime == null) task.EndTime = DateTimeOffset.Now;
            return task;
        }

        /// <summary>
        /// Waits until the task ends. Throws ClbTaskFailedException when it fails and ClbTaskTimeoutException
        /// when it is still running after <paramref name="timeout"/>; reports each poll to <paramref name="onPoll"/>.
        /// </summary>
        public static async Task<ClbTask> WaitAsync(ClbClient client, ClbTask task, TimeSpan timeout,
            Action<ClbTask, TimeSpan>? onPoll, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var interval = FirstPoll;
            while (true)
            {
                await RefreshAsync(client, task, cancellationToken).ConfigureAwait(false);
                onPoll?.Invoke(task, clock.Elapsed);
                if (task.Status == ClbTaskStatus.Succeeded) return task;
                if (task.Status == ClbTaskStatus.Failed) throw new ClbTaskFailedException(task);
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero) throw new ClbTaskTimeoutException(task, timeout);
                await Task.Delay(interval < left ? interval : left, cancellationToken).ConfigureAwait(false);
                interval = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, (long)(interval.Ticks * 1.5)));
            }
        }
    }
}
