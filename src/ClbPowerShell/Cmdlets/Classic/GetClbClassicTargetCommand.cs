using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Classic
{
    /// <summary>
    /// <para type="synopsis">Gets the real servers (CVM instances) bound to classic load balancers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbClassicTarget")]
    [OutputType(typeof(ClassicalTarget))]
    [ClbApiAction("DescribeClassicalLBTargets")]
    public sealed class GetClbClassicTargetCommand : ClbCmdlet
    {
        /// <summary><para type="description">Classic load balancers (lb-xxxxxxxx), one request each. Binds from piped ids and objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var client = GetClient();
            foreach (var id in LoadBalancerId)
            {
                Run(async cancellationToken =>
                {
                    var targets = await ClassicOperations.ListTargetsAsync(client, id, cancellationToken).ConfigureAwait(false);
                    await EmitAsync(targets, enumerate: true).ConfigureAwait(false);
                }, id);
            }
        }
    }
}
