using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Client.Signing;
using ClbPowerShell.Client.Transport;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Client;

public class ClbClientTests : IAsyncLifetime
{
    private const string SecretId = "AKIDclienttest";
    private const string SecretKey = "client-secret-key-value";
    private const string Token = "client-session-token-value";
    private FakeHttpServer _server = null!;
    private readonly ListLog _log = new();

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ClbClient Client(int attempts = 3, string? token = null, TimeSpan? timeout = null) => new(new ClbClientOptions
    {
        Endpoint = _server.Url,
        Region = "ap-guangzhou",
        Credentials = new StaticCredentialProvider(new ClbCredentials(SecretId, SecretKey, token)),
        MaxAttempts = attempts,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        RateLimitPerSecond = null,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        Log = _log,
    });

    [Fact]
    public async Task Sends_signed_post_with_common_headers_and_returns_the_response_object()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, FakeHttpServer.Ok("\"TotalCount\":3"));
        var response = await Client(token: Token).InvokeAsync("DescribeLoadBalancers", new Dictionary<string, object?> { ["Limit"] = 5, ["Skip"] = null });

        Assert.Equal(3, response.GetProperty("TotalCount").GetInt32());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("DescribeLoadBalancers", request.Headers["X-TC-Action"]);
        Assert.Equal("2018-03-17", request.Headers["X-TC-Version"]);
        Assert.Equal("ap-guangzhou", request.Headers["X-TC-Region"]);
        Assert.Equal(Token, request.Headers["X-TC-Token"]);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal("{\"Limit\":5,\"Skip\":null}", request.Body);

        // The signature verifies with the same algorithm the service uses.
        var auth = Tc3Signer.ParseAuthorization(request.Headers["Authorization"])!;
        Assert.Equal(SecretId, auth.SecretId);
        var expected = Tc3Signer.Sign(new Tc3SigningInput
        {
            Host = request.Headers["Host"],
            Payload = System.Text.Encoding.UTF8.GetBytes(request.Body),
            Timestamp = long.Parse(request.Headers["X-TC-Timestamp"]),
        }, SecretId, SecretKey);
        Assert.Equal(expected.Signature, auth.Signature);
    }

    [Fact]
    public async Task Typed_models_omit_unset_fields()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, FakeHttpServer.Ok("\"Value\":\"x\""));
        var response = await Client().InvokeAsync<SampleResponse>("DescribeThing", new SampleRequest { Name = "a" });
        Assert.Equal("x", response.Value);
        Assert.Equal("req-ok", response.RequestId);
        Assert.Equal("{\"Name\":\"a\"}", _server.Requests[0].Body);
    }

    [Fact]
    public async Task Error_response_becomes_ClbApiException_with_code_message_request_id_and_action()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, FakeHttpServer.Error("InvalidParameter.LBIdNotFound", "no such lb"));
        var ex = await Assert.ThrowsAsync<ClbApiException>(() => Client().InvokeAsync("DeleteLoadBalancer", null));
        Assert.Equal("InvalidParameter.LBIdNotFound", ex.Code);
        Assert.Equal("no such lb", ex.ErrorMessage);
        Assert.Equal("req-err", ex.RequestId);
        Assert.Equal("DeleteLoadBalancer", ex.Action);
        Assert.Contains("req-err", ex.Message);
        Assert.Contains("InvalidParameter.LBIdNotFound", ex.Message);
        Assert.Single(_server.Requests); // not a retryable code
    }

    [Theory]
    [InlineData("", 200, "empty body")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", 502, "HTML or XML instead of JSON")]
    [InlineData("{\"Response\":{\"RequestId\":\"abc\"", 200, "could not be parsed")]
    [InlineData("{\"Result\":{}}", 200, "without a Response object")]
    [InlineData("[1,2]", 200, "without a Response object")]
    [InlineData("{\"Response\":{\"RequestId\":\"abc\"}}", 500, "has no Error")]
    public async Task Malformed_responses_give_a_specific_protocol_error_naming_action_and_endpoint(string body, int status, string expected)
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, body, status);
        var ex = await Assert.ThrowsAsync<ClbProtocolException>(() => Client(attempts: 1).InvokeAsync("ModifyListener", null));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("ModifyListener", ex.Message);
        Assert.Contains(_server.Url.Replace("http://", ""), ex.Message);
        Assert.Equal("ModifyListener", ex.Action);
    }

    [Theory]
    [InlineData("RequestLimitExceeded")]
    [InlineData("RequestLimitExceeded.UinLimitExceeded")]
    [InlineData("InternalError")]
    [InlineData("ServiceUnavailable")]
    public async Task Reads_retry_transient_errors_until_success(string code)
    {
        _server.Handler = (ctx, n) => FakeHttpServer.Json(ctx, n < 3 ? FakeHttpServer.Error(code) : FakeHttpServer.Ok());
        await Client(attempts: 3).InvokeAsync("DescribeListeners", null);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Contains(_log.Verbose, l => l.Contains("retrying") && l.Contains(code));
    }

    [Fact]
    public async Task Reads_retry_http_5xx_without_a_body()
    {
        _server.Handler = (ctx, n) => n == 1 ? FakeHttpServer.Json(ctx, "<html>oops</html>", 503) : FakeHttpServer.Json(ctx, FakeHttpServer.Ok());
        await Client().InvokeAsync("DescribeTargets", null);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Writes_retry_throttling_because_it_proves_nothing_was_applied()
    {
        _server.Handler = (ctx, n) => FakeHttpServer.Json(ctx, n == 1 ? FakeHttpServer.Error("RequestLimitExceeded") : FakeHttpServer.Ok());
        await Client().InvokeAsync("RegisterTargets", null);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("InternalError")]
    [InlineData("HTTP503")]
    public async Task Writes_do_not_retry_failures_that_may_have_been_applied(string fault)
    {
        _server.Handler = (ctx, _) => fault == "HTTP503" ? FakeHttpServer.Json(ctx, "bad gateway", 503) : FakeHttpServer.Json(ctx, FakeHttpServer.Error(fault));
        await Assert.ThrowsAnyAsync<ClbException>(() => Client(attempts: 4).InvokeAsync("RegisterTargets", null));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Attempts_are_bounded()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, FakeHttpServer.Error("RequestLimitExceeded"));
        var ex = await Assert.ThrowsAsync<ClbApiException>(() => Client(attempts: 4).InvokeAsync("DescribeLoadBalancers", null));
        Assert.Equal("RequestLimitExceeded", ex.Code);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task Signature_expiry_learns_the_server_clock_from_Date_and_resigns_once()
    {
        var serverNow = DateTimeOffset.UtcNow.AddHours(2);
        _server.Handler = (ctx, _) =>
        {
            var sent = long.Parse(ctx.Request.Headers["X-TC-Timestamp"]!);
            ctx.Response.Headers.Date = serverNow.ToString("R");
            return FakeHttpServer.Json(ctx, Math.Abs(sent - serverNow.ToUnixTimeSeconds()) > 300
                ? FakeHttpServer.Error("AuthFailure.SignatureExpire")
                : FakeHttpServer.Ok());
        };
        var client = Client(attempts: 1);
        try
        {
            await client.InvokeAsync("CreateListener", null); // a write, and one attempt only: the resync still happens
            Assert.Equal(2, _server.Requests.Count);
            var second = long.Parse(_server.Requests[1].Headers["X-TC-Timestamp"]);
            Assert.InRange(second, serverNow.ToUnixTimeSeconds() - 5, serverNow.ToUnixTimeSeconds() + 5);
            // Later calls to that host are signed with the learned offset straight away.
            await client.InvokeAsync("DescribeListeners", null);
            Assert.Equal(3, _server.Requests.Count);
        }
        finally { ClockSkew.Reset(client.Endpoint.Authority); }
    }

    [Fact]
    public async Task Signature_expiry_twice_fails_instead_of_looping()
    {
        _server.Handler = (ctx, _) =>
        {
            ctx.Response.Headers.Date = DateTimeOffset.UtcNow.ToString("R");
            return FakeHttpServer.Json(ctx, FakeHttpServer.Error("AuthFailure.SignatureExpire"));
        };
        var client = Client(attempts: 5);
        try
        {
            var ex = await Assert.ThrowsAsync<ClbApiException>(() => client.InvokeAsync("DescribeListeners", null));
            Assert.Equal("AuthFailure.SignatureExpire", ex.Code);
            Assert.Equal(2, _server.Requests.Count);
        }
        finally { ClockSkew.Reset(client.Endpoint.Authority); }
    }

    [Fact]
    public async Task Connection_refused_is_a_transport_error_that_even_writes_retry()
    {
        var port = FreePort();
        var client = new ClbClient(new ClbClientOptions
        {
            Endpoint = "http://127.0.0.1:" + port,
            Credentials = new StaticCredentialProvider(new ClbCredentials(SecretId, SecretKey)),
            MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(2),
            RateLimitPerSecond = null, Log = _log,
        });
        var ex = await Assert.ThrowsAsync<ClbTransportException>(() => client.InvokeAsync("RegisterTargets", null));
        Assert.False(ex.RequestMayHaveBeenApplied);
        Assert.Contains("connection refused", ex.Message);
        Assert.Contains(_log.Verbose, l => l.Contains("attempt 1 of 2"));
    }

    [Fact]
    public async Task A_slow_server_times_out_with_a_clear_message_and_user_cancellation_is_not_retried()
    {
        _server.Handler = async (ctx, _) => { await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted); };
        var ex = await Assert.ThrowsAsync<ClbTransportException>(() =>
            Client(attempts: 1, timeout: TimeSpan.FromMilliseconds(200)).InvokeAsync("ModifyRule", null));
        Assert.True(ex.TimedOut);
        Assert.Contains("timed out", ex.Message);

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var before = _server.Requests.Count;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(attempts: 5).InvokeAsync("DescribeRule", null, cts.Token));
        Assert.Equal(before + 1, _server.Requests.Count);
    }

    [Fact]
    public async Task Secrets_never_reach_verbose_debug_or_exception_text()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, FakeHttpServer.Error("AuthFailure.SignatureFailure"));
        var ex = await Assert.ThrowsAsync<ClbApiException>(() =>
            Client(token: Token).InvokeAsync("UploadCert", new Dictionary<string, object?> { ["CertKey"] = "-----BEGIN PRIVATE KEY-----abc" }));
        var all = string.Join("\n", _log.Verbose.Concat(_log.Debug)) + ex + ex.Message;
        Assert.DoesNotContain(SecretKey, all);
        Assert.DoesNotContain(Token, all);
        Assert.DoesNotContain("BEGIN PRIVATE KEY", all);
        Assert.Contains(_log.Debug, l => l.Contains("Signature=***") && l.Contains("X-TC-Token: ***") && l.Contains("\"CertKey\":\"***\""));
        Assert.DoesNotContain(SecretKey, new ClbCredentials(SecretId, SecretKey, Token).ToString());
    }

    [Fact]
    public async Task Verbose_names_action_region_endpoint_credential_source_request_id_and_time()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, FakeHttpServer.Ok());
        await Client().InvokeAsync("DescribeQuota", null);
        var line = Assert.Single(_log.Verbose);
        Assert.Contains("DescribeQuota", line);
        Assert.Contains("ap-guangzhou", line);
        Assert.Contains(_server.Url.Replace("http://", ""), line);
        Assert.Contains("explicit", line);
        Assert.Contains("req-ok", line);
        Assert.Matches(@"\d+ ms", line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Describe Load")]
    [InlineData("Drop;Table")]
    public async Task Invalid_action_names_are_refused_before_sending(string action)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client().InvokeAsync(action, null));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Parameters_that_are_not_an_object_are_refused_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client().InvokeAsync("DescribeQuota", "[1,2]"));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().InvokeAsync("DescribeQuota", JsonDocument.Parse("3").RootElement));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Missing_credentials_give_a_configuration_error_that_says_how_to_fix_it()
    {
        var client = new ClbClient(new ClbClientOptions { Endpoint = _server.Url, Credentials = new NoCredentials() });
        var ex = await Assert.ThrowsAsync<ClbConfigurationException>(() => client.InvokeAsync("DescribeQuota", null));
        Assert.Contains("Connect-Clb", ex.Message);
        Assert.Empty(_server.Requests);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class NoCredentials : ICredentialProvider
    {
        public string Name => "nowhere";
        public Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken) => Task.FromResult<ClbCredentials?>(null);
    }

    public sealed class SampleRequest { public string? Name { get; set; } public long? Limit { get; set; } }
    public sealed class SampleResponse { public string? Value { get; set; } public string? RequestId { get; set; } }
}

public sealed class ListLog : IClbClientLog
{
    public List<string> Verbose { get; } = new();
    public List<string> Debug { get; } = new();
    void IClbClientLog.Verbose(string message) { lock (Verbose) Verbose.Add(message); }
    void IClbClientLog.Debug(string message) { lock (Debug) Debug.Add(message); }
}
