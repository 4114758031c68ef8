using ClbPowerShell.Emulator.Protocol;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>DescribeTaskStatus: TaskId (a RequestId of an async call) or DealName -> Status 2 running, 0 done, 1 failed.</summary>
internal sealed class TaskActions : IActionArea
{
    public void Register(ActionRegistry r) => r.Add("DescribeTaskStatus", Describe);

    private static object? Describe(ActionContext ctx)
    {
        var p = ctx.Params;
        var taskId = p.String("TaskId");
        var deal = p.String("DealName");
        if (taskId == null && deal == null) throw ClbException.Missing("TaskId");
        if (taskId == null && !ctx.Data.DealNames.TryGetValue(deal!, out taskId))
            throw new ClbException(ErrorCodes.InvalidParameter, $"The order `{deal}` does not exist.");
        if (!ctx.Data.Tasks.TryGetValue(taskId!, out var task))
            throw new ClbException(ErrorCodes.InvalidParameter, $"The task `{taskId}` does not exist.");
        return new { Status = task.StatusAt(ctx.Now), LoadBalancerIds = task.LoadBalancerIds };
    }
}
