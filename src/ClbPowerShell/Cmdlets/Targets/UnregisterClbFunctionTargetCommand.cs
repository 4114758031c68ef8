using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Unbinds a cloud function (SCF) from a layer-7 rule.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "ClbFunctionTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask), typeof(ClbFunctionTarget))]
    [ClbApiAction("DeregisterFunctionTargets")]
    public sealed class UnregisterClbFunctionTargetCommand : ClbFunctionBindingCmdlet
    {
        /// <summary><para type="description">Skip the confirmation prompt (-WhatIf still only reports).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">With -Wait, emit the unbound function target (without -Wait the task is emitted anyway).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var problem = FunctionPatterns.RuleProblem(LocationId, Domain, Url);
            if (problem != null) RefuseParameter("LocationId", problem);
            var binding = FunctionPatterns.Binding(LoadBalancerId, ListenerId, LocationId, Domain, Url);
            var target = FunctionTargetOperations.Target(FunctionNamespace, FunctionName, FunctionQualifier, FunctionQualifierType, null);
            var what = FunctionNamespace + "/" + FunctionName + ":" + FunctionQualifier;
            if (!ShouldProcessUnlessForced(Force, binding.ToString(), "Unbind function " + what)) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var task = await FunctionTargetOperations.DeregisterAsync(client, binding, new[] { target }, cancellationToken).ConfigureAwait(false);
                PostVerbose("DeregisterFunctionTargets accepted (task " + task.TaskId + ").");
                await CompleteAsync(client, task, ct => System.Threading.Tasks.Task.FromResult<object?>(PassThru ? new ClbFunctionTarget
                {
                    Region = client.Region,
                    LoadBalancerId = LoadBalancerId,
                    ListenerId = ListenerId,
                    LocationId = binding.LocationId,
                    Domain = Domain,
                    Url = Url,
                    FunctionNamespace = FunctionNamespace,
                    FunctionName = FunctionName,
                    FunctionQualifier = FunctionQualifier,
                    FunctionQualifierType = FunctionQualifierType,
                } : null), cancellationToken).ConfigureAwait(false);
            }, binding);
        }
    }
}
