using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

public sealed class LogOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public LogOperationsTests(EmulatorFixture fx) { _fx = fx; }

    [Fact]
    public async Task Logsets_are_listed_by_type_once_created()
    {
        var client = _fx.UniqueRegion();
        Assert.Empty(await LogOperations.GetLogSetsAsync(client, default));

        var access = await LogOperations.CreateLogSetAsync(client, "my-access", 7, null, default);
        Assert.Equal("ACCESS", access.LogSetType);
        var health = await LogOperations.CreateLogSetAsync(client, null, null, "health", default);
        Assert.Equal("HEALTH", health.LogSetType);

        var sets = await LogOperations.GetLogSetsAsync(client, default);
        Assert.Equal(new[] { (access.LogSetId, "ACCESS"), (health.LogSetId, "HEALTH") }, sets.Select(s => (s.LogSetId, s.LogSetType)));
        Assert.All(sets, s => Assert.Equal(client.Region, s.Region));

        var again = await Emu.ErrorAsync("FailedOperation", () => LogOperations.CreateLogSetAsync(client, "other", null, "ACCESS", default));
        Assert.Contains(access.LogSetId, again.Message);
    }

    [Fact]
    public async Task A_topic_names_its_logset_and_turns_a_load_balancers_log_on_and_off()
    {
        var client = _fx.UniqueRegion();
        await Emu.ErrorAsync("FailedOperation", () => LogOperations.CreateTopicAsync(client, new CreateTopicRequest { TopicName = "t" }, default));
        var set = await LogOperations.CreateLogSetAsync(client, null, null, "ACCESS", default);
        var topic = await LogOperations.CreateTopicAsync(client, new CreateTopicRequest { TopicName = "t", PartitionCount = 2 }, default);
        Assert.Equal(set.LogSetId, topic.LogSetId);
        Assert.Equal("ACCESS", topic.LogType);
        Assert.Equal(2, topic.PartitionCount);

        var (_, created) = await LoadBalancerOperations.CreateAsync(client, new CreateLoadBalancerRequest { LoadBalancerType = "OPEN", LoadBalancerName = "log" }, default);
        var id = created.LoadBalancerIds![0];
        await LogOperations.SetLoadBalancerLogAsync(client, id, topic.LogSetId, topic.LogTopicId, topic.LogType, default);
        var lb = await LoadBalancerOperations.GetAsync(client, id, default);
        Assert.Equal(set.LogSetId, lb!.LogSetId);
        Assert.Equal(topic.LogTopicId, lb.LogTopicId);

        await LogOperations.SetLoadBalancerLogAsync(client, id, null, null, "ACCESS", default);
        lb = await LoadBalancerOperations.GetAsync(client, id, default);
        Assert.True(string.IsNullOrEmpty(lb!.LogTopicId));

        await Assert.ThrowsAsync<ArgumentException>(() => LogOperations.SetLoadBalancerLogAsync(client, id, set.LogSetId, null, null, default));
        // A HEALTH log cannot go to an ACCESS topic.
        await Emu.ErrorAsync("InvalidParameterValue", () => LogOperations.SetLoadBalancerLogAsync(client, id, set.LogSetId, topic.LogTopicId, "HEALTH", default));
    }
}
