using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>Account information, prices and account-wide changes: quotas, zone resources, price inquiries,
    /// overview, idle instances, traffic ranking, moving load balancers between projects, changing their SLA.</summary>
    public static class InfoOperations
    {
        /// <summary>The documented maximum Limit of DescribeResources and DescribeIdleLoadBalancers.</summary>
        public const int PageSize = 100;
        /// <summary>ModifyLoadBalancersProject and ModifyLoadBalancerSla take at most 20 load balancers per call.</summary>
        public const int MaxIdsPerChange = 20;

        /// <summary>DescribeQuota: the region's quotas, each with the client's Region.</summary>
        public static async Task<IReadOnlyList<Quota>> GetQuotaAsync(ClbClient client, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync<DescribeQuotaResponse>("DescribeQuota", new DescribeQuotaRequest(), cancellationToken).ConfigureAwait(false);
            var items = response.QuotaSet ?? new List<Quota>();
            foreach (var q in items) q.Region = client.Region;
            return items;
        }

        /// <summary>DescribeResources, page by page: the zones (and ISPs) where load balancers can be bought.
        /// <paramref name="zones"/> and <paramref name="isps"/> become the zone / isp filters.</summary>
        public static IAsyncEnumerable<Page<ZoneResource>> ListResourcesAsync(ClbClient client, IReadOnlyList<string>? zones, IReadOnlyList<string>? isps,
            long skip, long? first, CancellationToken cancellationToken)
        {
            var filters = new List<Filter>();
            if (zones != null && zones.Count > 0) filters.Add(new Filter { Name = "zone", Values = zones.ToList() });
            if (isps != null && isps.Count > 0) filters.Add(new Filter { Name = "isp", Values = isps.ToList() });
            return Pager.PagesAsync<ZoneResource>(async (offset, limit, ct) =>
            {
                var request = new DescribeResourcesRequest { Offset = offset, Limit = limit, Filters = filters.Count > 0 ? filters : null };
                var response = await client.InvokeAsync<DescribeResourcesResponse>("DescribeResources", request, ct).ConfigureAwait(false);
                var items = response.ZoneResourceSet ?? new List<ZoneResource>();
                foreach (var z in items) z.Region = client.Region;
                return new Page<ZoneResource>(items, response.TotalCount ?? items.Count);
            }, skip, first, PageSize, cancellationToken);
        }

        /// <summary>InquiryPriceCreateLoadBalancer.</summary>
        public static async Task<Price> PriceCreateAsync(ClbClient client, InquiryPriceCreateLoadBalancerRequest request, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync<InquiryPriceCreateLoadBalancerResponse>("InquiryPriceCreateLoadBalancer", request, cancellationToken).ConfigureAwait(false);
            return Stamp(client, response.Price, "InquiryPriceCreateLoadBalancer", null);
        }

        /// <summary>InquiryPriceModifyLoadBalancer: the price of the load balancer with new network billing.</summary>
        public static async Task<Price> PriceModifyAsync(ClbClient client, InquiryPriceModifyLoadBalancerRequest request, CancellationToken cancellationToken)
        {
            Require(request.LoadBalancerId);
            var response = await client.InvokeAsync<InquiryPriceModifyLoadBalancerResponse>("InquiryPriceModifyLoadBalancer", request, cancellationToken).ConfigureAwait(false);
            return Stamp(client, response.Price, "InquiryPriceModifyLoadBalancer", request.LoadBalancerId);
        }

        /// <summary>InquiryPriceRenewLoadBalancer: the price of renewing a prepaid load balancer.</summary>
        public static async Task<Price> PriceRenewAsync(ClbClient client, InquiryPriceRenewLoadBalancerRequest request, CancellationToken cancellationToken)
        {
            Require(request.LoadBalancerId);
            var response = await client.InvokeAsync<InquiryPriceRenewLoadBalancerResponse>("InquiryPriceRenewLoadBalancer", request, cancellationToken).ConfigureAwait(false);
            return Stamp(client, response.Price, "InquiryPriceRenewLoadBalancer", request.LoadBalancerId);
        }

        /// <summary>InquiryPriceRefundLoadBalancer: what deleting the load balancer would refund.</summary>
        public static async Task<Price> PriceRefundAsync(ClbClient client, string loadBalancerId, CancellationToken cancellationToken)
        {
            Require(loadBalancerId);
            var response = await client.InvokeAsync<InquiryPriceRefundLoadBalancerResponse>("InquiryPriceRefundLoadBalancer",
                new InquiryPriceRefundLoadBalancerRequest { LoadBalancerId = loadBalancerId }, cancellationToken).ConfigureAwait(false);
            return Stamp(client, response.Price, "InquiryPriceRefundLoadBalancer", loadBalancerId);
        }

        private static Price Stamp(ClbClient client, Price? price, string action, string? loadBalancerId)
        {
            price = price ?? new Price();
            price.Region = client.Region;
            price.Action = action;
            price.LoadBalancerId = loadBalancerId;
            return price;
        }

        private static void Require(string? loadBalancerId)
        {
            if (string.IsNullOrEmpty(loadBalancerId)) throw new ArgumentException("LoadBalancerId is required.", nameof(loadBalancerId));
        }

        /// <summary>DescribeLoadBalancerOverview: counts of the region's load balancers by state.</summary>
        public static async Task<ClbLoadBalancerOverview> GetOverviewAsync(ClbClient client, CancellationToken cancellationToken)
        {
            var r = await client.InvokeAsync<DescribeLoadBalancerOverviewResponse>("DescribeLoadBalancerOverview",
                new DescribeLoadBalancerOverviewRequest(), cancellationToken).ConfigureAwait(false);
            return new ClbLoadBalancerOverview
            {
                Region = client.Region,
                TotalCount = r.TotalCount ?? 0,
                RunningCount = r.RunningCount ?? 0,
                IsolationCount = r.IsolationCount ?? 0,
                WillExpireCount = r.WillExpireCount ?? 0,
            };
        }

        /// <summary>DescribeIdleLoadBalancers, page by page: load balancers with no rules or no real servers.
        /// <paramref name="loadBalancerRegion"/> narrows to one region (null: the service's default). Items keep the
        /// Region the service reports; the client's Region fills it when the service leaves it empty.</summary>
        public static IAsyncEnumerable<Page<IdleLoadBalancer>> ListIdleAsync(ClbClient client, string? loadBalancerRegion,
            long skip, long? first, CancellationToken cancellationToken) =>
            Pager.PagesAsync<IdleLoadBalancer>(async (offset, limit, ct) =>
            {
                var request = new DescribeIdleLoadBalancersRequest { Offset = offset, Limit = limit, LoadBalancerRegion = loadBalancerRegion };
                var response = await client.InvokeAsync<DescribeIdleLoadBalancersResponse>("DescribeIdleLoadBalancers", request, ct).ConfigureAwait(false);
                var items = response.IdleLoadBalancers ?? new List<IdleLoadBalancer>();
                foreach (var i in items) if (string.IsNullOrEmpty(i.Region)) i.Region = loadBalancerRegion ?? client.Region;
                return new Page<IdleLoadBalancer>(items, response.TotalCount ?? items.Count);
            }, skip, first, PageSize, cancellationToken);

        /// <summary>DescribeLoadBalancerTraffic: the load balancers with the most outbound traffic, highest first.</summary>
        public static async Task<IReadOnlyList<LoadBalancerTraffic>> GetTrafficAsync(ClbClient client, string? loadBalancerRegion, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync<DescribeLoadBalancerTrafficResponse>("DescribeLoadBalancerTraffic",
                new DescribeLoadBalancerTrafficRequest { LoadBalancerRegion = loadBalancerRegion }, cancellationToken).ConfigureAwait(false);
            var items = response.LoadBalancerTraffic ?? new List<LoadBalancerTraffic>();
            foreach (var t in items) if (string.IsNullOrEmpty(t.Region)) t.Region = loadBalancerRegion ?? client.Region;
            return items;
        }

        /// <summary>
        /// ModifyLoadBalancersProject, <see cref="MaxIdsPerChange"/> ids per call (duplicates dropped). Every chunk is sent
        /// even when an earlier one failed; each result carries its ids and its error (null = changed; Task is always null,
        /// the action is synchronous).
        /// </summary>
        public static Task<IReadOnlyList<ChunkResult>> MoveToProjectAsync(ClbClient client, IReadOnlyList<string> loadBalancerIds, long projectId,
            CancellationToken cancellationToken)
        {
            if (projectId < 0) throw new ArgumentOutOfRangeException(nameof(projectId), "projectId must not be negative.");
            return ChunkedCalls.RunAsync(loadBalancerIds, MaxIdsPerChange, async (chunk, ct) =>
            {
                await client.InvokeAsync<ModifyLoadBalancersProjectResponse>("ModifyLoadBalancersProject",
                    new ModifyLoadBalancersProjectRequest { LoadBalancerIds = chunk, ProjectId = projectId }, ct).ConfigureAwait(false);
                return null;
            }, cancellationToken);
        }

        /// <summary>
        /// ModifyLoadBalancerSla: gives each load balancer its specification (SLA or clb.c2.medium, ...),
        /// <see cref="MaxIdsPerChange"/> per call; a later entry for the same load balancer wins. Results as for
        /// <see cref="MoveToProjectAsync"/>.
        /// </summary>
        public static async Task<IReadOnlyList<ChunkResult>> SetSlaAsync(ClbClient client, IReadOnlyList<SlaUpdateParam> changes, CancellationToken cancellationToken)
        {
            var byId = new Dictionary<string, SlaUpdateParam>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var c in changes)
            {
                if (string.IsNullOrEmpty(c.LoadBalancerId) || string.IsNullOrEmpty(c.SlaType))
                    throw new ArgumentException("Every change needs a LoadBalancerId and a SlaType.", nameof(changes));
                if (!byId.ContainsKey(c.LoadBalancerId!)) order.Add(c.LoadBalancerId!);
                byId[c.LoadBalancerId!] = c;
            }
            return await ChunkedCalls.RunAsync(order, MaxIdsPerChange, async (chunk, ct) =>
            {
                var request = new ModifyLoadBalancerSlaRequest
                {
                    LoadBalancerSla = chunk.Select(id => new SlaUpdateParam { LoadBalancerId = id, SlaType = byId[id].SlaType }).ToList(),
                };
                await client.InvokeAsync<ModifyLoadBalancerSlaResponse>("ModifyLoadBalancerSla", request, ct).ConfigureAwait(false);
                return null;
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
