using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// <para type="synopsis">Renames a target group or changes its default port.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbTargetGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TargetGroupInfo))]
    [ClbApiAction("ModifyTargetGroupAttribute", "DescribeTargetGroups")]
    public sealed class SetClbTargetGroupCommand : ClbCmdlet
    {
        /// <summary><para type="description">The target group to change (lbtg-xxxxxxxx). Binds from piped target groups.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.TargetGroup)]
        public string TargetGroupId { get; set; } = "";

        /// <summary><para type="description">The new name, up to 50 characters.</para></summary>
        [Parameter]
        [Alias("NewName")]
        [ValidateLength(1, 50)]
        public string? Name { get; set; }

        /// <summary><para type="description">The new default port (1 to 65535).</para></summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary><para type="description">Emit the changed target group.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (Name == null && Port == null) RefuseParameter("Name", "give -Name and/or -Port; there is nothing else to change.");
        }

        protected override void ProcessRecord()
        {
            var what = (Name != null ? "name '" + Name + "'" : "") + (Name != null && Port != null ? ", " : "") + (Port != null ? "default port " + Port : "");
            if (!ShouldProcess(TargetGroupId, "Set " + what)) return;
            var client = GetClient();
            var id = TargetGroupId;
            Run(async cancellationToken =>
            {
                await TargetGroupOperations.ModifyAsync(client, id, Name, Port, cancellationToken).ConfigureAwait(false);
                if (PassThru)
                {
                    var tg = await TargetGroupOperations.GetAsync(client, id, cancellationToken).ConfigureAwait(false);
                    if (tg != null) await EmitAsync(tg).ConfigureAwait(false);
                }
            }, id);
        }
    }
}
