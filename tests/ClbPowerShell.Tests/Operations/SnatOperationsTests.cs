using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>SnatOperations against the emulator: both actions are asynchronous, and the IPs show on the load balancer.</summary>
public sealed class SnatOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public SnatOperationsTests(EmulatorFixture fx) { _fx = fx; }

    [Fact]
    public async Task AddAsync_returns_a_task_that_finishes_with_the_ips_on_the_load_balancer()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("snat-add");

        var task = await SnatOperations.AddAsync(c, lb, new[] { new SnatIp { SubnetId = "subnet-00000001", Ip = "10.1.0.5" }, new SnatIp { SubnetId = "subnet-00000002" } }, 2, default);
        Assert.Equal(("CreateLoadBalancerSnatIps", lb, "ap-guangzhou"), (task.Action, task.LoadBalancerId, task.Region));
        await TaskWaiter.WaitAsync(c, task, TimeSpan.FromSeconds(10), null, default);

        var after = await LoadBalancerOperations.GetAsync(c, lb, default);
        Assert.True(after!.SnatPro);
        Assert.Equal(3, after.SnatIps!.Count);
        Assert.Contains(after.SnatIps, s => s.Ip == "10.1.0.5" && s.SubnetId == "subnet-00000001");
        Assert.Equal(2, after.SnatIps.Count(s => s.SubnetId == "subnet-00000002"));
    }

    [Fact]
    public async Task RemoveAsync_drops_duplicates_and_removes_only_the_named_ips()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("snat-remove");
        var add = await SnatOperations.AddAsync(c, lb, new[] { new SnatIp { SubnetId = "subnet-00000001", Ip = "10.2.0.5" }, new SnatIp { SubnetId = "subnet-00000001", Ip = "10.2.0.6" } }, null, default);
        await TaskWaiter.WaitAsync(c, add, TimeSpan.FromSeconds(10), null, default);

        var task = await SnatOperations.RemoveAsync(c, lb, new[] { "10.2.0.5", "10.2.0.5" }, default);
        Assert.Equal("DeleteLoadBalancerSnatIps", task.Action);
        await TaskWaiter.WaitAsync(c, task, TimeSpan.FromSeconds(10), null, default);

        var after = await LoadBalancerOperations.GetAsync(c, lb, default);
        Assert.Equal("10.2.0.6", Assert.Single(after!.SnatIps!).Ip);
    }

    [Fact]
    public async Task RemoveAsync_of_an_ip_not_bound_fails_with_the_service_code()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("snat-missing");
        var e = await Assert.ThrowsAsync<ClbApiException>(() => SnatOperations.RemoveAsync(c, lb, new[] { "10.9.9.9" }, default));
        Assert.Equal("InvalidParameter", e.Code);
    }

    [Fact]
    public async Task AddAsync_refuses_entries_without_a_subnet_before_sending()
    {
        var c = _fx.Client;
        await Assert.ThrowsAsync<ArgumentException>(() => SnatOperations.AddAsync(c, "lb-00000001", new[] { new SnatIp { Ip = "10.0.0.1" } }, null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => SnatOperations.RemoveAsync(c, "lb-00000001", Array.Empty<string>(), default));
    }
}
