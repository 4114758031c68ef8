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
    /// <para type="synopsis">Changes the weight or the port of instances registered with a target group.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbTargetGroupInstance", DefaultParameterSetName = WeightSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(TargetGroupBackend))]
    [ClbApiAction("ModifyTargetGroupInstancesWeight", "ModifyTargetGroupInstancesPort", "DescribeTaskStatus", "DescribeTargetGroupInstances")]
    public sealed class SetClbTargetGroupInstanceCommand : TargetGroupInstanceCmdlet
    {
        private const string WeightSet = "Weight";
        private const string PortSet = "Port";

        /// <summary><para type="description">The port the instances are registered on now (1 to 65535). Binds from piped instances.</para></summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary><para type="description">The new forwarding weight (0 to 100); 0 stops new traffic to the instances (ModifyTargetGroupInstancesWeight).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = WeightSet)]
        [ValidateRange(0, 100)]
        public int Weight { get; set; }

        /// <summary><para type="description">The new port of the instances (1 to 65535; ModifyTargetGroupInstancesPort).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = PortSet)]
        [ValidateRange(1, 65535)]
        public int NewPort { get; set; }

        private bool ChangesPort => ParameterSetName == PortSet;

        protected override string Action => ChangesPort ? "ModifyTargetGroupInstancesPort" : "ModifyTargetGroupInstancesWeight";
        protected override string Describe(int count) => ChangesPort ? "Move " + count + " instance(s) to port " + NewPort : "Set the weight of " + count + " instance(s) to " + Weight;
        protected override TargetGroupInstance Build(string bindIp) => ChangesPort
            ? new TargetGroupInstance { BindIP = bindIp, Port = Port, NewPort = NewPort }
            : new TargetGroupInstance { BindIP = bindIp, Port = Port, Weight = Weight };
        protected override Task<object?> AfterSuccessAsync(ClbClient client, List<TargetGroupInstanceChange> changes, CancellationToken cancellationToken) =>
            CurrentAsync(client, changes, ChangesPort, cancellationToken);
    }
}
