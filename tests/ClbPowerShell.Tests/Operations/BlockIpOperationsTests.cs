using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>BlockIpOperations against the emulator: blocklist changes as DescribeBlockIPTask jobs, waiting through TaskWaiter, listing.</summary>
public sealed class BlockIpOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public BlockIpOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static async Task<List<BlockedIP>> AllAsync(ClbClient c, string lb, long skip = 0, long? first = null)
    {
        var list = new List<BlockedIP>();
        await foreach (var p in BlockIpOperations.ListAsync(c, lb, skip, first, default)) list.AddRange(p.Items);
        return list;
    }

    [Fact]
    public async Task Add_remove_and_clear_start_jobs_that_finish_and_change_the_list()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("block-basic");

        var added = await BlockIpOperations.ModifyAsync(c, new[] { lb }, "add_blocked", new[] { "10.0.0.1", "10.0.0.2", "10.0.0.1" }, 600, default);
        var task = Assert.Single(added).Task!;
        Assert.Equal("ModifyBlockIPList", task.Action);
        Assert.Equal(lb, task.LoadBalancerId);
        Assert.Equal("ap-guangzhou", task.Region);
        Assert.False(string.IsNullOrEmpty(task.TaskId));
        await BlockIpOperations.WaitAsync(c, task, TimeSpan.FromSeconds(10), null, default);
        Assert.Equal(ClbTaskStatus.Succeeded, task.Status);

        var list = await AllAsync(c, lb);
        Assert.Equal(new[] { "10.0.0.1", "10.0.0.2" }, list.Select(x => x.IP).OrderBy(x => x));
        Assert.All(list, x => { Assert.Equal(lb, x.LoadBalancerId); Assert.Equal("ap-guangzhou", x.Region); });
        var created = DateTimeOffset.Parse(list[0].CreateTime!);
        var expires = DateTimeOffset.Parse(list[0].ExpireTime!);
        Assert.Equal(600, (expires - created).TotalSeconds, 0);

        Assert.Null(Assert.Single(await BlockIpOperations.ModifyAsync(c, new[] { lb }, "del_blocked", new[] { "10.0.0.1" }, null, default)).Error);
        Assert.Equal("10.0.0.2", Assert.Single(await AllAsync(c, lb)).IP);

        Assert.Null(Assert.Single(await BlockIpOperations.ModifyAsync(c, new[] { lb }, "flush_blocked", null, null, default)).Error);
        Assert.Empty(await AllAsync(c, lb));
    }

    [Fact]
    public async Task ModifyAsync_refuses_bad_input_before_sending()
    {
        var c = _fx.Client;
        await Assert.ThrowsAsync<ArgumentException>(() => BlockIpOperations.ModifyAsync(c, new[] { "lb-00000001" }, "add_blocked", null, null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => BlockIpOperations.ModifyAsync(c, new[] { "lb-00000001" }, "set_customized_field", null, null, default));
    }

    [Fact]
    public async Task ModifyAsync_sends_20_load_balancers_per_call_and_reports_a_failing_chunk()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lbs = new List<string>();
        for (var i = 0; i < 20; i++) lbs.Add(await c.CreateLbAsync("block-chunk-" + i));

        var results = await BlockIpOperations.ModifyAsync(c, new List<string>(lbs) { "lb-missing1" }, "add_blocked", new[] { "192.168.1.1" }, null, default);

        Assert.Equal(2, emu.Server.Stats["ModifyBlockIPList"].Calls);
        Assert.Equal(20, results[0].Ids.Count);
        Assert.NotNull(results[0].Task);
        Assert.Equal(20, results[0].Task!.LoadBalancerIds!.Length);
        Assert.Null(results[0].Task!.LoadBalancerId);
        Assert.NotNull(results[1].Error);
        Assert.Null(results[1].Task);
        Assert.Equal("192.168.1.1", Assert.Single(await AllAsync(c, lbs[19])).IP);
    }

    [Fact]
    public async Task WaitAsync_polls_DescribeBlockIPTask_through_TaskWaiter_never_DescribeTaskStatus()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lb = await c.CreateLbAsync("block-wait");
        emu.Server.Settings.TaskDurationMs = 400; // after the create, which would otherwise leave the load balancer busy
        var task = (await BlockIpOperations.ModifyAsync(c, new[] { lb }, "add_blocked", new[] { "10.1.1.1" }, null, default))[0].Task ?? throw new InvalidOperationException("the change was refused");
        var polls = 0;

        await BlockIpOperations.WaitAsync(c, task, TimeSpan.FromSeconds(30), (t, _) => polls++, default);

        Assert.Equal(ClbTaskStatus.Succeeded, task.Status);
        Assert.NotNull(task.EndTime);
        Assert.True(polls >= 2, "the first poll comes at once, while the 400 ms job still runs");
        Assert.Equal(polls, emu.Server.Stats["DescribeBlockIPTask"].Calls);
        Assert.Equal(0, emu.Server.Stats["DescribeTaskStatus"].Calls);
    }

    [Fact]
    public async Task WaitAsync_gives_up_after_the_timeout_with_the_task()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lb = await c.CreateLbAsync("block-timeout");
        emu.Server.Settings.TaskDurationMs = 600_000;
        var task = (await BlockIpOperations.ModifyAsync(c, new[] { lb }, "flush_blocked", null, null, default))[0].Task ?? throw new InvalidOperationException("the change was refused");

        var ex = await Assert.ThrowsAsync<ClbTaskTimeoutException>(() => BlockIpOperations.WaitAsync(c, task, TimeSpan.FromMilliseconds(300), null, default));
        Assert.Same(task, ex.Task);
        Assert.Equal(ClbTaskStatus.Running, task.Status);
    }

    [Fact]
    public async Task RefreshAsync_of_an_unknown_job_is_the_services_error()
    {
        var task = ClbTasks.Started(_fx.Client, "ModifyBlockIPList", "no-such-job", null);
        var ex = await Assert.ThrowsAsync<ClbApiException>(() => BlockIpOperations.RefreshAsync(_fx.Client, task, default));
        Assert.Equal("InvalidParameter", ex.Code);
    }

    [Fact]
    public async Task ListAsync_honours_skip_and_first()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("block-page");
        var ips = Enumerable.Range(1, 6).Select(i => "172.16.0." + i).ToArray();
        await BlockIpOperations.ModifyAsync(c, new[] { lb }, "add_blocked", ips, null, default);

        var window = await AllAsync(c, lb, 2, 3);
        Assert.Equal(ips.Skip(2).Take(3), window.Select(x => x.IP));
        var ex = await Assert.ThrowsAsync<ClbApiException>(() => AllAsync(c, "lb-missing1"));
        Assert.StartsWith("InvalidParameter", ex.Code);
    }
}
