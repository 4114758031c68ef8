using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Security
{
    /// <summary>
    /// Shared by Add- and Remove-ClbSecurityGroupBinding: one security group, load balancers gathered from the pipeline
    /// and sent together (20 per SetSecurityGroupForLoadbalancers call) at the end.
    /// </summary>
    public abstract class SecurityGroupBindingCmdlet : ClbCmdlet
    {
        private readonly Dictionary<string, (ClbClient Client, List<string> Ids)> _pending = new Dictionary<string, (ClbClient, List<string>)>();

        /// <summary><para type="description">The security group (sg-xxxxxxxx).</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePattern(ClbIdPatterns.SecurityGroup)]
        public string SecurityGroupId { get; set; } = "";

        /// <summary><para type="description">The load balancers (lb-xxxxxxxx). Binds from piped ids and from the LoadBalancerId property of piped objects; piped load balancers are sent together, 20 per request.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">Emit the load balancers as they are after the change.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected abstract bool Add { get; }

        protected abstract bool Approve(string target, string action);

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var key = client.Region + "|" + client.Endpoint;
            var action = Add ? "Bind security group " + SecurityGroupId : "Unbind security group " + SecurityGroupId;
            foreach (var id in LoadBalancerId)
            {
                if (!Approve(id + " (" + client.Region + ")", action)) continue;
                if (!_pending.TryGetValue(key, out var entry)) _pending[key] = entry = (client, new List<string>());
                if (!entry.Ids.Contains(id)) entry.Ids.Add(id);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var (client, ids) in _pending.Values)
            {
                Run(async cancellationToken =>
                {
                    var results = await SecurityOperations.SetBindingAsync(client, SecurityGroupId, Add, ids, cancellationToken).ConfigureAwait(false);
                    foreach (var (chunk, error) in results)
                    {
                        if (error != null)
                        {
                            PostError(error, string.Join(",", chunk));
                            continue;
                        }
                        PostVerbose((Add ? "Bound " : "Unbound ") + SecurityGroupId + (Add ? " to " : " from ") + string.Join(", ", chunk) + ".");
                        if (PassThru)
                            await EmitAsync(await LoadBalancerOperations.GetManyAsync(client, chunk, cancellationToken).ConfigureAwait(false), enumerate: true).ConfigureAwait(false);
                    }
                }, string.Join(",", ids));
            }
        }
    }
}
