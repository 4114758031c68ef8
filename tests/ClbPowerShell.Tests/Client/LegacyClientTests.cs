using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Client.Signing;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Client;

public class LegacyClientTests : IAsyncLifetime
{
    private FakeHttpServer _server = null!;
    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ClbLegacyClient Client() => new(new ClbClientOptions
    {
        Endpoint = _server.Url,
        Region = "gz",
        Credentials = new StaticCredentialProvider(new ClbCredentials("AKIDlegacy", "legacy-secret")),
    });

    [Fact]
    public void Flattens_nested_parameters_to_the_legacy_dotted_form()
    {
        var flat = ClbLegacyClient.Flatten(new Dictionary<string, object?>
        {
            ["loadBalancerId"] = "lb-abcdefgh",
            ["backends"] = new[] { new Dictionary<string, object?> { ["instanceId"] = "ins-1", ["weight"] = 10 }, new Dictionary<string, object?> { ["instanceId"] = "ins-2" } },
            ["forward"] = -1,
            ["skip"] = null,
        });
        Assert.Equal(new[]
        {
            "loadBalancerId=lb-abcdefgh", "backends.0.instanceId=ins-1", "backends.0.weight=10", "backends.1.instanceId=ins-2", "forward=-1",
        }, flat.Select(p => p.Key + "=" + p.Value));
    }

    [Fact]
    public async Task Posts_a_v1_signed_form_to_v2_index_php_and_returns_the_answer()
    {
        _server.Handler = (ctx, _) =>
        {
            Assert.Equal("/v2/index.php", ctx.Request.Path.Value);
            return FakeHttpServer.Json(ctx, "{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"requestId\":6356081}");
        };
        var answer = await Client().InvokeAsync("DeleteLoadBalancers", new Dictionary<string, object?> { ["loadBalancerIds"] = new[] { "lb-abcdefgh" } });
        Assert.Equal(6356081, answer.GetProperty("requestId").GetInt64());

        var form = V1Signer.ParseQuery(_server.Requests[0].Body).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("DeleteLoadBalancers", form["Action"]);
        Assert.Equal("lb-abcdefgh", form["loadBalancerIds.0"]);
        Assert.Equal("gz", form["Region"]);
        Assert.Equal("HmacSHA256", form["SignatureMethod"]);
        var input = new V1SigningInput { Method = "POST", Host = new Uri(_server.Url).Authority, Path = V1Signer.LegacyPath };
        foreach (var pair in form.Where(p => p.Key != "Signature" && p.Key != "SecretId")) input.Parameters[pair.Key] = pair.Value;
        Assert.Equal(V1Signer.Sign(input, "AKIDlegacy", "legacy-secret").Signature, form["Signature"]);
        Assert.DoesNotContain("legacy-secret", _server.Requests[0].Body);
    }

    [Fact]
    public async Task A_nonzero_code_becomes_an_api_exception_named_by_codeDesc()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, "{\"code\":5100,\"message\":\"(100004) incorrect projectId\",\"codeDesc\":\"InvalidProjectId\"}");
        var ex = await Assert.ThrowsAsync<ClbApiException>(() => Client().InvokeAsync("CreateLoadBalancer", null));
        Assert.Equal("InvalidProjectId", ex.Code);
        Assert.Contains("5100", ex.ErrorMessage);
        Assert.Contains("incorrect projectId", ex.Message);
    }

    [Fact]
    public async Task Html_answers_are_reported_as_protocol_errors()
    {
        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, "<html>gateway</html>", 502);
        var ex = await Assert.ThrowsAsync<ClbProtocolException>(() => Client().InvokeAsync("DescribeLoadBalancers", null));
        Assert.Contains("not JSON", ex.Message);
    }

    [Fact]
    public async Task Waits_for_a_legacy_task_by_polling_its_result()
    {
        _server.Handler = (ctx, n) => FakeHttpServer.Json(ctx,
            "{\"code\":0,\"codeDesc\":\"Success\",\"data\":{\"status\":" + (n < 3 ? 2 : 0) + "}}");
        Assert.True(await Client().WaitForTaskAsync(42, TimeSpan.FromSeconds(10)));
        Assert.Equal(3, _server.Requests.Count);
        Assert.Contains("requestId=42", _server.Requests[0].Body);

        _server.Handler = (ctx, _) => FakeHttpServer.Json(ctx, "{\"code\":0,\"data\":[{\"status\":1}]}");
        Assert.False(await Client().WaitForTaskAsync(43, TimeSpan.FromSeconds(10)));
    }
}
