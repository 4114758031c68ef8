using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Creates a load balancer level (CLB) customized configuration and emits it.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClbCustomizedConfig", SupportsShouldProcess = true)]
    [OutputType(typeof(ConfigListItem))]
    [ClbApiAction("SetCustomizedConfigForLoadBalancer", "DescribeCustomizedConfigList")]
    public sealed class NewClbCustomizedConfigCommand : ClbCmdlet
    {
        /// <summary><para type="description">The name of the new configuration (1 to 200 characters).</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Name")]
        [ValidateLength(1, 200)]
        public string ConfigName { get; set; } = "";

        /// <summary><para type="description">The configuration text, nginx-style directives such as 'client_max_body_size 10m;' (at most 10000 characters).</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("Content")]
        [ValidateLength(1, 10000)]
        public string ConfigContent { get; set; } = "";

        protected override void ProcessRecord()
        {
            var client = GetClient();
            if (!ShouldProcess(ConfigName + " (" + client.Region + ")", "Create customized configuration")) return;
            Run(async cancellationToken =>
            {
                var id = await ConfigOperations.CreateAsync(client, ConfigName, ConfigContent, cancellationToken).ConfigureAwait(false);
                PostVerbose("Created customized configuration " + id + ".");
                var created = await ConfigOperations.GetAsync(client, id, cancellationToken).ConfigureAwait(false);
                await EmitAsync(created ?? new ConfigListItem { UconfigId = id, ConfigType = "CLB", ConfigName = ConfigName, ConfigContent = ConfigContent, Region = client.Region }).ConfigureAwait(false);
            }, ConfigName);
        }
    }
}
