using System.Net;
using ClbPowerShell.Client;

namespace ClbPowerShell.Tests.Emulator;

/// <summary>The wire protocol: TC3 verification, headers, envelope, version and action checks.</summary>
public sealed class ProtocolTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public ProtocolTests(EmulatorFixture fx) { _fx = fx; }

    [Fact]
    public async Task A_correctly_signed_request_succeeds_with_the_envelope_and_a_guid_request_id()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers");
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Null(r.ErrorCode);
        Assert.True(Guid.TryParse(r.RequestId, out _));
        Assert.True(r.Response.TryGetProperty("TotalCount", out _));
    }

    [Fact]
    public async Task Every_response_has_a_Date_header_near_now()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers");
        Assert.NotNull(r.Date);
        Assert.InRange((r.Date!.Value - DateTimeOffset.UtcNow).Duration().TotalSeconds, 0, 5);
    }

    [Fact]
    public async Task Unknown_secret_id_is_AuthFailure_SecretIdNotFound()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.SecretId = "AKIDnobody");
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("AuthFailure.SecretIdNotFound", r.ErrorCode);
    }

    [Fact]
    public async Task Wrong_secret_key_is_AuthFailure_SignatureFailure()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.SecretKey = "not-the-key");
        Assert.Equal("AuthFailure.SignatureFailure", r.ErrorCode);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_AuthFailure_SignatureFailure()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", new { Limit = 1 }, q => q.BodyAfterSigning = "{\"Limit\":2}");
        Assert.Equal("AuthFailure.SignatureFailure", r.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_service_in_the_credential_scope_is_AuthFailure_SignatureFailure()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.Service = "cvm");
        Assert.Equal("AuthFailure.SignatureFailure", r.ErrorCode);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(400)]
    [InlineData(-3600)]
    public async Task A_timestamp_more_than_five_minutes_off_is_AuthFailure_SignatureExpire(int offsetSeconds)
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds);
        Assert.Equal("AuthFailure.SignatureExpire", r.ErrorCode);
    }

    [Fact]
    public async Task A_timestamp_four_minutes_off_is_accepted()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 240);
        Assert.Null(r.ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDtest, SignedHeaders=content-type;host, Signature=00")]
    [InlineData("TC3-HMAC-SHA256 Signature=00")]
    public async Task Missing_or_malformed_Authorization_is_AuthFailure_InvalidAuthorization(string header)
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.Authorization = header);
        Assert.Equal("AuthFailure.InvalidAuthorization", r.ErrorCode);
    }

    [Fact]
    public async Task Missing_timestamp_header_is_MissingParameter()
    {
        // Build a request by hand without X-TC-Timestamp.
        using var http = new HttpClient();
        using var msg = new HttpRequestMessage(HttpMethod.Post, _fx.Server.Url) { Content = new StringContent("{}") };
        msg.Headers.TryAddWithoutValidation("X-TC-Action", "DescribeLoadBalancers");
        msg.Headers.TryAddWithoutValidation("X-TC-Version", "2018-03-17");
        msg.Headers.TryAddWithoutValidation("Authorization", "TC3-HMAC-SHA256 Credential=AKIDtest/2024-01-01/clb/tc3_request, SignedHeaders=content-type;host, Signature=00");
        var resp = await http.SendAsync(msg);
        var body = System.Text.Json.JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement.GetProperty("Response");
        Assert.Equal("MissingParameter", body.GetProperty("Error").GetProperty("Code").GetString());
    }

    [Fact]
    public async Task A_temporary_key_needs_its_token()
    {
        var ok = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => { q.SecretId = EmulatorFixture.TempSecretId; q.SecretKey = EmulatorFixture.TempSecretKey; q.Token = EmulatorFixture.TempToken; });
        Assert.Null(ok.ErrorCode);
        var missing = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => { q.SecretId = EmulatorFixture.TempSecretId; q.SecretKey = EmulatorFixture.TempSecretKey; });
        Assert.Equal("AuthFailure.TokenFailure", missing.ErrorCode);
        var wrong = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => { q.SecretId = EmulatorFixture.TempSecretId; q.SecretKey = EmulatorFixture.TempSecretKey; q.Token = "nope"; });
        Assert.Equal("AuthFailure.TokenFailure", wrong.ErrorCode);
    }

    [Fact]
    public async Task A_token_with_a_permanent_key_is_AuthFailure_TokenFailure()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.Token = "something");
        Assert.Equal("AuthFailure.TokenFailure", r.ErrorCode);
    }

    [Fact]
    public async Task The_client_with_a_temporary_key_and_token_works()
    {
        var c = _fx.CreateClient(secretId: EmulatorFixture.TempSecretId, secretKey: EmulatorFixture.TempSecretKey, token: EmulatorFixture.TempToken);
        var r = await c.InvokeAsync("DescribeLoadBalancers", new { });
        Assert.True(r.TryGetProperty("TotalCount", out _));
    }

    [Fact]
    public async Task Wrong_version_is_NoSuchVersion()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.Version = "2017-03-12");
        Assert.Equal("NoSuchVersion", r.ErrorCode);
    }

    [Fact]
    public async Task Missing_version_is_MissingParameter()
    {
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", null, q => q.Version = null);
        Assert.Equal("MissingParameter", r.ErrorCode);
    }

    [Fact]
    public async Task Unknown_action_is_InvalidAction()
    {
        await _fx.Client.ErrorAsync("InvalidAction", "DescribeUnicorns", new { });
    }

    [Fact]
    public async Task A_body_that_is_not_a_json_object_is_a_format_error()
    {
        var r = await _fx.Raw.SendAsync(new RawRequest { Action = "DescribeLoadBalancers", Body = "[1,2]" });
        Assert.Equal("InvalidParameter.FormatError", r.ErrorCode);
    }

    [Fact]
    public async Task Missing_region_uses_the_default_region()
    {
        var lb = await _fx.Client.CreateLbAsync("region-default");
        var r = await _fx.Raw.SendAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { lb } }, q => q.Region = null);
        Assert.Equal(1, r.Response.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Load_balancers_are_scoped_to_their_region()
    {
        var lb = await _fx.Client.CreateLbAsync("regional");
        var other = _fx.CreateClient("ap-shanghai");
        var r = await other.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { lb } });
        Assert.Equal(0, r.GetProperty("TotalCount").GetInt32());
        await other.ErrorAsync("InvalidParameter.LBIdNotFound", "DescribeListeners", new { LoadBalancerId = lb });
    }

    [Fact]
    public async Task Get_with_a_signed_flattened_query_works()
    {
        var lb = await _fx.Client.CreateLbAsync("via-get");
        var r = await _fx.Raw.SendAsync(new RawRequest
        {
            Method = "GET", Action = "DescribeLoadBalancers", ContentType = "application/x-www-form-urlencoded",
            Query = "LoadBalancerIds.0=" + lb + "&Limit=5",
        });
        Assert.Null(r.ErrorCode);
        Assert.Equal(lb, r.Response.GetProperty("LoadBalancerSet")[0].GetProperty("LoadBalancerId").GetString());
    }

    [Fact]
    public async Task Errors_through_the_client_carry_code_message_and_request_id()
    {
        var e = await _fx.Client.ErrorAsync("InvalidParameter.LBIdNotFound", "DescribeListeners", new { LoadBalancerId = "lb-notthere" });
        Assert.Contains("lb-notthere", e.ErrorMessage);
        Assert.Equal("DescribeListeners", e.Action);
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_other_methods_UnsupportedProtocol()
    {
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(_fx.Server.Url, "/nothing"))).StatusCode);
        var put = await http.PutAsync(_fx.Server.Url, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains("UnsupportedProtocol", await put.Content.ReadAsStringAsync());
    }
}
