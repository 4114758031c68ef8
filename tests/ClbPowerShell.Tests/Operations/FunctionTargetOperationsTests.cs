using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Operations;

/// <summary>
/// Function targets. The emulator does not implement the three function actions yet, so the wire shape is checked
/// against a scripted server; the emulator test runs once it lists the actions.
/// </summary>
public sealed class FunctionTargetOperationsTests : IAsyncLifetime
{
    private FakeHttpServer _server = null!;
    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ClbClient Client() => new(new ClbClientOptions
    {
        Endpoint = _server.Url,
        Region = "ap-guangzhou",
        Credentials = new StaticCredentialProvider(new ClbCredentials("AKIDfunc", "func-key", null)),
        MaxAttempts = 1,
        RateLimitPerSecond = null,
        Timeout = TimeSpan.FromSeconds(10),
    });

    private JsonElement Sent(int index = 0) => JsonDocument.Parse(_server.Requests[index].Body).RootElement;
    private string SentAction(int index = 0) => _server.Requests[index].Headers["X-TC-Action"];

    private static FunctionTarget Fn(string name = "hello", long? weight = null) =>
        FunctionTargetOperations.Target("default", name, "$LATEST", "VERSION", weight);

    [Fact]
    public async Task Register_by_location_sends_the_function_and_returns_a_task_named_by_the_request_id()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, "{\"Response\":{\"RequestId\":\"req-fn-1\"}}");
        var binding = new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678", LocationId = "loc-12345678", Domain = "ignored.com", Url = "/x" };
        var task = await FunctionTargetOperations.RegisterAsync(Client(), binding, new[] { Fn(weight: 66) }, default);

        Assert.Equal("RegisterFunctionTargets", SentAction());
        Assert.Equal("req-fn-1", task.TaskId);
        Assert.Equal("RegisterFunctionTargets", task.Action);
        Assert.Equal("lb-12345678", task.LoadBalancerId);
        Assert.Equal("loc-12345678", task.ResourceId);
        Assert.Equal("ap-guangzhou", task.Region);
        var body = Sent();
        Assert.Equal("loc-12345678", body.GetProperty("LocationId").GetString());
        Assert.False(body.TryGetProperty("Domain", out _)); // LocationId wins; Domain/Url are not sent beside it
        Assert.False(body.TryGetProperty("Url", out _));
        var fn = body.GetProperty("FunctionTargets")[0];
        Assert.Equal(66, fn.GetProperty("Weight").GetInt32());
        Assert.Equal("default", fn.GetProperty("Function").GetProperty("FunctionNamespace").GetString());
        Assert.Equal("hello", fn.GetProperty("Function").GetProperty("FunctionName").GetString());
        Assert.Equal("$LATEST", fn.GetProperty("Function").GetProperty("FunctionQualifier").GetString());
        Assert.Equal("VERSION", fn.GetProperty("Function").GetProperty("FunctionQualifierType").GetString());
    }

    [Fact]
    public async Task Deregister_by_domain_and_url_sends_both_and_no_weight_when_none_given()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, "{\"Response\":{\"RequestId\":\"req-fn-2\"}}");
        var binding = new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678", Domain = "a.com", Url = "/api" };
        var task = await FunctionTargetOperations.DeregisterAsync(Client(), binding, new[] { FunctionTargetOperations.Target("ns1", "fn1", "prod", null, null) }, default);

        Assert.Equal("DeregisterFunctionTargets", SentAction());
        Assert.Equal("req-fn-2", task.TaskId);
        Assert.Equal("lbl-12345678", task.ResourceId);
        var body = Sent();
        Assert.Equal("a.com", body.GetProperty("Domain").GetString());
        Assert.Equal("/api", body.GetProperty("Url").GetString());
        Assert.False(body.TryGetProperty("LocationId", out _));
        var fn = body.GetProperty("FunctionTargets")[0];
        Assert.False(fn.TryGetProperty("Weight", out _));
        Assert.False(fn.GetProperty("Function").TryGetProperty("FunctionQualifierType", out _));
    }

    [Fact]
    public async Task Modify_is_one_synchronous_call_returning_the_request_id()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, "{\"Response\":{\"RequestId\":\"req-fn-3\"}}");
        var binding = new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678", LocationId = "loc-12345678" };
        var id = await FunctionTargetOperations.ModifyAsync(Client(), binding, new[] { Fn(weight: 5) }, default);
        Assert.Equal("req-fn-3", id);
        Assert.Single(_server.Requests);
        Assert.Equal("ModifyFunctionTargets", SentAction());
        Assert.Equal(5, Sent().GetProperty("FunctionTargets")[0].GetProperty("Weight").GetInt32());
    }

    [Fact]
    public async Task Service_errors_surface_with_their_code()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, FakeHttpServer.Error("InvalidParameter.LocationNotFound"));
        var binding = new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678", LocationId = "loc-zzzzzzzz" };
        var ex = await Assert.ThrowsAsync<ClbApiException>(() => FunctionTargetOperations.RegisterAsync(Client(), binding, new[] { Fn() }, default));
        Assert.Equal("InvalidParameter.LocationNotFound", ex.Code);
    }

    [Fact]
    public async Task Bad_requests_are_refused_before_sending()
    {
        var c = Client();
        var ok = new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678", LocationId = "loc-12345678" };
        await Assert.ThrowsAsync<ArgumentException>(() => FunctionTargetOperations.RegisterAsync(c, ok, Array.Empty<FunctionTarget>(), default));
        await Assert.ThrowsAsync<ArgumentException>(() => FunctionTargetOperations.RegisterAsync(c,
            new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678", Domain = "a.com" }, new[] { Fn() }, default));
        await Assert.ThrowsAsync<ArgumentException>(() => FunctionTargetOperations.DeregisterAsync(c,
            new FunctionTargetBinding { ListenerId = "lbl-12345678", LocationId = "loc-12345678" }, new[] { Fn() }, default));
        await Assert.ThrowsAsync<ArgumentException>(() => FunctionTargetOperations.ModifyAsync(c, ok,
            new[] { FunctionTargetOperations.Target("default", "", "$LATEST", null, 1) }, default));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task List_reads_function_targets_of_layer7_rules_and_narrows_to_the_rule()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, """
            {"Response":{"Listeners":[
              {"ListenerId":"lbl-12345678","Protocol":"HTTP","Port":80,"Targets":null,"Rules":[
                {"LocationId":"loc-aaaaaaaa","Domain":"a.com","Url":"/","Targets":[],"FunctionTargets":[
                  {"Function":{"FunctionNamespace":"default","FunctionName":"f1","FunctionQualifier":"$LATEST","FunctionQualifierType":"VERSION"},"Weight":10}]},
                {"LocationId":"loc-bbbbbbbb","Domain":"b.com","Url":"/x","Targets":[],"FunctionTargets":[
                  {"Function":{"FunctionNamespace":"ns","FunctionName":"f2","FunctionQualifier":"prod","FunctionQualifierType":"ALIAS"},"Weight":"66"},
                  {"Function":null,"Weight":1}]}]}],
             "RequestId":"r"}}
            """);
        var c = Client();
        var all = await FunctionTargetOperations.ListAsync(c, new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678" }, default);
        Assert.Equal(2, all.Count);
        Assert.Equal(new[] { "lbl-12345678" }, Sent().GetProperty("ListenerIds").EnumerateArray().Select(e => e.GetString()));

        var onB = Assert.Single(await FunctionTargetOperations.ListAsync(c, new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678", LocationId = "loc-bbbbbbbb" }, default));
        Assert.Equal("f2", onB.FunctionName);
        Assert.Equal("ns", onB.FunctionNamespace);
        Assert.Equal("prod", onB.FunctionQualifier);
        Assert.Equal("ALIAS", onB.FunctionQualifierType);
        Assert.Equal(66, onB.Weight);
        Assert.Equal("b.com", onB.Domain);
        Assert.Equal("/x", onB.Url);
        Assert.Equal("HTTP", onB.Protocol);
        Assert.Equal(80, onB.ListenerPort);
        Assert.Equal("ap-guangzhou", onB.Region);

        var byDomain = Assert.Single(await FunctionTargetOperations.ListAsync(c, new FunctionTargetBinding { LoadBalancerId = "lb-12345678", ListenerId = "lbl-12345678", Domain = "A.COM", Url = "/" }, default));
        Assert.Equal("f1", byDomain.FunctionName);
        Assert.True(FunctionTargetOperations.Matches(byDomain, Fn("f1")));
        Assert.False(FunctionTargetOperations.Matches(byDomain, Fn("f2")));
    }

    [Fact]
    public async Task Round_trip_against_the_emulator()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lb = await c.CreateLbAsync("fn");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var loc = await c.CreateRuleAsync(lb, l, "fn.example.com", "/");
        var binding = new FunctionTargetBinding { LoadBalancerId = lb, ListenerId = l, LocationId = loc };
        var task = await FunctionTargetOperations.RegisterAsync(c, binding, new[] { Fn("hello", 20) }, default);
        await TaskWaiter.WaitAsync(c, task, TimeSpan.FromSeconds(10), null, default);
        var bound = Assert.Single(await FunctionTargetOperations.ListAsync(c, binding, default));
        Assert.Equal("hello", bound.FunctionName);
        Assert.Equal(20, bound.Weight);
        Assert.Equal(loc, bound.LocationId);

        await FunctionTargetOperations.ModifyAsync(c, binding, new[] { Fn("hello", 70) }, default);
        Assert.Equal(70, Assert.Single(await FunctionTargetOperations.ListAsync(c, binding, default)).Weight);

        task = await FunctionTargetOperations.DeregisterAsync(c, binding, new[] { Fn("hello") }, default);
        await TaskWaiter.WaitAsync(c, task, TimeSpan.FromSeconds(10), null, default);
        Assert.Empty(await FunctionTargetOperations.ListAsync(c, binding, default));
    }
}
