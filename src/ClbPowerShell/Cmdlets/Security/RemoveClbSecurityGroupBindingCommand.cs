using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Security
{
    /// <summary>
    /// <para type="synopsis">Unbinds one security group from several load balancers, keeping their other groups.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbSecurityGroupBinding", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(LoadBalancer))]
    [ClbApiAction("SetSecurityGroupForLoadbalancers", "DescribeLoadBalancers")]
    public sealed class RemoveClbSecurityGroupBindingCommand : SecurityGroupBindingCmdlet
    {
        /// <summary><para type="description">Unbind without asking for confirmation (-WhatIf still only reports).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool Add => false;

        protected override bool Approve(string target, string action) => ShouldProcessUnlessForced(Force, target, action);
    }
}
