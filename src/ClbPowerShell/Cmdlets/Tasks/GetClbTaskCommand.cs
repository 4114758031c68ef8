using System.Collections.Generic;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Tasks
{
    /// <summary>
    /// <para type="synopsis">Gets the current status of asynchronous CLB tasks.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbTask", DefaultParameterSetName = TaskInput.ByObjectSet)]
    [OutputType(typeof(ClbTask))]
    [ClbApiAction("DescribeTaskStatus")]
    public sealed class GetClbTaskCommand : ClbCmdlet
    {
        /// <summary><para type="description">Task objects, as emitted by asynchronous cmdlets. Their Region and Endpoint are used.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = TaskInput.ByObjectSet)]
        [ValidateNotNullOrEmpty]
        public ClbTask[] Task { get; set; } = new ClbTask[0];

        /// <summary><para type="description">Task ids: the RequestId of the call that started each task.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TaskInput.ByIdSet)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(TaskInput.IdPattern)]
        public string[] TaskId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            foreach (var task in TaskInput.From(ParameterSetName, Task, TaskId))
            {
                var client = GetClient(task.Region, task.Endpoint);
                task.Region ??= client.Region;
                task.Endpoint ??= client.Endpoint.ToString();
                Run(async cancellationToken =>
                {
                    await TaskWaiter.RefreshAsync(client, task, cancellationToken).ConfigureAwait(false);
                    await EmitAsync(task).ConfigureAwait(false);
                }, task.TaskId);
            }
        }
    }

    /// <summary>Task input shared by Get-ClbTask and Wait-ClbTask: objects or bare ids.</summary>
    internal static class TaskInput
    {
        public const string ByObjectSet = "ByObject";
        public const string ByIdSet = "ById";
        /// <summary>A RequestId is a GUID; accept it and similar opaque ids, never whitespace or punctuation.</summary>
        public const string IdPattern = "^[0-9A-Za-z][0-9A-Za-z_-]{7,63}$";

        public static IEnumerable<ClbTask> From(string parameterSet, ClbTask[] tasks, string[] ids)
        {
            if (parameterSet == ByObjectSet)
            {
                foreach (var task in tasks) if (task != null) yield return task;
                yield break;
            }
            foreach (var id in ids) yield return new ClbTask { TaskId = id, Action = "(unknown)" };
        }
    }
}
