using System;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>The states DescribeTaskStatus reports.</summary>
    public enum ClbTaskStatus
    {
        Succeeded = 0,
        Failed = 1,
        Running = 2,
    }

    /// <summary>
    /// An asynchronous change the service is carrying out. TaskId is the RequestId of the call that started
    /// it. Carries Region and Endpoint so Wait-ClbTask and Get-ClbTask can follow it from the pipeline.
    /// </summary>
    public sealed class ClbTask
    {
        public string TaskId { get; set; } = "";
        public string Action { get; set; } = "";
        public string? LoadBalancerId { get; set; }
        /// <summary>The resource the action changed or made (listener, rule, ...), where known.</summary>
        public string? ResourceId { get; set; }
        public string? Region { get; set; }
        public string? Endpoint { get; set; }
        public ClbTaskStatus Status { get; set; } = ClbTaskStatus.Running;
        public DateTimeOffset StartTime { get; set; } = DateTimeOffset.Now;
        public DateTimeOffset? EndTime { get; set; }
        /// <summary>Load balancer ids the service reports for the task (CreateLoadBalancer fills these in).</summary>
        public string[]? LoadBalancerIds { get; set; }

        public override string ToString() => TaskId + " (" + Action + ", " + Status + ")";
    }

    /// <summary>A task ended in failure (DescribeTaskStatus Status 1).</summary>
    public sealed class ClbTaskFailedException : ClbException
    {
        public ClbTaskFailedException(ClbTask task)
            : base("Task " + task.TaskId + " (" + task.Action + (task.LoadBalancerId != null ? " on " + task.LoadBalancerId : "") + ") failed.")
        {
            Task = task;
            Action = task.Action;
            RequestId = task.TaskId;
        }
        public ClbTask Task { get; }
    }

    /// <summary>A task did not finish within the time the caller allowed.</summary>
    public sealed class ClbTaskTimeoutException : ClbException
    {
        public ClbTaskTimeoutException(ClbTask task, TimeSpan timeout)
            : base("Task " + task.TaskId + " (" + task.Action + (task.LoadBalancerId != null ? " on " + task.LoadBalancerId : "") +
                   ") was still running after " + timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s.")
        {
            Task = task;
            Action = task.Action;
            RequestId = task.TaskId;
        }
        public ClbTask Task { get; }
    }
}
