using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ClbPowerShell.Client.Signing;

namespace ClbPowerShell.Tests.Emulator;

/// <summary>How to (mis)build one raw request.</summary>
public sealed class RawRequest
{
    public string Action { get; set; } = "DescribeLoadBalancers";
    public string Body { get; set; } = "{}";
    public string SecretId { get; set; } = EmulatorFixture.SecretId;
    public string SecretKey { get; set; } = EmulatorFixture.SecretKey;
    public string? Token { get; set; }
    public long? Timestamp { get; set; }
    public string? Version { get; set; } = "2018-03-17";
    public string? Region { get; set; } = EmulatorFixture.Region;
    public string ContentType { get; set; } = "application/json; charset=utf-8";
    /// <summary>Sent instead of the computed Authorization (empty string = no header).</summary>
    public string? Authorization { get; set; }
    /// <summary>Changes the body after signing.</summary>
    public string? BodyAfterSigning { get; set; }
    /// <summary>For GET: the query string (without '?'), signed as the canonical query.</summary>
    public string? Query { get; set; }
    public string Method { get; set; } = "POST";
    public string Service { get; set; } = "clb";
}

public sealed record RawResponse(HttpStatusCode Status, string Body, DateTimeOffset? Date)
{
    public JsonElement Response => JsonDocument.Parse(Body).RootElement.GetProperty("Response");
    public string? ErrorCode => Response.TryGetProperty("Error", out var e) ? e.GetProperty("Code").GetString() : null;
    public string RequestId => Response.GetProperty("RequestId").GetString()!;
}

/// <summary>Signs with Tc3Signer and posts with HttpClient; every part can be made wrong on purpose.</summary>
public sealed class RawEmulatorClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    public Uri Url { get; }

    public RawEmulatorClient(Uri url) { Url = url; }

    public async Task<RawResponse> SendAsync(RawRequest r, CancellationToken ct = default)
    {
        var ts = r.Timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var isGet = r.Method == "GET";
        var payload = isGet ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(r.Body);
        var sig = Tc3Signer.Sign(new Tc3SigningInput
        {
            Method = r.Method, Host = Url.Authority, ContentType = r.ContentType,
            CanonicalQueryString = isGet ? r.Query ?? "" : "", Payload = payload, Service = r.Service, Timestamp = ts,
        }, r.SecretId, r.SecretKey);
        var uri = new Uri(Url, isGet && r.Query != null ? "/?" + r.Query : "/");
        using var msg = new HttpRequestMessage(new HttpMethod(r.Method), uri);
        msg.Content = new ByteArrayContent(r.BodyAfterSigning != null ? Encoding.UTF8.GetBytes(r.BodyAfterSigning) : payload);
        msg.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
        msg.Headers.TryAddWithoutValidation("X-TC-Action", r.Action);
        if (r.Version != null) msg.Headers.TryAddWithoutValidation("X-TC-Version", r.Version);
        if (r.Region != null) msg.Headers.TryAddWithoutValidation("X-TC-Region", r.Region);
        msg.Headers.TryAddWithoutValidation("X-TC-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
        if (r.Token != null) msg.Headers.TryAddWithoutValidation("X-TC-Token", r.Token);
        var auth = r.Authorization ?? sig.Authorization;
        if (auth.Length > 0) msg.Headers.TryAddWithoutValidation("Authorization", auth);
        using var resp = await _http.SendAsync(msg, ct);
        var body = await resp.Content.ReadAsStringAsync(ct);
        return new RawResponse(resp.StatusCode, body, resp.Headers.Date);
    }

    public Task<RawResponse> SendAsync(string action, object? parameters = null, Action<RawRequest>? tweak = null)
    {
        var r = new RawRequest { Action = action, Body = parameters == null ? "{}" : JsonSerializer.Serialize(parameters) };
        tweak?.Invoke(r);
        return SendAsync(r);
    }

    public void Dispose() => _http.Dispose();
}
