using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ClbPowerShell.Emulator.Control;

/// <summary>
/// /_emulator/*: the emulator's own control API (not the Tencent protocol), JSON, loopback only.
/// <list type="bullet">
/// <item>GET  /_emulator/state          the whole state (StateData) as JSON</item>
/// <item>POST /_emulator/reset          empty the state, counters and rate-limit windows</item>
/// <item>GET  /_emulator/settings       the live settings (EmulatorSettings)</item>
/// <item>POST /_emulator/settings       merge the given properties into the live settings, e.g. {"TaskDurationMs":0,"RateLimitPerSecond":0,"ClockOffsetSeconds":-600,"Seed":7}</item>
/// <item>GET  /_emulator/faults         the fault rules</item>
/// <item>POST /_emulator/faults         add one rule ({"Kind":"Http503","Probability":0.5,"Actions":["DescribeLoadBalancers"],"Count":3}) or replace all with an array</item>
/// <item>DELETE /_emulator/faults       remove all rules</item>
/// <item>GET  /_emulator/stats          calls per action: {"DescribeLoadBalancers":{"Calls":..,"Succeeded":..,"Errors":..,"Throttled":..,"Faulted":..}}</item>
/// <item>GET  /_emulator/actions        the implemented action names</item>
/// </list>
/// </summary>
internal sealed class ControlEndpoints
{
    private readonly EmulatorServer _server;
    private static readonly JsonSerializerOptions Json = EmulatorSettings.Json;

    public ControlEndpoints(EmulatorServer server) { _server = server; }

    public async Task HandleAsync(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is { } ip && !System.Net.IPAddress.IsLoopback(ip))
        {
            http.Response.StatusCode = 403;
            return;
        }
        var path = http.Request.Path.Value!.TrimEnd('/');
        var method = http.Request.Method;
        try
        {
            switch (path, method)
            {
                case ("/_emulator/state", "GET"):
                    await WriteRaw(http, _server.Store.Read(d => d.ToJson()));
                    return;
                case ("/_emulator/reset", "POST"):
                    _server.Reset();
                    await Write(http, new { Reset = true });
                    return;
                case ("/_emulator/settings", "GET"):
                    await WriteRaw(http, _server.Settings.ToJson());
                    return;
                case ("/_emulator/settings", "POST"):
                    await MergeSettings(http);
                    await WriteRaw(http, _server.Settings.ToJson());
                    return;
                case ("/_emulator/faults", "GET"):
                    await Write(http, _server.Settings.Faults);
                    return;
                case ("/_emulator/faults", "POST"):
                {
                    var node = await JsonNode.ParseAsync(http.Request.Body);
                    if (node is JsonArray)
                    {
                        var rules = node.Deserialize<List<FaultRule>>(Json) ?? new();
                        lock (_server.Settings) _server.Settings.Faults = rules;
                    }
                    else _server.AddFault(node.Deserialize<FaultRule>(Json) ?? throw new JsonException("A fault rule is required."));
                    await Write(http, _server.Settings.Faults);
                    return;
                }
                case ("/_emulator/faults", "DELETE"):
                    _server.ClearFaults();
                    await Write(http, _server.Settings.Faults);
                    return;
                case ("/_emulator/stats", "GET"):
                    await Write(http, _server.Stats.Snapshot());
                    return;
                case ("/_emulator/stats", "DELETE"):
                    _server.Stats.Reset();
                    await Write(http, _server.Stats.Snapshot());
                    return;
                case ("/_emulator/actions", "GET"):
                    await Write(http, _server.Actions.OrderBy(a => a, StringComparer.Ordinal));
                    return;
                default:
                    http.Response.StatusCode = 404;
                    await Write(http, new { Error = $"No control endpoint {method} {path}." });
                    return;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            http.Response.StatusCode = 400;
            await Write(http, new { Error = e.Message });
        }
    }

    private async Task MergeSettings(HttpContext http)
    {
        var node = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? throw new JsonException("A JSON object is required.");
        var s = _server.Settings;
        foreach (var (key, value) in node)
        {
            switch (key.ToLowerInvariant())
            {
                case "taskdurationms": s.TaskDurationMs = value!.GetValue<int>(); break;
                case "ratelimitpersecond": s.RateLimitPerSecond = value!.GetValue<int>(); break;
                case "clockoffsetseconds": s.ClockOffsetSeconds = value!.GetValue<double>(); break;
                case "signatureexpiryseconds": s.SignatureExpirySeconds = value!.GetValue<int>(); break;
                case "defaultregion": s.DefaultRegion = value!.GetValue<string>(); break;
                case "logrequests": s.LogRequests = value!.GetValue<bool>(); break;
                case "seed": _server.Reseed(value!.GetValue<int>()); break;
                case "faults": lock (s) s.Faults = value.Deserialize<List<FaultRule>>(Json) ?? new(); break;
                case "credentials": s.Credentials = value.Deserialize<List<EmulatorCredential>>(Json) ?? new(); break;
                default: throw new JsonException($"Unknown setting `{key}`.");
            }
        }
    }

    private static Task Write<T>(HttpContext http, T value) => WriteRaw(http, JsonSerializer.Serialize(value, Json));

    private static async Task WriteRaw(HttpContext http, string json)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(json);
    }
}
