using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// Shared by Add- and Remove-ClbCustomizedConfigBinding: load balancers gathered from the pipeline per configuration
    /// and sent together (20 per SetCustomizedConfigForLoadBalancer call) at the end.
    /// </summary>
    public abstract class CustomizedConfigBindingCmdlet : ClbCmdlet
    {
        private readonly Dictionary<string, (ClbClient Client, string ConfigId, List<string> Ids)> _pending =
            new Dictionary<string, (ClbClient, string, List<string>)>();

        /// <summary><para type="description">The configuration (pz-xxxxxxxx); binds from the ConfigId property of piped objects (such as association rows).</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UconfigId")]
        [ValidatePattern(ClbIdPatterns.CustomizedConfig)]
        public string ConfigId { get; set; } = "";

        /// <summary><para type="description">The load balancers (lb-xxxxxxxx). Binds from piped ids and from the LoadBalancerId property of piped objects; piped load balancers are sent together, 20 per request.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">Emit the configuration's bindings on the changed load balancers after the change (none remain after an unbind).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected abstract bool Bind { get; }

        protected abstract bool Approve(string target, string action);

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var key = client.Region + "|" + client.Endpoint + "|" + ConfigId;
            var action = (Bind ? "Bind customized configuration " : "Unbind customized configuration ") + ConfigId;
            foreach (var id in LoadBalancerId)
            {
                if (!Approve(id + " (" + client.Region + ")", action)) continue;
                if (!_pending.TryGetValue(key, out var entry)) _pending[key] = entry = (client, ConfigId, new List<string>());
                if (!entry.Ids.Contains(id)) entry.Ids.Add(id);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var (client, configId, ids) in _pending.Values)
            {
                Run(async cancellationToken =>
                {
                    var results = await ConfigOperations.SetBindingAsync(client, configId, Bind, ids, cancellationToken).ConfigureAwait(false);
                    var done = new HashSet<string>();
                    foreach (var result in results)
                    {
                        if (result.Error != null)
                        {
                            PostError(result.Error, string.Join(",", result.Ids));
                            continue;
                        }
                        PostVerbose((Bind ? "Bound " : "Unbound ") + configId + (Bind ? " to " : " from ") + string.Join(", ", result.Ids) + ".");
                        done.UnionWith(result.Ids);
                    }
                    if (PassThru && done.Count > 0)
                    {
                        await foreach (var page in ConfigOperations.ListAssociationsAsync(client, configId, null, 0, null, cancellationToken).ConfigureAwait(false))
                        {
                            var rows = page.Items.Where(b => b.LoadBalancerId != null && done.Contains(b.LoadBalancerId)).ToList();
                            if (rows.Count > 0) await EmitAsync(rows, enumerate: true).ConfigureAwait(false);
                        }
                    }
                }, configId);
            }
        }
    }
}
