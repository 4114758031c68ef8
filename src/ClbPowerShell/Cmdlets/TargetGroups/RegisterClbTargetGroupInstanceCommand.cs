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
    /// <para type="synopsis">Registers instances (real servers) with a target group.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "ClbTargetGroupInstance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(TargetGroupBackend))]
    [ClbApiAction("RegisterTargetGroupInstances", "DescribeTaskStatus", "DescribeTargetGroupInstances")]
    public sealed class RegisterClbTargetGroupInstanceCommand : TargetGroupInstanceCmdlet
    {
        /// <summary><para type="description">The port the instances serve on (1 to 65535). Binds from piped instances; may be left out when the group has a default port.</para></summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary><para type="description">The forwarding weight (0 to 100; the service's default is 10). Binds from piped instances.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 100)]
        public int? Weight { get; set; }

        protected override string Action => "RegisterTargetGroupInstances";
        protected override string Describe(int count) => "Register " + count + " instance(s)";
        protected override TargetGroupInstance Build(string bindIp) => new TargetGroupInstance { BindIP = bindIp, Port = Port, Weight = Weight };
        protected override Task<object?> AfterSuccessAsync(ClbClient client, List<TargetGroupInstanceChange> changes, CancellationToken cancellationToken) =>
            CurrentAsync(client, changes, false, cancellationToken);
    }
}
