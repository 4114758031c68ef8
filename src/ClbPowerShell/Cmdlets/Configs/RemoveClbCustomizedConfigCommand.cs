using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Deletes customized configurations.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbCustomizedConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ConfigListItem))]
    [ClbApiAction("SetCustomizedConfigForLoadBalancer")]
    public sealed class RemoveClbCustomizedConfigCommand : ClbCmdlet
    {
        /// <summary><para type="description">The configurations to delete (pz-xxxxxxxx); binds from the ConfigId property of piped configurations.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UconfigId")]
        [ValidatePattern(ClbIdPatterns.CustomizedConfig)]
        public string[] ConfigId { get; set; } = new string[0];

        /// <summary><para type="description">Delete without asking for confirmation (-WhatIf still only reports).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Emit each deleted configuration's id (as a configuration object holding only the id and Region).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            foreach (var id in ConfigId)
            {
                if (!ShouldProcessUnlessForced(Force, id + " (" + client.Region + ")", "Delete customized configuration")) continue;
                Run(async cancellationToken =>
                {
                    await ConfigOperations.DeleteAsync(client, id, cancellationToken).ConfigureAwait(false);
                    PostVerbose("Deleted customized configuration " + id + ".");
                    if (PassThru) await EmitAsync(new ConfigListItem { UconfigId = id, Region = client.Region }).ConfigureAwait(false);
                }, id);
            }
        }
    }
}
