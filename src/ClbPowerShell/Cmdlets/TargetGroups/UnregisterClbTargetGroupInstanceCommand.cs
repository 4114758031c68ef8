using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// <para type="synopsis">Removes instances (real servers) from a target group.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "ClbTargetGroupInstance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask))]
    [ClbApiAction("DeregisterTargetGroupInstances", "DescribeTaskStatus")]
    public sealed class UnregisterClbTargetGroupInstanceCommand : TargetGroupInstanceCmdlet
    {
        /// <summary><para type="description">The port the instances are registered on (1 to 65535). Binds from piped instances.</para></summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary><para type="description">Remove without asking for confirmation (unless -Confirm is given too).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "DeregisterTargetGroupInstances";
        protected override string Describe(int count) => "Unregister " + count + " instance(s)";
        protected override TargetGroupInstance Build(string bindIp) => new TargetGroupInstance { BindIP = bindIp, Port = Port };
        protected override bool Approve(string target, string action) => ForceApproval.Approve(this, Force, target, action);
        protected override Task<object?> AfterSuccessAsync(ClbClient client, List<TargetGroupInstanceChange> changes, CancellationToken cancellationToken) =>
            Task.FromResult<object?>(null);
    }
}
