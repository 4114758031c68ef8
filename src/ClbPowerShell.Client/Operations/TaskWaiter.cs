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
        /// <paramref name="options"/> changes the poll schedule (null: poll at once, then every 100 ms growing by 1.5x to 3 s).
        /// </summary>
        public static async Task<ClbTask> WaitAsync(ClbClient client, ClbTask task, TimeSpan timeout,
            Action<ClbTask, TimeSpan>? onPoll, CancellationToken cancellationToken, TaskWaitOptions? options = null)
        {
            options ??= TaskWaitOptions.Default;
            var clock = Stopwatch.StartNew();
            var interval = options.FirstInterval;
            if (options.InitialDelay > TimeSpan.Zero)
                await Task.Delay(options.InitialDelay < timeout ? options.InitialDelay : timeout, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (options.Refresh != null) await options.Refresh(client, task, cancellationToken).ConfigureAwait(false);
                else await RefreshAsync(client, task, cancellationToken).ConfigureAwait(false);
                onPoll?.Invoke(task, clock.Elapsed);
                if (task.Status == ClbTaskStatus.Succeeded) return task;
                if (task.Status == ClbTaskStatus.Failed) throw new ClbTaskFailedException(task);
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero) throw new ClbTaskTimeoutException(task, timeout);
                await Task.Delay(interval < left ? interval : left, cancellationToken).ConfigureAwait(false);
                interval = TimeSpan.FromTicks(Math.Min(options.MaxInterval.Ticks, (long)(interval.Ticks * options.Growth)));
            }
        }
    }

    /// <summary>The poll schedule of <see cref="TaskWaiter.WaitAsync"/>: an optional delay before the first poll, then
    /// intervals starting at <see cref="FirstInterval"/> that grow by <see cref="Growth"/> up to <see cref="MaxInterval"/>.</summary>
    public sealed class TaskWaitOptions
    {
        /// <summary>The schedule used when none is given.</summary>
        public static readonly TaskWaitOptions Default = new TaskWaitOptions();

        /// <summary>Wait this long before the first poll (a task rarely ends sooner than it takes to start); 0 polls at once.</summary>
        public TimeSpan InitialDelay { get; set; } = TimeSpan.Zero;
        public TimeSpan FirstInterval { get; set; } = TaskWaiter.FirstPoll;
        public TimeSpan MaxInterval { get; set; } = TaskWaiter.MaxPoll;
        /// <summary>Each interval is the previous one times this (1 = a fixed interval).</summary>
        public double Growth { get; set; } = 1.5;

        /// <summary>How one poll reads the task's state (it must update <see cref="ClbTask.Status"/>); null: DescribeTaskStatus
        /// (<see cref="TaskWaiter.RefreshAsync"/>). For tasks another action reports on, such as DescribeBlockIPTask.</summary>
        public Func<ClbClient, ClbTask, CancellationToken, Task>? Refresh { get; set; }
    }
}
