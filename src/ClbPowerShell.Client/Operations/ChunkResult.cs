using System.Collections.Generic;

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
}
