using System.Management.Automation;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Session
{
    /// <summary>
    /// <para type="synopsis">Forgets the session defaults that Connect-Clb set.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Clb", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ClbContextInfo))]
    public sealed class DisconnectClbCommand : PSCmdlet
    {
        /// <summary><para type="description">Emit the context that was removed.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var current = ClbSession.Current;
            if (current == null)
            {
                WriteVerbose("There is no Clb session to disconnect.");
                return;
            }
            if (!ShouldProcess("Clb session (SecretId " + current.SecretId + ", region " + current.Region + ")", "Disconnect")) return;
            ClbSession.Set(null);
            if (PassThru) WriteObject(GetClbContextCommand.Describe(current, false));
        }
    }
}
