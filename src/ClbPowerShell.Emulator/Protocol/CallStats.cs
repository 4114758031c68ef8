using System.Collections.Concurrent;

namespace ClbPowerShell.Emulator.Protocol;

/// <summary>Counters of one action. <see cref="Calls"/> counts every request that named the action
/// (including failed ones); the others break it down.</summary>
public sealed record ActionStats(long Calls, long Succeeded, long Errors, long Throttled, long Faulted);

/// <summary>Per-action call counters (thread-safe).</summary>
public sealed class CallStats
{
    private sealed class Counters { public long Calls, Succeeded, Errors, Throttled, Faulted; }
    private readonly ConcurrentDictionary<string, Counters> _byAction = new(StringComparer.Ordinal);

    private Counters For(string action) => _byAction.GetOrAdd(action, _ => new Counters());
    internal void Call(string action) => Interlocked.Increment(ref For(action).Calls);
    internal void Success(string action) => Interlocked.Increment(ref For(action).Succeeded);
    internal void Error(string action) => Interlocked.Increment(ref For(action).Errors);
    internal void Throttled(string action) => Interlocked.Increment(ref For(action).Throttled);
    internal void Faulted(string action) => Interlocked.Increment(ref For(action).Faulted);

    public IReadOnlyDictionary<string, ActionStats> Snapshot() =>
        _byAction.ToDictionary(kv => kv.Key,
            kv => new ActionStats(Interlocked.Read(ref kv.Value.Calls), Interlocked.Read(ref kv.Value.Succeeded),
                Interlocked.Read(ref kv.Value.Errors), Interlocked.Read(ref kv.Value.Throttled), Interlocked.Read(ref kv.Value.Faulted)),
            StringComparer.Ordinal);

    public ActionStats this[string action] =>
        Snapshot().TryGetValue(action, out var s) ? s : new ActionStats(0, 0, 0, 0, 0);

    public void Reset() => _byAction.Clear();
}

/// <summary>Fixed one-second windows (on the emulator clock) per SecretId and action.</summary>
internal sealed class RateLimiter
{
    private readonly object _sync = new();
    private readonly Dictionary<(string, string), (long Second, int Count)> _windows = new();

    /// <returns>The count in the current window including this request, or 0 when it is allowed.</returns>
    public int Hit(string secretId, string action, DateTimeOffset now, int limit)
    {
        if (limit <= 0) return 0;
        var second = now.ToUnixTimeSeconds();
        lock (_sync)
        {
            var key = (secretId, action);
            _windows.TryGetValue(key, out var w);
            w = w.Second == second ? (second, w.Count + 1) : (second, 1);
            _windows[key] = w;
            if (_windows.Count > 10_000) foreach (var k in _windows.Where(kv => kv.Value.Second != second).Select(kv => kv.Key).ToList()) _windows.Remove(k);
            return w.Count > limit ? w.Count : 0;
        }
    }

    public void Reset() { lock (_sync) _windows.Clear(); }
}

/// <summary>Chooses the fault for a request. One System.Random(seed), consumed in request order: every rule
/// that matches the action draws once, in list order, until one fires.</summary>
internal sealed class FaultInjector
{
    private readonly object _sync = new();
    private Random _random;

    public FaultInjector(int? seed) { _random = seed is { } s ? new Random(s) : new Random(); }

    public void Reseed(int seed) { lock (_sync) _random = new Random(seed); }

    public FaultRule? Decide(EmulatorSettings settings, string action)
    {
        var rules = settings.Faults;
        if (rules == null || rules.Count == 0) return null;
        lock (_sync)
        {
            foreach (var rule in rules.ToArray())
            {
                if (rule == null || !rule.Matches(action)) continue;
                var fires = rule.Probability >= 1.0 || _random.NextDouble() < rule.Probability;
                if (!fires) continue;
                if (rule.Count is { } c) rule.Count = c - 1;
                return rule;
            }
        }
        return null;
    }
}
