using System.Net;
using System.Net.Sockets;
using ClbPowerShell.Client.Credentials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClbPowerShell.Tests.Credentials;

/// <summary>A fake process environment: a variable dictionary and a home directory (never the real one).</summary>
internal sealed class FakeEnvironment : IClbEnvironment
{
    public Dictionary<string, string?> Variables { get; } = new(StringComparer.Ordinal);
    public string? HomeDirectory { get; set; }
    public string? GetVariable(string name) => Variables.TryGetValue(name, out var v) ? v : null;
}

/// <summary>A temporary directory used as HOME, deleted afterwards.</summary>
internal sealed class TempHome : IDisposable
{
    public TempHome()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clb-cred-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Env = new FakeEnvironment { HomeDirectory = Path };
    }

    public string Path { get; }
    public FakeEnvironment Env { get; }

    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string TccliCredential(string profile, string secretId, string secretKey, string? token = null) =>
        Write(".tccli/" + profile + ".credential",
            "{\n  \"secretId\": \"" + secretId + "\",\n  \"secretKey\": \"" + secretKey + "\"" +
            (token != null ? ",\n  \"token\": \"" + token + "\"" : "") + "\n}\n");

    public string Ini(string content) => Write(".tencentcloud/credentials", content);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// A loopback stand-in for the CVM instance metadata service (Kestrel on 127.0.0.1, port chosen by the OS),
/// counting the requests it serves.
/// </summary>
internal sealed class FakeMetadataServer : IAsyncDisposable
{
    private const string Prefix = "/latest/meta-data/cam/security-credentials/";
    private readonly WebApplication _app;
    private int _roleRequests, _credentialRequests;

    public string RoleBody { get; set; } = "clb-role\n";
    public int RoleStatus { get; set; } = 200;
    public int CredentialStatus { get; set; } = 200;
    /// <summary>Credential body by 1-based call number.</summary>
    public Func<int, string> CredentialBody { get; set; } = n => Body("AKIDtmp" + n, "tmpKey" + n, "tmpToken" + n, 4102444800);
    public List<string> Paths { get; } = new();

    public int RoleRequests => Volatile.Read(ref _roleRequests);
    public int CredentialRequests => Volatile.Read(ref _credentialRequests);
    public Uri BaseAddress { get; private set; } = null!;

    public static string Body(string id, string key, string token, long expiredTime, string code = "Success") =>
        "{\"TmpSecretId\":\"" + id + "\",\"TmpSecretKey\":\"" + key + "\",\"ExpiredTime\":" + expiredTime +
        ",\"Expiration\":\"" + DateTimeOffset.FromUnixTimeSeconds(expiredTime).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ") +
        "\",\"Token\":\"" + token + "\",\"Code\":\"" + code + "\"}";

    private FakeMetadataServer(WebApplication app) { _app = app; }

    public static async Task<FakeMetadataServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeMetadataServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First());
        return server;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        lock (Paths) Paths.Add(path);
        if (path == Prefix)
        {
            Interlocked.Increment(ref _roleRequests);
            ctx.Response.StatusCode = RoleStatus;
            if (RoleStatus == 200) await ctx.Response.WriteAsync(RoleBody);
            return;
        }
        if (path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var n = Interlocked.Increment(ref _credentialRequests);
            ctx.Response.StatusCode = CredentialStatus;
            if (CredentialStatus == 200) await ctx.Response.WriteAsync(CredentialBody(n));
            return;
        }
        ctx.Response.StatusCode = 404;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Accepts TCP connections on 127.0.0.1 and never answers: a metadata service that hangs.</summary>
internal sealed class BlackHoleServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly List<TcpClient> _accepted = new();
    private readonly CancellationTokenSource _stop = new();

    public BlackHoleServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port);
        _ = Task.Run(async () =>
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var c = await _listener.AcceptTcpClientAsync(_stop.Token);
                    lock (_accepted) _accepted.Add(c);
                }
            }
            catch (Exception) { /* stopped */ }
        });
    }

    public Uri BaseAddress { get; }
    public int Accepted { get { lock (_accepted) return _accepted.Count; } }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted) foreach (var c in _accepted) c.Dispose();
    }
}

internal static class Ports
{
    /// <summary>A loopback address where nothing listens (connection refused).</summary>
    public static Uri ClosedLoopback()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return new Uri("http://127.0.0.1:" + port);
    }
}
