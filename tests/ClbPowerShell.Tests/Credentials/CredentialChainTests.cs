using ClbPowerShell.Client.Credentials;

namespace ClbPowerShell.Tests.Credentials;

public class CredentialChainTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private sealed class CountingProvider(string name, ClbCredentials? result) : ICredentialProvider
    {
        public int Calls;
        public string Name => name;
        public Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken) { Calls++; return Task.FromResult(result); }
    }

    private static void SetEnv(FakeEnvironment env)
    {
        env.Variables["TENCENTCLOUD_SECRET_ID"] = "AKIDenv";
        env.Variables["TENCENTCLOUD_SECRET_KEY"] = "envKey";
    }

    [Fact]
    public async Task FirstNonNullWins_LaterProvidersAreNotAsked()
    {
        var a = new CountingProvider("a", null);
        var b = new CountingProvider("b", new ClbCredentials("AKIDb", "kb", source: "b"));
        var c = new CountingProvider("c", new ClbCredentials("AKIDc", "kc", source: "c"));
        var got = await new CredentialChain(a, b, c).GetAsync();
        Assert.Equal("b", got.Source);
        Assert.Equal((1, 1, 0), (a.Calls, b.Calls, c.Calls));
    }

    [Fact]
    public async Task Default_EnvironmentBeatsTccliAndIni()
    {
        using var home = new TempHome();
        SetEnv(home.Env);
        home.TccliCredential("default", "AKIDtccli", "k");
        home.Ini("[default]\nsecret_id=AKIDini\nsecret_key=k\n");
        var c = await CredentialChain.CreateDefault(home.Env, metadataBase: Ports.ClosedLoopback()).GetAsync();
        Assert.Equal("AKIDenv", c.SecretId);
        Assert.Equal("environment (TENCENTCLOUD_SECRET_ID)", c.Source);
    }

    [Fact]
    public async Task Default_TccliBeatsIni()
    {
        using var home = new TempHome();
        home.TccliCredential("default", "AKIDtccli", "k");
        home.Ini("[default]\nsecret_id=AKIDini\nsecret_key=k\n");
        var c = await CredentialChain.CreateDefault(home.Env, metadataBase: Ports.ClosedLoopback()).GetAsync();
        Assert.Equal("AKIDtccli", c.SecretId);
    }

    [Fact]
    public async Task Default_IniWhenNothingBefore()
    {
        using var home = new TempHome();
        home.Ini("[default]\nsecret_id=AKIDini\nsecret_key=k\n[prod]\nsecret_id=AKIDiniProd\nsecret_key=k\n");
        Assert.Equal("AKIDini", (await CredentialChain.CreateDefault(home.Env, metadataBase: Ports.ClosedLoopback()).GetAsync()).SecretId);
        Assert.Equal("AKIDiniProd", (await CredentialChain.CreateDefault(home.Env, profileName: "prod", metadataBase: Ports.ClosedLoopback()).GetAsync()).SecretId);
    }

    [Fact]
    public async Task Default_ExplicitOrSessionBeatsEverything()
    {
        using var home = new TempHome();
        SetEnv(home.Env);
        var session = new StaticCredentialProvider("AKIDsession", "k", source: StaticCredentialProvider.SessionSource);
        var c = await CredentialChain.CreateDefault(home.Env, session, metadataBase: Ports.ClosedLoopback()).GetAsync();
        Assert.Equal("session (Connect-Clb)", c.Source);
    }

    [Fact]
    public async Task Default_CvmRoleLast()
    {
        using var home = new TempHome();
        await using var server = await FakeMetadataServer.StartAsync();
        var c = await CredentialChain.CreateDefault(home.Env, metadataBase: server.BaseAddress, metadataTimeout: TimeSpan.FromSeconds(15)).GetAsync();
        Assert.Equal("CVM role 'clb-role'", c.Source);

        SetEnv(home.Env);
        var before = server.RoleRequests;
        Assert.Equal("AKIDenv", (await CredentialChain.CreateDefault(home.Env, metadataBase: server.BaseAddress, metadataTimeout: TimeSpan.FromSeconds(15)).GetAsync()).SecretId);
        Assert.Equal(before, server.RoleRequests); // not even asked
    }

    [Fact]
    public void Default_Order()
    {
        var env = new FakeEnvironment { HomeDirectory = "/nonexistent-home" };
        var chain = CredentialChain.CreateDefault(env, new StaticCredentialProvider("AKIDx", "k"));
        Assert.Collection(chain.Providers,
            p => Assert.IsType<StaticCredentialProvider>(p),
            p => Assert.IsType<EnvironmentCredentialProvider>(p),
            p => Assert.IsType<TccliProfileCredentialProvider>(p),
            p => Assert.IsType<IniFileCredentialProvider>(p),
            p => Assert.IsType<CvmRoleCredentialProvider>(p));
        Assert.Equal(4, CredentialChain.CreateDefault(env).Providers.Count);
    }

    [Fact]
    public async Task NothingAnywhere_MessageListsEveryPlaceInOrder_AndHowToSetOne()
    {
        using var home = new TempHome();
        home.Env.Variables["TCCLI_PROFILE"] = "ops";
        var chain = CredentialChain.CreateDefault(home.Env, metadataBase: Ports.ClosedLoopback());
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => chain.TryGetAsync(None));
        var m = e.Message;
        var places = new[]
        {
            "TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY",
            "tccli profile 'ops' (" + Path.Combine(home.Path, ".tccli", "ops.credential") + ")",
            Path.Combine(home.Path, ".tencentcloud", "credentials") + " [default]",
            "CVM role (instance metadata at http://127.0.0.1:",
        };
        var last = -1;
        foreach (var place in places)
        {
            var at = m.IndexOf(place, StringComparison.Ordinal);
            Assert.True(at > last, "expected '" + place + "' after position " + last + " in:\n" + m);
            last = at;
        }
        Assert.Contains("Connect-Clb", m);
        Assert.Contains("TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY", m);
        Assert.Contains("1. ", m);
        Assert.Contains("4. ", m);
    }

    [Fact]
    public async Task BrokenSource_StopsTheChain_EvenIfALaterOneWorks()
    {
        using var home = new TempHome();
        home.Write(".tccli/default.credential", "{not json");
        home.Ini("[default]\nsecret_id=AKIDini\nsecret_key=k\n");
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => CredentialChain.CreateDefault(home.Env, metadataBase: Ports.ClosedLoopback()).GetAsync());
        Assert.Contains("default.credential", e.Message);
    }

    [Fact]
    public async Task EmptyChain_Throws()
    {
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => new CredentialChain().GetAsync());
        Assert.Contains("Connect-Clb", e.Message);
    }
}

public class RegionResolverTests
{
    private const string Configure =
        "{\"_sys_param\": {\"region\": \"ap-guangzhou\", \"output\": \"json\"}, \"clb\": {\"endpoint\": \"clb.tencentcloudapi.com\", \"version\": \"2018-03-17\"}}";

    [Fact]
    public void Order_Explicit_Session_Environment_Tccli()
    {
        using var home = new TempHome();
        home.Write(".tccli/default.configure", Configure);
        home.Env.Variables["TENCENTCLOUD_REGION"] = "ap-shanghai";

        Assert.Equal(("ap-hongkong", "explicit (-Region)"), RegionResolver.Resolve("ap-hongkong", "ap-beijing", home.Env, null));
        Assert.Equal(("ap-beijing", "session (Connect-Clb)"), RegionResolver.Resolve(null, "ap-beijing", home.Env, null));
        Assert.Equal(("ap-shanghai", "environment (TENCENTCLOUD_REGION)"), RegionResolver.Resolve(" ", null, home.Env, null));
        home.Env.Variables.Remove("TENCENTCLOUD_REGION");
        Assert.Equal(("ap-guangzhou", "tccli profile 'default' (~/.tccli/default.configure)"), RegionResolver.Resolve(null, "", home.Env, null));
    }

    [Fact]
    public void Tccli_ClbSectionRegionOverridesSysParam()
    {
        using var home = new TempHome();
        home.Write(".tccli/default.configure",
            "{\"_sys_param\": {\"region\": \"ap-guangzhou\"}, \"clb\": {\"endpoint\": \"clb.tencentcloudapi.com\", \"region\": \"eu-frankfurt\"}}");
        Assert.Equal("eu-frankfurt", RegionResolver.Resolve(null, null, home.Env, null).region);
    }

    [Fact]
    public void Tccli_OnlyClbSection_OrTopLevel()
    {
        using var home = new TempHome();
        home.Write(".tccli/a.configure", "{\"clb\": {\"region\": \"na-siliconvalley\"}}");
        home.Write(".tccli/b.configure", "{\"region\": \"ap-tokyo\", \"output\": \"json\"}");
        Assert.Equal("na-siliconvalley", RegionResolver.Resolve(null, null, home.Env, "a").region);
        Assert.Equal("ap-tokyo", RegionResolver.Resolve(null, null, home.Env, "b").region);
    }

    [Fact]
    public void Tccli_ProfileFromTccliProfileVariable_ExplicitProfileBeatsIt()
    {
        using var home = new TempHome();
        home.Write(".tccli/prod.configure", "{\"_sys_param\": {\"region\": \"ap-singapore\"}}");
        home.Write(".tccli/test.configure", "{\"_sys_param\": {\"region\": \"ap-seoul\"}}");
        home.Env.Variables["TCCLI_PROFILE"] = "prod";
        Assert.Equal(("ap-singapore", "tccli profile 'prod' (~/.tccli/prod.configure)"), RegionResolver.Resolve(null, null, home.Env, null));
        Assert.Equal("ap-seoul", RegionResolver.Resolve(null, null, home.Env, "test").region);
    }

    [Fact]
    public void Nothing_IsNull()
    {
        using var home = new TempHome();
        Assert.Equal(((string?)null, "none"), RegionResolver.Resolve(null, null, home.Env, null));
        home.Write(".tccli/default.configure", "{\"_sys_param\": {\"output\": \"json\"}}");
        Assert.Null(RegionResolver.Resolve(null, null, home.Env, null).region);
        Assert.Null(RegionResolver.Resolve(null, null, new FakeEnvironment(), null).region);
    }

    [Fact]
    public void MalformedConfigure_ThrowsNamingTheFile()
    {
        using var home = new TempHome();
        var path = home.Write(".tccli/default.configure", "{\"_sys_param\": {");
        var e = Assert.Throws<ClbCredentialsException>(() => RegionResolver.Resolve(null, null, home.Env, null));
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("ap-guangzhou", true)]
    [InlineData("na-siliconvalley", true)]
    [InlineData("eu-frankfurt", true)]
    [InlineData("ap-shanghai-fsi", true)]
    [InlineData("ap-beijing-fsi", true)]
    [InlineData("na-ashburn", true)]
    [InlineData("ap-guangzhou\n", false)]
    [InlineData("AP-GUANGZHOU", false)]
    [InlineData("gz", false)]
    [InlineData("ap", false)]
    [InlineData("a-guangzhou", false)]
    [InlineData("ap-", false)]
    [InlineData("ap--guangzhou", false)]
    [InlineData("ap_guangzhou", false)]
    [InlineData(" ap-guangzhou", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidRegion(string? region, bool valid)
    {
        Assert.Equal(valid, RegionResolver.IsValidRegion(region));
    }
}
