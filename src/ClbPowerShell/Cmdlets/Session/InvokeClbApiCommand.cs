using System.Collections;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Transport;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Session
{
    /// <summary>
    /// <para type="synopsis">Calls any CLB API action by name, including ones newer than this module, and the legacy 2017 API.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ClbApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeClbApiCommand : ClbCmdlet
    {
        /// <summary><para type="description">The action name, such as DescribeLoadBalancers.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePattern("^[A-Za-z][A-Za-z0-9]{1,127}$")]
        public string Action { get; set; } = "";

        /// <summary><para type="description">The action's parameters as a hashtable (nested hashtables and arrays for structures and lists).</para></summary>
        [Parameter(Position = 1, ValueFromPipeline = true)]
        public IDictionary? Parameter { get; set; }

        /// <summary><para type="description">Call the legacy 2017 API (lb.api.qcloud.com) with its lower-camel parameter names.</para></summary>
        [Parameter]
        public SwitchParameter Legacy { get; set; }

        protected override void ProcessRecord()
        {
            object? parameters;
            try
            {
                parameters = JsonToPowerShell.FromPowerShell(Parameter);
            }
            catch (System.ArgumentException ex)
            {
                RefuseParameter("Parameter", ex.Message);
                return;
            }
            var readOnly = ClbActionKinds.IsReadOnly(Action);
            if (!readOnly && !ShouldProcess(Action + (Legacy ? " (legacy API)" : ""), "Invoke")) return;
            if (readOnly && WhatIf()) return;

            var client = Legacy ? null : GetClient();
            var legacy = Legacy ? GetLegacyClient() : null;
            Run(async cancellationToken =>
            {
                var response = legacy != null
                    ? await legacy.InvokeAsync(Action, parameters, cancellationToken).ConfigureAwait(false)
                    : await client!.InvokeAsync(Action, parameters, cancellationToken).ConfigureAwait(false);
                await EmitAsync(JsonToPowerShell.ToPowerShell(response)).ConfigureAwait(false);
            }, Action);
        }

        // Reads are harmless, but -WhatIf still means "send nothing".
        private bool WhatIf() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s && s.IsPresent &&
            !ShouldProcess(Action, "Invoke");
    }
}
