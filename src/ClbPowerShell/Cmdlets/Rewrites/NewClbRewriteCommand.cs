using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rewrites
{
    /// <summary>
    /// <para type="synopsis">Creates redirects between layer-7 rules: chosen pairs of rules, or -Auto from HTTP:80 to an HTTPS listener.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClbRewrite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ManualSet)]
    [OutputType(typeof(ClbRewrite))]
    [ClbApiAction("ManualRewrite", "AutoRewrite", "DescribeRewrite")]
    public sealed class NewClbRewriteCommand : ClbCmdlet
    {
        private const string ManualSet = "Manual";
        private const string AutoSet = "Auto";

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The HTTP or HTTPS listener (lbl-xxxxxxxx) whose rules redirect.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ManualSet)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string SourceListenerId { get; set; } = "";

        /// <summary><para type="description">The HTTP or HTTPS listener (lbl-xxxxxxxx) whose rules are redirected to.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ManualSet)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string TargetListenerId { get; set; } = "";

        /// <summary><para type="description">The rules that redirect (loc-xxxxxxxx), paired in order with -TargetLocationId; up to 100 pairs per request, more are sent in several.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ManualSet)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string[] SourceLocationId { get; set; } = new string[0];

        /// <summary><para type="description">The rules redirected to (loc-xxxxxxxx), one for each -SourceLocationId, in the same order.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ManualSet)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string[] TargetLocationId { get; set; } = new string[0];

        /// <summary><para type="description">With -SourceLocationId pairs: keep the request path when redirecting (off by default).</para></summary>
        [Parameter(ParameterSetName = ManualSet)]
        public SwitchParameter TakeUrl { get; set; }

        /// <summary><para type="description">Redirect HTTP:80 to the HTTPS listener given by -ListenerId: the service makes the HTTP:80 listener and matching rules when missing, and each redirect keeps the request path.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = AutoSet)]
        public SwitchParameter Auto { get; set; }

        /// <summary><para type="description">With -Auto: the HTTPS listener (lbl-xxxxxxxx) to redirect to. Binds from the ListenerId property of piped listeners.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = AutoSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">With -Auto: only the rules of these domains of the HTTPS listener (all of its domains when omitted); up to 50.</para></summary>
        [Parameter(ParameterSetName = AutoSet)]
        [ValidateCount(1, 50)]
        [ValidatePattern(ClbIdPatterns.Domain)]
        public string[]? Domain { get; set; }

        /// <summary><para type="description">The HTTP status of the redirects: 301 (the default), 302 or 307. With -Auto it needs -Domain (one code is sent for each domain).</para></summary>
        [Parameter]
        [ValidateSet("301", "302", "307")]
        public string? RewriteCode { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == AutoSet) Automatic();
            else ManualPairs();
        }

        private void ManualPairs()
        {
            if (SourceLocationId.Length != TargetLocationId.Length)
                RefuseParameter("TargetLocationId", "give one target rule for each -SourceLocationId (" + SourceLocationId.Length + " source(s), " + TargetLocationId.Length + " target(s)).");
            var self = SourceLocationId.Zip(TargetLocationId, (s, t) => (s, t)).FirstOrDefault(p => p.s == p.t);
            if (self.s != null) RefuseParameter("TargetLocationId", "a rule cannot redirect to itself (" + self.s + ").");
            var twice = SourceLocationId.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1);
            if (twice != null) RefuseParameter("SourceLocationId", "a rule redirects to at most one rule; " + twice.Key + " is given twice.");
            var code = RewriteCode != null ? long.Parse(RewriteCode) : (long?)null;
            var request = new ManualRewriteRequest
            {
                LoadBalancerId = LoadBalancerId,
                SourceListenerId = SourceListenerId,
                TargetListenerId = TargetListenerId,
                RewriteInfos = SourceLocationId.Select((s, i) => new RewriteLocationMap
                {
                    SourceLocationId = s,
                    TargetLocationId = TargetLocationId[i],
                    RewriteCode = code,
                    TakeUrl = TakeUrl.IsPresent ? true : (bool?)null,
                }).ToList(),
            };
            var pairs = string.Join(", ", SourceLocationId.Select((s, i) => s + " -> " + TargetLocationId[i]));
            if (!ShouldProcess(LoadBalancerId + " " + SourceListenerId + " -> " + TargetListenerId + ": " + pairs, "Create redirect")) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var made = await RewriteOperations.CreateManualAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("ManualRewrite made " + made.Count + " redirect(s) on " + LoadBalancerId + ".");
                await EmitAsync(made, enumerate: true).ConfigureAwait(false);
            }, LoadBalancerId);
        }

        private void Automatic()
        {
            if (RewriteCode != null && Domain == null)
                RefuseParameter("RewriteCode", "with -Auto, -RewriteCode needs -Domain (the service takes one code per domain).");
            var domains = Domain?.Select(d => d.ToLowerInvariant()).Distinct().ToList();
            var request = new AutoRewriteRequest
            {
                LoadBalancerId = LoadBalancerId,
                ListenerId = ListenerId,
                Domains = domains,
                RewriteCodes = RewriteCode != null ? domains!.Select(_ => long.Parse(RewriteCode)).ToList() : null,
            };
            if (!ShouldProcess(LoadBalancerId + " HTTP:80 -> " + ListenerId + (domains != null ? " (" + string.Join(", ", domains) + ")" : " (every domain)"), "Create automatic redirect")) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var made = await RewriteOperations.CreateAutoAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("AutoRewrite: " + made.Count + " redirect(s) now lead to " + ListenerId + ".");
                await EmitAsync(made, enumerate: true).ConfigureAwait(false);
            }, ListenerId);
        }
    }
}
