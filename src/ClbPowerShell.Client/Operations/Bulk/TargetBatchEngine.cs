using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Transport;

namespace ClbPowerShell.Client.Operations.Bulk
{
    /// <summary>The kinds of change the bulk engine makes.</summary>
    public enum TargetOperation
    {
        Register,
        Deregister,
        SetWeight,
        SetPort,
    }

    /// <summary>
    /// Registers, deregisters and changes many targets at the speed the API allows:
    /// <list type="bullet">
    /// <item>per load balancer, RegisterTargets / DeregisterTargets / ModifyTargetWeight (20 targets, one listener or
    /// rule per call) when one call is enough, BatchRegisterTargets / BatchDeregisterTargets / BatchModifyTargetWeight
    /// (500 targets across the listeners of one load balancer per call) when more are needed; ModifyTargetPort always
    /// per listener or rule;</item>
    /// <item>the calls to one load balancer one after another, each waiting for its task, so a new task never meets a
    /// running one; different load balancers in parallel (the client paces every action to its rate limit);</item>
    /// <item>an ambiguous failure (HTTP 5xx, InternalError, connection dropped after sending, timeout) is checked against
    /// DescribeTargets and only what is still missing is sent again, so each target ends up changed exactly once;
    /// throttling and FailedOperation.ResourceInOperating are waited out and re-sent;</item>
    /// <item>one outcome per requested target: nothing that succeeded is reported failed and nothing failed is reported done.</item>
    /// </list>
    /// </summary>
    public static class BulkTargetOperations
    {
        public const string ResourceInOperating = "FailedOperation.ResourceInOperating";
        public const string InvalidLbStatus = "FailedOperation.InvalidLBStatus";

        public static Task<BulkResult> RegisterAsync(ClbClient client, IEnumerable<TargetSpec> targets, BulkOptions? options,
            IProgress<BulkProgress>? progress, CancellationToken cancellationToken) =>
            RunAsync(client, TargetOperation.Register, targets, options, progress, cancellationToken);

        public static Task<BulkResult> DeregisterAsync(ClbClient client, IEnumerable<TargetSpec> targets, BulkOptions? options,
            IProgress<BulkProgress>? progress, CancellationToken cancellationToken) =>
            RunAsync(client, TargetOperation.Deregister, targets, options, progress, cancellationToken);

        /// <summary>Sets each target's <see cref="TargetSpec.Weight"/>.</summary>
        public static Task<BulkResult> SetWeightAsync(ClbClient client, IEnumerable<TargetSpec> targets, BulkOptions? options,
            IProgress<BulkProgress>? progress, CancellationToken cancellationToken) =>
            RunAsync(client, TargetOperation.SetWeight, targets, options, progress, cancellationToken);

        /// <summary>Moves each target from <see cref="TargetSpec.Port"/> to <see cref="TargetSpec.NewPort"/>.</summary>
        public static Task<BulkResult> SetPortAsync(ClbClient client, IEnumerable<TargetSpec> targets, BulkOptions? options,
            IProgress<BulkProgress>? progress, CancellationToken cancellationToken) =>
            RunAsync(client, TargetOperation.SetPort, targets, options, progress, cancellationToken);

        public static string ActivityOf(TargetOperation operation) => operation switch
        {
            TargetOperation.Register => "Registering targets",
            TargetOperation.Deregister => "Deregistering targets",
            TargetOperation.SetWeight => "Changing target weights",
            _ => "Changing target ports",
        };

        /// <summary>Runs one kind of change over targets on any number of load balancers.</summary>
        public static async Task<BulkResult> RunAsync(ClbClient client, TargetOperation operation, IEnumerable<TargetSpec> targets,
            BulkOptions? options, IProgress<BulkProgress>? progress, CancellationToken cancellationToken)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            options ??= BulkOptions.Default;
            var all = targets.ToList();
            Validate(operation, all);
            var sink = new OutcomeSink(ActivityOf(operation), all.Count, progress);
            sink.Report("Starting");

            // The same binding asked for twice is one change: the duplicates share the first one's outcome.
            var unique = new List<TargetSpec>();
            var duplicates = new List<(TargetSpec Duplicate, TargetSpec Original)>();
            var seen = new Dictionary<string, TargetSpec>(StringComparer.Ordinal);
            foreach (var t in all)
            {
                if (seen.TryGetValue(t.Key, out var original)) duplicates.Add((t, original));
                else { seen[t.Key] = t; unique.Add(t); }
            }

            using (var gate = new SemaphoreSlim(Math.Max(1, options.MaxParallelLoadBalancers)))
            {
                var workers = unique.GroupBy(t => t.LoadBalancerId, StringComparer.Ordinal).Select(async group =>
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await new LoadBalancerWorker(client, operation, group.Key, group.ToList(), options, sink).RunAsync(cancellationToken).ConfigureAwait(false);
                    }
                    finally { gate.Release(); }
                }).ToList();
                await Task.WhenAll(workers).ConfigureAwait(false);
            }

            var result = sink.Result();
            if (duplicates.Count == 0) return result;
            var byTarget = result.Outcomes.ToDictionary(o => o.Target.Key, StringComparer.Ordinal);
            var extra = duplicates.Select(d => byTarget.TryGetValue(d.Original.Key, out var o)
                ? new TargetOutcome(d.Duplicate, o.Succeeded, o.Error, o.Action, o.RequestId)
                : new TargetOutcome(d.Duplicate, false, new ClbException("No outcome was recorded for " + d.Duplicate + "."), null, null)).ToList();
            sink.AddRange(extra);
            return sink.Result();
        }

        private static void Validate(TargetOperation operation, List<TargetSpec> targets)
        {
            foreach (var t in targets)
            {
                if (string.IsNullOrEmpty(t.LoadBalancerId)) throw new ArgumentException("The target " + t + " has no LoadBalancerId.");
                if (string.IsNullOrEmpty(t.ListenerId)) throw new ArgumentException("The target " + t + " has no ListenerId.");
                if (string.IsNullOrEmpty(t.InstanceId) == string.IsNullOrEmpty(t.EniIp))
                    throw new ArgumentException("The target " + t + " needs either an InstanceId or an EniIp.");
                if (t.Port < 1 || t.Port > 65535) throw new ArgumentException("The target " + t + " has no valid Port (1-65535).");
                if (operation == TargetOperation.SetWeight && t.Weight == null) throw new ArgumentException("The target " + t + " has no Weight to set.");
                if (operation == TargetOperation.SetPort && t.NewPort == null) throw new ArgumentException("The target " + t + " has no NewPort to move to.");
                if (t.Weight is long w && (w < 0 || w > 100)) throw new ArgumentException("The target " + t + " has a Weight outside 0-100.");
            }
        }

        /// <summary>Whether a failed write may have been applied: the only failures after which the state is checked.</summary>
        public static bool IsAmbiguous(ClbException failure) => failure switch
        {
            ClbApiException api => RetryPolicy.IsServerFault(api.Code),
            ClbProtocolException protocol => protocol.HttpStatus == null || (int)protocol.HttpStatus.Value >= 500,
            ClbTransportException transport => transport.RequestMayHaveBeenApplied,
            ClbTaskTimeoutException _ => true,
            _ => false,
        };

        internal static bool IsBusy(ClbException failure) =>
            failure is ClbApiException api && (api.Code == ResourceInOperating || api.Code == InvalidLbStatus);

        internal static bool IsThrottled(ClbException failure) =>
            failure is ClbApiException api && RetryPolicy.IsThrottle(api.Code) ||
            failure is ClbTransportException transport && !transport.RequestMayHaveBeenApplied;

        /// <summary>The calls to one load balancer, one after another.</summary>
        private sealed class LoadBalancerWorker
        {
            private readonly ClbClient _client;
            private readonly TargetOperation _operation;
            private readonly string _lb;
            private readonly List<TargetSpec> _targets;
            private readonly BulkOptions _options;
            private readonly OutcomeSink _sink;
            /// <summary>The last task started on this load balancer: what a busy refusal waits for.</summary>
            private ClbTask? _lastTask;

            public LoadBalancerWorker(ClbClient client, TargetOperation operation, string loadBalancerId, List<TargetSpec> targets, BulkOptions options, OutcomeSink sink)
            {
                _client = client;
                _operation = operation;
                _lb = loadBalancerId;
                _targets = targets;
                _options = options;
                _sink = sink;
            }

            public async Task RunAsync(CancellationToken cancellationToken)
            {
                var targets = await ResolveRulesAsync(_targets, cancellationToken).ConfigureAwait(false);
                foreach (var unit in Split(_operation, targets, _options))
                    await RunUnitAsync(unit, cancellationToken).ConfigureAwait(false);
            }

            /// <summary>Rules named by Domain+Url get their LocationId (the Batch* actions and the checks need it).</summary>
            private async Task<List<TargetSpec>> ResolveRulesAsync(List<TargetSpec> targets, CancellationToken cancellationToken)
            {
                var byName = targets.Where(t => t.LocationId == null && (t.Domain != null || t.Url != null)).ToList();
                if (byName.Count == 0) return targets;
                TargetState state;
                try
                {
                    state = await TargetState.ReadAsync(_client, _lb, byName.Select(t => t.ListenerId), cancellationToken).ConfigureAwait(false);
                }
                catch (ClbException ex)
                {
                    _sink.AddRange(byName.Select(t => new TargetOutcome(t, false, ex, "DescribeTargets", ex.RequestId)));
                    return targets.Except(byName).ToList();
                }
                var kept = new List<TargetSpec>();
                foreach (var t in targets)
                {
                    if (!byName.Contains(t)) { kept.Add(t); continue; }
                    var location = state.ResolveLocation(t);
                    if (location == null)
                    {
                        _sink.Add(new TargetOutcome(t, false, NotFound(t, state), "DescribeTargets", null));
                        continue;
                    }
                    t.LocationId = location;
                    kept.Add(t);
                }
                return kept;
            }

            private ClbApiException NotFound(TargetSpec t, TargetState state) => state.HasListener(t.ListenerId)
                ? new ClbApiException("InvalidParameter.LocationNotFound",
                    "The listener " + t.ListenerId + " of " + _lb + " has no rule " + (t.LocationId ?? (t.Domain + t.Url)) + ".", null, ActionOf(false), _client.Endpoint.ToString())
                : new ClbApiException("InvalidParameter.ListenerIdNotFound",
                    "The load balancer " + _lb + " has no listener " + t.ListenerId + ".", null, ActionOf(false), _client.Endpoint.ToString());

            private string ActionOf(bool batch) => Unit.ActionFor(_operation, batch);

            /// <summary>Sends one call's targets until each is done or given up, re-sending only what is verifiably not done.</summary>
            private async Task RunUnitAsync(Unit unit, CancellationToken cancellationToken)
            {
                var pending = unit.Targets;
                var verifyNext = false;
                var everAmbiguous = false;
                ClbException? lastError = null;
                ClbException? failIfStillPending = null;
                var busySince = DateTimeOffset.UtcNow;
                var delay = _options.RetryDelay;
                var attempts = 0;
                var action = unit.Action;

                while (pending.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (verifyNext)
                    {
                        verifyNext = false;
                        _sink.Report("Checking " + pending.Count + " target(s) on " + _lb + " after " + (lastError?.GetType().Name ?? "a failure"));
                        TargetState state;
                        try
                        {
                            state = await TargetState.ReadAsync(_client, _lb, pending.Select(t => t.ListenerId), cancellationToken).ConfigureAwait(false);
                        }
                        catch (ClbException ex) when (attempts < _options.MaxAttempts && !(ex is ClbConfigurationException))
                        {
                            lastError = ex;
                            attempts++;
                            verifyNext = true;
                            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                            delay = Grow(delay);
                            continue;
                        }
                        // Without an earlier ambiguous attempt a refusal stands: the check only names a missing listener or rule.
                        var refineOnly = failIfStillPending != null && !everAmbiguous;
                        var stillPending = new List<TargetSpec>();
                        foreach (var t in pending)
                        {
                            var holder = state.Holder(t);
                            if (holder == null) _sink.Add(new TargetOutcome(t, false, NotFound(t, state), action, lastError?.RequestId));
                            else if (!refineOnly && IsDone(t, holder)) _sink.Add(new TargetOutcome(t, true, null, action, lastError?.RequestId));
                            else stillPending.Add(t);
                        }
                        pending = stillPending;
                        if (pending.Count == 0) break;
                        if (failIfStillPending != null)
                        {
                            Fail(pending, failIfStillPending, action);
                            return;
                        }
                    }

                    if (attempts >= _options.MaxAttempts)
                    {
                        Fail(pending, lastError ?? new ClbException(action + " did not complete after " + attempts + " attempts."), action);
                        return;
                    }
                    attempts++;
                    _sink.Report(action + " for " + pending.Count + " target(s) on " + _lb + (attempts > 1 ? " (attempt " + attempts + ")" : ""));
                    try
                    {
                        var request = unit.BuildRequest(_lb, pending);
                        var response = await _client.InvokeAsync(action, request, cancellationToken).ConfigureAwait(false);
                        var requestId = ClbClient.TryGetRequestId(response);
                        if (unit.IsAsync)
                        {
                            var task = ClbTasks.Started(_client, action, response, _lb);
                            _lastTask = task;
                            _sink.Report("Waiting for " + action + " task " + task.TaskId + " on " + _lb);
                            try
                            {
                                await TaskWaiter.WaitAsync(_client, task, _options.TaskTimeout, null, cancellationToken, _options.TaskWait).ConfigureAwait(false);
                            }
                            catch (ClbTaskFailedException failed)
                            {
                                // The service rolled the change back: nothing of it was applied.
                                Fail(pending, failed, action);
                                return;
                            }
                            catch (ClbException waitError) when (!(waitError is ClbConfigurationException))
                            {
                                // The call was accepted but its end could not be seen (timeout, polls failing): the state decides.
                                lastError = waitError;
                                everAmbiguous = true;
                                verifyNext = true;
                                continue;
                            }
                            _sink.AddRange(pending.Select(t => new TargetOutcome(t, true, null, action, requestId)));
                            return;
                        }

                        // Batch(De)RegisterTargets: all or nothing per listener; failed listeners are named.
                        var failedListeners = new HashSet<string>(StringComparer.Ordinal);
                        if (response.TryGetProperty("FailListenerIdSet", out var set) && set.ValueKind == System.Text.Json.JsonValueKind.Array)
                            foreach (var id in set.EnumerateArray())
                                if (id.ValueKind == System.Text.Json.JsonValueKind.String) failedListeners.Add(id.GetString()!);
                        var done = pending.Where(t => !failedListeners.Contains(t.ListenerId)).ToList();
                        _sink.AddRange(done.Select(t => new TargetOutcome(t, true, null, action, requestId)));
                        var refused = pending.Where(t => failedListeners.Contains(t.ListenerId)).ToList();
                        if (refused.Count == 0) return;
                        var refusal = new ClbApiException("FailedOperation",
                            action + " refused listener(s) " + string.Join(", ", failedListeners.OrderBy(x => x, StringComparer.Ordinal)) + " of " + _lb +
                            " (FailListenerIdSet): no target of those listeners was changed.", requestId, action, _client.Endpoint.ToString());
                        // The refused listeners are checked: that names a missing listener or rule precisely, and after an
                        // ambiguous earlier attempt it finds the targets that attempt did apply.
                        pending = refused;
                        lastError = refusal;
                        failIfStillPending = refusal;
                        verifyNext = true;
                    }
                    catch (ClbException ex) when (!(ex is ClbConfigurationException))
                    {
                        lastError = ex;
                        if (IsBusy(ex))
                        {
                            attempts--; // a busy load balancer is waited out on its own clock
                            if (DateTimeOffset.UtcNow - busySince > _options.BusyTimeout)
                            {
                                Fail(pending, ex, action);
                                return;
                            }
                            await WaitUntilIdleAsync(delay, cancellationToken).ConfigureAwait(false);
                            delay = Grow(delay);
                            if (everAmbiguous) verifyNext = true;
                        }
                        else if (IsThrottled(ex))
                        {
                            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                            delay = Grow(delay);
                            if (everAmbiguous) verifyNext = true;
                        }
                        else if (IsAmbiguous(ex))
                        {
                            everAmbiguous = true;
                            verifyNext = true;
                            // A dropped call may have started a task; its load balancer then stays busy for a while.
                            await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
                        }
                        else if (everAmbiguous)
                        {
                            // E.g. "already bound" after a dropped call that did apply: the state decides.
                            failIfStillPending = ex;
                            verifyNext = true;
                        }
                        else
                        {
                            Fail(pending, ex, action);
                            return;
                        }
                    }
                }
            }

            private async Task WaitUntilIdleAsync(TimeSpan fallback, CancellationToken cancellationToken)
            {
                var last = _lastTask;
                if (last != null && last.Status == ClbTaskStatus.Running)
                {
                    try
                    {
                        await TaskWaiter.WaitAsync(_client, last, _options.TaskTimeout, null, cancellationToken, _options.TaskWait).ConfigureAwait(false);
                        return;
                    }
                    catch (ClbException) { /* whatever it did, the load balancer is asked again below */ }
                }
                await Task.Delay(fallback, cancellationToken).ConfigureAwait(false);
            }

            private static TimeSpan Grow(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, delay.Ticks * 2));

            private void Fail(IEnumerable<TargetSpec> targets, ClbException error, string action) =>
                _sink.AddRange(targets.Select(t => new TargetOutcome(t, false, error, action, error.RequestId)));

            private bool IsDone(TargetSpec t, List<Backend> holder)
            {
                switch (_operation)
                {
                    case TargetOperation.Register:
                        return TargetState.Find(holder, t, t.Port) != null;
                    case TargetOperation.Deregister:
                        return TargetState.Find(holder, t, t.Port) == null;
                    case TargetOperation.SetWeight:
                        return TargetState.Find(holder, t, t.Port)?.Weight == t.Weight;
                    default:
                        return TargetState.Find(holder, t, t.NewPort!.Value) != null &&
                               (t.NewPort == t.Port || TargetState.Find(holder, t, t.Port) == null);
                }
            }
        }

        /// <summary>
        /// How one load balancer's targets are split into calls: Batch* chunks of up to 500 when the per-listener
        /// actions would need more than one call (BatchMode.Auto), else one call per listener or rule of up to 20.
        /// </summary>
        internal static List<Unit> Split(TargetOperation operation, List<TargetSpec> targets, BulkOptions options)
        {
            var perCall = Math.Max(1, options.MaxTargetsPerCall);
            var perBatch = Math.Max(1, options.MaxTargetsPerBatch);
            // Port changes go per listener or rule and per new port; everything else per listener or rule.
            var holders = targets.GroupBy(t => operation == TargetOperation.SetPort ? t.HolderKey + "|" + t.NewPort : t.HolderKey, StringComparer.Ordinal)
                .Select(g => g.ToList()).ToList();
            var singleCalls = holders.Sum(h => (h.Count + perCall - 1) / perCall);
            var batch = operation != TargetOperation.SetPort &&
                        (options.BatchMode == BatchMode.Always || (options.BatchMode == BatchMode.Auto && singleCalls > 1));
            var units = new List<Unit>();
            if (batch)
            {
                var ordered = holders.SelectMany(h => h).ToList();
                for (var i = 0; i < ordered.Count; i += perBatch)
                    units.Add(new Unit(operation, true, ordered.Skip(i).Take(perBatch).ToList()));
            }
            else
            {
                foreach (var h in holders)
                    for (var i = 0; i < h.Count; i += perCall)
                        units.Add(new Unit(operation, false, h.Skip(i).Take(perCall).ToList()));
            }
            return units;
        }

        /// <summary>One call's worth of targets.</summary>
        internal sealed class Unit
        {
            public Unit(TargetOperation operation, bool batch, List<TargetSpec> targets)
            {
                Operation = operation;
                Batch = batch;
                Targets = targets;
            }

            public TargetOperation Operation { get; }
            public bool Batch { get; }
            public List<TargetSpec> Targets { get; }
            public string Action => ActionFor(Operation, Batch);
            /// <summary>Whether the action starts a task (the Batch(De)RegisterTargets actions do not).</summary>
            public bool IsAsync => !(Batch && (Operation == TargetOperation.Register || Operation == TargetOperation.Deregister));

            public static string ActionFor(TargetOperation operation, bool batch) => operation switch
            {
                TargetOperation.Register => batch ? "BatchRegisterTargets" : "RegisterTargets",
                TargetOperation.Deregister => batch ? "BatchDeregisterTargets" : "DeregisterTargets",
                TargetOperation.SetWeight => batch ? "BatchModifyTargetWeight" : "ModifyTargetWeight",
                _ => "ModifyTargetPort",
            };

            public object BuildRequest(string loadBalancerId, List<TargetSpec> targets)
            {
                if (Batch && Operation == TargetOperation.SetWeight)
                    return new BatchModifyTargetWeightRequest
                    {
                        LoadBalancerId = loadBalancerId,
                        ModifyList = targets.GroupBy(t => t.HolderKey, StringComparer.Ordinal).Select(g => new RsWeightRule
                        {
                            ListenerId = g.First().ListenerId,
                            LocationId = g.First().LocationId,
                            Targets = g.Select(t => Target(t, t.Weight)).ToList(),
                        }).ToList(),
                    };
                if (Batch)
                {
                    var list = targets.Select(t => new BatchTarget
                    {
                        ListenerId = t.ListenerId,
                        LocationId = t.LocationId,
                        InstanceId = t.InstanceId,
                        EniIp = t.EniIp,
                        Port = t.Port,
                        Weight = Operation == TargetOperation.Register ? t.Weight : null,
                    }).ToList();
                    return Operation == TargetOperation.Register
                        ? new BatchRegisterTargetsRequest { LoadBalancerId = loadBalancerId, Targets = list }
                        : (object)new BatchDeregisterTargetsRequest { LoadBalancerId = loadBalancerId, Targets = list };
                }
                var first = targets[0];
                var weight = Operation == TargetOperation.Register || Operation == TargetOperation.SetWeight;
                var items = targets.Select(t => Target(t, weight ? t.Weight : null)).ToList();
                switch (Operation)
                {
                    case TargetOperation.Register:
                        return new RegisterTargetsRequest { LoadBalancerId = loadBalancerId, ListenerId = first.ListenerId, LocationId = first.LocationId, Domain = Rule(first)?.Domain, Url = Rule(first)?.Url, Targets = items };
                    case TargetOperation.Deregister:
                        return new DeregisterTargetsRequest { LoadBalancerId = loadBalancerId, ListenerId = first.ListenerId, LocationId = first.LocationId, Domain = Rule(first)?.Domain, Url = Rule(first)?.Url, Targets = items };
                    case TargetOperation.SetWeight:
                        return new ModifyTargetWeightRequest { LoadBalancerId = loadBalancerId, ListenerId = first.ListenerId, LocationId = first.LocationId, Domain = Rule(first)?.Domain, Url = Rule(first)?.Url, Targets = items };
                    default:
                        return new ModifyTargetPortRequest { LoadBalancerId = loadBalancerId, ListenerId = first.ListenerId, LocationId = first.LocationId, Domain = Rule(first)?.Domain, Url = Rule(first)?.Url, Targets = items, NewPort = first.NewPort };
                }
            }

            /// <summary>Domain+Url are sent only when the rule has no LocationId.</summary>
            private static TargetSpec? Rule(TargetSpec t) => t.LocationId == null ? t : null;

            private static Target Target(TargetSpec t, long? weight) => new Target
            {
                InstanceId = t.InstanceId,
                EniIp = t.EniIp,
                Port = t.Port,
                Weight = weight,
            };
        }
    }
}
