using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rules
{
    /// <summary>
    /// <para type="synopsis">Changes a domain of an HTTP or HTTPS listener: its name(s), certificate (SNI), HTTP/2, QUIC and which domain is the default.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(RuleOutput))]
    [ClbApiAction("ModifyDomainAttributes", "DescribeListeners")]
    public sealed class SetClbDomainCommand : ClbAsyncCmdlet
    {
        private readonly HashSet<string> _done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The HTTP or HTTPS listener (lbl-xxxxxxxx). Binds from the ListenerId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The domain to change (for a rule with several domains, any one of them). Binds from the Domain property of piped rules; several rules of one domain change it once.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(RuleParameters.DomainPattern)]
        public string Domain { get; set; } = "";

        /// <summary><para type="description">The new domain name; several names turn the rules into multi-domain rules (sent as NewDomains).</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateCount(1, 50)]
        [ValidatePattern(RuleParameters.DomainPattern)]
        public string[]? NewDomain { get; set; }

        /// <summary><para type="description">The server certificate id for the domain (listeners with SNI on only).</para></summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
        public string? CertificateId { get; set; }

        /// <summary><para type="description">The CA certificate id, for mutual authentication (-SSLMode MUTUAL).</para></summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
        public string? CertificateCaId { get; set; }

        /// <summary><para type="description">UNIDIRECTIONAL (server certificate only, the default) or MUTUAL (also checks client certificates against -CertificateCaId).</para></summary>
        [Parameter]
        [ValidateSet("UNIDIRECTIONAL", "MUTUAL")]
        public string? SSLMode { get; set; }

        /// <summary><para type="description">Turn HTTP/2 on (-Http2) or off (-Http2:$false); HTTPS listeners only.</para></summary>
        [Parameter]
        public SwitchParameter Http2 { get; set; }

        /// <summary><para type="description">Turn QUIC on (-Quic) or off (-Quic:$false); HTTPS listeners only.</para></summary>
        [Parameter]
        public SwitchParameter Quic { get; set; }

        /// <summary><para type="description">Make this domain the listener's default (-DefaultServer), or stop it being the default (-DefaultServer:$false, with -NewDefaultServerDomain).</para></summary>
        [Parameter]
        public SwitchParameter DefaultServer { get; set; }

        /// <summary><para type="description">The domain that becomes the listener's default when this one stops being it.</para></summary>
        [Parameter]
        [ValidatePattern(RuleParameters.DomainPattern)]
        public string? NewDefaultServerDomain { get; set; }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override void ProcessRecord()
        {
            if ((CertificateCaId != null || SSLMode != null) && CertificateId == null)
                RefuseParameter("CertificateId", "-CertificateCaId and -SSLMode need -CertificateId.");
            if (SSLMode == "MUTUAL" && CertificateCaId == null)
                RefuseParameter("CertificateCaId", "-SSLMode MUTUAL needs -CertificateCaId.");
            if (CertificateCaId != null && SSLMode != "MUTUAL")
                RefuseParameter("SSLMode", "-CertificateCaId applies only with -SSLMode MUTUAL.");
            if (Bound("DefaultServer") && DefaultServer.IsPresent && NewDefaultServerDomain != null)
                RefuseParameter("NewDefaultServerDomain", "-NewDefaultServerDomain is for -DefaultServer:$false (this domain stops being the default).");
            if (NewDomain == null && CertificateId == null && !Bound("Http2") && !Bound("Quic") && !Bound("DefaultServer") && NewDefaultServerDomain == null)
                RefuseParameter("NewDomain", "give at least one change: -NewDomain, -CertificateId, -Http2, -Quic, -DefaultServer or -NewDefaultServerDomain.");
            if (!_done.Add(LoadBalancerId + "/" + ListenerId + "/" + Domain))
            {
                WriteVerbose(Domain + " on " + ListenerId + " was already changed by this command.");
                return;
            }

            var request = new ModifyDomainAttributesRequest
            {
                LoadBalancerId = LoadBalancerId,
                ListenerId = ListenerId,
                Domain = Domain,
                NewDomain = NewDomain?.Length == 1 ? NewDomain[0] : null,
                NewDomains = NewDomain?.Length > 1 ? NewDomain.ToList() : null,
                Certificate = CertificateId == null ? null : new CertificateInput { CertId = CertificateId, CertCaId = CertificateCaId, SSLMode = SSLMode ?? "UNIDIRECTIONAL" },
                Http2 = Bound("Http2") ? Http2.ToBool() : (bool?)null,
                Quic = Bound("Quic") ? Quic.ToBool() : (bool?)null,
                DefaultServer = Bound("DefaultServer") ? DefaultServer.ToBool() : (bool?)null,
                NewDefaultServerDomain = NewDefaultServerDomain,
            };
            var changes = new List<string>();
            if (NewDomain != null) changes.Add("name -> " + string.Join(", ", NewDomain));
            if (request.Certificate != null) changes.Add("certificate " + CertificateId);
            if (request.Http2 != null) changes.Add("Http2=" + request.Http2);
            if (request.Quic != null) changes.Add("Quic=" + request.Quic);
            if (request.DefaultServer != null) changes.Add("DefaultServer=" + request.DefaultServer);
            if (NewDefaultServerDomain != null) changes.Add("new default " + NewDefaultServerDomain);
            if (!ShouldProcess(Domain + " on " + ListenerId, "Modify domain (" + string.Join(", ", changes) + ")")) return;

            var client = GetClient();
            var resultDomain = NewDomain?[0] ?? Domain;
            Run(async cancellationToken =>
            {
                var task = await RuleOperations.ModifyDomainAsync(client, request, cancellationToken).ConfigureAwait(false);
                await CompleteAsync(client, task, async ct =>
                    await RuleOperations.GetByDomainAsync(client, request.LoadBalancerId!, request.ListenerId!, resultDomain, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, Domain);
        }
    }
}
