using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Renames a customized configuration and/or replaces its content.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbCustomizedConfig", SupportsShouldProcess = true)]
    [OutputType(typeof(ConfigListItem))]
    [ClbApiAction("SetCustomizedConfigForLoadBalancer", "DescribeCustomizedConfigList")]
    public sealed class SetClbCustomizedConfigCommand : ClbCmdlet
    {
        /// <summary><para type="description">The configuration to change (pz-xxxxxxxx); binds from the ConfigId property of piped configurations.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UconfigId")]
        [ValidatePattern(ClbIdPatterns.CustomizedConfig)]
        public string ConfigId { get; set; } = "";

        /// <summary><para type="description">The new name (1 to 200 characters).</para></summary>
        [Parameter]
        [Alias("Name")]
        [ValidateLength(1, 200)]
        public string? ConfigName { get; set; }

        /// <summary><para type="description">The new configuration text, replacing the whole content (at most 10000 characters).</para></summary>
        [Parameter]
        [Alias("Content")]
        [ValidateLength(1, 10000)]
        public string? ConfigContent { get; set; }

        /// <summary><para type="description">Emit the configuration as it is after the change.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (ConfigName == null && ConfigContent == null)
                RefuseParameter("ConfigContent", "give a new -ConfigName, a new -ConfigContent or both.");
        }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            if (!ShouldProcess(ConfigId + " (" + client.Region + ")", "Update customized configuration")) return;
            Run(async cancellationToken =>
            {
                await ConfigOperations.UpdateAsync(client, ConfigId, ConfigName, ConfigContent, cancellationToken).ConfigureAwait(false);
                PostVerbose("Updated customized configuration " + ConfigId + ".");
                if (PassThru)
                {
                    var updated = await ConfigOperations.GetAsync(client, ConfigId, cancellationToken).ConfigureAwait(false);
                    if (updated != null) await EmitAsync(updated).ConfigureAwait(false);
                }
            }, ConfigId);
        }
    }
}
