using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
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
    /// The legacy 2017 API (lb.api.qcloud.com/v2/index.php): lower-camel parameters flattened to
    /// name.0.field form, the v1 HmacSHA256 signature, and code/message/codeDesc answers.
    /// </summary>
    public sealed class ClbLegacyClient
    {
        public const string DefaultHost = "lb.api.qcloud.com";
        private static int _nonceSeed = Environment.TickCount;
        private readonly ClbClientOptions _options;
        private readonly HttpClient _http;
        private readonly Uri _endpoint;

        public ClbLegacyClient(ClbClientOptions options, HttpClient? httpClient = null)
        {
            _options = (options ?? throw new ArgumentNullException(nameof(options))).Clone();
            if (_options.Credentials == null) throw new ClbConfigurationException("No credential provider was given to the client.", "Credentials");
            var root = ClbEndpoint.Resolve(_options.Endpoint ?? DefaultHost, null);
            _endpoint = new Uri(root, V1Signer.LegacyPath);
            _http = httpClient ?? ClbHttp.Shared;
        }

        public Uri Endpoint => _endpoint;

        /// <summary>Calls a legacy action and returns the whole answer (code, message, codeDesc and data fields).</summary>
        public async Task<JsonElement> InvokeAsync(string action, object? parameters, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(action) || !IsName(action))
                throw new ArgumentException("Action '" + action + "' is not a valid action name.", nameof(action));
            var credentials = await _options.Credentials!.TryGetAsync(cancellationToken).ConfigureAwait(false)
                              ?? throw new ClbConfigurationException("No credentials were found for the legacy API call " + action + ".", "Credential");

            var input = new V1SigningInput
            {
                Method = "POST",
                Host = _endpoint.Authority,
                Path = V1Signer.LegacyPath,
                SignatureMethod = V1SignatureMethod.HmacSHA256,
            };
            foreach (var pair in Flatten(parameters)) input.Parameters[pair.Key] = pair.Value;
            input.Parameters["Action"] = action;
            if (!string.IsNullOrEmpty(_options.Region)) input.Parameters["Region"] = _options.Region!;
            input.Parameters["Timestamp"] = ClockSkew.ServerNow(_endpoint.Authority, DateTimeOffset.UtcNow).ToString(CultureInfo.InvariantCulture);
            input.Parameters["Nonce"] = ((uint)Interlocked.Increment(ref _nonceSeed) % 1000000000u + 1).ToString(CultureInfo.InvariantCulture);
            if (credentials.Token != null) input.Parameters["Token"] = credentials.Token;
            var signature = V1Signer.Sign(input, credentials.SecretId, credentials.SecretKey);

            var stopwatch = Stopwatch.StartNew();
            using (var request = new HttpRequestMessage(HttpMethod.Post, _endpoint))
            using (var timeout = new CancellationTokenSource(_options.Timeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                request.Content = new StringContent(signature.FormBody, Encoding.UTF8, "application/x-www-form-urlencoded");
                HttpResponseMessage response;
                string text;
                try
                {
                    response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
                    text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    throw new ClbTransportException(action + " (legacy API) to " + _endpoint + " timed out.", true, true, ex) { Action = action, Endpoint = _endpoint.ToString() };
                }
                catch (HttpRequestException ex)
                {
                    throw new ClbTransportException(action + " (legacy API) could not reach " + _endpoint + ": " + ex.Message, true, false, ex) { Action = action, Endpoint = _endpoint.ToString() };
                }

                using (response)
                {
                    var result = Parse(action, response.StatusCode, text);
                    _options.Log?.Verbose(action + " (legacy API) at " + _endpoint + " with credentials from " + credentials.Source + ": " +
                                          stopwatch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms.");
                    return result;
                }
            }
        }

        /// <summary>Polls DescribeLoadBalancersTaskResult until the legacy task ends; true when it succeeded.</summary>
        public async Task<bool> WaitForTaskAsync(long requestId, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            var clock = Stopwatch.StartNew();
            var interval = TimeSpan.FromMilliseconds(200);
            while (true)
            {
                var answer = await InvokeAsync("DescribeLoadBalancersTaskResult", new Dictionary<string, object?> { ["requestId"] = requestId }, cancellationToken).ConfigureAwait(false);
                var status = ReadStatus(answer);
                if (status == 0) return true;
                if (status == 1) return false;
                if (clock.Elapsed >= timeout)
                    throw new ClbException("Legacy task " + requestId + " was still running after " + timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s.") { Action = "DescribeLoadBalancersTaskResult" };
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                interval = TimeSpan.FromMilliseconds(Math.Min(3000, interval.TotalMilliseconds * 1.5));
            }
        }

        private static int? ReadStatus(JsonElement answer)
        {
            if (!answer.TryGetProperty("data", out var data)) return null;
            if (data.ValueKind == JsonValueKind.Array)
                foreach (var item in data.EnumerateArray()) { data = item; break; }
            return data.ValueKind == JsonValueKind.Object && data.TryGetProperty("status", out var status) && status.TryGetInt32(out var value) ? value : (int?)null;
        }

        private JsonElement Parse(string action, System.Net.HttpStatusCode status, string text)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                var snippet = text.Length > 200 ? text.Substring(0, 200) : text;
                throw new ClbProtocolException(action + " (legacy API) at " + _endpoint + " returned something that is not JSON (HTTP " + (int)status + "): " + snippet.Replace("\n", " "), status, ex)
                    { Action = action, Endpoint = _endpoint.ToString() };
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var codeElement))
                    throw new ClbProtocolException(action + " (legacy API) returned JSON without a code field.", status) { Action = action, Endpoint = _endpoint.ToString() };
                var code = codeElement.ValueKind == JsonValueKind.Number ? codeElement.GetInt64() :
                    long.TryParse(codeElement.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
                if (code != 0)
                {
                    var message = root.TryGetProperty("message", out var m) ? m.ToString() : "";
                    var desc = root.TryGetProperty("codeDesc", out var d) ? d.ToString() : "";
                    var errorCode = !string.IsNullOrEmpty(desc) && desc != "Success" ? desc : "Legacy" + code.ToString(CultureInfo.InvariantCulture);
                    throw new ClbApiException(errorCode, "code " + code.ToString(CultureInfo.InvariantCulture) + ": " + message, null, action, _endpoint.ToString(), status);
                }
                return root.Clone();
            }
        }

        /// <summary>
        /// Nested parameters to the legacy flat form: {backends:[{instanceId:"x"}]} -> backends.0.instanceId=x.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Flatten(object? parameters)
        {
            var result = new List<KeyValuePair<string, string>>();
            if (parameters == null) return result;
            var element = parameters is JsonElement given ? given : JsonSerializer.SerializeToElement(parameters, parameters.GetType(), ClbJson.Options);
            if (element.ValueKind != JsonValueKind.Object)
                throw new ArgumentException("Legacy parameters must be an object of name/value pairs.", nameof(parameters));
            Walk(element, "", result);
            return result;
        }

        private static void Walk(JsonElement element, string prefix, List<KeyValuePair<string, string>> into)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                        Walk(property.Value, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, into);
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray()) Walk(item, prefix + "." + (i++).ToString(CultureInfo.InvariantCulture), into);
                    break;
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    break;
                case JsonValueKind.String:
                    into.Add(new KeyValuePair<string, string>(prefix, element.GetString()!));
                    break;
                case JsonValueKind.True:
                    into.Add(new KeyValuePair<string, string>(prefix, "true"));
                    break;
                case JsonValueKind.False:
                    into.Add(new KeyValuePair<string, string>(prefix, "false"));
                    break;
                default:
                    into.Add(new KeyValuePair<string, string>(prefix, element.GetRawText()));
                    break;
            }
        }

        private static bool IsName(string action)
        {
            foreach (var c in action) if (!char.IsLetterOrDigit(c)) return false;
            return true;
        }
    }
}
