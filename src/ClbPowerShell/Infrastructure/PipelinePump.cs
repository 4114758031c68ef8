using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>
    /// Runs async work off the pipeline thread while the pipeline thread executes what the work posts
    /// (WriteObject, WriteVerbose, WriteProgress, WriteError must run there). Posting from the pipeline
    /// thread itself, or when no work is running, executes at once.
    /// </summary>
    internal sealed class PipelinePump
    {
        private BlockingCollection<Action>? _queue;
        private int _pipelineThreadId = -1;

        public void Run(Func<Task> work, CancellationTokenSource stopping)
        {
            var queue = new BlockingCollection<Action>();
            _queue = queue;
            _pipelineThreadId = Thread.CurrentThread.ManagedThreadId;
            var task = Task.Run(work);
            task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
            try
            {
                foreach (var action in queue.GetConsumingEnumerable()) action();
            }
            catch
            {
                // The pipeline stopped (Ctrl+C, Select-Object -First) or a write failed: stop the work too.
                stopping.Cancel();
                queue.CompleteAdding();
                throw;
            }
            finally
            {
                _queue = null;
                _pipelineThreadId = -1;
            }
            task.GetAwaiter().GetResult();
        }

        public void Post(Action action)
        {
            var queue = _queue;
            if (queue == null || Thread.CurrentThread.ManagedThreadId == _pipelineThreadId)
            {
                action();
                return;
            }
            queue.Add(action);
        }

        /// <summary>Posts and waits until the pipeline thread has run the action (back-pressure for output).</summary>
        public Task PostAndWaitAsync(Action action)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() =>
            {
                try
                {
                    action();
                    done.TrySetResult(true);
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                    throw;
                }
            });
            return done.Task;
        }
    }
}
