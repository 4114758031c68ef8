using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>SNAT IPs of SnatPro load balancers (cross-region binding): both actions are asynchronous and return a task.</summary>
    public static class SnatOperations
    {
        /// <summary>A load balancer holds at most 10 SNAT IPs, so one call never needs to carry more.</summary>
        public const int MaxSnatIps = 10;

        /// <summary>
        /// CreateLoadBalancerSnatIps: <paramref name="snatIps"/> are entries with a SubnetId and an optional Ip; for entries
        /// without an Ip the service picks <paramref name="number"/> addresses in that subnet. Returns the task.
        /// </summary>
        public static async Task<ClbTask> AddAsync(ClbClient client, string loadBalancerId, IReadOnlyList<SnatIp> snatIps, long? number, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(loadBalancerId)) throw new ArgumentException("A load balancer id is required.", nameof(loadBalancerId));
            if (snatIps.Count == 0) throw new ArgumentException("At least one SNAT IP entry is required.", nameof(snatIps));
            if (snatIps.Any(s => string.IsNullOrEmpty(s.SubnetId))) throw new ArgumentException("Every SNAT IP entry needs a SubnetId.", nameof(snatIps));
            var response = await client.InvokeAsync<CreateLoadBalancerSnatIpsResponse>("CreateLoadBalancerSnatIps", new CreateLoadBalancerSnatIpsRequest
            {
                LoadBalancerId = loadBalancerId,
                SnatIps = snatIps.ToList(),
                Number = number,
            }, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "CreateLoadBalancerSnatIps", LoadBalancerOperations.Required(response.RequestId, "CreateLoadBalancerSnatIps"),
                loadBalancerId, loadBalancerId);
        }

        /// <summary>DeleteLoadBalancerSnatIps for the given addresses (duplicates dropped). Returns the task.</summary>
        public static async Task<ClbTask> RemoveAsync(ClbClient client, string loadBalancerId, IReadOnlyList<string> ips, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(loadBalancerId)) throw new ArgumentException("A load balancer id is required.", nameof(loadBalancerId));
            var distinct = ips.Where(ip => !string.IsNullOrEmpty(ip)).Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count == 0) throw new ArgumentException("At least one IP is required.", nameof(ips));
            var response = await client.InvokeAsync<DeleteLoadBalancerSnatIpsResponse>("DeleteLoadBalancerSnatIps", new DeleteLoadBalancerSnatIpsRequest
            {
                LoadBalancerId = loadBalancerId,
                Ips = distinct,
            }, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "DeleteLoadBalancerSnatIps", LoadBalancerOperations.Required(response.RequestId, "DeleteLoadBalancerSnatIps"),
                loadBalancerId, loadBalancerId);
        }
    }
}
