using System.Diagnostics;
using ClbPowerShell.Client.Credentials;

namespace ClbPowerShell.Tests.Credentials;

public class CvmRoleCredentialProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly HttpClient Http = new(new HttpClientHandler { UseProxy = false });
    /// <summary>Where an answer is expected: generous, so a loaded build machine does not look like "off-cloud".</summary>
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public async Task FetchesRoleThenCredentials()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialBody = _ => FakeMetadataServer.Body("AKIDrole", "roleKey", "roleToken", T0.ToUnixTimeSeconds() + 7200);
        var p = new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow, clock: () => T0);
        var c = await p.TryGetAsync(None);
        Assert.NotNull(c);
        Assert.Equal("AKIDrole", c!.SecretId);
        Assert.Equal("roleKey", c.SecretKey);
        Assert.Equal("roleToken", c.Token);
        Assert.Equal("CVM role 'clb-role'", c.Source);
        Assert.Equal(T0.AddHours(2), c.Expiration);
        Assert.Equal(new[] { "/latest/meta-data/cam/security-credentials/", "/latest/meta-data/cam/security-credentials/clb-role" }, server.Paths);
    }

    [Fact]
    public async Task DefaultsToTheTencentMetadataHost()
    {
        Assert.Equal(new Uri("http://metadata.tencentyun.com"), new CvmRoleCredentialProvider().MetadataBase);
        Assert.Equal(TimeSpan.FromSeconds(1), CvmRoleCredentialProvider.DefaultTimeout);
        Assert.Contains("http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/", new CvmRoleCredentialProvider().Name);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task WorksWithItsOwnHttpClient()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        var c = await new CvmRoleCredentialProvider(server.BaseAddress, timeout: Slow).TryGetAsync(None);
        Assert.Equal("AKIDtmp1", c!.SecretId);
    }

    [Fact]
    public async Task CachesUntilShortlyBeforeExpiry_ThenRefreshes()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        var expiry = T0.AddHours(1);
        server.CredentialBody = n => FakeMetadataServer.Body("AKIDtmp" + n, "k" + n, "t" + n, expiry.ToUnixTimeSeconds() + (n - 1) * 3600);
        var now = T0;
        var p = new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow, clock: () => now);

        var first = await p.TryGetAsync(None);
        for (var i = 0; i < 5; i++) Assert.Same(first, await p.TryGetAsync(None));
        Assert.Equal((1, 1), (server.RoleRequests, server.CredentialRequests));

        now = expiry - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1); // still more than 5 minutes left
        Assert.Same(first, await p.TryGetAsync(None));
        Assert.Equal(1, server.CredentialRequests);

        now = expiry - TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1); // inside the refresh window, not yet expired
        var second = await p.TryGetAsync(None);
        Assert.Equal("AKIDtmp2", second!.SecretId);
        Assert.Equal((2, 2), (server.RoleRequests, server.CredentialRequests));
        Assert.Same(second, await p.TryGetAsync(None));
        Assert.Equal(2, server.CredentialRequests);
    }

    [Fact]
    public async Task RefreshWindowIsConfigurable()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialBody = n => FakeMetadataServer.Body("AKIDtmp" + n, "k", "t", T0.ToUnixTimeSeconds() + 3600);
        var now = T0;
        var p = new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow, refreshBeforeExpiry: TimeSpan.FromMinutes(30), clock: () => now);
        await p.TryGetAsync(None);
        now = T0.AddMinutes(31);
        await p.TryGetAsync(None);
        Assert.Equal(2, server.CredentialRequests);
    }

    [Fact]
    public async Task FailedRefresh_KeepsTheOldCredentialsWhileTheyAreStillValid()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialBody = n => FakeMetadataServer.Body("AKIDtmp" + n, "k", "t", T0.ToUnixTimeSeconds() + 3600);
        var now = T0;
        var p = new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow, clock: () => now);
        var first = await p.TryGetAsync(None);

        server.CredentialStatus = 500;
        now = T0.AddMinutes(58);
        Assert.Same(first, await p.TryGetAsync(None));

        now = T0.AddMinutes(61); // expired: nothing usable left, the failure shows
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => p.TryGetAsync(None));
        Assert.Contains("clb-role", e.Message);
    }

    [Fact]
    public async Task ConcurrentCallers_FetchOnce()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        var p = new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow, clock: () => T0);
        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => p.TryGetAsync(None))));
        Assert.All(all, c => Assert.Same(all[0], c));
        Assert.Equal(1, server.CredentialRequests);
    }

    [Fact]
    public async Task ExpirationIsoString_WhenNoExpiredTime()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialBody = _ => "{\"TmpSecretId\":\"AKIDiso\",\"TmpSecretKey\":\"k\",\"Token\":\"t\",\"Expiration\":\"2023-11-14T23:13:20Z\",\"Code\":\"Success\"}";
        var c = await new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow, clock: () => T0).TryGetAsync(None);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_003_600), c!.Expiration);
    }

    [Fact]
    public async Task NoExpiration_IsNotCached()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialBody = _ => "{\"TmpSecretId\":\"AKIDx\",\"TmpSecretKey\":\"k\",\"Code\":\"Success\"}";
        var p = new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow, clock: () => T0);
        await p.TryGetAsync(None);
        await p.TryGetAsync(None);
        Assert.Equal(2, server.CredentialRequests);
    }

    [Theory]
    [InlineData(404, "clb-role\n")] // no role bound
    [InlineData(200, "")]
    [InlineData(200, "\n  \n")]
    public async Task NoRole_IsNotConfigured(int status, string body)
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.RoleStatus = status;
        server.RoleBody = body;
        Assert.Null(await new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow).TryGetAsync(None));
        Assert.Equal(0, server.CredentialRequests);
    }

    [Fact]
    public async Task RoleNameIsTheFirstLine_EscapedInThePath()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.RoleBody = "  my role  \nsecond\n";
        var c = await new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow).TryGetAsync(None);
        Assert.Equal("CVM role 'my role'", c!.Source);
        Assert.Contains("/latest/meta-data/cam/security-credentials/my role", server.Paths); // Kestrel decodes %20
    }

    [Fact]
    public async Task NothingListening_IsNotConfigured_Quickly()
    {
        var sw = Stopwatch.StartNew();
        Assert.Null(await new CvmRoleCredentialProvider(Ports.ClosedLoopback(), Http).TryGetAsync(None));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), sw.Elapsed.ToString());
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOutAfterAboutOneSecond_AndIsNotConfigured()
    {
        using var hole = new BlackHoleServer();
        var sw = Stopwatch.StartNew();
        var c = await new CvmRoleCredentialProvider(hole.BaseAddress, Http).TryGetAsync(None);
        sw.Stop();
        Assert.Null(c);
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(900), sw.Elapsed.ToString());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), sw.Elapsed.ToString());
        Assert.True(hole.Accepted >= 1);
    }

    [Fact]
    public async Task CallerCancellation_IsNotMistakenForTimeout()
    {
        using var hole = new BlackHoleServer();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var p = new CvmRoleCredentialProvider(hole.BaseAddress, Http, timeout: TimeSpan.FromSeconds(30));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => p.TryGetAsync(cts.Token));
    }

    [Fact]
    public async Task CodeOtherThanSuccess_Throws()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialBody = _ => FakeMetadataServer.Body("AKIDx", "cvmSecretValue", "cvmTokenValue", T0.ToUnixTimeSeconds() + 3600, code: "Failed");
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow).TryGetAsync(None));
        Assert.Contains("clb-role", e.Message);
        Assert.Contains("Failed", e.Message);
    }

    [Theory]
    [InlineData("{\"TmpSecretId\":\"AKIDx\",\"TmpSecretKey\":cvmSecretValue}")]
    [InlineData("[\"cvmSecretValue\"]")]
    [InlineData("{\"TmpSecretKey\":\"cvmSecretValue\",\"Code\":\"Success\"}")]
    public async Task MalformedCredentials_Throw(string body)
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialBody = _ => body;
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow).TryGetAsync(None));
        Assert.Contains("clb-role", e.Message);
        Assert.DoesNotContain("cvmSecretValue", e.ToString());
    }

    [Fact]
    public async Task CredentialEndpointRefusing_Throws()
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialStatus = 403;
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => new CvmRoleCredentialProvider(server.BaseAddress, Http, timeout: Slow).TryGetAsync(None));
        Assert.Contains("clb-role", e.Message);
    }
}
