using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>One page of a list action: its items and the total the service reports.</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, long totalCount)
        {
            Items = items;
            TotalCount = totalCount;
        }
        public IReadOnlyList<T> Items { get; }
        public long TotalCount { get; }
    }

    /// <summary>
    /// The one place that walks Offset/Limit lists. Pages are fetched only as the consumer asks for them,
    /// so a caller that stops early (Select-Object -First 3) stops the paging too.
    /// </summary>
    public static class Pager
    {
        /// <param name="fetch">Gets one page for (offset, limit).</param>
        /// <param name="skip">Items to skip from the start.</param>
        /// <param name="first">At most this many items in all; null for every item.</param>
        /// <param name="pageSize">The Limit sent per call (the action's maximum is fastest).</param>
        public static async IAsyncEnumerable<Page<T>> PagesAsync<T>(
            Func<long, long, CancellationToken, Task<Page<T>>> fetch, long skip, long? first, int pageSize,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize), "pageSize must be at least 1.");
            if (skip < 0) throw new ArgumentOutOfRangeException(nameof(skip), "skip must not be negative.");
            var offset = skip;
            var remaining = first ?? long.MaxValue;
            while (remaining > 0)
            {
                var limit = (int)Math.Min(pageSize, remaining);
                var page = await fetch(offset, limit, cancellationToken).ConfigureAwait(false);
                var items = page.Items;
                if (items.Count > remaining)
                {
                    var trimmed = new List<T>(items).GetRange(0, (int)remaining);
                    items = trimmed;
                }
                if (items.Count > 0) yield return new Page<T>(items, page.TotalCount);
                remaining -= items.Count;
                offset += page.Items.Count;
                // Stop on a short page or when the reported total is reached: no extra empty call.
                if (page.Items.Count < limit || offset >= page.TotalCount) yield break;
            }
        }
    }
}
