using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>CLB access and health logs in CLS: the logsets, their topics, and turning a load balancer's log on or off.</summary>
    public static class LogOperations
    {
        public const string Access = "ACCESS";
        public const string Health = "HEALTH";

        /// <summary>DescribeClsLogSet: the region's CLB logsets that exist (ACCESS first, then HEALTH).</summary>
        public static async Task<IReadOnlyList<ClbLogSet>> GetLogSetsAsync(ClbClient client, CancellationToken cancellationToken)
        {
            var response = await client.InvokeAsync<DescribeClsLogSetResponse>("DescribeClsLogSet", new DescribeClsLogSetRequest(), cancellationToken).ConfigureAwait(false);
            var sets = new List<ClbLogSet>();
            if (!string.IsNullOrEmpty(response.LogsetId))
                sets.Add(new ClbLogSet { Region = client.Region, LogSetId = response.LogsetId!, LogSetType = Access });
            if (!string.IsNullOrEmpty(response.HealthLogsetId))
                sets.Add(new ClbLogSet { Region = client.Region, LogSetId = response.HealthLogsetId!, LogSetType = Health });
            return sets;
        }

        /// <summary>CreateClsLogSet: makes the region's CLB logset of <paramref name="logSetType"/> (ACCESS or HEALTH; null = ACCESS).</summary>
        public static async Task<ClbLogSet> CreateLogSetAsync(ClbClient client, string? name, long? period, string? logSetType, CancellationToken cancellationToken)
        {
            var type = NormalizeType(logSetType);
            var response = await client.InvokeAsync<CreateClsLogSetResponse>("CreateClsLogSet",
                new CreateClsLogSetRequest { LogsetName = name, Period = period, LogsetType = type }, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(response.LogsetId))
                throw new ClbProtocolException("CreateClsLogSet was accepted but returned no LogsetId.", null) { Action = "CreateClsLogSet" };
            return new ClbLogSet { Region = client.Region, LogSetId = response.LogsetId!, LogSetType = type, Name = name, Period = period };
        }

        /// <summary>
        /// CreateTopic, then DescribeClsLogSet to name the logset the topic went into, so the result pipes straight
        /// into SetLoadBalancerClsLog (LogSetId, LogTopicId, LogType).
        /// </summary>
        public static async Task<ClbLogTopic> CreateTopicAsync(ClbClient client, CreateTopicRequest request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.TopicName)) throw new ArgumentException("TopicName is required.", nameof(request));
            request.TopicType = NormalizeType(request.TopicType);
            var response = await client.InvokeAsync<CreateTopicResponse>("CreateTopic", request, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(response.TopicId))
                throw new ClbProtocolException("CreateTopic was accepted but returned no TopicId.", null) { Action = "CreateTopic" };
            string? logSetId = null;
            foreach (var set in await GetLogSetsAsync(client, cancellationToken).ConfigureAwait(false))
                if (set.LogSetType == request.TopicType) logSetId = set.LogSetId;
            return new ClbLogTopic
            {
                Region = client.Region,
                LogTopicId = response.TopicId!,
                Name = request.TopicName!,
                LogType = request.TopicType!,
                LogSetId = logSetId,
                PartitionCount = request.PartitionCount,
                Period = request.Period,
                StorageType = request.StorageType,
            };
        }

        /// <summary>SetLoadBalancerClsLog: sends the load balancer's <paramref name="logType"/> log to the topic; empty (or null)
        /// logset and topic ids turn that log off.</summary>
        public static async Task SetLoadBalancerLogAsync(ClbClient client, string loadBalancerId, string? logSetId, string? logTopicId, string? logType,
            CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(loadBalancerId)) throw new ArgumentException("loadBalancerId is required.", nameof(loadBalancerId));
            if (string.IsNullOrEmpty(logSetId) != string.IsNullOrEmpty(logTopicId))
                throw new ArgumentException("Give both a logset id and a topic id, or neither to turn the log off.", nameof(logTopicId));
            await client.InvokeAsync<SetLoadBalancerClsLogResponse>("SetLoadBalancerClsLog", new SetLoadBalancerClsLogRequest
            {
                LoadBalancerId = loadBalancerId,
                LogSetId = logSetId ?? "",
                LogTopicId = logTopicId ?? "",
                LogType = NormalizeType(logType),
            }, cancellationToken).ConfigureAwait(false);
        }

        private static string NormalizeType(string? type) =>
            string.IsNullOrEmpty(type) ? Access : type!.ToUpperInvariant();
    }
}
