#nullable enable

using System;
using System.Collections.Generic;

namespace ClbPowerShell.Client.Models
{
    /// <summary>
    /// What is known about one CLB API 3.0 action: its typed request/response models and how it may
    /// be called (read-only or not, asynchronous or not, paged or not). The instances live in
    /// <see cref="ClbActionCatalog"/>, which is generated from the API catalog.
    /// </summary>
    public sealed class ClbActionInfo
    {
        public ClbActionInfo(
            string name,
            string category,
            bool isAsync,
            bool isReadOnly,
            Type requestType,
            Type responseType,
            bool hasFullSection,
            bool paged,
            long? defaultLimit,
            long? maxLimit,
            int rateLimitPerSecond,
            IReadOnlyList<string> requiredParameters)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Category = category ?? throw new ArgumentNullException(nameof(category));
            IsAsync = isAsync;
            IsReadOnly = isReadOnly;
            RequestType = requestType ?? throw new ArgumentNullException(nameof(requestType));
            ResponseType = responseType ?? throw new ArgumentNullException(nameof(responseType));
            HasFullSection = hasFullSection;
            Paged = paged;
            DefaultLimit = defaultLimit;
            MaxLimit = maxLimit;
            RateLimitPerSecond = rateLimitPerSecond;
            RequiredParameters = requiredParameters ?? Array.Empty<string>();
        }

        /// <summary>The action name as the API spells it, e.g. <c>DescribeLoadBalancers</c>.</summary>
        public string Name { get; }

        /// <summary>The API reference category, e.g. <c>Instance</c>, <c>Listener</c>, <c>Backend Service</c>.</summary>
        public string Category { get; }

        /// <summary>True when the action is documented as asynchronous (poll DescribeTaskStatus with the RequestId).</summary>
        public bool IsAsync { get; }

        /// <summary>True for actions that only read (Describe*, Inquiry*, Get*): safe to retry freely.</summary>
        public bool IsReadOnly { get; }

        /// <summary>The typed request model, <c>{Name}Request</c>.</summary>
        public Type RequestType { get; }

        /// <summary>The typed response model, <c>{Name}Response</c> (the content of the <c>Response</c> object).</summary>
        public Type ResponseType { get; }

        /// <summary>False for the actions only listed in the API category table, whose parameters are unknown
        /// (their request/response models carry only <c>RequestId</c> and extension data).</summary>
        public bool HasFullSection { get; }

        /// <summary>True when the action takes <c>Offset</c> and <c>Limit</c>.</summary>
        public bool Paged { get; }

        /// <summary>The documented default <c>Limit</c> of a paged action, if known.</summary>
        public long? DefaultLimit { get; }

        /// <summary>The documented maximum <c>Limit</c> of a paged action, if known.</summary>
        public long? MaxLimit { get; }

        /// <summary>The documented request rate limit (requests per second, per action).</summary>
        public int RateLimitPerSecond { get; }

        /// <summary>The input parameters the API marks as required (API names, without <c>.N</c>).</summary>
        public IReadOnlyList<string> RequiredParameters { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
