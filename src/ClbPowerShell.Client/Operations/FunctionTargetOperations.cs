using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>Where function targets are bound: a listener and one of its rules (by LocationId, or Domain + Url).</summary>
    public sealed class FunctionTargetBinding
    {
        public string LoadBalancerId { get; set; } = "";
        public string ListenerId { get; set; } = "";
        public string? LocationId { get; set; }
        public string? Domain { get; set; }
        public string? Url { get; set; }

        public override string ToString() =>
            LoadBalancerId + "/" + ListenerId + (LocationId != null ? "/" + LocationId : Domain != null ? "/" + Domain + (Url ?? "") : "");
    }

    /// <summary>
    /// Cloud functions (SCF) as backends of layer-7 rules: bind (RegisterFunctionTargets, async), unbind
    /// (DeregisterFunctionTargets, async), change weight (ModifyFunctionTargets), and read them back from DescribeTargets.
    /// </summary>
    public static class FunctionTargetOperations
    {
        /// <summary>A function target for a request; the qualifier type is sent only when given.</summary>
        public static FunctionTarget Target(string functionNamespace, string functionName, string functionQualifier, string? functionQualifierType, long? weight) =>
            new FunctionTarget
            {
                Function = new FunctionInfo
                {
                    FunctionNamespace = functionNamespace,
                    FunctionName = functionName,
                    FunctionQualifier = functionQualifier,
                    FunctionQualifierType = functionQualifierType,
                },
                Weight = weight,
            };

        /// <summary>Binds functions to a rule; returns the task (RegisterFunctionTargets is asynchronous).</summary>
        public static async Task<ClbTask> RegisterAsync(ClbClient client, FunctionTargetBinding binding, IReadOnlyList<FunctionTarget> targets, CancellationToken cancellationToken)
        {
            var response = await SendAsync(client, "RegisterFunctionTargets", binding, targets, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "RegisterFunctionTargets", response, binding.LoadBalancerId, binding.LocationId ?? binding.ListenerId);
        }

        /// <summary>Unbinds functions from a rule; returns the task (DeregisterFunctionTargets is asynchronous).</summary>
        public static async Task<ClbTask> DeregisterAsync(ClbClient client, FunctionTargetBinding binding, IReadOnlyList<FunctionTarget> targets, CancellationToken cancellationToken)
        {
            var response = await SendAsync(client, "DeregisterFunctionTargets", binding, targets, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "DeregisterFunctionTargets", response, binding.LoadBalancerId, binding.LocationId ?? binding.ListenerId);
        }

        /// <summary>Changes bound functions (their weight); ModifyFunctionTargets is synchronous. Returns the RequestId.</summary>
        public static async Task<string?> ModifyAsync(ClbClient client, FunctionTargetBinding binding, IReadOnlyList<FunctionTarget> targets, CancellationToken cancellationToken)
        {
            var response = await SendAsync(client, "ModifyFunctionTargets", binding, targets, cancellationToken).ConfigureAwait(false);
            return ClbClient.TryGetRequestId(response);
        }

        /// <summary>
        /// Register-, Deregister- and ModifyFunctionTargets take the very same fields, so one request shape serves
        /// all three: the rule by LocationId, or by Domain and Url when no LocationId is given.
        /// </summary>
        private static Task<System.Text.Json.JsonElement> SendAsync(ClbClient client, string action, FunctionTargetBinding binding,
            IReadOnlyList<FunctionTarget> targets, CancellationToken cancellationToken)
        {
            Check(binding, targets);
            return client.InvokeAsync(action, new RegisterFunctionTargetsRequest
            {
                LoadBalancerId = binding.LoadBalancerId,
                ListenerId = binding.ListenerId,
                LocationId = binding.LocationId,
                Domain = binding.LocationId == null ? binding.Domain : null,
                Url = binding.LocationId == null ? binding.Url : null,
                FunctionTargets = targets.ToList(),
            }, cancellationToken);
        }

        /// <summary>
        /// The functions bound to one listener (DescribeTargets), narrowed to one rule when the binding names one.
        /// </summary>
        public static async Task<List<ClbFunctionTarget>> ListAsync(ClbClient client, FunctionTargetBinding binding, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync<DescribeTargetsResponse>("DescribeTargets", new DescribeTargetsRequest
            {
                LoadBalancerId = binding.LoadBalancerId,
                ListenerIds = string.IsNullOrEmpty(binding.ListenerId) ? null : new List<string> { binding.ListenerId },
            }, cancellationToken).ConfigureAwait(false);
            return Flatten(client.Region, binding.LoadBalancerId, response.Listeners)
                .Where(f => string.IsNullOrEmpty(binding.ListenerId) || f.ListenerId == binding.ListenerId)
                .Where(f => binding.LocationId != null ? f.LocationId == binding.LocationId
                          : binding.Domain == null || (string.Equals(f.Domain, binding.Domain, StringComparison.OrdinalIgnoreCase) && (binding.Url == null || f.Url == binding.Url)))
                .ToList();
        }

        /// <summary>Flattens the FunctionTargets of a DescribeTargets answer (they hang off layer-7 rules).</summary>
        public static IEnumerable<ClbFunctionTarget> Flatten(string? region, string loadBalancerId, IEnumerable<ListenerBackend>? listeners)
        {
            if (listeners == null) yield break;
            foreach (var listener in listeners)
            {
                if (listener?.Rules == null) continue;
                foreach (var rule in listener.Rules)
                {
                    if (rule?.FunctionTargets == null) continue;
                    foreach (var f in rule.FunctionTargets)
                    {
                        if (f?.Function == null) continue;
                        yield return new ClbFunctionTarget
                        {
                            Region = region,
                            LoadBalancerId = loadBalancerId,
                            ListenerId = listener.ListenerId ?? "",
                            LocationId = TargetQueryOperations.NullIfEmpty(rule.LocationId),
                            Domain = TargetQueryOperations.NullIfEmpty(rule.Domain),
                            Url = TargetQueryOperations.NullIfEmpty(rule.Url),
                            Protocol = listener.Protocol,
                            ListenerPort = listener.Port,
                            FunctionNamespace = f.Function.FunctionNamespace ?? "",
                            FunctionName = f.Function.FunctionName ?? "",
                            FunctionQualifier = TargetQueryOperations.NullIfEmpty(f.Function.FunctionQualifier),
                            FunctionQualifierType = TargetQueryOperations.NullIfEmpty(f.Function.FunctionQualifierType),
                            Weight = f.Weight,
                        };
                    }
                }
            }
        }

        /// <summary>True when a listed function target is the one a request names (namespace, name and qualifier).</summary>
        public static bool Matches(ClbFunctionTarget bound, FunctionTarget requested) =>
            requested.Function != null &&
            string.Equals(bound.FunctionNamespace, requested.Function.FunctionNamespace, StringComparison.Ordinal) &&
            string.Equals(bound.FunctionName, requested.Function.FunctionName, StringComparison.Ordinal) &&
            (requested.Function.FunctionQualifier == null || string.Equals(bound.FunctionQualifier, requested.Function.FunctionQualifier, StringComparison.Ordinal));

        private static void Check(FunctionTargetBinding binding, IReadOnlyList<FunctionTarget> targets)
        {
            if (string.IsNullOrEmpty(binding.LoadBalancerId)) throw new ArgumentException("A load balancer id is required.", nameof(binding));
            if (string.IsNullOrEmpty(binding.ListenerId)) throw new ArgumentException("A listener id is required.", nameof(binding));
            if (binding.LocationId == null && (binding.Domain == null) != (binding.Url == null))
                throw new ArgumentException("A rule is named by its LocationId or by Domain and Url together.", nameof(binding));
            if (targets == null || targets.Count == 0) throw new ArgumentException("At least one function target is required.", nameof(targets));
            foreach (var t in targets)
                if (t?.Function == null || string.IsNullOrEmpty(t.Function.FunctionNamespace) || string.IsNullOrEmpty(t.Function.FunctionName) ||
                    string.IsNullOrEmpty(t.Function.FunctionQualifier))
                    throw new ArgumentException("Each function target needs a namespace, a name and a qualifier.", nameof(targets));
        }
    }
}
