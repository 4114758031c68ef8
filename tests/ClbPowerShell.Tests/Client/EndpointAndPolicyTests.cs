using ClbPowerShell.Client;
using ClbPowerShell.Client.Transport;

namespace ClbPowerShell.Tests.Client;

public class EndpointTests
{
    [Theory]
    [InlineData(null, null, false, false, "https://clb.tencentcloudapi.com/")]
    [InlineData(null, "ap-hongkong", false, false, "https://clb.tencentcloudapi.com/")]
    [InlineData(null, "ap-hongkong", false, true, "https://clb.ap-hongkong.tencentcloudapi.com/")]
    [InlineData(null, "ap-hongkong", true, false, "https://clb.intl.tencentcloudapi.com/")]
    [InlineData("clb.ap-shanghai.tencentcloudapi.com", null, false, false, "https://clb.ap-shanghai.tencentcloudapi.com/")]
    [InlineData("https://custom.example.com:8443", null, false, false, "https://custom.example.com:8443/")]
    [InlineData("http://127.0.0.1:5000", null, false, false, "http://127.0.0.1:5000/")]
    [InlineData("http://127.8.9.1:5000/", null, false, false, "http://127.8.9.1:5000/")]
    [InlineData("http://localhost:5000", null, false, false, "http://localhost:5000/")]
    [InlineData("http://[::1]:5000", null, false, false, "http://[::1]:5000/")]
    public void Resolves_endpoints(string? endpoint, string? region, bool intl, bool regional, string expected) =>
        Assert.Equal(expected, ClbEndpoint.Resolve(endpoint, region, intl, regional).ToString());

    [Theory]
    [InlineData("http://clb.tencentcloudapi.com", "plain http")]
    [InlineData("http://10.0.0.5:8080", "plain http")]
    [InlineData("ftp://127.0.0.1", "must use https")]
    [InlineData("https://exa mple.com", "not a valid")]
    [InlineData("https://clb.tencentcloudapi.com/v2/index.php", "must not have a path")]
    public void Refuses_bad_endpoints_with_a_reason(string endpoint, string reason)
    {
        var ex = Assert.Throws<ClbConfigurationException>(() => ClbEndpoint.Resolve(endpoint, null));
        Assert.Contains(reason, ex.Message);
        Assert.Equal("Endpoint", ex.ParameterName);
    }

    [Theory]
    [InlineData("Guangzhou")]
    [InlineData("ap_guangzhou")]
    [InlineData("ap-")]
    public void Refuses_malformed_regions(string region)
    {
        var ex = Assert.Throws<ClbConfigurationException>(() => ClbEndpoint.Resolve(null, region));
        Assert.Equal("Region", ex.ParameterName);
    }
}

public class RetryPolicyTests
{
    private static ClbApiException Api(string code) => new(code, "m", "r", "A", "e");

    [Theory]
    [InlineData("RequestLimitExceeded", true, RetryDecision.Retry)]
    [InlineData("RequestLimitExceeded", false, RetryDecision.Retry)]
    [InlineData("InternalError", true, RetryDecision.Retry)]
    [InlineData("InternalError", false, RetryDecision.Fail)]
    [InlineData("InternalServerError", true, RetryDecision.Retry)]
    [InlineData("ServiceUnavailable", false, RetryDecision.Fail)]
    [InlineData("InvalidParameter", true, RetryDecision.Fail)]
    [InlineData("FailedOperation.ResourceInOperating", false, RetryDecision.Fail)]
    [InlineData("AuthFailure.SignatureExpire", false, RetryDecision.ResyncClockAndRetry)]
    public void Decides_by_code_and_kind_of_action(string code, bool readOnly, RetryDecision expected) =>
        Assert.Equal(expected, RetryPolicy.Decide(Api(code), readOnly, clockAlreadyResynced: false));

    [Fact]
    public void Transport_failures_retry_writes_only_when_not_sent()
    {
        var notSent = new ClbTransportException("x", requestMayHaveBeenApplied: false, timedOut: false);
        var maybeSent = new ClbTransportException("x", requestMayHaveBeenApplied: true, timedOut: true);
        Assert.Equal(RetryDecision.Retry, RetryPolicy.Decide(notSent, false, false));
        Assert.Equal(RetryDecision.Fail, RetryPolicy.Decide(maybeSent, false, false));
        Assert.Equal(RetryDecision.Retry, RetryPolicy.Decide(maybeSent, true, false));
    }

    [Fact]
    public void Backoff_grows_exponentially_within_bounds()
    {
        var b = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(1);
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(RetryPolicy.Backoff(1, b, max).TotalMilliseconds, 100, 100);
            Assert.InRange(RetryPolicy.Backoff(3, b, max).TotalMilliseconds, 100, 400);
            Assert.InRange(RetryPolicy.Backoff(10, b, max).TotalMilliseconds, 100, 1000);
        }
    }

    [Fact]
    public async Task Rate_limiter_paces_one_action_and_leaves_others_alone()
    {
        var id = Guid.NewGuid().ToString();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 11; i++) await ActionRateLimiter.WaitAsync("h", id, "A", 20, CancellationToken.None);
        var paced = sw.Elapsed;
        sw.Restart();
        await ActionRateLimiter.WaitAsync("h", id, "B", 20, CancellationToken.None);
        // 11 permits at 20/s need at least ~10 refills of 50 ms; another action is not held back.
        Assert.True(paced >= TimeSpan.FromMilliseconds(400), $"11 permits took only {paced.TotalMilliseconds} ms");
        Assert.True(sw.Elapsed < paced, "another action waited as long as the paced one");
    }
}
