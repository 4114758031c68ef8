using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClbPowerShell.Tests.TestSupport;

/// <summary>
/// A loopback server whose answer each test scripts, for the transport edge cases the emulator
/// would never produce (HTML, truncation, empty bodies). Records every request it receives.
/// </summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    public List<RecordedRequest> Requests { get; } = new();
    public Func<HttpContext, int, Task> Handler { get; set; } = (ctx, _) => ctx.Response.WriteAsync("{}");
    public string Url { get; }

    private FakeHttpServer(WebApplication app, string url) { _app = app; Url = url; }

    public static async Task<FakeHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeHttpServer? server = null;
        app.Run(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            int index;
            lock (server!.Requests)
            {
                server.Requests.Add(new RecordedRequest(
                    ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
                index = server.Requests.Count;
            }
            await server.Handler(ctx, index);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        server = new FakeHttpServer(app, address);
        return server;
    }

    /// <summary>Answers with a JSON body and the given status.</summary>
    public static Task Json(HttpContext ctx, string json, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(json);
    }

    public static string Ok(string fields = "") => "{\"Response\":{" + fields + (fields.Length > 0 ? "," : "") + "\"RequestId\":\"req-ok\"}}";

    public static string Error(string code, string message = "msg") =>
        "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"},\"RequestId\":\"req-err\"}}";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record RecordedRequest(Dictionary<string, string> Headers, string Body);
