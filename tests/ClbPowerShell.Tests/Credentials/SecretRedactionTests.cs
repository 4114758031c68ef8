using ClbPowerShell.Client.Credentials;

namespace ClbPowerShell.Tests.Credentials;

/// <summary>No failure of any provider puts a SecretKey or Token into an exception's message or ToString().</summary>
public class SecretRedactionTests
{
    private const string Key = "SeKrEtKeYvAlUe123";
    private const string Token = "ToKeNvAlUe456";
    private static readonly CancellationToken None = CancellationToken.None;

    private static void AssertClean(Exception e)
    {
        Assert.IsType<ClbCredentialsException>(e);
        var all = e.ToString() + e.Message;
        for (var inner = e.InnerException; inner != null; inner = inner.InnerException) all += inner.Message;
        Assert.DoesNotContain(Key, all);
        Assert.DoesNotContain(Token, all);
        Assert.DoesNotContain(Key[..8], all); // not even a part of it
    }

    public static IEnumerable<object[]> FileScenarios() => new[]
    {
        // tccli: malformed JSON right at the secret, secret without id, wrong types, not an object
        new object[] { "tccli", ".tccli/default.credential", "{\"secretId\":\"AKIDx\",\"secretKey\":" + Key + ",\"token\":\"" + Token + "\"}" },
        new object[] { "tccli", ".tccli/default.credential", "{\"secretKey\":\"" + Key + "\",\"token\":\"" + Token + "\"}" },
        new object[] { "tccli", ".tccli/default.credential", "{\"secretId\":\"AKIDx\",\"secretKey\":[\"" + Key + "\"],\"token\":\"" + Token + "\"}" },
        new object[] { "tccli", ".tccli/default.credential", "[\"" + Key + "\",\"" + Token + "\"]" },
        new object[] { "tccli", ".tccli/default.credential", "\"" + Key + Token },
        // INI: a bare secret line, a key outside a section, a broken header, a section missing secret_id
        new object[] { "ini", ".tencentcloud/credentials", "[default]\nsecret_id=AKIDx\n" + Key + "\ntoken=" + Token + "\n" },
        new object[] { "ini", ".tencentcloud/credentials", "secret_key=" + Key + "\ntoken=" + Token + "\n[default]\n" },
        new object[] { "ini", ".tencentcloud/credentials", "[default " + Key + "\n" },
        new object[] { "ini", ".tencentcloud/credentials", "[default]\nsecret_key=" + Key + "\ntoken=" + Token + "\n" },
        // region file: malformed configure
        new object[] { "region", ".tccli/default.configure", "{\"_sys_param\":{\"region\":" + Key + Token + "}" },
    };

    [Theory]
    [MemberData(nameof(FileScenarios))]
    public async Task FileProviders(string kind, string file, string content)
    {
        using var home = new TempHome();
        home.Write(file, content);
        Exception? e = kind switch
        {
            "tccli" => await Record.ExceptionAsync(() => new TccliProfileCredentialProvider(home.Env).TryGetAsync(None)),
            "ini" => await Record.ExceptionAsync(() => new IniFileCredentialProvider(home.Env).TryGetAsync(None)),
            _ => Record.Exception(() => RegionResolver.Resolve(null, null, home.Env, null)),
        };
        Assert.NotNull(e);
        AssertClean(e!);
        // And through the chain, which stops at the broken source.
        if (kind != "region")
            AssertClean((await Record.ExceptionAsync(() => CredentialChain.CreateDefault(home.Env, metadataBase: Ports.ClosedLoopback()).GetAsync()))!);
    }

    [Fact]
    public async Task Environment_HalfSet()
    {
        var env = new FakeEnvironment();
        env.Variables["TENCENTCLOUD_SECRET_KEY"] = Key;
        env.Variables["TENCENTCLOUD_SESSION_TOKEN"] = Token;
        AssertClean((await Record.ExceptionAsync(() => new EnvironmentCredentialProvider(env).TryGetAsync(None)))!);
    }

    [Fact]
    public void Static_MissingSecretId()
    {
        AssertClean(Record.Exception(() => new StaticCredentialProvider("", Key, Token))!);
    }

    [Theory]
    [InlineData("{\"TmpSecretId\":\"AKIDx\",\"TmpSecretKey\":" + Key + ",\"Token\":\"" + Token + "\"}")]
    [InlineData("{\"TmpSecretKey\":\"" + Key + "\",\"Token\":\"" + Token + "\",\"Code\":\"Success\"}")]
    [InlineData("{\"TmpSecretId\":\"AKIDx\",\"TmpSecretKey\":\"" + Key + "\",\"Token\":\"" + Token + "\",\"Code\":\"Failure\"}")]
    [InlineData("[\"" + Key + "\",\"" + Token + "\"]")]
    public async Task CvmRole_BadAnswers(string body)
    {
        await using var server = await FakeMetadataServer.StartAsync();
        server.CredentialBody = _ => body;
        AssertClean((await Record.ExceptionAsync(() => new CvmRoleCredentialProvider(server.BaseAddress, timeout: TimeSpan.FromSeconds(15)).TryGetAsync(None)))!);
    }

    [Fact]
    public async Task AllMissing_ChainMessage()
    {
        using var home = new TempHome();
        home.Env.Variables["TENCENTCLOUD_SESSION_TOKEN"] = Token; // a stray token alone is "not configured"
        AssertClean((await Record.ExceptionAsync(() => CredentialChain.CreateDefault(home.Env, metadataBase: Ports.ClosedLoopback()).GetAsync()))!);
    }

    [Fact]
    public async Task ProvidersAndCredentials_ToString()
    {
        using var home = new TempHome();
        home.TccliCredential("default", "AKIDx", Key, Token);
        var creds = (await new TccliProfileCredentialProvider(home.Env).TryGetAsync(None))!;
        Assert.Equal(Key, creds.SecretKey);
        foreach (var text in new[]
        {
            creds.ToString(), new StaticCredentialProvider("AKIDx", Key, Token).ToString(),
            new StaticCredentialProvider(creds).ToString(), new TccliProfileCredentialProvider(home.Env).ToString(),
            CredentialChain.CreateDefault(home.Env, new StaticCredentialProvider(creds)).ToString(),
            CredentialChain.CreateDefault(home.Env, new StaticCredentialProvider(creds)).Name,
        })
        {
            Assert.DoesNotContain(Key, text);
            Assert.DoesNotContain(Token, text);
        }
    }
}
