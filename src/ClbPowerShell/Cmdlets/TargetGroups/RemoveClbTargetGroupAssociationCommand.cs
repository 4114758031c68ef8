using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// <para type="synopsis">Disassociates a target group from a listener or forwarding rule.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbTargetGroupAssociation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask))]
    [ClbApiAction("DisassociateTargetGroups", "DescribeTaskStatus")]
    public sealed class RemoveClbTargetGroupAssociationCommand : TargetGroupAssociationCmdlet
    {
        /// <summary><para type="description">Disassociate without asking for confirmation (unless -Confirm is given too).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool Associate => false;

        protected override bool Approve(string target, string action) => ForceApproval.Approve(this, Force, target, action);
    }
}
