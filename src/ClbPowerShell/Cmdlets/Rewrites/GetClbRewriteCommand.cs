using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rewrites
{
    /// <summary>
    /// <para type="synopsis">Gets the redirects between layer-7 rules of a load balancer.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbRewrite")]
    [OutputType(typeof(ClbRewrite))]
    [ClbApiAction("DescribeRewrite")]
    public sealed class GetClbRewriteCommand : ClbCmdlet
    {
        /// <summary><para type="description">The load balancer (lb-xxxxxxxx) whose redirects to get. Binds from the LoadBalancerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">Only redirects from rules of these listeners (lbl-xxxxxxxx). Binds from SourceListenerId or ListenerId of piped objects, so Get-ClbListener | Get-ClbRewrite works.</para></summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("ListenerId")]
        [ValidateOptionalPattern(ClbIdPatterns.Listener)]
        public string[]? SourceListenerId { get; set; }

        /// <summary><para type="description">Only redirects from these rules (loc-xxxxxxxx). Binds from SourceLocationId or LocationId of piped objects, so Get-ClbRule | Get-ClbRewrite works.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("LocationId")]
        [ValidateOptionalPattern(ClbIdPatterns.Location)]
        public string[]? SourceLocationId { get; set; }

        protected override void ProcessRecord()
        {
            var listeners = SourceListenerId?.Where(id => !string.IsNullOrEmpty(id)).ToList();
            var locations = SourceLocationId?.Where(id => !string.IsNullOrEmpty(id)).ToList();
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var rewrites = await RewriteOperations.ListAsync(client, LoadBalancerId, listeners, locations, cancellationToken).ConfigureAwait(false);
                PostVerbose(rewrites.Count + " redirect(s) on " + LoadBalancerId + ".");
                await EmitAsync(rewrites, enumerate: true).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
