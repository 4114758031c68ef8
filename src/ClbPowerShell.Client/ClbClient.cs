using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Client.Signing;
using ClbPowerShell.Client.Transport;

namespace ClbPowerShell.Client
{
    /// <summary>
    /// The one path every API 3.0 call takes: serialize -> pace -> sign -> send -> parse -> retry.
    /// Cheap to create (the HttpClient, rate limiters and clock offsets are process-wide), safe to share.
    /// </summary>
    public sealed class ClbClient
    {
        private const string ContentType = "application/json; charset=utf-8";
        private readonly ClbClientOptions _options;
        private readonly HttpClient _http;

        public ClbClient(ClbClientOptions options, HttpClient? httpClient = null)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            _options = options.Clone();
            if (_options.Credentials == null)
                throw new ClbConfigurationException("No credential provider was given to the client.", "Credentials");
            if (_options.MaxAttempts < 1)
                throw new ClbConfigurationException("MaxAttempts must be at least 1.", "MaxAttempts");
            if (_options.Timeout <= TimeSpan.Zero)
                throw new ClbConfigurationException("Timeout must be positive.", "Timeout");
            Endpoint = ClbEndpoint.Resolve(_options.Endpoint, _options.Region, _options.UseIntlDomain, _options.UseRegionalDomain);
            _http = httpClient ?? ClbHttp.Shared;
        }

        public Uri Endpoint { get; }
        public string? Region => _options.Region;
        /// <summary>A copy of the options this client was made with.</summary>
        public ClbClientOptions Options => _options.Clone();

        /// <summary>Calls an action and returns its typed response.</summary>
        public async Task<TResponse> InvokeAsync<TResponse>(string action, object? request, CancellationToken cancellationToken = default)
            where TResponse : class
        {
            var element = await InvokeAsync(action, request, cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonSerializer.Deserialize<TResponse>(element.GetRawText(), ClbJson.Options)
                       ?? throw new ClbProtocolException(action + " returned a null Response.", null);
            }
            catch (JsonException ex)
            {
                throw new ClbProtocolException(
                    action + " returned a Response that does not fit " + typeof(TResponse).Name + ": " + ex.Message, null, ex)
                { Action = action, Endpoint = Endpoint.ToString(), RequestId = TryGetRequestId(element) };
            }
        }

        /// <summary>
        /// Calls any action with any parameters (a model, a dictionary, a JsonElement or JSON text) and
        /// returns the Response object. Throws ClbApiException when the service reports an error.
        /// </summary>
        public async Task<JsonElement> InvokeAsync(string action, object? parameters, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(action) || !action.All(char.IsLetterOrDigit))
                throw new ArgumentException("Action '" + action + "' is not a valid action name (letters and digits only).", nameof(action));
            var payload = SerializePayload(action, parameters);
            var readOnly = ClbActionKinds.IsReadOnly(action);
            var credentials = await ResolveCredentialsAsync(cancellationToken).ConfigureAwait(false);
            var host = Endpoint.Authority;
            var clockResynced = false;

            for (var attempt = 1; ; attempt++)
            {
                if (_options.RateLimitPerSecond is double rate && rate > 0)
                    await ActionRateLimiter.WaitAsync(host, credentials.SecretId, action, rate, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await SendOnceAsync(action, payload, credentials, attempt, cancellationToken).ConfigureAwait(false);
                }
                catch (ClbException failure) when (!cancellationToken.IsCancellationRequested)
                {
                    var decision = RetryPolicy.Decide(failure, readOnly, clockResynced);
                    if (decision == RetryDecision.ResyncClockAndRetry && failure.Data["ServerDate"] is DateTimeOffset serverDate)
                    {
                        var offset = serverDate - DateTimeOffset.UtcNow;
                        ClockSkew.Record(host, offset);
                        clockResynced = true;
                        Verbose(action + ": the server's clock differs from this machine's by " +
                                offset.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s; re-signing with the server's time.");
                        attempt--; // a clock resync is not a failed attempt
                        continue;
                    }
                    if (decision != RetryDecision.Retry || attempt >= _options.MaxAttempts) throw;
                    var delay = RetryPolicy.Backoff(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay);
                    Verbose(action + ": attempt " + attempt + " of " + _options.MaxAttempts + " failed (" + Summarize(failure) +
                            "); retrying in " + delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms.");
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task<ClbCredentials> ResolveCredentialsAsync(CancellationToken cancellationToken)
        {
            var credentials = await _options.Credentials!.TryGetAsync(cancellationToken).ConfigureAwait(false);
            if (credentials == null)
                throw new ClbConfigurationException(
                    "No credentials were found (looked in: " + _options.Credentials.Name + "). Run Connect-Clb, pass -Credential, or set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY.",
                    "Credential");
            return credentials;
        }

        private async Task<JsonElement> SendOnceAsync(string action, byte[] payload, ClbCredentials credentials, int attempt, CancellationToken cancellationToken)
        {
            var host = Endpoint.Authority;
            var timestamp = ClockSkew.ServerNow(host, DateTimeOffset.UtcNow);
            var signature = Tc3Signer.Sign(new Tc3SigningInput
            {
                Method = "POST",
                Host = host,
                ContentType = ContentType,
                Payload = payload,
                Service = "clb",
                Timestamp = timestamp,
            }, credentials.SecretId, credentials.SecretKey);

            using (var request = new HttpRequestMessage(HttpMethod.Post, Endpoint))
            {
                request.Headers.Host = host;
                request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
                request.Headers.TryAddWithoutValidation("X-TC-Action", action);
                request.Headers.TryAddWithoutValidation("X-TC-Version", ClbClientOptions.ApiVersion);
                request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                if (!string.IsNullOrEmpty(_options.Region)) request.Headers.TryAddWithoutValidation("X-TC-Region", _options.Region);
                if (credentials.Token != null) request.Headers.TryAddWithoutValidation("X-TC-Token", credentials.Token);
                if (!string.IsNullOrEmpty(_options.Language)) request.Headers.TryAddWithoutValidation("X-TC-Language", _options.Language);
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);

                if (_options.Log != null) Debug(DescribeRequest(request, action, payload, signature, credentials));

                var stopwatch = Stopwatch.StartNew();
                using (var timeout = new CancellationTokenSource(_options.Timeout))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
                {
                    HttpResponseMessage response;
                    byte[] body;
                    try
                    {
                        response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                        body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (OperationCanceledException ex)
                    {
                        throw Stamp(new ClbTransportException(
                            action + " to " + Endpoint + " timed out after " + _options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s.",
                            requestMayHaveBeenApplied: true, timedOut: true, ex), action);
                    }
                    catch (HttpRequestException ex)
                    {
                        var refused = IsConnectionRefused(ex);
                        throw Stamp(new ClbTransportException(
                            action + " could not reach " + Endpoint + ": " + InnermostMessage(ex) +
                            (refused ? " (connection refused; the request was not sent)" : ""),
                            requestMayHaveBeenApplied: !refused, timedOut: false, ex), action);
                    }

                    using (response)
                    {
                        var serverDate = response.Headers.Date;
                        var result = ParseResponse(action, response.StatusCode, body, serverDate);
                        var requestId = TryGetRequestId(result);
                        Verbose(action + " in " + (_options.Region ?? "(no region)") + " at " + Endpoint + " with credentials from " +
                                credentials.Source + ": RequestId " + (requestId ?? "(none)") + ", " +
                                stopwatch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms" +
                                (attempt > 1 ? " (attempt " + attempt + ")" : "") + ".");
                        return result;
                    }
                }
            }
        }

        /// <summary>Turns the raw answer into the Response object, or a specific exception that says what was wrong.</summary>
        internal JsonElement ParseResponse(string action, HttpStatusCode status, byte[] body, DateTimeOffset? serverDate)
        {
            var where = action + " at " + Endpoint;
            if (body.Length == 0)
                throw Stamp(new ClbProtocolException(where + " returned an empty body (HTTP " + (int)status + ").", status), action, serverDate);

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).Trim();
                var kind = text.StartsWith("<", StringComparison.Ordinal) ? "HTML or XML instead of JSON" : "JSON that could not be parsed (it may be truncated)";
                throw Stamp(new ClbProtocolException(
                    where + " returned " + kind + " (HTTP " + (int)status + ", " + body.Length + " bytes): " + OneLine(text), status, ex), action, serverDate);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object ||
                    !document.RootElement.TryGetProperty("Response", out var response) ||
                    response.ValueKind != JsonValueKind.Object)
                    throw Stamp(new ClbProtocolException(where + " returned JSON without a Response object (HTTP " + (int)status + ").", status), action, serverDate);

                var requestId = TryGetRequestId(response);
                if (response.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("Code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "UnknownError";
                    var message = error.TryGetProperty("Message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)";
                    var exception = new ClbApiException(code, message, requestId, action, Endpoint.ToString(), status);
                    throw Stamp(exception, action, serverDate);
                }

                if ((int)status >= 400)
                    throw Stamp(new ClbProtocolException(where + " answered HTTP " + (int)status + " with a Response that has no Error.", status)
                        { RequestId = requestId }, action, serverDate);
                return response.Clone();
            }
        }

        private T Stamp<T>(T exception, string action, DateTimeOffset? serverDate = null) where T : ClbException
        {
            exception.Action = action;
            exception.Endpoint = Endpoint.ToString();
            if (serverDate.HasValue) exception.Data["ServerDate"] = serverDate.Value;
            return exception;
        }

        private static byte[] SerializePayload(string action, object? parameters)
        {
            try
            {
                switch (parameters)
                {
                    case null:
                        return Encoding.UTF8.GetBytes("{}");
                    case string json:
                        using (var doc = JsonDocument.Parse(json))
                        {
                            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                                throw new ArgumentException("The parameters of " + action + " must be a JSON object.", nameof(parameters));
                        }
                        return Encoding.UTF8.GetBytes(json);
                    case JsonElement element:
                        if (element.ValueKind != JsonValueKind.Object)
                            throw new ArgumentException("The parameters of " + action + " must be a JSON object.", nameof(parameters));
                        return Encoding.UTF8.GetBytes(element.GetRawText());
                    default:
                        return JsonSerializer.SerializeToUtf8Bytes(parameters, parameters.GetType(), ClbJson.Options);
                }
            }
            catch (JsonException ex)
            {
                throw new ArgumentException("The parameters of " + action + " could not be turned into JSON: " + ex.Message, nameof(parameters), ex);
            }
            catch (NotSupportedException ex)
            {
                throw new ArgumentException("The parameters of " + action + " could not be turned into JSON: " + ex.Message, nameof(parameters), ex);
            }
        }

        internal static string? TryGetRequestId(JsonElement response) =>
            response.ValueKind == JsonValueKind.Object && response.TryGetProperty("RequestId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;

        private static bool IsConnectionRefused(Exception ex)
        {
            for (var e = (Exception?)ex; e != null; e = e.InnerException)
                if (e is SocketException socket && socket.SocketErrorCode == SocketError.ConnectionRefused) return true;
            return false;
        }

        private static string InnermostMessage(Exception ex)
        {
            var e = ex;
            while (e.InnerException != null && !(e is IOException)) e = e.InnerException;
            return e.Message;
        }

        private static string Summarize(ClbException failure) =>
            failure is ClbApiException api ? api.Code : failure.GetType().Name.Replace("Clb", "").Replace("Exception", "") + ": " + failure.Message;

        private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");

        private string DescribeRequest(HttpRequestMessage request, string action, byte[] payload, Tc3Signature signature, ClbCredentials credentials)
        {
            var sb = new StringBuilder();
            sb.Append("POST ").Append(Endpoint).Append('\n');
            sb.Append("Authorization: ").Append(Redaction.RedactAuthorization(signature.Authorization)).Append('\n');
            foreach (var header in request.Headers)
            {
                if (header.Key == "Authorization") continue;
                var value = header.Key == "X-TC-Token" ? "***" : string.Join(",", header.Value);
                sb.Append(header.Key).Append(": ").Append(value).Append('\n');
            }
            sb.Append("Content-Type: ").Append(ContentType).Append('\n').Append('\n');
            sb.Append(Redaction.RedactJson(Encoding.UTF8.GetString(payload)));
            return Redaction.Scrub(sb.ToString(), credentials.SecretKey, credentials.Token);
        }

        private void Verbose(string message) => _options.Log?.Verbose(message);
        private void Debug(string message) => _options.Log?.Debug(message);
    }

    /// <summary>Which actions only read: these may be retried on any transient failure.</summary>
    public static class ClbActionKinds
    {
        public static bool IsReadOnly(string action) =>
            action.StartsWith("Describe", StringComparison.Ordinal) ||
            action.StartsWith("Inquiry", StringComparison.Ordinal) ||
            action.StartsWith("Get", StringComparison.Ordinal);
    }
}
