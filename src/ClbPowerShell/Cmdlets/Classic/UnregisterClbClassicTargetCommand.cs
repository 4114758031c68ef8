using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Classic
{
    /// <summary>
    /// <para type="synopsis">Unbinds CVM instances (real servers) from classic load balancers.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "ClbClassicTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask))]
    [ClbApiAction("DeregisterTargetsFromClassicalLB", "DescribeTaskStatus")]
    public sealed class UnregisterClbClassicTargetCommand : ClassicTargetChangeCmdlet
    {
        /// <summary><para type="description">Unbind without asking for confirmation (-WhatIf still only shows what would happen).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Describe(int count) => "Unregister " + count + " real server(s)";

        protected override bool Approve(string target, string action) => ShouldProcessUnlessForced(Force, target, action);

        protected override Task<IReadOnlyList<ChunkResult>> SendAsync(ClbClient client, string loadBalancerId, List<(string InstanceId, long? Weight)> items, CancellationToken cancellationToken) =>
            ClassicOperations.DeregisterAsync(client, loadBalancerId, items.Select(i => i.InstanceId).ToList(), TimeSpan.FromSeconds(Timeout), cancellationToken);

        protected override Task<object?> AfterSuccessAsync(ClbClient client, string loadBalancerId, HashSet<string> instanceIds, CancellationToken cancellationToken) =>
            Task.FromResult<object?>(null);
    }
}
