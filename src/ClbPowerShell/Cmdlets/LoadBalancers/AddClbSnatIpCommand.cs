using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.LoadBalancers
{
    /// <summary>
    /// <para type="synopsis">Adds SNAT IPs to a load balancer with SnatPro (cross-region binding).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ClbSnatIp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SubnetSet)]
    [OutputType(typeof(ClbTask), typeof(LoadBalancer))]
    [ClbApiAction("CreateLoadBalancerSnatIps", "DescribeLoadBalancers")]
    public sealed class AddClbSnatIpCommand : ClbAsyncCmdlet
    {
        private const string SubnetSet = "Subnet";
        private const string EntrySet = "SnatIp";

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from piped ids and from the LoadBalancerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The subnet (subnet-xxxxxxxx) the SNAT IPs come from.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = SubnetSet)]
        [ValidatePattern(ClbIdPatterns.Subnet)]
        public string SubnetId { get; set; } = "";

        /// <summary><para type="description">With -SubnetId: the addresses to use; when omitted the service picks -Count addresses.</para></summary>
        [Parameter(ParameterSetName = SubnetSet)]
        [ValidateCount(1, SnatOperations.MaxSnatIps)]
        [ValidatePattern(ClbIdPatterns.IPv4)]
        public string[]? Ip { get; set; }

        /// <summary><para type="description">SNAT IP entries as hashtables: @{ SubnetId = 'subnet-xxxxxxxx'; Ip = '10.0.0.5' }; Ip is optional (the service picks -Count addresses for an entry without one).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = EntrySet)]
        [ValidateCount(1, SnatOperations.MaxSnatIps)]
        public Hashtable[] SnatIp { get; set; } = new Hashtable[0];

        /// <summary><para type="description">How many addresses the service picks for each entry given without an address (1 to 10; default 1).</para></summary>
        [Parameter]
        [ValidateRange(1, SnatOperations.MaxSnatIps)]
        public int? Count { get; set; }

        protected override void ProcessRecord()
        {
            var entries = ParameterSetName == EntrySet ? Entries() : FromSubnet();
            if (Count != null && entries.All(e => e.Ip != null))
                RefuseParameter("Count", "-Count applies only to entries without an address; every entry names its Ip.");
            var what = string.Join(", ", entries.Select(e => (e.Ip ?? (Count ?? 1) + " address(es)") + " in " + e.SubnetId));
            if (!ShouldProcess(LoadBalancerId + ": " + what, "Add SNAT IPs")) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var task = await SnatOperations.AddAsync(client, LoadBalancerId, entries, Count, cancellationToken).ConfigureAwait(false);
                PostVerbose("CreateLoadBalancerSnatIps accepted for " + LoadBalancerId + " (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct => await LoadBalancerOperations.GetAsync(client, LoadBalancerId, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, LoadBalancerId);
        }

        private List<SnatIp> FromSubnet() =>
            Ip == null
                ? new List<SnatIp> { new SnatIp { SubnetId = SubnetId } }
                : Ip.Distinct().Select(ip => new SnatIp { SubnetId = SubnetId, Ip = ip }).ToList();

        private List<SnatIp> Entries()
        {
            var result = new List<SnatIp>();
            for (var i = 0; i < SnatIp.Length; i++)
            {
                var table = SnatIp[i];
                string? subnet = null, ip = null;
                foreach (DictionaryEntry e in table)
                {
                    var key = e.Key?.ToString() ?? "";
                    var value = (e.Value is PSObject p ? p.BaseObject : e.Value)?.ToString();
                    if (string.Equals(key, "SubnetId", System.StringComparison.OrdinalIgnoreCase)) subnet = value;
                    else if (string.Equals(key, "Ip", System.StringComparison.OrdinalIgnoreCase)) ip = value;
                    else RefuseParameter("SnatIp", "entry " + i + " has the key '" + key + "'; an entry takes only SubnetId and Ip.");
                }
                if (subnet == null || !Regex.IsMatch(subnet, ClbIdPatterns.Subnet))
                    RefuseParameter("SnatIp", "entry " + i + " needs SubnetId = 'subnet-xxxxxxxx'" + (subnet != null ? " (got '" + subnet + "')" : "") + ".");
                if (ip != null && !Regex.IsMatch(ip, ClbIdPatterns.IPv4))
                    RefuseParameter("SnatIp", "entry " + i + " has Ip '" + ip + "', which is not an IPv4 address.");
                result.Add(new SnatIp { SubnetId = subnet, Ip = ip });
            }
            var twice = result.Where(e => e.Ip != null).GroupBy(e => e.Ip).FirstOrDefault(g => g.Count() > 1);
            if (twice != null) RefuseParameter("SnatIp", "the address " + twice.Key + " is given twice.");
            return result;
        }
    }
}
