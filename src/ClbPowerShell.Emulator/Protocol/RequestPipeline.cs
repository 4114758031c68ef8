using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ClbPowerShell.Client.Signing;
using ClbPowerShell.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace ClbPowerShell.Emulator.Protocol;

/// <summary>
/// The Tencent Cloud API 3.0 wire protocol: POST / (JSON) or GET / (query), TC3-HMAC-SHA256 checked as the
/// service does, then faults, rate limit, version/action, required parameters, the handler under the state
/// lock, and the {"Response": {...}} envelope (always HTTP 200 unless a fault says otherwise).
/// </summary>
internal sealed class RequestPipeline
{
    private const int MaxBodyBytes = 10 * 1024 * 1024;
    private readonly EmulatorServer _server;

    internal static readonly JsonSerializerOptions ResponseJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public RequestPipeline(EmulatorServer server) { _server = server; }

    private sealed class Abort : Exception { }

    public async Task HandleAsync(HttpContext http)
    {
        var settings = _server.Settings;
        var requestId = Guid.NewGuid().ToString();
        var now = _server.Now;
        http.Response.Headers.Date = now.ToString("r", CultureInfo.InvariantCulture);
        var action = http.Request.Headers["X-TC-Action"].ToString();
        var stats = _server.Stats;
        byte[] response;
        try
        {
            if (!HttpMethods.IsPost(http.Request.Method) && !HttpMethods.IsGet(http.Request.Method))
                throw new ClbException(ErrorCodes.UnsupportedProtocol, "Only GET and POST requests are supported.");
            if (string.IsNullOrEmpty(action)) action = http.Request.Query["Action"].ToString();
            stats.Call(action.Length == 0 ? "(none)" : action);
            if (action.Length == 0) throw ClbException.Missing("X-TC-Action");

            // Faults come first: they model the network and the gateway in front of the service.
            var fault = _server.FaultInjector.Decide(settings, action);
            if (fault != null)
            {
                stats.Faulted(action);
                switch (fault.Kind)
                {
                    case FaultKind.Delay:
                        await Task.Delay(Math.Max(0, fault.DelayMs), http.RequestAborted);
                        fault = null;
                        break;
                    case FaultKind.Http500 or FaultKind.Http502 or FaultKind.Http503:
                        var status = fault.Kind switch { FaultKind.Http500 => 500, FaultKind.Http502 => 502, _ => 503 };
                        http.Response.StatusCode = status;
                        http.Response.ContentType = "text/plain; charset=utf-8";
                        await http.Response.WriteAsync(status switch { 500 => "500 Internal Server Error", 502 => "502 Bad Gateway", _ => "503 Service Unavailable" });
                        return;
                    case FaultKind.InternalError:
                        throw new ClbException(ErrorCodes.InternalError, "Internal error (injected by the emulator).");
                    case FaultKind.RequestLimitExceeded:
                        throw new ClbException(ErrorCodes.RequestLimitExceeded, "The number of requests exceeds the frequency limit (injected by the emulator).");
                    case FaultKind.DropBefore:
                        http.Abort();
                        return;
                }
            }

            var body = await ReadBodyAsync(http);
            var (secretId, _) = Authenticate(http, body, settings, now);

            if (_server.RateLimiter.Hit(secretId, action, now, settings.RateLimitPerSecond) is var count and > 0)
            {
                stats.Throttled(action);
                throw new ClbException(ErrorCodes.RequestLimitExceeded,
                    $"Your current request times equals to `{count}` in a second, which exceeds the frequency limit `{settings.RateLimitPerSecond}` for a second. Please reduce the frequency of calls.");
            }

            var version = http.Request.Headers["X-TC-Version"].ToString();
            if (version.Length == 0) version = http.Request.Query["Version"].ToString();
            if (version.Length == 0) throw ClbException.Missing("X-TC-Version");
            if (version != EmulatorSettings.ApiVersion)
                throw new ClbException(ErrorCodes.NoSuchVersion, $"The API version `{version}` does not exist for action `{action}`; use `{EmulatorSettings.ApiVersion}`.");
            if (!_server.Registry.TryGet(action, out var spec))
                throw new ClbException(ErrorCodes.InvalidAction, $"The action `{action}` does not exist.");

            var region = http.Request.Headers["X-TC-Region"].ToString();
            if (region.Length == 0) region = http.Request.Query["Region"].ToString();
            if (region.Length == 0) region = settings.DefaultRegion;

            RequestParams parameters;
            if (HttpMethods.IsGet(http.Request.Method))
                parameters = new RequestParams(RequestParams.FromQuery(http.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()))), "", lenient: true);
            else
            {
                JsonElement root;
                try { root = body.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(body).RootElement; }
                catch (JsonException e) { throw new ClbException(ErrorCodes.FormatError, "The request body is not valid JSON: " + e.Message); }
                if (root.ValueKind != JsonValueKind.Object) throw new ClbException(ErrorCodes.FormatError, "The request body must be a JSON object.");
                parameters = new RequestParams(root);
            }
            foreach (var name in spec.Required)
                if (!parameters.IsPresent(name)) throw ClbException.Missing(name);

            response = Execute(spec, parameters, requestId, region, secretId, settings, now, fault?.Kind == FaultKind.FailTask);
            stats.Success(action);
            if (fault?.Kind == FaultKind.DropAfter) throw new Abort();
        }
        catch (Abort)
        {
            http.Abort();
            return;
        }
        catch (ClbException e)
        {
            stats.Error(action.Length == 0 ? "(none)" : action);
            response = Error(e.Code, e.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"[emulator] {action} {requestId}: {e}");
            stats.Error(action);
            response = Error(ErrorCodes.InternalError, "Internal error: " + e.Message);
        }

        if (settings.LogRequests)
            Console.Error.WriteLine($"[emulator] {now:O} {action} {requestId} {Encoding.UTF8.GetString(response, 0, Math.Min(response.Length, 120))}");
        var bytes = Envelope(response, requestId);
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes);
    }

    private static byte[] Error(string code, string message) =>
        JsonSerializer.SerializeToUtf8Bytes(new { Error = new { Code = code, Message = message } }, ResponseJson);

    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("{\"Response\":");

    /// <summary>{"Response": {...fields, "RequestId": "..."}} from the serialized fields object.</summary>
    private static byte[] Envelope(byte[] fields, string requestId)
    {
        var tail = Encoding.UTF8.GetBytes((fields.Length > 2 ? "," : "") + "\"RequestId\":\"" + requestId + "\"}}");
        var bytes = new byte[Prefix.Length + fields.Length - 1 + tail.Length];
        Prefix.CopyTo(bytes, 0);
        Array.Copy(fields, 0, bytes, Prefix.Length, fields.Length - 1); // without the closing brace
        tail.CopyTo(bytes, Prefix.Length + fields.Length - 1);
        return bytes;
    }

    private byte[] Execute(ActionSpec spec, RequestParams parameters, string requestId, string region, string secretId,
        EmulatorSettings settings, DateTimeOffset now, bool failTask)
    {
        var store = _server.Store;
        lock (store.Sync)
        {
            var before = failTask ? store.Data.Clone() : null;
            var ctx = new ActionContext(store, settings, spec.Name, requestId, region, secretId, parameters, now);
            object? result;
            try
            {
                result = spec.Handler(ctx);
            }
            catch when (before != null)
            {
                store.Data = before;
                throw;
            }
            if (spec.IsAsync && ctx.Task == null) ctx.StartTask(Array.Empty<string>());
            if (before != null)
            {
                // The change is rolled back; the task is kept, and fails when it completes.
                store.Data = before;
                var task = ctx.Task ?? ctx.StartTask(Array.Empty<string>());
                task.Fails = true;
                ActionContext.Apply(before, task);
            }
            // Serialized under the lock: results may be lazy views of the live state.
            var bytes = result == null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(result, result.GetType(), ResponseJson);
            if (bytes.Length < 2 || bytes[0] != (byte)'{') throw new InvalidOperationException($"{spec.Name} returned a non-object result.");
            return bytes;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
            throw new ClbException(ErrorCodes.RequestSizeLimitExceeded, "The request size exceeds the upper limit.");
        using var ms = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > MaxBodyBytes) throw new ClbException(ErrorCodes.RequestSizeLimitExceeded, "The request size exceeds the upper limit.");
        }
        return ms.ToArray();
    }

    /// <summary>TC3-HMAC-SHA256 as the service checks it. Returns the SecretId.</summary>
    private static (string SecretId, EmulatorCredential Credential) Authenticate(HttpContext http, byte[] body, EmulatorSettings settings, DateTimeOffset now)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
            throw new ClbException(ErrorCodes.InvalidAuthorization, "The Authorization header is missing.");
        var auth = Tc3Signer.ParseAuthorization(header);
        if (auth == null)
            throw new ClbException(ErrorCodes.InvalidAuthorization,
                "The Authorization header is invalid; expected `TC3-HMAC-SHA256 Credential=<SecretId>/<Date>/<Service>/tc3_request, SignedHeaders=<headers>, Signature=<hex>`.");

        var tsText = http.Request.Headers["X-TC-Timestamp"].ToString();
        if (tsText.Length == 0) tsText = http.Request.Query["Timestamp"].ToString();
        if (tsText.Length == 0) throw ClbException.Missing("X-TC-Timestamp");
        if (!long.TryParse(tsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp))
            throw new ClbException(ErrorCodes.InvalidParameterValue, $"The value `{tsText}` of X-TC-Timestamp is not a Unix timestamp.");
        var skew = Math.Abs(now.ToUnixTimeSeconds() - timestamp);
        if (skew > settings.SignatureExpirySeconds)
            throw new ClbException(ErrorCodes.SignatureExpire,
                $"Signature expired. Timestamp and server time cannot differ by more than five minutes (request timestamp {timestamp}, server time {now.ToUnixTimeSeconds()}).");

        var credential = settings.Credentials.FirstOrDefault(c => c.SecretId == auth.SecretId);
        if (credential == null)
            throw new ClbException(ErrorCodes.SecretIdNotFound, "The SecretId is not found, please ensure that your SecretId is correct.");

        var signedHeaders = auth.SignedHeaders.Split(';');
        if (auth.Service != "clb" || auth.Date != Tc3Signer.DateOf(timestamp) ||
            !signedHeaders.Contains("content-type") || !signedHeaders.Contains("host"))
            throw new ClbException(ErrorCodes.SignatureFailure,
                "The provided credentials could not be validated: the credential scope must be <date of X-TC-Timestamp>/clb/tc3_request and SignedHeaders must include content-type and host.");

        var isGet = HttpMethods.IsGet(http.Request.Method);
        var input = new Tc3SigningInput
        {
            Method = http.Request.Method,
            Host = http.Request.Host.Value ?? "",
            ContentType = http.Request.ContentType ?? "",
            CanonicalQueryString = isGet ? http.Request.QueryString.Value?.TrimStart('?') ?? "" : "",
            Payload = isGet ? Array.Empty<byte>() : body,
            Service = "clb",
            Timestamp = timestamp,
        };
        var expected = Tc3Signer.Sign(input, credential.SecretId, credential.SecretKey).Signature;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature)))
            throw new ClbException(ErrorCodes.SignatureFailure,
                "The provided credentials could not be validated. Please check your signature is correct.");

        var token = http.Request.Headers["X-TC-Token"].ToString();
        if (credential.Token is { Length: > 0 } expectedToken)
        {
            if (token != expectedToken)
                throw new ClbException(ErrorCodes.TokenFailure, token.Length == 0
                    ? "The request is signed with a temporary key but carries no X-TC-Token."
                    : "The X-TC-Token is invalid.");
        }
        else if (token.Length > 0)
            throw new ClbException(ErrorCodes.TokenFailure, "An X-TC-Token was sent with a permanent key.");
        return (credential.SecretId, credential);
    }
}
