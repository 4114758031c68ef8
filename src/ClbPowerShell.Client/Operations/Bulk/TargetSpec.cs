using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace ClbPowerShell.Client.Operations.Bulk
{
    /// <summary>
    /// One requested binding change: which backend (CVM instance id or ENI IP, and port) on which listener or
    /// layer-7 rule, with the weight (register, weight change) or new port (port change) wanted.
    /// </summary>
    public sealed class TargetSpec
    {
        public string LoadBalancerId { get; set; } = "";
        public string ListenerId { get; set; } = "";
        /// <summary>The layer-7 rule; null on layer-4 listeners (or when Domain+Url name the rule).</summary>
        public string? LocationId { get; set; }
        public string? Domain { get; set; }
        public string? Url { get; set; }
        public string? InstanceId { get; set; }
        public string? EniIp { get; set; }
        public long Port { get; set; }
        /// <summary>The weight to register with or change to; null leaves the service default (register) .</summary>
        public long? Weight { get; set; }
        /// <summary>For a port change: the port the backend moves to.</summary>
        public long? NewPort { get; set; }

        /// <summary>The backend within its binding: instance id or IP, and port.</summary>
        public string BackendKey => (InstanceId ?? EniIp ?? "?") + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The listener or rule the backend is bound to (rules by LocationId, else Domain+Url).</summary>
        public string HolderKey => ListenerId + "/" + (LocationId ?? (Domain != null || Url != null ? (Domain ?? "") + (Url ?? "") : ""));

        /// <summary>Identifies the binding across load balancers.</summary>
        public string Key => LoadBalancerId + "/" + HolderKey + "/" + BackendKey;

        public TargetSpec Clone() => (TargetSpec)MemberwiseClone();

        /// <summary>A spec for a target another cmdlet emitted (Get-ClbTarget, Find-ClbTargetBinding).</summary>
        public static TargetSpec From(ClbTarget target) => new TargetSpec
        {
            LoadBalancerId = target.LoadBalancerId,
            ListenerId = target.ListenerId,
            LocationId = string.IsNullOrEmpty(target.LocationId) ? null : target.LocationId,
            Domain = string.IsNullOrEmpty(target.LocationId) ? target.Domain : null,
            Url = string.IsNullOrEmpty(target.LocationId) ? target.Url : null,
            InstanceId = string.IsNullOrEmpty(target.InstanceId) ? null : target.InstanceId,
            EniIp = string.IsNullOrEmpty(target.InstanceId) ? target.EniIp : null,
            Port = target.Port,
            Weight = target.Weight,
        };

        /// <summary>The flattened target object the cmdlets emit for this binding (after the change).</summary>
        public ClbTarget ToClbTarget(string? region) => new ClbTarget
        {
            Region = region,
            LoadBalancerId = LoadBalancerId,
            ListenerId = ListenerId,
            LocationId = LocationId,
            Domain = Domain,
            Url = Url,
            Type = InstanceId != null ? "CVM" : "ENI",
            InstanceId = InstanceId,
            EniIp = EniIp,
            Port = NewPort ?? Port,
            Weight = Weight,
        };

        public override string ToString() =>
            BackendKey + " on " + LoadBalancerId + "/" + ListenerId +
            (LocationId != null ? "/" + LocationId : Domain != null || Url != null ? " (" + Domain + Url + ")" : "");
    }

    /// <summary>What happened to one requested target.</summary>
    public sealed class TargetOutcome
    {
        public TargetOutcome(TargetSpec target, bool succeeded, ClbException? error, string? action, string? requestId)
        {
            Target = target;
            Succeeded = succeeded;
            Error = error;
            Action = action;
            RequestId = requestId;
        }

        public TargetSpec Target { get; }
        public bool Succeeded { get; }
        /// <summary>Why it failed (null when it succeeded).</summary>
        public ClbException? Error { get; }
        /// <summary>The action that made (or last tried) the change.</summary>
        public string? Action { get; }
        public string? RequestId { get; }

        public override string ToString() => (Succeeded ? "done: " : "failed: ") + Target + (Error != null ? " (" + Error.Message + ")" : "");
    }

    /// <summary>The outcome of a bulk operation: one entry per requested target, in no particular order.</summary>
    public sealed class BulkResult
    {
        public BulkResult(IReadOnlyList<TargetOutcome> outcomes) { Outcomes = outcomes; }
        public IReadOnlyList<TargetOutcome> Outcomes { get; }
        public IEnumerable<TargetOutcome> Succeeded => Outcomes.Where(o => o.Succeeded);
        public IEnumerable<TargetOutcome> Failed => Outcomes.Where(o => !o.Succeeded);

        public static BulkResult Combine(params BulkResult[] results) => new BulkResult(results.SelectMany(r => r.Outcomes).ToList());
    }

    /// <summary>How far a bulk operation has got, for Write-Progress.</summary>
    public sealed class BulkProgress
    {
        public string Activity { get; set; } = "";
        public int Total { get; set; }
        public int Succeeded { get; set; }
        public int Failed { get; set; }
        /// <summary>What is happening now (a call sent, a task waited for, a verification).</summary>
        public string? Status { get; set; }
        public int PercentComplete => Total == 0 ? 100 : (int)Math.Min(100, (Succeeded + Failed) * 100L / Total);
    }

    /// <summary>When to use the Batch* actions instead of the per-listener ones.</summary>
    public enum BatchMode
    {
        /// <summary>Per listener when one call per load balancer suffices, Batch* when it takes more.</summary>
        Auto,
        Always,
        Never,
    }

    /// <summary>Tuning of the bulk engine. The defaults follow the documented limits.</summary>
    public sealed class BulkOptions
    {
        public static readonly BulkOptions Default = new BulkOptions();

        /// <summary>Targets per RegisterTargets / DeregisterTargets / ModifyTargetWeight / ModifyTargetPort call (documented: 20).</summary>
        public int MaxTargetsPerCall { get; set; } = 20;
        /// <summary>Targets per Batch* call (documented: 500).</summary>
        public int MaxTargetsPerBatch { get; set; } = 500;
        public BatchMode BatchMode { get; set; } = BatchMode.Auto;
        /// <summary>Load balancers worked on at once (each one's calls are always one after another).</summary>
        public int MaxParallelLoadBalancers { get; set; } = 16;
        /// <summary>How long one task may run before the targets it carries are verified against the service.</summary>
        public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(10);
        /// <summary>The poll schedule for tasks (null: the waiter's default).</summary>
        public TaskWaitOptions? TaskWait { get; set; }
        /// <summary>Sends of one call (the first included) after throttling or ambiguous failures before its targets are given up.</summary>
        public int MaxAttempts { get; set; } = 8;
        /// <summary>How long, in all, to keep retrying a call refused because its load balancer is busy with a task not ours.</summary>
        public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromMinutes(5);
        /// <summary>The first wait after throttling or a busy load balancer; doubles up to 5 s.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    }

    /// <summary>Collects outcomes from parallel workers and reports progress.</summary>
    internal sealed class OutcomeSink
    {
        private readonly object _sync = new object();
        private readonly List<TargetOutcome> _outcomes = new List<TargetOutcome>();
        private readonly IProgress<BulkProgress>? _progress;
        private readonly string _activity;
        private readonly int _total;
        private int _succeeded, _failed;

        public OutcomeSink(string activity, int total, IProgress<BulkProgress>? progress)
        {
            _activity = activity;
            _total = total;
            _progress = progress;
        }

        public void Add(TargetOutcome outcome, string? status = null) => AddRange(new[] { outcome }, status);

        public void AddRange(IEnumerable<TargetOutcome> outcomes, string? status = null)
        {
            lock (_sync)
            {
                foreach (var o in outcomes)
                {
                    _outcomes.Add(o);
                    if (o.Succeeded) _succeeded++; else _failed++;
                }
            }
            Report(status);
        }

        public void Report(string? status)
        {
            if (_progress == null) return;
            BulkProgress p;
            lock (_sync) p = new BulkProgress { Activity = _activity, Total = _total, Succeeded = _succeeded, Failed = _failed, Status = status };
            _progress.Report(p);
        }

        public BulkResult Result()
        {
            lock (_sync) return new BulkResult(_outcomes.ToList());
        }
    }
}
