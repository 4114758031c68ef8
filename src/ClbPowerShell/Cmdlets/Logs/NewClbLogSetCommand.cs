using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Logs
{
    /// <summary>
    /// <para type="synopsis">Creates the region's CLB logset in CLS for access logs or health check logs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClbLogSet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ClbLogSet))]
    [ClbApiAction("CreateClsLogSet")]
    public sealed class NewClbLogSetCommand : ClbCmdlet
    {
        /// <summary><para type="description">The logset name (1 to 255 characters); the service names it when omitted.</para></summary>
        [Parameter(Position = 0)]
        [ValidateLength(1, 255)]
        public string? Name { get; set; }

        /// <summary><para type="description">How many days logs are kept (1 to 3600; the service's default is 30).</para></summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public long? Period { get; set; }

        /// <summary><para type="description">ACCESS (access logs, the default) or HEALTH (health check logs). A region has at most one logset of each type.</para></summary>
        [Parameter]
        [ValidateSet("ACCESS", "HEALTH")]
        public string LogSetType { get; set; } = "ACCESS";

        protected override void ProcessRecord()
        {
            var client = GetClient();
            if (!ShouldProcess(LogSetType + " logset" + (Name != null ? " " + Name : "") + " (" + client.Region + ")", "Create CLS logset")) return;
            Run(async cancellationToken =>
            {
                var set = await LogOperations.CreateLogSetAsync(client, Name, Period, LogSetType, cancellationToken).ConfigureAwait(false);
                await EmitAsync(set).ConfigureAwait(false);
            }, Name ?? LogSetType);
        }
    }
}
