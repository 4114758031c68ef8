using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Tasks
{
    /// <summary>
    /// <para type="synopsis">Waits until asynchronous CLB tasks finish, and emits them once they succeed.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "ClbTask", DefaultParameterSetName = TaskInput.ByObjectSet)]
    [OutputType(typeof(ClbTask))]
    [ClbApiAction("DescribeTaskStatus")]
    public sealed class WaitClbTaskCommand : ClbCmdlet
    {
        private readonly List<(ClbTask Task, ClbClient Client)> _pending = new List<(ClbTask, ClbClient)>();

        /// <summary><para type="description">Task objects, as emitted by asynchronous cmdlets.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = TaskInput.ByObjectSet)]
        [ValidateNotNullOrEmpty]
        public ClbTask[] Task { get; set; } = new ClbTask[0];

        /// <summary><para type="description">Task ids: the RequestId of the call that started each task.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TaskInput.ByIdSet)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(TaskInput.IdPattern)]
        public string[] TaskId { get; set; } = new string[0];

        /// <summary><para type="description">Seconds to wait for all tasks together before giving up (1 to 86400; default 300).</para></summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int Timeout { get; set; } = 300;

        protected override void ProcessRecord()
        {
            foreach (var task in TaskInput.From(ParameterSetName, Task, TaskId))
            {
                var client = GetClient(task.Region, task.Endpoint);
                task.Region ??= client.Region;
                task.Endpoint ??= client.Endpoint.ToString();
                _pending.Add((task, client));
            }
        }

        /// <summary>Tasks piped in are gathered and waited on together, so ten tasks take as long as the slowest.</summary>
        protected override void EndProcessing()
        {
            if (_pending.Count == 0) return;
            var timeout = TimeSpan.FromSeconds(Timeout);
            var done = 0;
            var total = _pending.Count;
            var progress = new ProgressRecord(1, "Waiting for CLB tasks", "0 of " + total + " finished");
            Run(async cancellationToken =>
            {
                var waits = _pending.Select(async item =>
                {
                    try
                    {
                        await TaskWaiter.WaitAsync(item.Client, item.Task, timeout, (task, elapsed) =>
                        {
                            progress.CurrentOperation = task.TaskId + " (" + task.Action + "): " + task.Status + " after " + elapsed.TotalSeconds.ToString("0.0") + " s";
                            PostProgress(progress);
                        }, cancellationToken).ConfigureAwait(false);
                        await EmitAsync(item.Task).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is ClbException)
                    {
                        PostError(ex, item.Task);
                    }
                    finally
                    {
                        var finished = Interlocked.Increment(ref done);
                        progress.StatusDescription = finished + " of " + total + " finished";
                        progress.PercentComplete = (int)(100.0 * finished / total);
                        PostProgress(progress);
                    }
                }).ToArray();
                await System.Threading.Tasks.Task.WhenAll(waits).ConfigureAwait(false);
                progress.RecordType = ProgressRecordType.Completed;
                PostProgress(progress);
            });
        }
    }
}
