using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// Shared by Register-, Unregister- and Set-ClbTargetGroupInstance: the instance address parameters, gathering
    /// piped instances per region and target group, and one ShouldProcess per target group before anything is sent.
    /// </summary>
    public abstract class TargetGroupInstanceCmdlet : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The target group (lbtg-xxxxxxxx). Binds from piped target groups and instances.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.TargetGroup)]
        public string TargetGroupId { get; set; } = "";

        /// <summary><para type="description">Private IPv4 addresses of the instances. Binds from the BindIP of piped instances.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.IPv4)]
        public string[] BindIP { get; set; } = new string[0];

        private readonly List<ClbClient> _clients = new List<ClbClient>();
        private readonly Dictionary<ClbClient, List<TargetGroupInstanceChange>> _changes = new Dictionary<ClbClient, List<TargetGroupInstanceChange>>();

        /// <summary>The API action this cmdlet sends.</summary>
        protected abstract string Action { get; }
        /// <summary>How the change reads in -WhatIf / -Confirm.</summary>
        protected abstract string Describe(int count);
        /// <summary>The instance for one address of the current record (the port and weight of this cmdlet).</summary>
        protected abstract TargetGroupInstance Build(string bindIp);
        /// <summary>ShouldProcess; Unregister lets -Force skip the High-impact prompt.</summary>
        protected virtual bool Approve(string target, string action) => ShouldProcess(target, action);
        /// <summary>With -Wait: what to emit once the last task succeeded.</summary>
        protected abstract Task<object?> AfterSuccessAsync(ClbClient client, List<TargetGroupInstanceChange> changes, CancellationToken cancellationToken);

        protected override void ProcessRecord()
        {
            var client = GetClient();
            if (!_changes.TryGetValue(client, out var list))
            {
                _changes[client] = list = new List<TargetGroupInstanceChange>();
                _clients.Add(client);
            }
            foreach (var ip in BindIP) list.Add(new TargetGroupInstanceChange(TargetGroupId, Build(ip)));
        }

        protected override void EndProcessing()
        {
            var approved = new List<(ClbClient Client, List<TargetGroupInstanceChange> Changes)>();
            foreach (var client in _clients)
            {
                var kept = new List<TargetGroupInstanceChange>();
                foreach (var group in _changes[client].GroupBy(c => c.TargetGroupId))
                {
                    var items = group.ToList();
                    var addresses = string.Join(", ", items.Take(5).Select(c => c.Instance.BindIP + ":" + c.Instance.Port)) + (items.Count > 5 ? ", ..." : "");
                    if (Approve(group.Key + " (" + addresses + ")", Describe(items.Count))) kept.AddRange(items);
                }
                if (kept.Count > 0) approved.Add((client, kept));
            }
            foreach (var (client, changes) in approved)
            {
                Run(async cancellationToken =>
                {
                    var tasks = await TargetGroupOperations.ChangeInstancesAsync(client, Action, changes, TimeSpan.FromSeconds(Timeout), cancellationToken,
                        (id, ex) => PostError(ex, id)).ConfigureAwait(false);
                    if (tasks.Count == 0) return;
                    if (!Wait)
                    {
                        await EmitAsync(tasks, enumerate: true).ConfigureAwait(false);
                        return;
                    }
                    var done = new HashSet<string>(tasks.Select(t => t.ResourceId ?? ""), StringComparer.Ordinal);
                    await CompleteAsync(client, tasks[tasks.Count - 1],
                        ct => AfterSuccessAsync(client, changes.Where(c => done.Contains(c.TargetGroupId)).ToList(), ct), cancellationToken).ConfigureAwait(false);
                }, changes.Select(c => c.TargetGroupId).Distinct().ToArray());
            }
        }

        /// <summary>The instances as they are now, for -Wait.</summary>
        protected static async Task<object?> CurrentAsync(ClbClient client, List<TargetGroupInstanceChange> changes, bool useNewPort, CancellationToken cancellationToken) =>
            await TargetGroupOperations.FindInstancesAsync(client, changes, useNewPort, cancellationToken).ConfigureAwait(false);
    }
}
