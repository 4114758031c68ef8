using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Adds client addresses to, removes them from, or clears the blocklist of load balancers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbBlockedIp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask))]
    [ClbApiAction("ModifyBlockIPList", "DescribeBlockIPTask")]
    public sealed class SetClbBlockedIpCommand : ClbAsyncCmdlet
    {
        private readonly Dictionary<string, (ClbClient Client, List<string> Ids)> _pending = new Dictionary<string, (ClbClient, List<string>)>();

        /// <summary><para type="description">The load balancers (lb-xxxxxxxx). Binds from piped ids and from the LoadBalancerId property of piped objects; piped load balancers are sent together, 20 per request (one job each).</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">What to do: Add blocks -ClientIp, Remove unblocks -ClientIp, Clear empties the whole blocklist.</para></summary>
        [Parameter(Mandatory = true)]
        [ValidateSet("Add", "Remove", "Clear")]
        public string Action { get; set; } = "";

        /// <summary><para type="description">The client IPv4 or IPv6 addresses to add or remove (required for Add and Remove, not taken by Clear).</para></summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[]? ClientIp { get; set; }

        /// <summary><para type="description">With -Action Add, seconds the addresses stay blocked (1 to 31536000; the service's default is 3600).</para></summary>
        [Parameter]
        [ValidateRange(1, BlockIpOperations.MaxExpireSeconds)]
        public int? ExpireTime { get; set; }

        private string Type => Action == "Add" ? "add_blocked" : Action == "Remove" ? "del_blocked" : "flush_blocked";

        protected override void BeginProcessing()
        {
            if (Action == "Clear" && ClientIp != null) RefuseParameter("ClientIp", "-Action Clear empties the whole blocklist and takes no addresses.");
            if (Action != "Clear" && (ClientIp == null || ClientIp.Length == 0)) RefuseParameter("ClientIp", "-Action " + Action + " needs the addresses to " + Action.ToLowerInvariant() + ".");
            if (ExpireTime != null && Action != "Add") RefuseParameter("ExpireTime", "only -Action Add takes an expiry.");
            if (ClientIp != null)
            {
                if (ClientIp.Length > BlockIpOperations.MaxIpsPerCall) RefuseParameter("ClientIp", "at most " + BlockIpOperations.MaxIpsPerCall + " addresses per change.");
                foreach (var ip in ClientIp)
                    if (!IsIp(ip)) RefuseParameter("ClientIp", "'" + ip + "' is not an IPv4 or IPv6 address.", ip);
            }
        }

        private static bool IsIp(string text) =>
            System.Text.RegularExpressions.Regex.IsMatch(text, ClbIdPatterns.IPv4) ||
            (text.Contains(":") && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6);

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var key = client.Region + "|" + client.Endpoint;
            var action = Action == "Clear" ? "Clear the client IP blocklist"
                : (Action == "Add" ? "Block " : "Unblock ") + ClientIp!.Length + " client address(es)";
            foreach (var id in LoadBalancerId)
            {
                if (!ShouldProcess(id + " (" + client.Region + ")", action)) continue;
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
                    var results = await BlockIpOperations.ModifyAsync(client, ids, Type, ClientIp, ExpireTime, cancellationToken).ConfigureAwait(false);
                    foreach (var result in results)
                    {
                        if (result.Error != null || result.Task == null)
                        {
                            PostError(result.Error!, string.Join(",", result.Ids));
                            continue;
                        }
                        var task = result.Task;
                        PostVerbose("Blocklist job " + task.TaskId + " started for " + string.Join(", ", result.Ids) + ".");
                        await CompleteAsync(client, task, _ => System.Threading.Tasks.Task.FromResult<object?>(task), cancellationToken, BlockIpOperations.WaitOptions).ConfigureAwait(false);
                    }
                }, string.Join(",", ids));
            }
        }
    }
}
