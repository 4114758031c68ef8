using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>The outcome of one call of a batched change: the ids it carried and either its task or its error.</summary>
    public sealed class ChunkResult
    {
        public ChunkResult(IReadOnlyList<string> ids, ClbTask? task, ClbException? error)
        {
            Ids = ids;
            Task = task;
            Error = error;
        }

        /// <summary>The ids sent in this call.</summary>
        public IReadOnlyList<string> Ids { get; }
        /// <summary>The task the call started, for asynchronous actions; null for synchronous ones and when the call failed (Error tells which).</summary>
        public ClbTask? Task { get; }
        /// <summary>Why the call failed; null when it was accepted.</summary>
        public ClbException? Error { get; }
    }

    /// <summary>
    /// The one place for "send ids in chunks the API allows, every chunk even when an earlier one failed, and
    /// report each chunk's outcome": empty ids and duplicates are dropped, order is kept.
    /// </summary>
    public static class ChunkedCalls
    {
        /// <summary>Sends <c>ids</c> in chunks of <c>chunkSize</c>; <c>call</c> sends one chunk and returns the task it started, or null for a synchronous action.</summary>
        public static async Task<IReadOnlyList<ChunkResult>> RunAsync(IEnumerable<string?> ids, int chunkSize,
            Func<List<string>, CancellationToken, Task<ClbTask?>> call, CancellationToken cancellationToken)
        {
            var distinct = ids.Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
            var results = new List<ChunkResult>();
            foreach (var chunk in LoadBalancerOperations.Chunk(distinct, chunkSize))
            {
                try
                {
                    results.Add(new ChunkResult(chunk, await call(chunk, cancellationToken).ConfigureAwait(false), null));
                }
                catch (ClbException ex)
                {
                    results.Add(new ChunkResult(chunk, null, ex));
                }
            }
            return results;
        }
    }
}
