using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Classic
{
    /// <summary>
    /// <para type="synopsis">Finds the classic load balancers that CVM instances are bound to.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "ClbClassicLoadBalancer")]
    [OutputType(typeof(ClassicalLoadBalancerInfo))]
    [ClbApiAction("DescribeClassicalLBByInstanceId")]
    public sealed class FindClbClassicLoadBalancerCommand : ClbCmdlet
    {
        private readonly List<ClbClient> _clients = new List<ClbClient>();
        private readonly Dictionary<ClbClient, List<string>> _ids = new Dictionary<ClbClient, List<string>>();

        /// <summary><para type="description">CVM instance ids (ins-xxxxxxxx). Piped ids and objects are gathered and asked 20 per request.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Instance)]
        public string[] InstanceId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var client = GetClient();
            if (!_ids.TryGetValue(client, out var list))
            {
                _ids[client] = list = new List<string>();
                _clients.Add(client);
            }
            foreach (var id in InstanceId)
                if (!list.Contains(id)) list.Add(id);
        }

        protected override void EndProcessing()
        {
            foreach (var client in _clients)
            {
                var ids = _ids[client];
                Run(async cancellationToken =>
                {
                    var found = await ClassicOperations.FindByInstanceAsync(client, ids, cancellationToken).ConfigureAwait(false);
                    await EmitAsync(found, enumerate: true).ConfigureAwait(false);
                }, ids.Count == 1 ? ids[0] : (object)ids.ToArray());
            }
        }
    }
}
