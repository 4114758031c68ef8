using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Emulator;

namespace ClbPowerShell.Tests.Emulator;

/// <summary>Tasks, one task per load balancer, rate limit, faults, clock offset, control endpoint, counters.
/// Each test runs its own emulator because it changes settings.</summary>
public sealed class ServiceBehaviourTests
{
    private static async Task<int> TaskStatus(ClbClient c, string taskId) =>
        (await c.InvokeAsync("DescribeTaskStatus", new { TaskId = taskId })).GetProperty("Status").GetInt32();

    private static async Task WaitDone(ClbClient c, string taskId)
    {
        for (var i = 0; i < 100 && await TaskStatus(c, taskId) == 2; i++) await Task.Delay(20);
    }

    [Fact]
    public async Task Async_tasks_run_then_succeed_and_the_new_instance_is_creating_meanwhile()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 400);
        var r = await emu.Client.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN" });
        var task = r.GetProperty("RequestId").GetString()!;
        var lb = r.Strings("LoadBalancerIds")[0];
        var t = await emu.Client.InvokeAsync("DescribeTaskStatus", new { TaskId = task });
        Assert.Equal(2, t.GetProperty("Status").GetInt32());
        Assert.Equal(new[] { lb }, t.Strings("LoadBalancerIds"));
        var d = await emu.Client.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { lb } });
        Assert.Equal(0, d.GetProperty("LoadBalancerSet")[0].GetProperty("Status").GetInt32());
        var byDeal = await emu.Client.InvokeAsync("DescribeTaskStatus", new { DealName = r.GetProperty("DealName").GetString() });
        Assert.Equal(new[] { lb }, byDeal.Strings("LoadBalancerIds"));
        await Task.Delay(500);
        Assert.Equal(0, await TaskStatus(emu.Client, task));
        d = await emu.Client.InvokeAsync("DescribeLoadBalancers", new { LoadBalancerIds = new[] { lb } });
        Assert.Equal(1, d.GetProperty("LoadBalancerSet")[0].GetProperty("Status").GetInt32());
    }

    [Fact]
    public async Task DescribeTaskStatus_errors()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Client.ErrorAsync("MissingParameter", "DescribeTaskStatus", new { });
        await emu.Client.ErrorAsync("InvalidParameter", "DescribeTaskStatus", new { TaskId = Guid.NewGuid().ToString() });
        await emu.Client.ErrorAsync("InvalidParameter", "DescribeTaskStatus", new { DealName = "20990101" });
    }

    [Fact]
    public async Task A_change_while_a_task_of_the_same_load_balancer_runs_is_ResourceInOperating()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 0);
        var c = emu.Client;
        var lb = await c.CreateLbAsync("busy");
        var other = await c.CreateLbAsync("free");
        emu.Server.Settings.TaskDurationMs = 500;
        var r = await c.InvokeAsync("CreateListener", new { LoadBalancerId = lb, Ports = new[] { 80 }, Protocol = "TCP" });
        var listener = r.Strings("ListenerIds")[0];
        await c.ErrorAsync("FailedOperation.ResourceInOperating", "CreateListener", new { LoadBalancerId = lb, Ports = new[] { 81 }, Protocol = "TCP" });
        await c.ErrorAsync("FailedOperation.ResourceInOperating", "RegisterTargets", new { LoadBalancerId = lb, ListenerId = listener, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } });
        await c.ErrorAsync("FailedOperation.ResourceInOperating", "BatchRegisterTargets", new { LoadBalancerId = lb, Targets = new[] { new { ListenerId = listener, InstanceId = "ins-aaaa0001", Port = 80 } } });
        await c.ErrorAsync("FailedOperation.ResourceInOperating", "DeleteLoadBalancer", new { LoadBalancerIds = new[] { lb } });
        // Reads and other load balancers are not blocked.
        await c.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb });
        await c.InvokeAsync("CreateListener", new { LoadBalancerId = other, Ports = new[] { 81 }, Protocol = "TCP" });
        await WaitDone(c, r.GetProperty("RequestId").GetString()!);
        await c.InvokeAsync("CreateListener", new { LoadBalancerId = lb, Ports = new[] { 81 }, Protocol = "TCP" });
    }

    [Fact]
    public async Task Every_async_action_returns_a_request_id_usable_as_a_task_id()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lb = await c.CreateLbAsync("tasks");
        var l = await c.CreateListenerAsync(lb, "HTTP", 80);
        var loc = await c.CreateRuleAsync(lb, l, "a.com", "/");
        var calls = new (string Action, object Params)[]
        {
            ("ModifyListener", new { LoadBalancerId = lb, ListenerId = l, ListenerName = "x" }),
            ("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } }),
            ("ModifyTargetWeight", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, Weight = 3, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } }),
            ("DeregisterTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } }),
            ("ModifyRule", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, Url = "/x" }),
            ("DeleteRule", new { LoadBalancerId = lb, ListenerId = l, LocationIds = new[] { loc } }),
            ("DeleteListener", new { LoadBalancerId = lb, ListenerId = l }),
            ("DeleteLoadBalancer", new { LoadBalancerIds = new[] { lb } }),
        };
        foreach (var (action, p) in calls)
        {
            var r = await c.InvokeAsync(action, p);
            var t = await c.InvokeAsync("DescribeTaskStatus", new { TaskId = r.GetProperty("RequestId").GetString() });
            Assert.Equal(0, t.GetProperty("Status").GetInt32());
            Assert.Equal(new[] { lb }, t.Strings("LoadBalancerIds"));
        }
    }

    [Fact]
    public async Task The_rate_limit_is_per_action_and_per_secret_id_and_counted()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.RateLimitPerSecond = 5);
        // Align to the start of a second so all calls land in one window.
        var now = emu.Server.Now;
        await Task.Delay(1000 - now.Millisecond + 20);
        var codes = new List<string?>();
        for (var i = 0; i < 7; i++)
            codes.Add((await emu.Raw.SendAsync("DescribeLoadBalancers")).ErrorCode);
        Assert.Equal(5, codes.Count(c => c == null));
        Assert.Equal(2, codes.Count(c => c == "RequestLimitExceeded"));
        Assert.Equal("InvalidParameter.LBIdNotFound", (await emu.Raw.SendAsync("DescribeListeners", new { LoadBalancerId = "lb-zzzzzzzz" })).ErrorCode); // another action has its own window
        var temp = await emu.Raw.SendAsync("DescribeLoadBalancers", null, q => { q.SecretId = EmulatorFixture.TempSecretId; q.SecretKey = EmulatorFixture.TempSecretKey; q.Token = EmulatorFixture.TempToken; });
        Assert.Null(temp.ErrorCode);
        var stats = emu.Server.Stats["DescribeLoadBalancers"];
        Assert.Equal(8, stats.Calls);
        Assert.Equal(2, stats.Throttled);
        emu.Server.Settings.RateLimitPerSecond = 0;
        Assert.Null((await emu.Raw.SendAsync("DescribeLoadBalancers")).ErrorCode);
    }

    [Theory]
    [InlineData(FaultKind.Http500, 500)]
    [InlineData(FaultKind.Http502, 502)]
    [InlineData(FaultKind.Http503, 503)]
    public async Task Http_status_faults(FaultKind kind, int status)
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.Faults.Add(new FaultRule { Kind = kind, Actions = new() { "DescribeLoadBalancers" } }));
        var r = await emu.Raw.SendAsync("DescribeLoadBalancers");
        Assert.Equal((HttpStatusCode)status, r.Status);
        Assert.Equal(HttpStatusCode.OK, (await emu.Raw.SendAsync("DescribeTaskStatus", new { TaskId = "x" })).Status); // other actions unaffected
        var e = await Assert.ThrowsAnyAsync<ClbPowerShell.Client.ClbException>(() => emu.Client.InvokeAsync("DescribeLoadBalancers", new { }));
        Assert.IsNotType<ClbApiException>(e);
        Assert.Equal(2, emu.Server.Stats["DescribeLoadBalancers"].Faulted);
    }

    [Theory]
    [InlineData(FaultKind.InternalError, "InternalError")]
    [InlineData(FaultKind.RequestLimitExceeded, "RequestLimitExceeded")]
    public async Task Error_code_faults_do_not_apply_the_change(FaultKind kind, string code)
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.Faults.Add(new FaultRule { Kind = kind, Actions = new() { "CreateLoadBalancer" } }));
        await emu.Client.ErrorAsync(code, "CreateLoadBalancer", new { LoadBalancerType = "OPEN" });
        Assert.Empty(emu.Server.State.LoadBalancers);
    }

    [Fact]
    public async Task Delay_fault_slows_the_answer()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.Faults.Add(new FaultRule { Kind = FaultKind.Delay, DelayMs = 300 }));
        var sw = Stopwatch.StartNew();
        await emu.Client.InvokeAsync("DescribeLoadBalancers", new { });
        Assert.True(sw.ElapsedMilliseconds >= 280, sw.ElapsedMilliseconds.ToString());
    }

    [Fact]
    public async Task DropBefore_aborts_without_applying_and_DropAfter_aborts_after_applying()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        emu.Server.AddFault(new FaultRule { Kind = FaultKind.DropBefore, Count = 1 });
        await Assert.ThrowsAnyAsync<Exception>(() => emu.Raw.SendAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN" }));
        Assert.Empty(emu.Server.State.LoadBalancers);
        emu.Server.ClearFaults();
        emu.Server.AddFault(new FaultRule { Kind = FaultKind.DropAfter, Count = 1 });
        var e = await Assert.ThrowsAnyAsync<ClbPowerShell.Client.ClbException>(() => emu.Client.InvokeAsync("CreateLoadBalancer", new { LoadBalancerType = "OPEN" }));
        Assert.IsType<ClbTransportException>(e);
        Assert.Single(emu.Server.State.LoadBalancers);
        // Count ran out: requests succeed again.
        await emu.Client.InvokeAsync("DescribeLoadBalancers", new { });
    }

    [Fact]
    public async Task FailTask_answers_success_but_the_task_fails_and_nothing_changes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var lb = await emu.Client.CreateLbAsync("fail");
        emu.Server.AddFault(new FaultRule { Kind = FaultKind.FailTask, Actions = new() { "CreateListener" } });
        var r = await emu.Client.InvokeAsync("CreateListener", new { LoadBalancerId = lb, Ports = new[] { 80 }, Protocol = "TCP" });
        Assert.Equal(1, await TaskStatus(emu.Client, r.GetProperty("RequestId").GetString()!));
        Assert.Equal(0, (await emu.Client.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb })).GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Faults_are_deterministic_for_a_seed()
    {
        async Task<string> Run()
        {
            await using var emu = await EmulatorFixture.StartAsync(s => { s.Seed = 42; s.Faults.Add(new FaultRule { Kind = FaultKind.InternalError, Probability = 0.5 }); });
            var outcome = "";
            for (var i = 0; i < 30; i++) outcome += (await emu.Raw.SendAsync("DescribeLoadBalancers")).ErrorCode == null ? "." : "x";
            return outcome;
        }
        var a = await Run();
        var b = await Run();
        Assert.Equal(a, b);
        Assert.Contains("x", a);
        Assert.Contains(".", a);
    }

    [Fact]
    public async Task Seeded_ids_are_deterministic()
    {
        async Task<string> Run()
        {
            await using var emu = await EmulatorFixture.StartAsync(s => s.Seed = 7);
            return await emu.Client.CreateLbAsync();
        }
        Assert.Equal(await Run(), await Run());
    }

    [Fact]
    public async Task Clock_offset_moves_the_Date_header_and_expires_signatures_made_with_the_local_clock()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.ClockOffset = TimeSpan.FromMinutes(-20));
        var r = await emu.Raw.SendAsync("DescribeLoadBalancers");
        Assert.Equal("AuthFailure.SignatureExpire", r.ErrorCode);
        Assert.InRange((DateTimeOffset.UtcNow - r.Date!.Value).TotalMinutes, 19, 21);
        var ok = await emu.Raw.SendAsync("DescribeLoadBalancers", null, q => q.Timestamp = emu.Server.Now.ToUnixTimeSeconds());
        Assert.Null(ok.ErrorCode);
        // The client resyncs its clock from the Date header and succeeds.
        await emu.Client.InvokeAsync("DescribeLoadBalancers", new { });
    }

    [Fact]
    public async Task Control_endpoint_state_settings_faults_stats_and_reset()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = emu.Server.Url };
        var lb = await emu.Client.CreateLbAsync("ctl");
        var state = JsonDocument.Parse(await http.GetStringAsync("/_emulator/state")).RootElement;
        Assert.True(state.GetProperty("LoadBalancers").TryGetProperty(lb, out _));

        var settings = await http.PostAsJsonAsync("/_emulator/settings", new { TaskDurationMs = 250, RateLimitPerSecond = 3 });
        settings.EnsureSuccessStatusCode();
        Assert.Equal(250, emu.Server.Settings.TaskDurationMs);
        Assert.Equal(3, emu.Server.Settings.RateLimitPerSecond);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/_emulator/settings", new { Bogus = 1 })).StatusCode);
        await http.PostAsJsonAsync("/_emulator/settings", new { RateLimitPerSecond = 0, TaskDurationMs = 0 });

        (await http.PostAsJsonAsync("/_emulator/faults", new { Kind = "InternalError", Actions = new[] { "DescribeListeners" } })).EnsureSuccessStatusCode();
        Assert.Single(emu.Server.Settings.Faults);
        await emu.Client.ErrorAsync("InternalError", "DescribeListeners", new { LoadBalancerId = lb });
        (await http.DeleteAsync("/_emulator/faults")).EnsureSuccessStatusCode();
        await emu.Client.InvokeAsync("DescribeListeners", new { LoadBalancerId = lb });

        var stats = JsonDocument.Parse(await http.GetStringAsync("/_emulator/stats")).RootElement;
        Assert.Equal(2, stats.GetProperty("DescribeListeners").GetProperty("Calls").GetInt32());
        Assert.Equal(1, stats.GetProperty("DescribeListeners").GetProperty("Faulted").GetInt32());
        Assert.Equal(1, stats.GetProperty("CreateLoadBalancer").GetProperty("Succeeded").GetInt32());

        var actions = JsonDocument.Parse(await http.GetStringAsync("/_emulator/actions")).RootElement;
        Assert.Contains("RegisterTargets", actions.EnumerateArray().Select(a => a.GetString()));

        (await http.PostAsync("/_emulator/reset", null)).EnsureSuccessStatusCode();
        Assert.Empty(emu.Server.State.LoadBalancers);
        Assert.Empty(emu.Server.Stats.Snapshot());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/_emulator/nothing")).StatusCode);
    }

    [Fact]
    public async Task State_is_a_typed_snapshot_and_visible_across_calls()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var lb = await emu.Client.CreateLbAsync("snap");
        var l = await emu.Client.CreateListenerAsync(lb, "HTTP", 80);
        var loc = await emu.Client.CreateRuleAsync(lb, l, "a.com", "/");
        await emu.Client.InvokeAsync("RegisterTargets", new { LoadBalancerId = lb, ListenerId = l, LocationId = loc, Targets = new[] { new { InstanceId = "ins-aaaa0001", Port = 80 } } });
        var snap = emu.Server.State;
        var rule = snap.LoadBalancers[lb].Listeners.Single().Rules.Single();
        Assert.Equal("ins-aaaa0001", rule.Targets.Single().InstanceId);
        rule.Targets.Clear(); // a copy: the emulator is unaffected
        Assert.Single(emu.Server.State.LoadBalancers[lb].Listeners[0].Rules[0].Targets);
    }

    [Fact]
    public void Settings_round_trip_through_json()
    {
        var s = EmulatorSettings.FromJson("""
            { "port": 0, "credentials": [ { "secretId": "a", "secretKey": "b", "token": "t" } ], "taskDurationMs": 5,
              "rateLimitPerSecond": 0, "seed": 3, "faults": [ { "kind": "Http502", "probability": 0.25, "actions": ["X"] } ] }
            """);
        Assert.Equal("t", s.Credentials[0].Token);
        Assert.Equal(FaultKind.Http502, s.Faults[0].Kind);
        Assert.Equal(0.25, s.Faults[0].Probability);
        var again = EmulatorSettings.FromJson(s.ToJson());
        Assert.Equal(3, again.Seed);
    }

    [Fact]
    public async Task The_console_program_prints_its_url_first_and_serves_requests()
    {
        var dll = typeof(EmulatorServer).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--port", "0", "--secret-id", EmulatorFixture.SecretId, "--secret-key", EmulatorFixture.SecretKey, "--rate-limit", "0", "--task-duration-ms", "0" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            var line = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", line);
            var client = new ClbClient(new ClbClientOptions
            {
                Endpoint = line, Region = "ap-guangzhou", MaxAttempts = 1, RateLimitPerSecond = null,
                Credentials = new ClbPowerShell.Client.Credentials.StaticCredentialProvider(new ClbPowerShell.Client.Credentials.ClbCredentials(EmulatorFixture.SecretId, EmulatorFixture.SecretKey)),
            });
            var r = await client.InvokeAsync("DescribeLoadBalancers", new { });
            Assert.Equal(0, r.GetProperty("TotalCount").GetInt32());
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }
}
