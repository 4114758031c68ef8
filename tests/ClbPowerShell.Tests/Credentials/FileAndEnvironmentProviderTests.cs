using ClbPowerShell.Client.Credentials;

namespace ClbPowerShell.Tests.Credentials;

public class StaticAndEnvironmentProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Static_ExplicitSourceByDefault_OrTheGivenLabel()
    {
        var c = await new StaticCredentialProvider("AKIDa", "keyA").TryGetAsync(None);
        Assert.NotNull(c);
        Assert.Equal("explicit", c!.Source);
        Assert.Equal("AKIDa", c.SecretId);
        Assert.Equal("keyA", c.SecretKey);
        Assert.Null(c.Token);

        var session = new StaticCredentialProvider("AKIDb", "keyB", "tok", StaticCredentialProvider.SessionSource);
        Assert.Equal("session (Connect-Clb)", session.Name);
        var s = await session.TryGetAsync(None);
        Assert.Equal("session (Connect-Clb)", s!.Source);
        Assert.Equal("tok", s.Token);
    }

    [Fact]
    public void Static_RequiresBothHalves()
    {
        Assert.Throws<ClbCredentialsException>(() => new StaticCredentialProvider("", "key"));
        var e = Assert.Throws<ClbCredentialsException>(() => new StaticCredentialProvider("AKIDa", " "));
        Assert.Contains("AKIDa", e.Message);
    }

    [Fact]
    public async Task Environment_ReadsAllThreeVariables()
    {
        var env = new FakeEnvironment();
        env.Variables["TENCENTCLOUD_SECRET_ID"] = "AKIDenv";
        env.Variables["TENCENTCLOUD_SECRET_KEY"] = "envKey";
        env.Variables["TENCENTCLOUD_SESSION_TOKEN"] = "envToken";
        var c = await new EnvironmentCredentialProvider(env).TryGetAsync(None);
        Assert.Equal("AKIDenv", c!.SecretId);
        Assert.Equal("envKey", c.SecretKey);
        Assert.Equal("envToken", c.Token);
        Assert.Equal("environment (TENCENTCLOUD_SECRET_ID)", c.Source);
    }

    [Fact]
    public async Task Environment_TokenIsOptional()
    {
        var env = new FakeEnvironment();
        env.Variables["TENCENTCLOUD_SECRET_ID"] = "AKIDenv";
        env.Variables["TENCENTCLOUD_SECRET_KEY"] = "envKey";
        env.Variables["TENCENTCLOUD_SESSION_TOKEN"] = "";
        var c = await new EnvironmentCredentialProvider(env).TryGetAsync(None);
        Assert.Null(c!.Token);
    }

    [Fact]
    public async Task Environment_NothingSet_IsNotConfigured()
    {
        var env = new FakeEnvironment();
        env.Variables["TENCENTCLOUD_SECRET_ID"] = "  ";
        env.Variables["TENCENTCLOUD_SESSION_TOKEN"] = "orphan token";
        Assert.Null(await new EnvironmentCredentialProvider(env).TryGetAsync(None));
    }

    [Fact]
    public async Task Environment_HalfSet_IsBroken()
    {
        var onlyId = new FakeEnvironment();
        onlyId.Variables["TENCENTCLOUD_SECRET_ID"] = "AKIDenv";
        var e1 = await Assert.ThrowsAsync<ClbCredentialsException>(() => new EnvironmentCredentialProvider(onlyId).TryGetAsync(None));
        Assert.Contains("TENCENTCLOUD_SECRET_KEY", e1.Message);

        var onlyKey = new FakeEnvironment();
        onlyKey.Variables["TENCENTCLOUD_SECRET_KEY"] = "envKeyValue";
        var e2 = await Assert.ThrowsAsync<ClbCredentialsException>(() => new EnvironmentCredentialProvider(onlyKey).TryGetAsync(None));
        Assert.Contains("TENCENTCLOUD_SECRET_ID", e2.Message);
        Assert.DoesNotContain("envKeyValue", e2.ToString());
    }

    [Fact]
    public void SystemEnvironment_ReadsTheProcess()
    {
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), SystemEnvironment.Instance.GetVariable("PATH"));
        Assert.False(string.IsNullOrEmpty(SystemEnvironment.Instance.HomeDirectory));
    }

    [Fact]
    public void ClbCredentials_ToStringHidesSecrets()
    {
        var c = new ClbCredentials("AKIDa", "theSecretKey", "theToken", "explicit");
        var text = c.ToString();
        Assert.Contains("AKIDa", text);
        Assert.DoesNotContain("theSecretKey", text);
        Assert.DoesNotContain("theToken", text);
        Assert.DoesNotContain("theSecretKey", new StaticCredentialProvider(c).ToString());
    }
}

public class TccliProfileProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task DefaultProfile()
    {
        using var home = new TempHome();
        home.TccliCredential("default", "AKIDtccli", "tccliKey");
        var p = new TccliProfileCredentialProvider(home.Env);
        var c = await p.TryGetAsync(None);
        Assert.Equal("AKIDtccli", c!.SecretId);
        Assert.Equal("tccliKey", c.SecretKey);
        Assert.Null(c.Token);
        Assert.Equal("tccli profile 'default' (~/.tccli/default.credential)", c.Source);
        Assert.Equal("default", p.ProfileName);
        Assert.Equal(Path.Combine(home.Path, ".tccli", "default.credential"), p.FilePath);
    }

    [Fact]
    public async Task TokenIsRead()
    {
        using var home = new TempHome();
        home.TccliCredential("default", "AKIDtccli", "tccliKey", "tccliToken");
        Assert.Equal("tccliToken", (await new TccliProfileCredentialProvider(home.Env).TryGetAsync(None))!.Token);
    }

    [Fact]
    public async Task TccliProfileVariable_ChoosesTheProfile_ExplicitNameBeatsIt()
    {
        using var home = new TempHome();
        home.TccliCredential("default", "AKIDdefault", "k0");
        home.TccliCredential("prod", "AKIDprod", "k1");
        home.TccliCredential("test", "AKIDtest", "k2");
        home.Env.Variables["TCCLI_PROFILE"] = "prod";

        var fromVar = await new TccliProfileCredentialProvider(home.Env).TryGetAsync(None);
        Assert.Equal("AKIDprod", fromVar!.SecretId);
        Assert.Equal("tccli profile 'prod' (~/.tccli/prod.credential)", fromVar.Source);

        var explicitName = await new TccliProfileCredentialProvider(home.Env, "test").TryGetAsync(None);
        Assert.Equal("AKIDtest", explicitName!.SecretId);
    }

    [Fact]
    public async Task MissingFileOrHome_IsNotConfigured()
    {
        using var home = new TempHome();
        Assert.Null(await new TccliProfileCredentialProvider(home.Env).TryGetAsync(None));
        home.TccliCredential("other", "AKIDx", "k");
        Assert.Null(await new TccliProfileCredentialProvider(home.Env).TryGetAsync(None));
        Assert.Null(await new TccliProfileCredentialProvider(new FakeEnvironment { HomeDirectory = null }).TryGetAsync(None));
    }

    [Fact]
    public async Task MalformedJson_ThrowsNamingTheFile()
    {
        using var home = new TempHome();
        var path = home.Write(".tccli/default.credential", "{ \"secretId\": \"AKIDx\", \"secretKey\": tccliSecretValue }");
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => new TccliProfileCredentialProvider(home.Env).TryGetAsync(None));
        Assert.Contains(path, e.Message);
        Assert.Contains("not valid JSON", e.Message);
        Assert.DoesNotContain("tccliSecretValue", e.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[1,2]")]
    [InlineData("{\"secretId\": \"AKIDx\"}")]
    [InlineData("{\"secretKey\": \"onlyTheKey\"}")]
    [InlineData("{\"secretId\": \"AKIDx\", \"secretKey\": 42}")]
    public async Task BrokenContent_ThrowsNamingTheFile(string content)
    {
        using var home = new TempHome();
        var path = home.Write(".tccli/default.credential", content);
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => new TccliProfileCredentialProvider(home.Env).TryGetAsync(None));
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain("onlyTheKey", e.ToString());
    }

    [Fact]
    public async Task KeyNamesMatchCaseInsensitively()
    {
        using var home = new TempHome();
        home.Write(".tccli/default.credential", "{\"SecretId\":\"AKIDx\",\"SECRETKEY\":\"k\",\"type\":\"secret\"}");
        Assert.Equal("AKIDx", (await new TccliProfileCredentialProvider(home.Env).TryGetAsync(None))!.SecretId);
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task ProfileNamesThatLeaveTheFolder_AreRefused(string profile)
    {
        using var home = new TempHome();
        await Assert.ThrowsAsync<ClbCredentialsException>(() => new TccliProfileCredentialProvider(home.Env, profile).TryGetAsync(None));
    }
}

public class IniFileProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string TwoProfiles =
        "; Tencent Cloud credentials\r\n" +
        "[default]\r\n" +
        "secret_id = AKIDini\r\n" +
        "secret_key = iniKey\r\n" +
        "\r\n" +
        "# another one\r\n" +
        "[ prod ]\r\n" +
        "SECRET_ID=AKIDprod\r\n" +
        "secret_key= \"prodKey\"\r\n" +
        "token = prodToken\r\n";

    [Fact]
    public async Task DefaultSection()
    {
        using var home = new TempHome();
        home.Ini(TwoProfiles);
        var c = await new IniFileCredentialProvider(home.Env).TryGetAsync(None);
        Assert.Equal("AKIDini", c!.SecretId);
        Assert.Equal("iniKey", c.SecretKey);
        Assert.Null(c.Token);
        Assert.Equal("credentials file [default] (~/.tencentcloud/credentials)", c.Source);
    }

    [Fact]
    public async Task NamedProfile_WithToken_QuotesStripped()
    {
        using var home = new TempHome();
        home.Ini(TwoProfiles);
        var c = await new IniFileCredentialProvider(home.Env, "prod").TryGetAsync(None);
        Assert.Equal("AKIDprod", c!.SecretId);
        Assert.Equal("prodKey", c.SecretKey);
        Assert.Equal("prodToken", c.Token);
        Assert.Equal("credentials file [prod] (~/.tencentcloud/credentials)", c.Source);
    }

    [Fact]
    public async Task MissingFileSectionOrHome_IsNotConfigured()
    {
        using var home = new TempHome();
        Assert.Null(await new IniFileCredentialProvider(home.Env).TryGetAsync(None));
        home.Ini(TwoProfiles);
        Assert.Null(await new IniFileCredentialProvider(home.Env, "staging").TryGetAsync(None));
        Assert.Null(await new IniFileCredentialProvider(new FakeEnvironment()).TryGetAsync(None));
    }

    [Fact]
    public async Task ExplicitPath()
    {
        using var home = new TempHome();
        var path = home.Write("elsewhere.ini", "[default]\nsecret_id=AKIDe\nsecret_key=k\n");
        var c = await new IniFileCredentialProvider(new FakeEnvironment(), null, path).TryGetAsync(None);
        Assert.Equal("AKIDe", c!.SecretId);
    }

    [Fact]
    public async Task SectionWithoutKey_ThrowsNamingFileAndSection()
    {
        using var home = new TempHome();
        var path = home.Ini("[default]\nsecret_id = AKIDini\n");
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => new IniFileCredentialProvider(home.Env).TryGetAsync(None));
        Assert.Contains(path, e.Message);
        Assert.Contains("[default]", e.Message);
        Assert.Contains("secret_key", e.Message);
    }

    [Theory]
    [InlineData("[default]\nsecret_id = AKIDini\niniSecretValue\n", 3)]
    [InlineData("secret_key = iniSecretValue\n[default]\n", 1)]
    [InlineData("[default\nsecret_key = iniSecretValue\n", 1)]
    [InlineData("[default]\n= iniSecretValue\n", 2)]
    public async Task MalformedLine_ThrowsNamingFileAndLine_NotTheContent(string content, int line)
    {
        using var home = new TempHome();
        var path = home.Ini(content);
        var e = await Assert.ThrowsAsync<ClbCredentialsException>(() => new IniFileCredentialProvider(home.Env).TryGetAsync(None));
        Assert.Contains(path, e.Message);
        Assert.Contains("line " + line, e.Message);
        Assert.DoesNotContain("iniSecretValue", e.ToString());
    }
}
