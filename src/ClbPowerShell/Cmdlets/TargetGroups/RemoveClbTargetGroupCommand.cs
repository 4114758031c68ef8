using System.Collections.Generic;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// <para type="synopsis">Deletes target groups.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbTargetGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(string))]
    [ClbApiAction("DeleteTargetGroups")]
    public sealed class RemoveClbTargetGroupCommand : ClbCmdlet
    {
        /// <summary><para type="description">Target groups to delete (lbtg-xxxxxxxx). Piped groups are gathered and deleted 20 per call.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.TargetGroup)]
        public string[] TargetGroupId { get; set; } = new string[0];

        /// <summary><para type="description">Delete without asking for confirmation (unless -Confirm is given too).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Emit the id of each deleted target group.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly Dictionary<ClbClient, List<string>> _byClient = new Dictionary<ClbClient, List<string>>();
        private readonly List<ClbClient> _order = new List<ClbClient>();
        private readonly HashSet<string> _seen = new HashSet<string>();

        protected override void ProcessRecord()
        {
            var client = GetClient();
            foreach (var id in TargetGroupId)
            {
                if (!_seen.Add(client.Region + "|" + id)) continue;
                if (!ForceApproval.Approve(this, Force, id, "Delete target group")) continue;
                if (!_byClient.TryGetValue(client, out var list))
                {
                    _byClient[client] = list = new List<string>();
                    _order.Add(client);
                }
                list.Add(id);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var client in _order)
            {
                var ids = _byClient[client];
                Run(async cancellationToken =>
                {
                    var deleted = await TargetGroupOperations.DeleteAsync(client, ids, (id, ex) => PostError(ex, id), cancellationToken).ConfigureAwait(false);
                    PostVerbose("Deleted " + deleted.Count + " of " + ids.Count + " target group(s) in " + client.Region + ".");
                    if (PassThru) await EmitAsync(deleted, enumerate: true).ConfigureAwait(false);
                }, ids);
            }
        }
    }
}
