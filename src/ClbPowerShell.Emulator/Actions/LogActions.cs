using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>CLS logs: DescribeClsLogSet, CreateClsLogSet, CreateTopic, SetLoadBalancerClsLog. One CLB logset per type
/// (ACCESS, HEALTH) and region; topics live in the logset of their type; instances show LogSetId / LogTopicId
/// (HealthLogSetId / HealthLogTopicId) in DescribeLoadBalancers.</summary>
internal sealed class LogActions : IActionArea
{
    public void Register(ActionRegistry r)
    {
        r.Add("DescribeClsLogSet", DescribeLogSet);
        r.Add("CreateClsLogSet", CreateLogSet);
        r.Add("CreateTopic", CreateTopic, required: "TopicName");
        r.Add("SetLoadBalancerClsLog", SetLog, required: "LoadBalancerId LogSetId LogTopicId");
    }

    private static readonly string[] Types = { "ACCESS", "HEALTH" };

    private static LogSetModel? LogSetOf(ActionContext ctx, string type) =>
        ctx.Data.LogSets.Values.Where(s => s.Region == ctx.Region && s.LogsetType == type).OrderBy(s => s.CreateTime).FirstOrDefault();

    private static object? DescribeLogSet(ActionContext ctx) => new
    {
        LogsetId = LogSetOf(ctx, "ACCESS")?.LogsetId ?? "",
        HealthLogsetId = LogSetOf(ctx, "HEALTH")?.LogsetId ?? "",
    };

    private static object? CreateLogSet(ActionContext ctx)
    {
        var p = ctx.Params;
        var type = p.String("LogsetType", oneOf: Types, ignoreCase: true) ?? "ACCESS";
        var name = p.String("LogsetName", minLength: 1, maxLength: 255) ?? (type == "HEALTH" ? "clb_health_logset" : "clb_logset");
        var period = p.Int("Period", min: 1, max: 3600) ?? 30;
        if (LogSetOf(ctx, type) is { } existing)
            throw new ClbException(ErrorCodes.FailedOperation, $"The CLB {type} logset already exists: `{existing.LogsetId}`.");
        if (ctx.Data.LogSets.Values.Any(s => s.Region == ctx.Region && s.LogsetName == name))
            throw new ClbException(ErrorCodes.ValueDuplicate, $"A logset named `{name}` already exists.");
        var set = new LogSetModel { LogsetId = OtherAreas.GuidLike(ctx), LogsetName = name, LogsetType = type, Period = period, Region = ctx.Region, CreateTime = ctx.Now };
        ctx.Data.LogSets[set.LogsetId] = set;
        return new { LogsetId = set.LogsetId };
    }

    private static object? CreateTopic(ActionContext ctx)
    {
        var p = ctx.Params;
        var name = p.RequiredString("TopicName", maxLength: 255);
        var partitions = p.Int("PartitionCount", min: 1, max: 50) ?? 1;
        var type = p.String("TopicType", oneOf: Types, ignoreCase: true) ?? "ACCESS";
        var period = p.Int("Period", min: 1, max: 3600) ?? 30;
        var storage = p.String("StorageType", oneOf: new[] { "hot", "cold" }) ?? "hot";
        var set = LogSetOf(ctx, type)
            ?? throw new ClbException(ErrorCodes.FailedOperation, $"There is no CLB {type} logset in {ctx.Region}; create it first (CreateClsLogSet).");
        if (ctx.Data.LogTopics.Values.Any(t => t.LogsetId == set.LogsetId && t.TopicName == name))
            throw new ClbException(ErrorCodes.ValueDuplicate, $"A topic named `{name}` already exists in logset `{set.LogsetId}`.");
        var topic = new LogTopicModel
        {
            TopicId = OtherAreas.GuidLike(ctx), TopicName = name, LogsetId = set.LogsetId, TopicType = type,
            PartitionCount = partitions, Period = period, StorageType = storage, Region = ctx.Region,
        };
        ctx.Data.LogTopics[topic.TopicId] = topic;
        return new { TopicId = topic.TopicId };
    }

    /// <summary>Empty LogSetId and LogTopicId turn the log off.</summary>
    private static object? SetLog(ActionContext ctx)
    {
        var p = ctx.Params;
        var lb = ctx.LbForChange(p.RequiredString("LoadBalancerId"));
        var setId = p.String("LogSetId", required: true)!;
        var topicId = p.String("LogTopicId", required: true)!;
        var type = p.String("LogType", oneOf: Types, ignoreCase: true) ?? "ACCESS";
        if ((setId.Length == 0) != (topicId.Length == 0))
            throw new ClbException(ErrorCodes.InvalidParameter, "Give both LogSetId and LogTopicId, or both empty to turn the log off.");
        if (setId.Length > 0)
        {
            if (!ctx.Data.LogSets.TryGetValue(setId, out var set) || set.Region != ctx.Region)
                throw ClbException.Value("LogSetId", setId, "the logset does not exist");
            if (!ctx.Data.LogTopics.TryGetValue(topicId, out var topic) || topic.LogsetId != setId)
                throw ClbException.Value("LogTopicId", topicId, "the topic does not exist in that logset");
            if (topic.TopicType != type)
                throw ClbException.Value("LogTopicId", topicId, $"it is a {topic.TopicType} topic, not {type}");
        }
        if (!ctx.Data.LbLogs.TryGetValue(lb.LoadBalancerId, out var log)) ctx.Data.LbLogs[lb.LoadBalancerId] = log = new LbLogModel();
        string? Value(string s) => s.Length == 0 ? null : s;
        if (type == "ACCESS") { log.LogSetId = Value(setId); log.LogTopicId = Value(topicId); }
        else { log.HealthLogSetId = Value(setId); log.HealthLogTopicId = Value(topicId); }
        return null;
    }
}
