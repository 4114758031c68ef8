using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Unbinds a customized configuration from load balancers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbCustomizedConfigBinding", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(BindDetailItem))]
    [ClbApiAction("SetCustomizedConfigForLoadBalancer", "DescribeCustomizedConfigAssociateList")]
    public sealed class RemoveClbCustomizedConfigBindingCommand : CustomizedConfigBindingCmdlet
    {
        /// <summary><para type="description">Unbind without asking for confirmation (-WhatIf still only reports).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool Bind => false;

        protected override bool Approve(string target, string action) => ShouldProcessUnlessForced(Force, target, action);
    }
}
