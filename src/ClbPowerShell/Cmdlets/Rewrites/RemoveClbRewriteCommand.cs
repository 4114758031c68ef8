using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rewrites
{
    /// <summary>
    /// <para type="synopsis">Deletes redirects between layer-7 rules; the rules themselves stay.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbRewrite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbRewrite))]
    [ClbApiAction("DeleteRewrite")]
    public sealed class RemoveClbRewriteCommand : ClbCmdlet
    {
        private readonly Dictionary<string, (ClbClient Client, List<ClbRewrite> Rewrites)> _pending = new Dictionary<string, (ClbClient, List<ClbRewrite>)>();

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped redirects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listener (lbl-xxxxxxxx) of the redirecting rules. Binds from piped redirects.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string SourceListenerId { get; set; } = "";

        /// <summary><para type="description">The listener (lbl-xxxxxxxx) of the rules redirected to. Binds from piped redirects.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string TargetListenerId { get; set; } = "";

        /// <summary><para type="description">The redirecting rules (loc-xxxxxxxx), paired in order with -TargetLocationId. Binds from piped redirects.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string[] SourceLocationId { get; set; } = new string[0];

        /// <summary><para type="description">The rules redirected to (loc-xxxxxxxx), one for each -SourceLocationId. Binds from piped redirects.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string[] TargetLocationId { get; set; } = new string[0];

        /// <summary><para type="description">Delete without asking for confirmation (-WhatIf still only reports).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Emit the deleted redirects.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (SourceLocationId.Length != TargetLocationId.Length)
                RefuseParameter("TargetLocationId", "give one target rule for each -SourceLocationId (" + SourceLocationId.Length + " source(s), " + TargetLocationId.Length + " target(s)).");
            var client = GetClient();
            var key = client.Region + "|" + client.Endpoint;
            for (var i = 0; i < SourceLocationId.Length; i++)
            {
                var rewrite = new ClbRewrite
                {
                    Region = client.Region,
                    LoadBalancerId = LoadBalancerId,
                    SourceListenerId = SourceListenerId,
                    TargetListenerId = TargetListenerId,
                    SourceLocationId = SourceLocationId[i],
                    TargetLocationId = TargetLocationId[i],
                };
                if (!ShouldProcessUnlessForced(Force, LoadBalancerId + " " + rewrite + " (" + client.Region + ")", "Delete redirect")) continue;
                if (!_pending.TryGetValue(key, out var entry)) _pending[key] = entry = (client, new List<ClbRewrite>());
                entry.Rewrites.Add(rewrite);
            }
        }

        /// <summary>Piped redirects are deleted here, one request per load balancer and listener pair (100 redirects each).</summary>
        protected override void EndProcessing()
        {
            foreach (var (client, rewrites) in _pending.Values)
            {
                foreach (var group in RewriteOperations.GroupForDelete(rewrites))
                {
                    Run(async cancellationToken =>
                    {
                        await RewriteOperations.DeleteAsync(client, group, cancellationToken).ConfigureAwait(false);
                        PostVerbose("DeleteRewrite removed " + group.Rewrites.Count + " redirect(s) on " + group.LoadBalancerId + ": " + group + ".");
                        if (PassThru) await EmitAsync(group.Rewrites, enumerate: true).ConfigureAwait(false);
                    }, group.LoadBalancerId + " " + group);
                }
            }
        }
    }
}
