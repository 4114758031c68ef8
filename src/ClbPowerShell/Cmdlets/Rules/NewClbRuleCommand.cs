using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rules
{
    /// <summary>
    /// <para type="synopsis">Creates layer-7 forwarding rules on an HTTP or HTTPS listener.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClbRule", DefaultParameterSetName = ByUrlSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(RuleOutput))]
    [ClbApiAction("CreateRule", "DescribeListeners")]
    public sealed class NewClbRuleCommand : ClbAsyncCmdlet
    {
        private const string ByUrlSet = "ByUrl";
        private const string ByRuleSet = "ByRule";
        /// <summary>A listener holds at most 50 rules, so more in one call can never succeed.</summary>
        private const int MaxRulesPerCall = 50;

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The HTTP or HTTPS listener (lbl-xxxxxxxx) to add the rules to. Binds from the ListenerId property of piped listeners.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">Domains to forward: a name, a wildcard with '*' at the start or end, or a regular expression starting with '~'. One rule is created for every combination of -Domain and -Url.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByUrlSet)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(RuleParameters.DomainPattern)]
        public string[] Domain { get; set; } = new string[0];

        /// <summary><para type="description">URL paths to forward, each starting with '/' (or '~' for a regular expression), up to 200 characters.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByUrlSet)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(RuleParameters.UrlPattern)]
        public string[] Url { get; set; } = new string[0];

        /// <summary><para type="description">Rules as hashtables of RuleInput fields (Domain, Url, Scheduler, HealthCheck, Certificate, Domains, ...). The other rule parameters fill in fields a hashtable leaves out.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ByRuleSet)]
        [ValidateNotNullOrEmpty]
        public Hashtable[] Rule { get; set; } = new Hashtable[0];

        /// <summary><para type="description">The health check of the rules, as a hashtable of HealthCheck fields: @{ HealthSwitch = 1; HttpCheckPath = '/health'; IntervalTime = 5 }.</para></summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? HealthCheck { get; set; }

        /// <summary><para type="description">How requests are spread over the targets: WRR (weighted round robin, the default), LEAST_CONN or IP_HASH.</para></summary>
        [Parameter]
        [ValidateSet("WRR", "LEAST_CONN", "IP_HASH")]
        public string? Scheduler { get; set; }

        /// <summary><para type="description">Session persistence in seconds: 0 turns it off, otherwise 30 to 3600.</para></summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public long? SessionExpireTime { get; set; }

        /// <summary><para type="description">What the rules forward to: NODE (targets bound to the rule, the default) or TARGETGROUP.</para></summary>
        [Parameter]
        [ValidateSet("NODE", "TARGETGROUP")]
        public string? TargetType { get; set; }

        /// <summary><para type="description">The protocol from the load balancer to the targets: HTTP (default), HTTPS, GRPC, GRPCS or TRPC.</para></summary>
        [Parameter]
        [ValidateSet("HTTP", "HTTPS", "GRPC", "GRPCS", "TRPC")]
        public string? ForwardType { get; set; }

        /// <summary><para type="description">Make the domain the listener's default domain (the one that answers requests matching no other domain).</para></summary>
        [Parameter]
        public SwitchParameter DefaultServer { get; set; }

        /// <summary><para type="description">Turn on HTTP/2 for the domain (HTTPS listeners only).</para></summary>
        [Parameter]
        public SwitchParameter Http2 { get; set; }

        protected override void ProcessRecord()
        {
            var rules = BuildRules();
            if (rules.Count > MaxRulesPerCall)
                RefuseParameter(ParameterSetName == ByRuleSet ? "Rule" : "Url", "at most " + MaxRulesPerCall + " rules can be created at once (a listener holds at most 50); this would create " + rules.Count + ".");
            var duplicate = rules.GroupBy(r => (r.Domain?.ToLowerInvariant() ?? "") + " " + r.Url).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
                RefuseParameter(ParameterSetName == ByRuleSet ? "Rule" : "Url", "the rule " + duplicate.Key + " is given more than once.");

            var description = string.Join(", ", rules.Select(r => (r.Domain ?? r.Domains?.FirstOrDefault()) + r.Url));
            if (!ShouldProcess(ListenerId + " on " + LoadBalancerId, "Create rule(s) " + description)) return;

            var request = new CreateRuleRequest { LoadBalancerId = LoadBalancerId, ListenerId = ListenerId, Rules = rules };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var (task, ids) = await RuleOperations.CreateAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("CreateRule accepted: " + string.Join(", ", ids) + " (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct =>
                    await RuleOperations.GetByLocationAsync(client, LoadBalancerId, ListenerId, ids, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, ListenerId);
        }

        private List<RuleInput> BuildRules()
        {
            var rules = new List<RuleInput>();
            if (ParameterSetName == ByRuleSet)
            {
                for (var i = 0; i < Rule.Length; i++)
                {
                    var rule = RuleParameters.ToModel<RuleInput>(Rule[i], out var error);
                    if (rule == null) RefuseParameter("Rule", "rule " + (i + 1) + ": " + error);
                    if (string.IsNullOrEmpty(rule!.Url)) RefuseParameter("Rule", "rule " + (i + 1) + " has no Url.");
                    if (string.IsNullOrEmpty(rule.Domain) && !(rule.Domains?.Count > 0)) RefuseParameter("Rule", "rule " + (i + 1) + " has no Domain (or Domains).");
                    if (!System.Text.RegularExpressions.Regex.IsMatch(rule.Url!, RuleParameters.UrlPattern))
                        RefuseParameter("Rule", "rule " + (i + 1) + ": the Url must start with '/' (or '~') and have at most 200 characters.");
                    if (RuleParameters.CheckSessionExpireTime(rule.SessionExpireTime) is { } sessionRule) RefuseParameter("Rule", "rule " + (i + 1) + ": " + sessionRule);
                    rules.Add(rule);
                }
            }
            else
            {
                foreach (var domain in Domain)
                    foreach (var url in Url)
                        rules.Add(new RuleInput { Domain = domain, Url = url });
            }

            HealthCheck? health = null;
            if (HealthCheck != null)
            {
                health = RuleParameters.ToModel<HealthCheck>(HealthCheck, out var error);
                if (health == null) RefuseParameter("HealthCheck", error!);
            }
            if (RuleParameters.CheckSessionExpireTime(SessionExpireTime) is { } sessionError) RefuseParameter("SessionExpireTime", sessionError);

            foreach (var rule in rules)
            {
                rule.HealthCheck ??= health;
                rule.Scheduler ??= Scheduler;
                rule.SessionExpireTime ??= SessionExpireTime;
                rule.TargetType ??= TargetType;
                rule.ForwardType ??= ForwardType;
                if (DefaultServer.IsPresent) rule.DefaultServer ??= DefaultServer.ToBool();
                if (Http2.IsPresent) rule.Http2 ??= Http2.ToBool();
            }
            return rules;
        }
    }
}
