using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// <para type="synopsis">Associates a target group with a TCP/UDP listener or an HTTP/HTTPS forwarding rule.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ClbTargetGroupAssociation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(AssociationItem))]
    [ClbApiAction("AssociateTargetGroups", "DescribeTaskStatus", "DescribeTargetGroups")]
    public sealed class AddClbTargetGroupAssociationCommand : TargetGroupAssociationCmdlet
    {
        protected override bool Associate => true;
    }
}
