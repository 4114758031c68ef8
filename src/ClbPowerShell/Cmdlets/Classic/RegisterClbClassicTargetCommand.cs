using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Classic
{
    /// <summary>
    /// <para type="synopsis">Binds CVM instances as real servers to classic load balancers.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "ClbClassicTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(ClassicalTarget))]
    [ClbApiAction("RegisterTargetsWithClassicalLB", "DescribeTaskStatus", "DescribeClassicalLBTargets")]
    public sealed class RegisterClbClassicTargetCommand : ClassicTargetChangeCmdlet
    {
        /// <summary><para type="description">The forwarding weight, 0 to 100 (the service default, 10, when omitted). Binds from piped classic real servers.</para></summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        public int? Weight { get; set; }

        protected override long? CurrentWeight => Weight;

        protected override void ProcessRecord()
        {
            // Checked here rather than by ValidateRange, which would refuse a piped object whose Weight is null.
            if (Weight is < 0 or > 100) RefuseParameter("Weight", "the weight is 0 to 100.", Weight);
            base.ProcessRecord();
        }

        protected override string Describe(int count) => "Register " + count + " real server(s)";

        protected override Task<IReadOnlyList<ChunkResult>> SendAsync(ClbClient client, string loadBalancerId, List<(string InstanceId, long? Weight)> items, CancellationToken cancellationToken) =>
            ClassicOperations.RegisterAsync(client, loadBalancerId,
                items.Select(i => new ClassicalTargetInfo { InstanceId = i.InstanceId, Weight = i.Weight }).ToList(),
                TimeSpan.FromSeconds(Timeout), cancellationToken);

        protected override async Task<object?> AfterSuccessAsync(ClbClient client, string loadBalancerId, HashSet<string> instanceIds, CancellationToken cancellationToken)
        {
            var all = await ClassicOperations.ListTargetsAsync(client, loadBalancerId, cancellationToken).ConfigureAwait(false);
            return all.Where(t => t.InstanceId != null && instanceIds.Contains(t.InstanceId)).ToList();
        }
    }
}
