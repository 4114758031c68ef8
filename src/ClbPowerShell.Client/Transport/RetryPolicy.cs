using System;
using System.Threading;

namespace ClbPowerShell.Client.Transport
{
    /// <summary>What to do after a failed attempt.</summary>
    public enum RetryDecision
    {
        Fail,
        Retry,
        /// <summary>The clock was off: learn the offset, re-sign and try once more.</summary>
        ResyncClockAndRetry,
    }

    /// <summary>
    /// The one place that decides whether a failure is worth another attempt and how long to wait.
    /// Reads are retried on any transient failure. Writes are retried only when the failure proves the
    /// request was not applied (throttled, refused before sending, signature expired), because a write
    /// that may have happened must not happen twice.
    /// </summary>
    public static class RetryPolicy
    {
        private static int _seed = Environment.TickCount;
        private static readonly ThreadLocal<Random> Jitter = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref _seed)));

        public static bool IsThrottle(string code) => code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal);

        public static bool IsServerFault(string code) =>
            code == "InternalError" || code == "InternalServerError" || code == "ServiceUnavailable" ||
            code.StartsWith("InternalError.", StringComparison.Ordinal);

        public static RetryDecision Decide(Exception failure, bool readOnly, bool clockAlreadyResynced)
        {
            switch (failure)
            {
                case ClbApiException api when api.Code == "AuthFailure.SignatureExpire":
                    return clockAlreadyResynced ? RetryDecision.Fail : RetryDecision.ResyncClockAndRetry;
                case ClbApiException api when IsThrottle(api.Code):
                    return RetryDecision.Retry;
                case ClbApiException api when IsServerFault(api.Code):
                    return readOnly ? RetryDecision.Retry : RetryDecision.Fail;
                case ClbApiException _:
                    return RetryDecision.Fail;
                case ClbProtocolException protocol when protocol.HttpStatus.HasValue && (int)protocol.HttpStatus.Value >= 500:
                    return readOnly ? RetryDecision.Retry : RetryDecision.Fail;
                case ClbTransportException transport:
                    return readOnly || !transport.RequestMayHaveBeenApplied ? RetryDecision.Retry : RetryDecision.Fail;
                default:
                    return RetryDecision.Fail;
            }
        }

        /// <summary>Exponential backoff with full jitter: a random wait in [base, min(max, base * 2^attempt)].</summary>
        public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
        {
            var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
            var floor = Math.Min(baseDelay.TotalMilliseconds, ceiling);
            return TimeSpan.FromMilliseconds(floor + Jitter.Value!.NextDouble() * (ceiling - floor));
        }
    }
}
