using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Security
{
    /// <summary>
    /// <para type="synopsis">Binds one security group to several load balancers, keeping their other groups.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ClbSecurityGroupBinding", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoadBalancer))]
    [ClbApiAction("SetSecurityGroupForLoadbalancers", "DescribeLoadBalancers")]
    public sealed class AddClbSecurityGroupBindingCommand : SecurityGroupBindingCmdlet
    {
        protected override bool Add => true;

    }
}
