using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Listeners
{
    /// <summary>
    /// <para type="synopsis">Deletes listeners, with their rules and target bindings.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbListener", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask), typeof(Listener))]
    [ClbApiAction("DeleteListener", "DeleteLoadBalancerListeners", "DescribeListeners", "DescribeTaskStatus")]
    public sealed class RemoveClbListenerCommand : ClbAsyncCmdlet
    {
        private readonly List<(ClbClient Client, string LoadBalancerId, string ListenerId)> _pending = new List<(ClbClient, string, string)>();

        /// <summary><para type="description">The listeners' load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId of piped listeners.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listeners to delete (lbl-xxxxxxxx). Binds from the ListenerId of piped listeners; piped listeners of one load balancer are deleted together, 20 per call.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string[] ListenerId { get; set; } = new string[0];

        /// <summary><para type="description">Delete without asking for confirmation (-WhatIf still only reports).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Emit the deleted listeners as they were just before deletion (with -Wait, once the deletion finished).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            foreach (var id in ListenerId)
            {
                if (!ShouldProcessUnlessForced(Force, id + " on " + LoadBalancerId, "Delete listener")) continue;
                _pending.Add((client, LoadBalancerId, id));
            }
        }


        /// <summary>Piped listeners are deleted here: per load balancer, one DeleteListener or DeleteLoadBalancerListeners call per 20.</summary>
        protected override void EndProcessing()
        {
            foreach (var byClient in _pending.GroupBy(p => p.Client))
            {
                var client = byClient.Key;
                var groups = ListenerOperations.GroupByLoadBalancer(byClient.Select(p => new KeyValuePair<string, string>(p.LoadBalancerId, p.ListenerId)));
                foreach (var group in groups)
                {
                    Run(async cancellationToken =>
                    {
                        IReadOnlyList<Listener> before = new List<Listener>();
                        if (PassThru) before = await ListenerOperations.GetAsync(client, group.Key, group.Value, cancellationToken).ConfigureAwait(false);
                        var results = await ListenerOperations.DeleteAsync(client, group.Key, group.Value, TimeSpan.FromSeconds(Timeout), cancellationToken).ConfigureAwait(false);
                        foreach (var result in results)
                        {
                            if (result.Error != null)
                            {
                                PostError(result.Error, string.Join(",", result.Ids));
                                continue;
                            }
                            var task = result.Task!;
                            PostVerbose(task.Action + " accepted for " + string.Join(", ", result.Ids) + " on " + group.Key + " (task " + task.TaskId + ").");
                            var deleted = before.Where(l => result.Ids.Contains(l.ListenerId ?? "")).ToList();
                            if (!Wait)
                            {
                                await EmitAsync(task).ConfigureAwait(false);
                                if (PassThru) await EmitAsync(deleted, enumerate: true).ConfigureAwait(false);
                                continue;
                            }
                            if (await WaitForAsync(client, task, cancellationToken).ConfigureAwait(false) && PassThru)
                                await EmitAsync(deleted, enumerate: true).ConfigureAwait(false);
                        }
                    }, group.Key);
                }
            }
        }
    }
}
