using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Operations.Bulk
{
    /// <summary>One change of a sync plan.</summary>
    public sealed class TargetChange
    {
        public TargetChange(TargetOperation operation, TargetSpec target, long? oldWeight, long? newWeight)
        {
            Operation = operation;
            Target = target;
            OldWeight = oldWeight;
            NewWeight = newWeight;
        }

        public TargetOperation Operation { get; }
        /// <summary>The binding: Port is the current port (the new one is <see cref="TargetSpec.NewPort"/> for a port change).</summary>
        public TargetSpec Target { get; }
        public long? OldWeight { get; }
        /// <summary>The weight wanted (register: null leaves the service default).</summary>
        public long? NewWeight { get; }

        /// <summary>One line for -WhatIf: what changes on which binding.</summary>
        public string Description
        {
            get
            {
                var w = (Func<long?, string>)(x => x?.ToString(CultureInfo.InvariantCulture) ?? "default");
                switch (Operation)
                {
                    case TargetOperation.Register: return "Register (weight " + w(NewWeight) + ")";
                    case TargetOperation.Deregister: return "Deregister";
                    case TargetOperation.SetWeight: return "Set weight " + w(OldWeight) + " -> " + w(NewWeight);
                    default:
                        return "Set port " + Target.Port.ToString(CultureInfo.InvariantCulture) + " -> " +
                               Target.NewPort?.ToString(CultureInfo.InvariantCulture) +
                               (NewWeight != null && NewWeight != OldWeight ? " (then weight " + w(OldWeight) + " -> " + w(NewWeight) + ")" : "");
                }
            }
        }

        public override string ToString() => Description + ": " + Target;
    }

    /// <summary>What to do to make a listener's or rule's targets equal a desired set.</summary>
    public sealed class TargetSyncPlan
    {
        public TargetSyncPlan(IReadOnlyList<TargetChange> changes, IReadOnlyList<ClbTarget> unchanged)
        {
            Changes = changes;
            Unchanged = unchanged;
        }

        /// <summary>Registers first, then port changes, weight changes and deregisters (the order they are carried out in).</summary>
        public IReadOnlyList<TargetChange> Changes { get; }
        public IReadOnlyList<ClbTarget> Unchanged { get; }
        public IEnumerable<TargetChange> Of(TargetOperation operation) => Changes.Where(c => c.Operation == operation);
        public bool IsEmpty => Changes.Count == 0;

        /// <summary>The same plan with only the changes <paramref name="keep"/> accepts (what -Confirm/-WhatIf let through).</summary>
        public TargetSyncPlan Where(Func<TargetChange, bool> keep) => new TargetSyncPlan(Changes.Where(keep).ToList(), Unchanged);
    }

    /// <summary>
    /// Computes and carries out the changes that make one listener's (or rule's) targets equal a desired set:
    /// register the missing, move a backend that only changes port (ModifyTargetPort), correct weights, deregister
    /// the extra - optionally draining them first (weight 0, wait, then deregister).
    /// </summary>
    public static class TargetSync
    {
        /// <summary>
        /// The plan (a pure function). Targets match by instance id (or ENI IP) and port. A backend whose only
        /// difference is its port is moved rather than removed and added. A desired weight of null means "any weight"
        /// for a kept target and the service default for a new one. Every change carries the holder's ids.
        /// </summary>
        public static TargetSyncPlan Plan(IEnumerable<ClbTarget> current, IEnumerable<TargetSpec> desired,
            string loadBalancerId, string listenerId, string? locationId)
        {
            var currentList = current.ToList();
            var desiredList = desired.ToList();
            foreach (var dup in desiredList.GroupBy(d => d.BackendKey, StringComparer.Ordinal).Where(g => g.Count() > 1))
                throw new ArgumentException("The desired set names " + dup.Key + " more than once.");
            foreach (var d in desiredList)
                if (string.IsNullOrEmpty(d.InstanceId) == string.IsNullOrEmpty(d.EniIp))
                    throw new ArgumentException("Each desired target needs either an InstanceId or an EniIp (" + d + ").");

            TargetSpec Bind(string? instanceId, string? eniIp, long port, long? weight) => new TargetSpec
            {
                LoadBalancerId = loadBalancerId,
                ListenerId = listenerId,
                LocationId = locationId,
                InstanceId = string.IsNullOrEmpty(instanceId) ? null : instanceId,
                EniIp = string.IsNullOrEmpty(instanceId) ? eniIp : null,
                Port = port,
                Weight = weight,
            };

            string Backend(string? instanceId, string? eniIp) => string.IsNullOrEmpty(instanceId) ? "ip:" + eniIp : "ins:" + instanceId;

            var registers = new List<TargetChange>();
            var ports = new List<TargetChange>();
            var weights = new List<TargetChange>();
            var deregisters = new List<TargetChange>();
            var unchanged = new List<ClbTarget>();

            var backends = currentList.Select(c => Backend(c.InstanceId, c.EniIp))
                .Concat(desiredList.Select(d => Backend(d.InstanceId, d.EniIp)))
                .Distinct(StringComparer.Ordinal).OrderBy(x => x, StringComparer.Ordinal);
            foreach (var backend in backends)
            {
                var have = currentList.Where(c => Backend(c.InstanceId, c.EniIp) == backend).OrderBy(c => c.Port).ToList();
                var want = desiredList.Where(d => Backend(d.InstanceId, d.EniIp) == backend).OrderBy(d => d.Port).ToList();
                var haveLeft = new List<ClbTarget>();
                foreach (var c in have)
                {
                    var d = want.FirstOrDefault(x => x.Port == c.Port);
                    if (d == null) { haveLeft.Add(c); continue; }
                    want.Remove(d);
                    if (d.Weight != null && d.Weight != c.Weight)
                        weights.Add(new TargetChange(TargetOperation.SetWeight, Bind(c.InstanceId, c.EniIp, c.Port, d.Weight), c.Weight, d.Weight));
                    else unchanged.Add(c);
                }
                // What is left on both sides pairs up in port order: those backends only change port.
                var pairs = Math.Min(haveLeft.Count, want.Count);
                for (var i = 0; i < pairs; i++)
                {
                    var c = haveLeft[i];
                    var d = want[i];
                    var spec = Bind(c.InstanceId, c.EniIp, c.Port, d.Weight ?? c.Weight);
                    spec.NewPort = d.Port;
                    ports.Add(new TargetChange(TargetOperation.SetPort, spec, c.Weight, d.Weight ?? c.Weight));
                }
                foreach (var d in want.Skip(pairs))
                    registers.Add(new TargetChange(TargetOperation.Register, Bind(d.InstanceId, d.EniIp, d.Port, d.Weight), null, d.Weight));
                foreach (var c in haveLeft.Skip(pairs))
                    deregisters.Add(new TargetChange(TargetOperation.Deregister, Bind(c.InstanceId, c.EniIp, c.Port, c.Weight), c.Weight, null));
            }
            return new TargetSyncPlan(registers.Concat(ports).Concat(weights).Concat(deregisters).ToList(), unchanged);
        }

        /// <summary>Reads the current targets of one listener or rule (DescribeTargets).</summary>
        public static async Task<IReadOnlyList<ClbTarget>> ReadAsync(ClbClient client, string loadBalancerId, string listenerId, string? locationId,
            CancellationToken cancellationToken)
        {
            var state = await TargetState.ReadAsync(client, loadBalancerId, new[] { listenerId }, cancellationToken).ConfigureAwait(false);
            if (!state.HasListener(listenerId))
                throw new ClbApiException("InvalidParameter.ListenerIdNotFound", "The load balancer " + loadBalancerId + " has no listener " + listenerId + ".",
                    null, "DescribeTargets", client.Endpoint.ToString());
            return state.Targets(client.Region, listenerId, locationId);
        }

        /// <summary>The LocationId of the rule Domain+Url names on a listener (DescribeTargets), or null.</summary>
        public static async Task<string?> ResolveLocationAsync(ClbClient client, string loadBalancerId, string listenerId, string domain, string url,
            CancellationToken cancellationToken)
        {
            var state = await TargetState.ReadAsync(client, loadBalancerId, new[] { listenerId }, cancellationToken).ConfigureAwait(false);
            return state.ResolveLocation(new TargetSpec { LoadBalancerId = loadBalancerId, ListenerId = listenerId, Domain = domain, Url = url });
        }

        /// <summary>
        /// Carries out a plan: registers, port changes (then the weight, where it changes too), weight changes, then
        /// deregisters. With <paramref name="drain"/> &gt; 0 the leaving targets first get weight 0, then after that
        /// long they are deregistered. <paramref name="onPhase"/> hears each phase (for verbose output).
        /// </summary>
        public static async Task<BulkResult> ApplyAsync(ClbClient client, TargetSyncPlan plan, TimeSpan drain, BulkOptions? options,
            IProgress<BulkProgress>? progress, Action<string>? onPhase, CancellationToken cancellationToken)
        {
            var results = new List<BulkResult>();
            var register = plan.Of(TargetOperation.Register).Select(c => c.Target).ToList();
            var move = plan.Of(TargetOperation.SetPort).Select(c => c.Target).ToList();
            var reweight = plan.Of(TargetOperation.SetWeight).Select(c => c.Target).ToList();
            var leave = plan.Of(TargetOperation.Deregister).Select(c => c.Target).ToList();

            if (register.Count > 0)
            {
                onPhase?.Invoke("Registering " + register.Count + " target(s).");
                results.Add(await BulkTargetOperations.RegisterAsync(client, register, options, progress, cancellationToken).ConfigureAwait(false));
            }
            if (move.Count > 0)
            {
                onPhase?.Invoke("Moving " + move.Count + " target(s) to new ports.");
                var moved = await BulkTargetOperations.SetPortAsync(client, move, options, progress, cancellationToken).ConfigureAwait(false);
                results.Add(moved);
                // A moved target whose weight changes too: the weight is set on its new port.
                var change = plan.Of(TargetOperation.SetPort).Where(c => c.NewWeight != null && c.NewWeight != c.OldWeight).Select(c => c.Target.Key).ToList();
                var after = moved.Succeeded.Where(o => change.Contains(o.Target.Key)).Select(o =>
                {
                    var t = o.Target.Clone();
                    t.Port = t.NewPort!.Value;
                    t.NewPort = null;
                    return t;
                }).ToList();
                if (after.Count > 0)
                    reweight.AddRange(after);
            }
            if (reweight.Count > 0)
            {
                onPhase?.Invoke("Setting the weight of " + reweight.Count + " target(s).");
                results.Add(await BulkTargetOperations.SetWeightAsync(client, reweight, options, progress, cancellationToken).ConfigureAwait(false));
            }
            if (leave.Count > 0)
            {
                var deregister = leave;
                if (drain > TimeSpan.Zero)
                {
                    var toDrain = leave.Where(t => t.Weight != 0).Select(t => { var c = t.Clone(); c.Weight = 0; return c; }).ToList();
                    if (toDrain.Count > 0)
                    {
                        onPhase?.Invoke("Draining " + toDrain.Count + " target(s): weight 0, then deregistering after " +
                                        drain.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s.");
                        var drained = await BulkTargetOperations.SetWeightAsync(client, toDrain, options, progress, cancellationToken).ConfigureAwait(false);
                        // A target whose drain failed is not pulled while it still takes traffic: its failure is reported instead.
                        results.Add(new BulkResult(drained.Failed.ToList()));
                        var failed = new HashSet<string>(drained.Failed.Select(o => o.Target.Key), StringComparer.Ordinal);
                        deregister = leave.Where(t => !failed.Contains(t.Key)).ToList();
                        progress?.Report(new BulkProgress { Activity = "Draining targets", Total = deregister.Count, Status = "Waiting " + drain.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s before deregistering" });
                        await Task.Delay(drain, cancellationToken).ConfigureAwait(false);
                    }
                }
                if (deregister.Count > 0)
                {
                    onPhase?.Invoke("Deregistering " + deregister.Count + " target(s).");
                    results.Add(await BulkTargetOperations.DeregisterAsync(client, deregister, options, progress, cancellationToken).ConfigureAwait(false));
                }
            }
            return BulkResult.Combine(results.ToArray());
        }
    }
}
