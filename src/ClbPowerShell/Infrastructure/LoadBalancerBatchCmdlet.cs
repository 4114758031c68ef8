using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>
    /// Base of cmdlets that apply one synchronous change to many load balancers: ids piped in are confirmed one by one
    /// in ProcessRecord, gathered per region, and sent together at the end in the chunks the action allows. Each
    /// failed chunk is one ErrorRecord; with -PassThru the changed load balancers are read back and emitted.
    /// </summary>
    public abstract class LoadBalancerBatchCmdlet : ClbCmdlet
    {
        private readonly Dictionary<string, (ClbClient Client, List<string> Ids)> _pending = new Dictionary<string, (ClbClient, List<string>)>();

        /// <summary><para type="description">Emit the load balancers as they are after the change.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The ids of the current pipeline record (the derived class declares the parameter and its position).</summary>
        protected abstract IEnumerable<string> RecordIds { get; }

        /// <summary>What ShouldProcess shows as the action, e.g. "Move load balancer to project 3".</summary>
        protected abstract string ChangeDescription { get; }

        /// <summary>Sends the change for some ids; one result per call made.</summary>
        protected abstract Task<IReadOnlyList<ChunkResult>> ApplyAsync(ClbClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken);

        /// <summary>Asks before each load balancer; destructive cmdlets override this to honour -Force.</summary>
        protected virtual bool Approve(string target, string action) => ShouldProcess(target, action);

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var key = client.Region + "|" + client.Endpoint;
            foreach (var id in RecordIds)
            {
                if (!Approve(id + " (" + client.Region + ")", ChangeDescription)) continue;
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
                    var results = await ApplyAsync(client, ids, cancellationToken).ConfigureAwait(false);
                    var changed = new List<string>();
                    foreach (var result in results)
                    {
                        if (result.Error != null)
                        {
                            PostError(result.Error, string.Join(",", result.Ids));
                            continue;
                        }
                        PostVerbose(ChangeDescription + ": done for " + string.Join(", ", result.Ids) + ".");
                        changed.AddRange(result.Ids);
                    }
                    if (PassThru && changed.Count > 0)
                    {
                        var lbs = await LoadBalancerOperations.GetManyAsync(client, changed, cancellationToken).ConfigureAwait(false);
                        await EmitAsync(changed.Select(id => lbs.FirstOrDefault(lb => lb.LoadBalancerId == id)).Where(lb => lb != null).ToList(), enumerate: true)
                            .ConfigureAwait(false);
                    }
                }, string.Join(",", ids));
            }
        }
    }
}
