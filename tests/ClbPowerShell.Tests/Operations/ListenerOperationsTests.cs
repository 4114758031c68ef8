using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Emulator;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

public sealed class ListenerOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public ListenerOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static CreateListenerRequest Tcp(string lb, params long[] ports) =>
        new() { LoadBalancerId = lb, Protocol = "TCP", Ports = ports.ToList() };

    [Fact]
    public async Task Create_several_ports_returns_their_ids_in_order_and_a_task()
    {
        var client = _fx.UniqueRegion();
        var lb = await client.CreateLbAsync();
        var request = Tcp(lb, 80, 81);
        request.ListenerNames = new() { "a", "b" };
        request.HealthCheck = new HealthCheck { HealthSwitch = 1, IntervalTime = 10, TimeOut = 3, HealthNum = 4, UnHealthNum = 5 };
        request.Scheduler = "LEAST_CONN";
        request.SessionExpireTime = 60;
        var (task, ids) = await ListenerOperations.CreateAsync(client, request, default);
        Assert.Equal(2, ids.Count);
        Assert.Equal("CreateListener", task.Action);
        Assert.Equal(lb, task.LoadBalancerId);
        Assert.Equal(string.Join(",", ids), task.ResourceId);
        await TaskWaiter.WaitAsync(client, task, TimeSpan.FromSeconds(10), null, default);

        var listeners = await ListenerOperations.GetAsync(client, lb, ids, default);
        Assert.Equal(new long?[] { 80, 81 }, listeners.Select(l => l.Port));
        Assert.Equal(new[] { "a", "b" }, listeners.Select(l => l.ListenerName));
        Assert.All(listeners, l =>
        {
            Assert.Equal(lb, l.LoadBalancerId);
            Assert.Equal(client.Region, l.Region);
            Assert.Equal("LEAST_CONN", l.Scheduler);
            Assert.Equal(60, l.SessionExpireTime);
            Assert.Equal(10, l.HealthCheck!.IntervalTime);
            Assert.Equal(5, l.HealthCheck.UnHealthNum);
        });
    }

    [Fact]
    public async Task A_port_in_use_is_reported_with_PortCheckFailed()
    {
        var client = _fx.UniqueRegion();
        var lb = await client.CreateLbAsync();
        await ListenerOperations.CreateAsync(client, Tcp(lb, 443), default);
        var https = new CreateListenerRequest { LoadBalancerId = lb, Protocol = "HTTPS", Ports = new() { 443 }, Certificate = new CertificateInput { CertId = "cert-abc12345" } };
        await Emu.ErrorAsync("InvalidParameter.PortCheckFailed", () => ListenerOperations.CreateAsync(client, https, default));
        // UDP has its own port space.
        var (_, udp) = await ListenerOperations.CreateAsync(client, new CreateListenerRequest { LoadBalancerId = lb, Protocol = "UDP", Ports = new() { 443 } }, default);
        Assert.Single(udp);
    }

    [Fact]
    public async Task Listing_narrows_by_protocol_port_and_ids_and_sets_context_on_rules()
    {
        var client = _fx.UniqueRegion();
        var lb = await client.CreateLbAsync();
        var http = await client.CreateListenerAsync(lb, "HTTP", 80);
        var tcp = await client.CreateListenerAsync(lb, "TCP", 9000);
        await client.CreateRuleAsync(lb, http, "www.example.com", "/api");

        var all = await ListenerOperations.ListAsync(client, new DescribeListenersRequest { LoadBalancerId = lb }, default);
        Assert.Equal(2, all.Count);
        var byProtocol = await ListenerOperations.ListAsync(client, new DescribeListenersRequest { LoadBalancerId = lb, Protocol = "TCP" }, default);
        Assert.Equal(tcp, Assert.Single(byProtocol).ListenerId);
        var byPort = await ListenerOperations.ListAsync(client, new DescribeListenersRequest { LoadBalancerId = lb, Port = 80 }, default);
        var httpListener = Assert.Single(byPort);
        var rule = Assert.Single(httpListener.Rules!);
        Assert.Equal(lb, rule.LoadBalancerId);
        Assert.Equal(client.Region, rule.Region);
        Assert.Equal("HTTP", rule.Protocol);
        Assert.Equal(80, rule.Port);
        Assert.Empty(await ListenerOperations.GetAsync(client, lb, new[] { "lbl-nothere0" }, default));
    }

    [Fact]
    public async Task Modify_changes_the_listener_and_names_it_in_the_task()
    {
        var client = _fx.UniqueRegion();
        var lb = await client.CreateLbAsync();
        var id = await client.CreateListenerAsync(lb, "TCP", 22);
        var task = await ListenerOperations.ModifyAsync(client, new ModifyListenerRequest
        {
            LoadBalancerId = lb, ListenerId = id, ListenerName = "ssh", Scheduler = "LEAST_CONN",
            HealthCheck = new HealthCheck { HealthSwitch = 0 },
        }, default);
        Assert.Equal(id, task.ResourceId);
        await TaskWaiter.WaitAsync(client, task, TimeSpan.FromSeconds(10), null, default);
        var l = Assert.Single(await ListenerOperations.GetAsync(client, lb, new[] { id }, default));
        Assert.Equal("ssh", l.ListenerName);
        Assert.Equal("LEAST_CONN", l.Scheduler);
        Assert.Equal(0, l.HealthCheck!.HealthSwitch);
    }

    [Fact]
    public async Task Delete_one_uses_DeleteListener_and_several_the_batch_action_20_at_a_time()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var lb = await emu.Client.CreateLbAsync();
        var (_, ids) = await ListenerOperations.CreateAsync(emu.Client, Tcp(lb, Enumerable.Range(1000, 45).Select(p => (long)p).ToArray()), default);
        var keep = ids[44];
        emu.Server.Stats.Reset();

        var single = await ListenerOperations.DeleteAsync(emu.Client, lb, new[] { ids[0] }, TimeSpan.FromSeconds(10), default);
        Assert.Equal("DeleteListener", Assert.Single(single).Task!.Action);
        Assert.Equal(1, emu.Server.Stats["DeleteListener"].Calls);

        var many = await ListenerOperations.DeleteAsync(emu.Client, lb, ids.Skip(1).Take(43).ToList(), TimeSpan.FromSeconds(10), default);
        Assert.Equal(new[] { 20, 20, 3 }, many.Select(r => r.Ids.Count));
        Assert.All(many, r => Assert.Equal("DeleteLoadBalancerListeners", r.Task!.Action));
        Assert.Equal(3, emu.Server.Stats["DeleteLoadBalancerListeners"].Calls);
        Assert.Equal(keep, Assert.Single(emu.Server.State.LoadBalancers[lb].Listeners).ListenerId);
    }

    [Fact]
    public async Task Batches_on_one_load_balancer_wait_for_the_previous_task()
    {
        await using var emu = await EmulatorFixture.StartAsync(s => s.TaskDurationMs = 300);
        var (lbTask, created) = await LoadBalancerOperations.CreateAsync(emu.Client, new CreateLoadBalancerRequest { LoadBalancerType = "OPEN" }, default);
        await TaskWaiter.WaitAsync(emu.Client, lbTask, TimeSpan.FromSeconds(10), null, default);
        var lb = created.LoadBalancerIds![0];
        var (create, ids) = await ListenerOperations.CreateAsync(emu.Client, Tcp(lb, Enumerable.Range(2000, 25).Select(p => (long)p).ToArray()), default);
        await TaskWaiter.WaitAsync(emu.Client, create, TimeSpan.FromSeconds(10), null, default);
        var results = await ListenerOperations.DeleteAsync(emu.Client, lb, ids, TimeSpan.FromSeconds(10), default);
        Assert.All(results, r => Assert.Null(r.Error)); // without waiting the second call would get ResourceInOperating
        Assert.Equal(0, emu.Server.Stats["DeleteLoadBalancerListeners"].Errors);
        Assert.Empty(emu.Server.State.LoadBalancers[lb].Listeners);
    }

    [Fact]
    public async Task A_failed_batch_stops_the_rest_for_that_load_balancer()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var lb = await emu.Client.CreateLbAsync();
        var (_, ids) = await ListenerOperations.CreateAsync(emu.Client, Tcp(lb, Enumerable.Range(3000, 22).Select(p => (long)p).ToArray()), default);
        var withMissing = ids.Take(19).Append("lbl-missing0").Concat(ids.Skip(19)).ToList();
        var results = await ListenerOperations.DeleteAsync(emu.Client, lb, withMissing, TimeSpan.FromSeconds(10), default);
        Assert.Equal(2, results.Count);
        Assert.Equal("InvalidParameter.ListenerIdNotFound", Assert.IsType<ClbApiException>(results[0].Error).Code);
        Assert.Same(results[0].Error, results[1].Error);
        Assert.Equal(1, emu.Server.Stats["DeleteLoadBalancerListeners"].Calls); // the second batch was not sent
        Assert.Equal(0, emu.Server.Stats["DeleteListener"].Calls);
        Assert.Equal(22, emu.Server.State.LoadBalancers[lb].Listeners.Count);
    }

    [Fact]
    public async Task An_empty_id_list_is_refused_so_nothing_deletes_every_listener()
    {
        var client = _fx.UniqueRegion();
        var lb = await client.CreateLbAsync();
        await client.CreateListenerAsync(lb, "TCP", 80);
        await Assert.ThrowsAsync<ArgumentException>(() => ListenerOperations.DeleteAsync(client, lb, new[] { "" }, TimeSpan.FromSeconds(1), default));
        Assert.Single(await ListenerOperations.ListAsync(client, new DescribeListenersRequest { LoadBalancerId = lb }, default));
    }

    [Fact]
    public void Grouping_keeps_first_seen_order_and_drops_repeats()
    {
        var pairs = new[]
        {
            new KeyValuePair<string, string>("lb-b", "lbl-1"),
            new KeyValuePair<string, string>("lb-a", "lbl-2"),
            new KeyValuePair<string, string>("lb-b", "lbl-3"),
            new KeyValuePair<string, string>("lb-b", "lbl-1"),
        };
        var groups = ListenerOperations.GroupByLoadBalancer(pairs);
        Assert.Equal(new[] { "lb-b", "lb-a" }, groups.Select(g => g.Key));
        Assert.Equal(new[] { "lbl-1", "lbl-3" }, groups[0].Value);
        Assert.Equal(new[] { "lbl-2" }, groups[1].Value);
    }

    [Theory]
    [InlineData("TCP", "cert-1", null, "CertificateId")]
    [InlineData("HTTP", "cert-1", null, "CertificateId")]
    [InlineData("UDP", "cert-1", null, "CertificateId")]
    [InlineData("HTTPS", null, null, "CertificateId")]
    [InlineData("TCP_SSL", null, null, "CertificateId")]
    [InlineData("HTTPS", "cert-1", null, null)]
    [InlineData("TCP", null, null, null)]
    [InlineData("HTTPS", "cert-1", "WRR", "Scheduler")]
    [InlineData("TCP", null, "LEAST_CONN", null)]
    public void Create_checks_certificates_and_layer4_settings_per_protocol(string protocol, string? cert, string? scheduler, string? refused)
    {
        var request = new CreateListenerRequest
        {
            LoadBalancerId = "lb-12345678", Protocol = protocol, Ports = new() { 443 }, Scheduler = scheduler,
            Certificate = cert == null ? null : new CertificateInput { CertId = cert },
        };
        Assert.Equal(refused, ListenerOperations.CheckCreate(request)?.Parameter);
    }

    [Fact]
    public void Create_checks_ports_names_session_time_and_health_ranges()
    {
        CreateListenerRequest R(Action<CreateListenerRequest> change) { var r = new CreateListenerRequest { Protocol = "TCP", Ports = new() { 80, 81 } }; change(r); return r; }
        Assert.Equal("Port", ListenerOperations.CheckCreate(R(r => r.Ports = new() { 80, 80 }))?.Parameter);
        Assert.Equal("Port", ListenerOperations.CheckCreate(R(r => r.Ports = new()))?.Parameter);
        Assert.Equal("Name", ListenerOperations.CheckCreate(R(r => r.ListenerNames = new() { "one" }))?.Parameter);
        Assert.Equal("SessionExpireTime", ListenerOperations.CheckCreate(R(r => r.SessionExpireTime = 10))?.Parameter);
        Assert.Null(ListenerOperations.CheckCreate(R(r => r.SessionExpireTime = 0)));
        Assert.Equal("HealthCheckTimeout", ListenerOperations.CheckCreate(R(r => r.HealthCheck = new HealthCheck { TimeOut = 5, IntervalTime = 5 }))?.Parameter);
        Assert.Equal("HealthCheckPath", ListenerOperations.CheckCreate(R(r => r.HealthCheck = new HealthCheck { HttpCheckPath = "health" }))?.Parameter);
        Assert.Equal("SniSwitch", ListenerOperations.CheckCreate(R(r => r.SniSwitch = 1))?.Parameter);
        Assert.Equal("CertificateCaId", ListenerOperations.CheckCreate(new CreateListenerRequest
        { Protocol = "HTTPS", Ports = new() { 443 }, Certificate = new CertificateInput { CertId = "c", SSLMode = "MUTUAL" } })?.Parameter);
        Assert.Null(ListenerOperations.CheckCreate(new CreateListenerRequest { Protocol = "HTTPS", Ports = new() { 443 }, SniSwitch = 1 }));
    }

    [Fact]
    public void Modify_checks_depend_on_the_protocol_when_known()
    {
        var cert = new ModifyListenerRequest { Certificate = new CertificateInput { CertId = "c" } };
        Assert.Equal("CertificateId", ListenerOperations.CheckModify(cert, "TCP")?.Parameter);
        Assert.Null(ListenerOperations.CheckModify(cert, "HTTPS"));
        Assert.Null(ListenerOperations.CheckModify(cert, null));
        Assert.Equal("HealthCheck", ListenerOperations.CheckModify(new ModifyListenerRequest { HealthCheck = new HealthCheck { HealthSwitch = 1 } }, "HTTP")?.Parameter);
        Assert.Equal("SessionExpireTime", ListenerOperations.CheckModify(new ModifyListenerRequest { SessionExpireTime = 4000 }, null)?.Parameter);
    }

    [Fact]
    public async Task The_emulator_refuses_what_the_checks_refuse()
    {
        // The checks mirror the service: sent anyway, the same requests fail there.
        var client = _fx.UniqueRegion();
        var lb = await client.CreateLbAsync();
        await Emu.ErrorAsync("InvalidParameter.ProtocolCheckFailed", () => client.InvokeAsync("CreateListener",
            new CreateListenerRequest { LoadBalancerId = lb, Protocol = "TCP", Ports = new() { 80 }, Certificate = new CertificateInput { CertId = "cert-1" } }));
        await Emu.ErrorAsync("MissingParameter", () => client.InvokeAsync("CreateListener",
            new CreateListenerRequest { LoadBalancerId = lb, Protocol = "HTTPS", Ports = new() { 443 } }));
    }
}
