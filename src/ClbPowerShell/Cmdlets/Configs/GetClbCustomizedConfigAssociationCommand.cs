using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Gets where customized configurations are bound, streaming the rows page by page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbCustomizedConfigAssociation", SupportsPaging = true)]
    [OutputType(typeof(BindDetailItem))]
    [ClbApiAction("DescribeCustomizedConfigAssociateList")]
    public sealed class GetClbCustomizedConfigAssociationCommand : ClbCmdlet
    {
        /// <summary><para type="description">The configuration (pz-xxxxxxxx); binds from the ConfigId property of piped configurations. Without it, the bindings of every configuration in the region.</para></summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UconfigId")]
        [ValidateOptionalPattern(ClbIdPatterns.CustomizedConfig)]
        public string? ConfigId { get; set; }

        /// <summary><para type="description">Only bindings whose domain contains this text.</para></summary>
        [Parameter]
        [ValidateLength(1, 120)]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var pages = ConfigOperations.ListAssociationsAsync(client, string.IsNullOrEmpty(ConfigId) ? null : ConfigId, Domain, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, ConfigId);
        }
    }
}
