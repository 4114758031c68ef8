using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Security
{
    /// <summary>
    /// <para type="synopsis">Finds the load balancers, listeners and rules that use certificates.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbCertificateBinding")]
    [OutputType(typeof(ClbCertificateBinding))]
    [ClbApiAction("DescribeLoadBalancerListByCertId", "DescribeListeners")]
    public sealed class GetClbCertificateBindingCommand : ClbCmdlet
    {
        /// <summary><para type="description">The certificate ids to look for (server or client CA certificates); 20 are asked about per request. Binds from piped strings and from the CertificateId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Certificate)]
        public string[] CertificateId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var ids = CertificateId.Distinct().ToList();
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var bindings = await SecurityOperations.ListBindingsAsync(client, ids, cancellationToken).ConfigureAwait(false);
                PostVerbose(bindings.Count + " place(s) use " + string.Join(", ", ids) + ".");
                await EmitAsync(bindings, enumerate: true).ConfigureAwait(false);
            }, string.Join(",", ids));
        }
    }
}
