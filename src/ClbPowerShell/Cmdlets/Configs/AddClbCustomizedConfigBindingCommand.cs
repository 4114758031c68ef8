using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Binds a customized configuration to load balancers (a load balancer holds one: it moves from its previous configuration).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ClbCustomizedConfigBinding", SupportsShouldProcess = true)]
    [OutputType(typeof(BindDetailItem))]
    [ClbApiAction("SetCustomizedConfigForLoadBalancer", "DescribeCustomizedConfigAssociateList")]
    public sealed class AddClbCustomizedConfigBindingCommand : CustomizedConfigBindingCmdlet
    {
        protected override bool Bind => true;

        protected override bool Approve(string target, string action) => ShouldProcess(target, action);
    }
}
