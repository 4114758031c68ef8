using System;
using System.Net;
using System.Net.Http;

namespace ClbPowerShell.Client.Transport
{
    /// <summary>
    /// The one HttpClient of the process. HttpClient is thread-safe for sending; sharing it keeps
    /// connections pooled across cmdlets, runspaces and ForEach-Object -Parallel.
    /// Per-call timeouts come from cancellation tokens, so the client's own Timeout is infinite.
    /// </summary>
    public static class ClbHttp
    {
        private static readonly Lazy<HttpClient> SharedClient = new Lazy<HttpClient>(Create, isThreadSafe: true);

        public static HttpClient Shared => SharedClient.Value;

        private static HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                AllowAutoRedirect = false,
                MaxConnectionsPerServer = 64,
            };
            return new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }
    }
}
