using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.LoadBalancers
{
    /// <summary>
    /// <para type="synopsis">Deletes load balancers, with their listeners, rules and target bindings.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask), typeof(LoadBalancer))]
    [ClbApiAction("DeleteLoadBalancer", "DescribeLoadBalancers")]
    public sealed class RemoveClbLoadBalancerCommand : ClbAsyncCmdlet
    {
        private readonly Dictionary<string, (ClbClient Client, List<string> Ids)> _pending = new Dictionary<string, (ClbClient, List<string>)>();

        /// <summary><para type="description">The load balancers to delete (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects; piped ids are deleted together, 20 per call.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">Delete without asking for confirmation (-WhatIf still only reports).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Emit the deleted load balancers as they were just before deletion (with -Wait, once the deletion finished).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var key = client.Region + "|" + client.Endpoint;
            foreach (var id in LoadBalancerId)
            {
                if (!ShouldProcessUnlessForced(Force, id + " (" + client.Region + ")", "Delete load balancer")) continue;
                if (!_pending.TryGetValue(key, out var entry)) _pending[key] = entry = (client, new List<string>());
                if (!entry.Ids.Contains(id)) entry.Ids.Add(id);
            }
        }


        /// <summary>Piped ids are deleted here, per region, in as few calls as the API allows.</summary>
        protected override void EndProcessing()
        {
            foreach (var (client, ids) in _pending.Values)
            {
                Run(async cancellationToken =>
                {
                    IReadOnlyList<LoadBalancer> before = new List<LoadBalancer>();
                    if (PassThru) before = await LoadBalancerOperations.GetManyAsync(client, ids, cancellationToken).ConfigureAwait(false);
                    var results = await LoadBalancerOperations.DeleteAsync(client, ids, cancellationToken).ConfigureAwait(false);
                    foreach (var result in results)
                    {
                        if (result.Error != null)
                        {
                            PostError(result.Error, string.Join(",", result.Ids));
                            continue;
                        }
                        var task = result.Task!;
                        PostVerbose("DeleteLoadBalancer accepted for " + string.Join(", ", result.Ids) + " (task " + task.TaskId + ").");
                        var deleted = before.Where(lb => result.Ids.Contains(lb.LoadBalancerId ?? "")).ToList();
                        if (!Wait)
                        {
                            await EmitAsync(task).ConfigureAwait(false);
                            if (PassThru) await EmitAsync(deleted, enumerate: true).ConfigureAwait(false);
                            continue;
                        }
                        if (await WaitForAsync(client, task, cancellationToken).ConfigureAwait(false) && PassThru)
                            await EmitAsync(deleted, enumerate: true).ConfigureAwait(false);
                    }
                }, string.Join(",", ids));
            }
        }
    }
}
