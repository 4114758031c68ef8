using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>
    /// Base of cmdlets that start asynchronous tasks. Without -Wait they emit the task object (pipe it to
    /// Wait-ClbTask); with -Wait they wait, showing progress, and emit the resulting resource.
    /// </summary>
    public abstract class ClbAsyncCmdlet : ClbCmdlet
    {
        /// <summary><para type="description">Wait for the task to finish and emit the resulting resource instead of the task.</para></summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary><para type="description">With -Wait, seconds to wait before giving up (1 to 86400; default 300).</para></summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int Timeout { get; set; } = 300;

        /// <summary>
        /// Emits the task, or waits for it and emits what <paramref name="afterSuccess"/> returns (nothing when
        /// it is null or returns null). A failed task becomes an ErrorRecord for that task.
        /// </summary>
        protected async Task CompleteAsync(ClbClient client, ClbTask task, Func<CancellationToken, Task<object?>>? afterSuccess, CancellationToken cancellationToken,
            TaskWaitOptions? waitOptions = null)
        {
            if (!Wait)
            {
                await EmitAsync(task).ConfigureAwait(false);
                return;
            }
            if (!await WaitForAsync(client, task, cancellationToken, waitOptions).ConfigureAwait(false)) return;
            var result = afterSuccess != null ? await afterSuccess(cancellationToken).ConfigureAwait(false) : null;
            if (result != null) await EmitAsync(result, enumerate: true).ConfigureAwait(false);
        }

        /// <summary>Waits with progress; false (and an ErrorRecord written) when the task failed or timed out.</summary>
        protected async Task<bool> WaitForAsync(ClbClient client, ClbTask task, CancellationToken cancellationToken, TaskWaitOptions? waitOptions = null)
        {
            var progress = new ProgressRecord(2, "Waiting for " + task.Action + (task.LoadBalancerId != null ? " on " + task.LoadBalancerId : ""), "Task " + task.TaskId);
            try
            {
                await TaskWaiter.WaitAsync(client, task, TimeSpan.FromSeconds(Timeout), (t, elapsed) =>
                {
                    progress.StatusDescription = "Task " + t.TaskId + ": " + t.Status + " after " + elapsed.TotalSeconds.ToString("0.0") + " s";
                    PostProgress(progress);
                }, cancellationToken, waitOptions).ConfigureAwait(false);
                return true;
            }
            catch (ClbException ex) when (ex is ClbTaskFailedException || ex is ClbTaskTimeoutException)
            {
                PostError(ex, task);
                return false;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                PostProgress(progress);
            }
        }
    }
}
