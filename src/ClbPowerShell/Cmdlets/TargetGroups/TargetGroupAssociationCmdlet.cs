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
    /// Shared by Add- and Remove-ClbTargetGroupAssociation: the association parameters (all bind from piped
    /// listeners, rules and associations), gathering per region, ShouldProcess per association, 20 per call.
    /// </summary>
    public abstract class TargetGroupAssociationCmdlet : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from piped listeners, rules and associations.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listener (lbl-xxxxxxxx). Binds from piped listeners, rules and associations.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The forwarding rule (loc-xxxxxxxx) of an HTTP/HTTPS listener; leave it out for TCP/UDP listeners. Binds from piped rules and associations.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? LocationId { get; set; }

        /// <summary><para type="description">The target group (lbtg-xxxxxxxx). Binds from piped target groups and associations.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.TargetGroup)]
        public string TargetGroupId { get; set; } = "";

        private readonly List<ClbClient> _clients = new List<ClbClient>();
        private readonly Dictionary<ClbClient, List<TargetGroupAssociation>> _associations = new Dictionary<ClbClient, List<TargetGroupAssociation>>();

        protected abstract bool Associate { get; }
        /// <summary>ShouldProcess; Remove lets -Force skip the High-impact prompt.</summary>
        protected virtual bool Approve(string target, string action) => ShouldProcess(target, action);

        protected override void ProcessRecord()
        {
            // A rule piped in from an association listing may carry an empty LocationId for layer-4 listeners.
            var location = string.IsNullOrEmpty(LocationId) ? null : LocationId;
            // Checked here rather than by ValidatePattern: piped layer-4 associations carry a null LocationId.
            if (location != null && !System.Text.RegularExpressions.Regex.IsMatch(location, ClbIdPatterns.Location))
                RefuseParameter("LocationId", "a rule id looks like loc-xxxxxxxx (8 lowercase letters or digits).", location);
            var where = LoadBalancerId + "/" + ListenerId + (location != null ? "/" + location : "");
            if (!Approve(where, (Associate ? "Associate target group " : "Disassociate target group ") + TargetGroupId)) return;
            var client = GetClient();
            if (!_associations.TryGetValue(client, out var list))
            {
                _associations[client] = list = new List<TargetGroupAssociation>();
                _clients.Add(client);
            }
            list.Add(new TargetGroupAssociation { LoadBalancerId = LoadBalancerId, ListenerId = ListenerId, LocationId = location, TargetGroupId = TargetGroupId });
        }

        protected override void EndProcessing()
        {
            foreach (var client in _clients)
            {
                var associations = _associations[client];
                Run(async cancellationToken =>
                {
                    var tasks = await TargetGroupOperations.ChangeAssociationsAsync(client, Associate, associations, TimeSpan.FromSeconds(Timeout), cancellationToken).ConfigureAwait(false);
                    if (!Wait)
                    {
                        await EmitAsync(tasks, enumerate: true).ConfigureAwait(false);
                        return;
                    }
                    await CompleteAsync(client, tasks[tasks.Count - 1], Associate
                        ? async ct => (object?)await TargetGroupOperations.FindAssociationsAsync(client, associations, ct).ConfigureAwait(false)
                        : (Func<CancellationToken, Task<object?>>?)null, cancellationToken).ConfigureAwait(false);
                }, associations.Select(a => a.TargetGroupId).Distinct().ToArray());
            }
        }
    }
}
