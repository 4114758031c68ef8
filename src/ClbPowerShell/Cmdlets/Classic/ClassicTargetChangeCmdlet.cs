using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Classic
{
    /// <summary>
    /// Shared by Register- and Unregister-ClbClassicTarget: the load balancer and instance parameters, gathering piped
    /// real servers per region and load balancer, one ShouldProcess per load balancer, then the chunked calls and -Wait.
    /// </summary>
    public abstract class ClassicTargetChangeCmdlet : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The classic load balancer (lb-xxxxxxxx). Binds from piped classic real servers.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">CVM instance ids (ins-xxxxxxxx). Binds from piped classic real servers; sent 20 per request.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Instance)]
        public string[] InstanceId { get; set; } = new string[0];

        private readonly List<(ClbClient Client, string LoadBalancerId)> _order = new List<(ClbClient, string)>();
        private readonly Dictionary<(ClbClient, string), List<(string InstanceId, long? Weight)>> _gathered =
            new Dictionary<(ClbClient, string), List<(string, long?)>>();

        /// <summary>How the change reads in -WhatIf / -Confirm.</summary>
        protected abstract string Describe(int count);
        /// <summary>The weight to send for the current record (Register only).</summary>
        protected virtual long? CurrentWeight => null;
        /// <summary>ShouldProcess (Unregister lets -Force skip the prompt).</summary>
        protected virtual bool Approve(string target, string action) => ShouldProcess(target, action);
        /// <summary>Sends the changes of one load balancer.</summary>
        protected abstract Task<IReadOnlyList<ChunkResult>> SendAsync(ClbClient client, string loadBalancerId, List<(string InstanceId, long? Weight)> items, CancellationToken cancellationToken);
        /// <summary>With -Wait: what to emit once the last task succeeded (the instances sent in accepted calls).</summary>
        protected abstract Task<object?> AfterSuccessAsync(ClbClient client, string loadBalancerId, HashSet<string> instanceIds, CancellationToken cancellationToken);

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var key = (client, LoadBalancerId);
            if (!_gathered.TryGetValue(key, out var list))
            {
                _gathered[key] = list = new List<(string, long?)>();
                _order.Add(key);
            }
            foreach (var id in InstanceId) list.Add((id, CurrentWeight));
        }

        protected override void EndProcessing()
        {
            var approved = new List<(ClbClient Client, string LoadBalancerId, List<(string InstanceId, long? Weight)> Items)>();
            foreach (var (client, lbId) in _order)
            {
                var items = _gathered[(client, lbId)];
                var distinct = items.Select(i => i.InstanceId).Distinct(StringComparer.Ordinal).ToList();
                var shown = string.Join(", ", distinct.Take(5)) + (distinct.Count > 5 ? ", ..." : "");
                if (Approve(lbId + " (" + shown + ")", Describe(distinct.Count))) approved.Add((client, lbId, items));
            }
            foreach (var (client, lbId, items) in approved)
            {
                Run(async cancellationToken =>
                {
                    var results = await SendAsync(client, lbId, items, cancellationToken).ConfigureAwait(false);
                    foreach (var failed in results.Where(r => r.Error != null))
                        PostError(failed.Error!, lbId);
                    var accepted = results.Where(r => r.Task != null).ToList();
                    if (accepted.Count == 0) return;
                    if (!Wait)
                    {
                        await EmitAsync(accepted.Select(r => r.Task).ToList(), enumerate: true).ConfigureAwait(false);
                        return;
                    }
                    var sent = new HashSet<string>(accepted.SelectMany(r => r.Ids), StringComparer.Ordinal);
                    await CompleteAsync(client, accepted[accepted.Count - 1].Task!,
                        ct => AfterSuccessAsync(client, lbId, sent, ct), cancellationToken).ConfigureAwait(false);
                }, lbId);
            }
        }
    }
}
