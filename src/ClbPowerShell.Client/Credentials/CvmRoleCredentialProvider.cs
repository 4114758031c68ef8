using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>
    /// Temporary credentials of the CAM role bound to this CVM instance, from the instance metadata service:
    /// GET {base}/latest/meta-data/cam/security-credentials/ gives the role name, then
    /// GET {base}/latest/meta-data/cam/security-credentials/{role} gives
    /// {TmpSecretId, TmpSecretKey, Token, ExpiredTime, Expiration, Code}.
    /// Cached, and fetched again a little before they expire. Each request has a short timeout so a machine
    /// that is not a CVM instance gets "not configured" (null) quickly instead of hanging.
    /// </summary>
    public sealed class CvmRoleCredentialProvider : ICredentialProvider
    {
        public static readonly Uri DefaultMetadataBase = new Uri("http://metadata.tencentyun.com");
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan DefaultRefreshBeforeExpiry = TimeSpan.FromMinutes(5);
        private const string CredentialsPath = "/latest/meta-data/cam/security-credentials/";

        // The metadata service is link-local: never go through a proxy configured for the internet.
        private static readonly Lazy<HttpClient> SharedHttp = new Lazy<HttpClient>(() =>
            new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) });

        private readonly HttpClient _http;
        private readonly Uri _base;
        private readonly TimeSpan _timeout;
        private readonly TimeSpan _refreshBefore;
        private readonly Func<DateTimeOffset> _clock;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private ClbCredentials? _cached;

        /// <param name="metadataBase">The metadata service; default http://metadata.tencentyun.com.</param>
        /// <param name="http">The HttpClient to use; default a shared one of this class (no proxy).</param>
        /// <param name="timeout">Limit of each metadata request; default 1 second.</param>
        /// <param name="refreshBeforeExpiry">How long before ExpiredTime to fetch anew; default 5 minutes.</param>
        /// <param name="clock">The current time (tests); default the system clock.</param>
        public CvmRoleCredentialProvider(Uri? metadataBase = null, HttpClient? http = null, TimeSpan? timeout = null,
            TimeSpan? refreshBeforeExpiry = null, Func<DateTimeOffset>? clock = null)
        {
            _base = metadataBase ?? DefaultMetadataBase;
            if (!_base.IsAbsoluteUri) throw new ArgumentException("The metadata base address must be an absolute URI.", nameof(metadataBase));
            _http = http ?? SharedHttp.Value;
            _timeout = timeout ?? DefaultTimeout;
            if (_timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout));
            _refreshBefore = refreshBeforeExpiry ?? DefaultRefreshBeforeExpiry;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public Uri MetadataBase => _base;

        public string Name => "CVM role (instance metadata at " + RoleListUri + ")";

        private Uri RoleListUri => new Uri(_base.AbsoluteUri.TrimEnd('/') + CredentialsPath);

        public async Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken)
        {
            var cached = _cached;
            if (IsFresh(cached)) return cached;

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                cached = _cached;
                if (IsFresh(cached)) return cached;
                try
                {
                    var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
                    // Off a CVM (or no role bound): nothing here. Keep a cached value that still works.
                    if (fetched == null) return IsUsable(cached) ? cached : null;
                    _cached = fetched;
                    return fetched;
                }
                catch (ClbCredentialsException) when (IsUsable(cached))
                {
                    return cached; // refresh failed early; the old keys are still valid for a while
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Forgets the cached credentials (the next call asks the metadata service).</summary>
        public void Invalidate() => _cached = null;

        private bool IsFresh(ClbCredentials? c) =>
            c != null && c.Expiration.HasValue && _clock() < c.Expiration.Value - _refreshBefore;

        private bool IsUsable(ClbCredentials? c) =>
            c != null && c.Expiration.HasValue && _clock() < c.Expiration.Value;

        private async Task<ClbCredentials?> FetchAsync(CancellationToken cancellationToken)
        {
            var listUri = RoleListUri;
            string? roleText;
            try
            {
                roleText = await GetStringAsync(listUri, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null; // timed out: not on a CVM instance
            }
            catch (HttpRequestException)
            {
                return null; // no metadata service here (DNS failure, connection refused)
            }
            if (roleText == null) return null; // non-success status: no role bound

            var role = FirstLine(roleText);
            if (role == null) return null;

            var roleUri = new Uri(listUri.AbsoluteUri + Uri.EscapeDataString(role));
            string? body;
            try
            {
                body = await GetStringAsync(roleUri, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ClbCredentialsException("CVM role '" + role + "': the metadata service did not answer " + roleUri + " within " +
                    _timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s.");
            }
            catch (HttpRequestException e)
            {
                throw new ClbCredentialsException("CVM role '" + role + "': the request to " + roleUri + " failed (" + e.GetType().Name + ").", e);
            }
            if (body == null)
                throw new ClbCredentialsException("CVM role '" + role + "': the metadata service refused " + roleUri + " (non-success status).");
            return ParseCredentials(body, role, roleUri);
        }

        /// <summary>The body on a success status, null on any other status.</summary>
        private async Task<string?> GetStringAsync(Uri uri, CancellationToken cancellationToken)
        {
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                cts.CancelAfter(_timeout);
                using (var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false))
                {
                    if (!response.IsSuccessStatusCode) return null;
                    return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
            }
        }

        private static string? FirstLine(string text)
        {
            foreach (var line in text.Split('\n'))
            {
                var t = line.Trim();
                if (t.Length > 0) return t;
            }
            return null;
        }

        internal static ClbCredentials ParseCredentials(string body, string role, Uri uri)
        {
            JsonElement root;
            try
            {
                using (var doc = JsonDocument.Parse(body)) root = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                // The parser's message may quote the body, which holds the keys: leave it out.
                throw new ClbCredentialsException("CVM role '" + role + "': " + uri + " did not return valid JSON.");
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw new ClbCredentialsException("CVM role '" + role + "': " + uri + " did not return a JSON object.");

            var code = ProfileFiles.GetString(root, "Code");
            if (code != null && !string.Equals(code, "Success", StringComparison.OrdinalIgnoreCase))
                throw new ClbCredentialsException("CVM role '" + role + "': the metadata service answered Code '" + code + "'.");

            var id = ProfileFiles.GetString(root, "TmpSecretId");
            var key = ProfileFiles.GetString(root, "TmpSecretKey");
            if (id == null || key == null)
                throw new ClbCredentialsException("CVM role '" + role + "': the answer from " + uri + " has no TmpSecretId or TmpSecretKey.");
            var token = ProfileFiles.GetString(root, "Token");
            return new ClbCredentials(id, key, token, "CVM role '" + role + "'", ReadExpiration(root));
        }

        private static DateTimeOffset? ReadExpiration(JsonElement root)
        {
            foreach (var p in root.EnumerateObject())
            {
                if (!string.Equals(p.Name, "ExpiredTime", StringComparison.OrdinalIgnoreCase)) continue;
                if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var n)) return FromUnix(n);
                if (p.Value.ValueKind == JsonValueKind.String &&
                    long.TryParse(p.Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)) return FromUnix(s);
            }
            var text = ProfileFiles.GetString(root, "Expiration");
            if (text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
                return when;
            return null; // unknown lifetime: not cached (IsFresh needs an expiration)
        }

        private static DateTimeOffset FromUnix(long seconds) =>
            new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds);

        public override string ToString() => "CvmRoleCredentialProvider(" + _base + ")";
    }
}
