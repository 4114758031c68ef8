using System.Reflection;
using ClbPowerShell.Emulator.State;

namespace ClbPowerShell.Emulator.Protocol;

/// <summary>Handles one API action inside the state lock. Returns the Response fields (an anonymous object,
/// a dictionary or a JsonObject; null for none) - RequestId is added by the pipeline. Throws
/// <see cref="ClbException"/> for documented errors.</summary>
public delegate object? ActionHandler(ActionContext ctx);

/// <summary>One action: its handler, its required top-level parameters, and whether it is async
/// (returns a RequestId usable as DescribeTaskStatus.TaskId).</summary>
public sealed record ActionSpec(string Name, ActionHandler Handler, IReadOnlyList<string> Required, bool IsAsync);

/// <summary>
/// An area of the API (load balancers, listeners, target groups, ...): one class per file under Actions/,
/// with a public parameterless constructor. It is found by reflection; no other file needs editing.
/// <code>
/// internal sealed class RewriteActions : IActionArea
/// {
///     public void Register(ActionRegistry r)
///     {
///         r.Add("DescribeRewrite", DescribeRewrite, required: "LoadBalancerId");
///         r.Add("ManualRewrite", ManualRewrite, required: "LoadBalancerId SourceListenerId TargetListenerId RewriteInfos", isAsync: false);
///     }
///     static object? DescribeRewrite(ActionContext ctx) { var lb = ctx.Lb(ctx.Params.RequiredString("LoadBalancerId")); ... }
/// }
/// </code>
/// </summary>
public interface IActionArea
{
    void Register(ActionRegistry registry);
}

public sealed class ActionRegistry
{
    private readonly Dictionary<string, ActionSpec> _actions = new(StringComparer.Ordinal);

    /// <param name="required">Space-separated top-level parameters that must be present (else MissingParameter).</param>
    /// <param name="isAsync">The action starts a task: if the handler does not call <see cref="ActionContext.StartTask"/>,
    /// a task without load balancers is recorded so the RequestId is still a valid TaskId.</param>
    public ActionRegistry Add(string name, ActionHandler handler, string required = "", bool isAsync = false)
    {
        var req = required.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _actions[name] = new ActionSpec(name, handler, req, isAsync);
        return this;
    }

    public bool TryGet(string name, out ActionSpec spec) => _actions.TryGetValue(name, out spec!);
    public IReadOnlyCollection<string> Names => _actions.Keys;

    /// <summary>All <see cref="IActionArea"/> classes of this assembly.</summary>
    public static ActionRegistry CreateDefault()
    {
        var registry = new ActionRegistry();
        var areas = typeof(ActionRegistry).Assembly.GetTypes()
            .Where(t => typeof(IActionArea).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var t in areas) ((IActionArea)Activator.CreateInstance(t, nonPublic: true)!).Register(registry);
        return registry;
    }
}

/// <summary>What a handler sees: the parameters, the live state (already locked), the clock and helpers
/// for the common lookups and checks, each throwing the documented error.</summary>
public sealed class ActionContext
{
    internal ActionContext(EmulatorStore store, EmulatorSettings settings, string action, string requestId,
        string region, string secretId, RequestParams parameters, DateTimeOffset now)
    {
        Store = store; Settings = settings; Action = action; RequestId = requestId; Region = region;
        SecretId = secretId; Params = parameters; Now = now;
    }

    public EmulatorStore Store { get; }
    public StateData Data => Store.Data;
    public EmulatorSettings Settings { get; }
    public string Action { get; }
    public string RequestId { get; }
    public string Region { get; }
    public string SecretId { get; }
    public RequestParams Params { get; }
    /// <summary>The emulator clock (real time + clock offset).</summary>
    public DateTimeOffset Now { get; }
    /// <summary>The task this request started, if any.</summary>
    public TaskModel? Task { get; private set; }

    public string NewId(string prefix) => Store.NewId(prefix);
    public long NextSequence() => ++Data.Sequence;

    /// <summary>The load balancer in the request's region, else InvalidParameter.LBIdNotFound.</summary>
    public LoadBalancerModel Lb(string id) =>
        Data.LoadBalancers.TryGetValue(id, out var lb) && lb.Region == Region ? lb : throw ClbException.LbNotFound(id);

    /// <summary>As <see cref="Lb"/>, for a change: FailedOperation.ResourceInOperating while one of its tasks runs.</summary>
    public LoadBalancerModel LbForChange(string id)
    {
        var lb = Lb(id);
        EnsureNotBusy(lb);
        return lb;
    }

    public void EnsureNotBusy(LoadBalancerModel lb)
    {
        if (lb.BusyTaskId != null && Now < lb.BusyUntil)
            throw new ClbException(ErrorCodes.ResourceInOperating,
                $"The load balancer `{lb.LoadBalancerId}` is being operated by task `{lb.BusyTaskId}`. Please try again later.");
    }

    public IEnumerable<LoadBalancerModel> LbsInRegion() =>
        Data.LoadBalancers.Values.Where(l => l.Region == Region).OrderBy(l => l.Order);

    public static ListenerModel Listener(LoadBalancerModel lb, string listenerId) =>
        lb.Listeners.FirstOrDefault(l => l.ListenerId == listenerId) ?? throw ClbException.ListenerNotFound(listenerId);

    /// <summary>Records the async task of this request (TaskId = RequestId) and marks the load balancers busy.</summary>
    public TaskModel StartTask(IEnumerable<string> loadBalancerIds, string? dealName = null)
    {
        var task = new TaskModel
        {
            TaskId = RequestId,
            Action = Action,
            LoadBalancerIds = loadBalancerIds.Distinct().ToList(),
            DealName = dealName,
            StartedAt = Now,
            CompletesAt = Now.AddMilliseconds(Math.Max(0, Settings.TaskDurationMs)),
        };
        Task = task;
        Apply(Data, task);
        return task;
    }

    internal static void Apply(StateData data, TaskModel task)
    {
        if (data.Tasks.Count >= 100_000) Prune(data, task.StartedAt);
        data.Tasks[task.TaskId] = task;
        if (task.DealName != null) data.DealNames[task.DealName] = task.TaskId;
        foreach (var id in task.LoadBalancerIds)
            if (data.LoadBalancers.TryGetValue(id, out var lb) && task.CompletesAt > task.StartedAt)
            {
                lb.BusyTaskId = task.TaskId;
                lb.BusyUntil = task.CompletesAt;
            }
    }

    private static void Prune(StateData data, DateTimeOffset now)
    {
        foreach (var t in data.Tasks.Values.Where(t => t.CompletesAt < now.AddMinutes(-1)).Take(50_000).ToList())
        {
            data.Tasks.Remove(t.TaskId);
            if (t.DealName != null) data.DealNames.Remove(t.DealName);
        }
    }
}
