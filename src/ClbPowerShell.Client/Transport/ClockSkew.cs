using System;
using System.Collections.Concurrent;

namespace ClbPowerShell.Client.Transport
{
    /// <summary>
    /// The offset between this machine's clock and each server's, learned from the Date header of a
    /// SignatureExpire answer. Process-wide so every later request to that host is signed right first time.
    /// </summary>
    public static class ClockSkew
    {
        private static readonly ConcurrentDictionary<string, TimeSpan> Offsets = new ConcurrentDictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);

        public static TimeSpan OffsetFor(string host) => Offsets.TryGetValue(host, out var offset) ? offset : TimeSpan.Zero;

        public static void Record(string host, TimeSpan offset) => Offsets[host] = offset;

        public static void Reset(string host) => Offsets.TryRemove(host, out _);

        /// <summary>Unix seconds as the server would count them.</summary>
        public static long ServerNow(string host, DateTimeOffset localNow) => (localNow + OffsetFor(host)).ToUnixTimeSeconds();
    }
}
