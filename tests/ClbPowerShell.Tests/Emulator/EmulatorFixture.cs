using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Emulator;

namespace ClbPowerShell.Tests.Emulator;

/// <summary>
/// A running CLB emulator for a test class (<c>IClassFixture&lt;EmulatorFixture&gt;</c>), with tasks that finish at
/// once and no rate limit. Tests that change settings or faults start their own with <see cref="StartAsync"/>.
/// Tests sharing one fixture should not assume an empty state: use <see cref="UniqueRegion"/> for listings.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string SecretId = "AKIDtest";
    public const string SecretKey = "testkey";
    /// <summary>A temporary key: requests signed with it need X-TC-Token = <see cref="TempToken"/>.</summary>
    public const string TempSecretId = "AKIDtemp";
    public const string TempSecretKey = "tempkey";
    public const string TempToken = "temp-token-123";
    public const string Region = "ap-guangzhou";

    private readonly Action<EmulatorSettings>? _configure;

    public EmulatorFixture() { }
    private EmulatorFixture(Action<EmulatorSettings>? configure) { _configure = configure; }

    public EmulatorServer Server { get; private set; } = null!;
    /// <summary>http://127.0.0.1:PORT (no trailing slash) - what <c>-Endpoint</c> takes.</summary>
    public string Endpoint => Server.Url.GetLeftPart(UriPartial.Authority);
    /// <summary>A client for <see cref="Region"/>: one attempt, no client-side pacing.</summary>
    public ClbClient Client { get; private set; } = null!;
    /// <summary>Signs and sends by hand (for deliberately wrong requests).</summary>
    public RawEmulatorClient Raw { get; private set; } = null!;

    /// <summary>Tasks finish at once, no rate limit, fixed seed, one permanent and one temporary key.</summary>
    public static EmulatorSettings DefaultSettings() =>
        new EmulatorSettings { TaskDurationMs = 0, RateLimitPerSecond = 0, Seed = 1234 }
            .WithCredential(SecretId, SecretKey)
            .WithCredential(TempSecretId, TempSecretKey, TempToken);

    /// <summary>Starts a private emulator (dispose it with <c>await using</c>).</summary>
    public static async Task<EmulatorFixture> StartAsync(Action<EmulatorSettings>? configure = null)
    {
        var f = new EmulatorFixture(configure);
        await f.InitializeAsync();
        return f;
    }

    public async Task InitializeAsync()
    {
        var settings = DefaultSettings();
        _configure?.Invoke(settings);
        Server = await EmulatorServer.StartAsync(settings);
        Client = CreateClient();
        Raw = new RawEmulatorClient(Server.Url);
    }

    public ClbClient CreateClient(string? region = Region, string secretId = SecretId, string secretKey = SecretKey, string? token = null) =>
        new(new ClbClientOptions
        {
            Endpoint = Endpoint,
            Region = region,
            Credentials = new StaticCredentialProvider(new ClbCredentials(secretId, secretKey, token)),
            MaxAttempts = 1,
            RateLimitPerSecond = null,
            Timeout = TimeSpan.FromSeconds(30),
        });

    /// <summary>A client for a region no other test uses, so listings start empty.</summary>
    public ClbClient UniqueRegion() => CreateClient("ap-test-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task DisposeAsync()
    {
        Raw?.Dispose();
        if (Server != null) await Server.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}

/// <summary>Shorthands for emulator tests.</summary>
public static class Emu
{
    /// <summary>Awaits a call that must fail with <paramref name="code"/>; returns the exception.</summary>
    public static async Task<ClbApiException> ErrorAsync(string code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<ClbApiException>(call);
        Assert.True(e.Code == code, $"expected {code}, got {e.Code}: {e.ErrorMessage}");
        Assert.False(string.IsNullOrEmpty(e.RequestId));
        return e;
    }

    public static Task<ClbApiException> ErrorAsync(this ClbClient c, string code, string action, object? parameters) =>
        ErrorAsync(code, () => c.InvokeAsync(action, parameters));

    public static async Task<string> CreateLbAsync(this ClbClient c, string? name = null, string type = "OPEN", object? extra = null)
    {
        var p = Merge(new Dictionary<string, object?> { ["LoadBalancerType"] = type, ["LoadBalancerName"] = name }, extra);
        if (type == "INTERNAL" && !p.ContainsKey("SubnetId")) { p["VpcId"] = "vpc-test0001"; p["SubnetId"] = "subnet-test0001"; }
        var r = await c.InvokeAsync("CreateLoadBalancer", p);
        return r.GetProperty("LoadBalancerIds")[0].GetString()!;
    }

    public static async Task<string> CreateListenerAsync(this ClbClient c, string lb, string protocol, int port, object? extra = null)
    {
        var p = Merge(new Dictionary<string, object?> { ["LoadBalancerId"] = lb, ["Protocol"] = protocol, ["Ports"] = new[] { port } }, extra);
        if (protocol is "HTTPS" or "TCP_SSL" or "QUIC" && !p.ContainsKey("Certificate")) p["Certificate"] = new { CertId = "cert-abc12345" };
        var r = await c.InvokeAsync("CreateListener", p);
        return r.GetProperty("ListenerIds")[0].GetString()!;
    }

    public static async Task<string> CreateRuleAsync(this ClbClient c, string lb, string listener, string domain, string url)
    {
        var r = await c.InvokeAsync("CreateRule", new { LoadBalancerId = lb, ListenerId = listener, Rules = new[] { new { Domain = domain, Url = url } } });
        return r.GetProperty("LocationIds")[0].GetString()!;
    }

    public static Dictionary<string, object?> Merge(Dictionary<string, object?> p, object? extra)
    {
        if (extra == null) return p;
        foreach (var prop in JsonSerializer.SerializeToElement(extra).EnumerateObject()) p[prop.Name] = prop.Value;
        foreach (var k in p.Where(kv => kv.Value == null).Select(kv => kv.Key).ToList()) p.Remove(k);
        return p;
    }

    public static List<string> Strings(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(x => x.GetString()!).ToList();
}
