using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.LoadBalancers
{
    /// <summary>
    /// <para type="synopsis">Creates load balancers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClbLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(LoadBalancer))]
    [ClbApiAction("CreateLoadBalancer")]
    public sealed class NewClbLoadBalancerCommand : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The name; up to 60 characters of letters, digits, '-', '_' and '.'.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePattern("^[A-Za-z0-9_.\\-]{1,60}$")]
        public string Name { get; set; } = "";

        /// <summary><para type="description">OPEN (public network, the default) or INTERNAL (private network).</para></summary>
        [Parameter]
        [ValidateSet("OPEN", "INTERNAL")]
        public string LoadBalancerType { get; set; } = "OPEN";

        /// <summary><para type="description">The VPC to create in (vpc-xxxxxxxx); required for INTERNAL.</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Vpc)]
        public string? VpcId { get; set; }

        /// <summary><para type="description">The subnet for an INTERNAL load balancer (subnet-xxxxxxxx).</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Subnet)]
        public string? SubnetId { get; set; }

        /// <summary><para type="description">The project id (0 is the default project).</para></summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? ProjectId { get; set; }

        /// <summary><para type="description">How many identical load balancers to create (1 to 20).</para></summary>
        [Parameter]
        [ValidateRange(1, 20)]
        public int Count { get; set; } = 1;

        /// <summary><para type="description">IPV4 (default), IPV6 or IPv6FullChain.</para></summary>
        [Parameter]
        [ValidateSet("IPV4", "IPV6", "IPv6FullChain")]
        public string? AddressIPVersion { get; set; }

        /// <summary><para type="description">Tags as a hashtable of key = value.</para></summary>
        [Parameter]
        public Hashtable? Tag { get; set; }

        /// <summary><para type="description">An idempotency token; a new one is generated when omitted, so a retried create never makes two.</para></summary>
        [Parameter]
        [ValidateLength(1, 64)]
        public string? ClientToken { get; set; }

        /// <summary><para type="description">Create a classic load balancer (Forward 0) instead of the current kind; manage it with the *-ClbClassic* cmdlets.</para></summary>
        [Parameter]
        public SwitchParameter Classic { get; set; }

        protected override void ProcessRecord()
        {
            if (LoadBalancerType == "INTERNAL" && (VpcId == null || SubnetId == null))
                RefuseParameter("SubnetId", "an INTERNAL load balancer needs both -VpcId and -SubnetId.");
            if (LoadBalancerType == "OPEN" && SubnetId != null)
                RefuseParameter("SubnetId", "-SubnetId applies only to INTERNAL load balancers.");
            if (!ShouldProcess(Name + " (" + LoadBalancerType + (Classic ? ", classic" : "") + (Count > 1 ? ", " + Count + " instances" : "") + ")", "Create load balancer")) return;

            var request = new CreateLoadBalancerRequest
            {
                LoadBalancerName = Name,
                LoadBalancerType = LoadBalancerType,
                Forward = Classic ? 0 : 1,
                VpcId = VpcId,
                SubnetId = SubnetId,
                ProjectId = ProjectId,
                Number = Count,
                AddressIPVersion = AddressIPVersion,
                ClientToken = ClientToken,
                Tags = Tag?.Cast<DictionaryEntry>().Select(e => new TagInfo { TagKey = e.Key.ToString(), TagValue = e.Value?.ToString() }).ToList(),
            };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var (task, response) = await LoadBalancerOperations.CreateAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("CreateLoadBalancer accepted: " + string.Join(", ", task.LoadBalancerIds ?? new string[0]) + " (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct =>
                {
                    var created = new List<LoadBalancer>();
                    foreach (var id in task.LoadBalancerIds ?? new string[0])
                    {
                        var lb = await LoadBalancerOperations.GetAsync(client, id, ct).ConfigureAwait(false);
                        if (lb != null) created.Add(lb);
                    }
                    return created;
                }, cancellationToken).ConfigureAwait(false);
            }, Name);
        }
    }
}
