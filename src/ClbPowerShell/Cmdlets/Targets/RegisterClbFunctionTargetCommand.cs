using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Binds a cloud function (SCF) to a layer-7 rule as its backend.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "ClbFunctionTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(ClbFunctionTarget))]
    [ClbApiAction("RegisterFunctionTargets", "DescribeTargets")]
    public sealed class RegisterClbFunctionTargetCommand : ClbFunctionBindingCmdlet
    {
        /// <summary><para type="description">The forwarding weight, 0 to 100.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 100)]
        public long? Weight { get; set; }

        protected override void ProcessRecord()
        {
            var problem = FunctionPatterns.RuleProblem(LocationId, Domain, Url);
            if (problem != null) RefuseParameter("LocationId", problem);
            var binding = FunctionPatterns.Binding(LoadBalancerId, ListenerId, LocationId, Domain, Url);
            var target = FunctionTargetOperations.Target(FunctionNamespace, FunctionName, FunctionQualifier, FunctionQualifierType, Weight);
            if (!ShouldProcess(binding.ToString(), "Bind function " + FunctionNamespace + "/" + FunctionName + ":" + FunctionQualifier)) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var task = await FunctionTargetOperations.RegisterAsync(client, binding, new[] { target }, cancellationToken).ConfigureAwait(false);
                PostVerbose("RegisterFunctionTargets accepted (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct =>
                {
                    var bound = await FunctionTargetOperations.ListAsync(client, binding, ct).ConfigureAwait(false);
                    return bound.Where(f => FunctionTargetOperations.Matches(f, target)).ToList();
                }, cancellationToken).ConfigureAwait(false);
            }, binding);
        }
    }
}
