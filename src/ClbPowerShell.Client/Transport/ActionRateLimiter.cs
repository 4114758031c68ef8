using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Transport
{
    /// <summary>
    /// Paces each action to its documented rate (20 requests/second per action), shared by every caller
    /// in the process, so parallel runspaces together stay under the service's limit instead of each
    /// being throttled. Keyed by endpoint host, SecretId and action, as the service counts.
    /// </summary>
    public static class ActionRateLimiter
    {
        private static readonly ConcurrentDictionary<string, RateLimiter> Limiters = new ConcurrentDictionary<string, RateLimiter>(StringComparer.Ordinal);

        public static async Task WaitAsync(string host, string secretId, string action, double requestsPerSecond, CancellationToken cancellationToken)
        {
            if (requestsPerSecond <= 0) return;
            var key = host + "|" + secretId + "|" + action + "|" + requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var limiter = Limiters.GetOrAdd(key, _ => Create(requestsPerSecond));
            using (var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
            {
                if (!lease.IsAcquired)
                    throw new InvalidOperationException("The client-side rate limiter refused a permit.");
            }
        }

        /// <summary>
        /// A bucket of one token refilled every 1/rate seconds: requests leave evenly spaced, so no
        /// one-second window the server counts in can hold more than the rate (a full bucket of 20 could
        /// burst 20 at the end of one window and 20 more at the start of the next).
        /// </summary>
        private static RateLimiter Create(double requestsPerSecond) =>
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / requestsPerSecond)),
                AutoReplenishment = true,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
    }
}
