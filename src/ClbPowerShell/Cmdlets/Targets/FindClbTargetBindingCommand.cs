using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Finds every listener and rule that CVM instances or private IPs are bound to, in a region.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "ClbTargetBinding")]
    [OutputType(typeof(ClbTarget))]
    [ClbApiAction("DescribeLBListeners", "DescribeLoadBalancersDetail", "DescribeLoadBalancers", "DescribeTargets")]
    public sealed class FindClbTargetBindingCommand : ClbCmdlet
    {
        private readonly List<(ClbClient Client, string? VpcId, List<string> Instances, List<string> Ips)> _pending =
            new List<(ClbClient, string?, List<string>, List<string>)>();

        /// <summary><para type="description">CVM instance ids (ins-xxxxxxxx). Their private IPs are looked up from the region's load balancers first.</para></summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Instance)]
        public string[]? InstanceId { get; set; }

        /// <summary><para type="description">Private IP addresses of CVMs or ENIs.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? PrivateIp { get; set; }

        /// <summary><para type="description">The VPC the IPs are in (vpc-xxxxxxxx). When omitted, every VPC that holds a load balancer in the region is searched.</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Vpc)]
        public string? VpcId { get; set; }

        protected override void ProcessRecord()
        {
            if ((InstanceId == null || InstanceId.Length == 0) && (PrivateIp == null || PrivateIp.Length == 0))
                RefuseParameter("InstanceId", "give -InstanceId, -PrivateIp or both.");
            if (PrivateIp != null)
                foreach (var ip in PrivateIp)
                    if (!IPAddress.TryParse(ip, out _))
                        RefuseParameter("PrivateIp", "'" + ip + "' is not an IP address.", ip);
            var client = GetClient();
            // Gathered across piped records: the instance lookup walks the whole region, so it runs once.
            var index = _pending.FindIndex(p => p.Client == client && p.VpcId == VpcId);
            if (index < 0)
            {
                _pending.Add((client, VpcId, new List<string>(), new List<string>()));
                index = _pending.Count - 1;
            }
            _pending[index].Instances.AddRange(InstanceId ?? new string[0]);
            _pending[index].Ips.AddRange(PrivateIp ?? new string[0]);
        }

        protected override void EndProcessing()
        {
            foreach (var (client, vpcId, instances, ips) in _pending)
            {
                var query = new TargetBindingQuery { InstanceIds = instances, PrivateIps = ips, VpcId = vpcId };
                Run(async cancellationToken =>
                {
                    var result = await TargetQueryOperations.FindBindingsAsync(client, query, cancellationToken).ConfigureAwait(false);
                    foreach (var id in result.UnboundInstanceIds)
                        PostWarning(id + " is not bound to any load balancer in " + client.Region + ".");
                    await EmitAsync(result.Bindings, enumerate: true).ConfigureAwait(false);
                }, instances.Concat(ips).ToArray());
            }
        }
    }
}
