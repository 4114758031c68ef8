using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Security;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Security
{
    /// <summary>
    /// <para type="synopsis">Replaces a certificate on every listener and rule of the region that uses it.</para>
    /// </summary>
    [Cmdlet(VerbsData.Update, "ClbCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(ClbCertificateBinding))]
    [ClbApiAction("ReplaceCertForLoadBalancers", "DescribeLoadBalancerListByCertId", "DescribeListeners")]
    public sealed class UpdateClbCertificateCommand : ClbCmdlet
    {
        private const string ByIdSet = "ById";
        private const string ContentSet = "Content";

        /// <summary><para type="description">The certificate to replace (a server certificate or a client CA certificate); alias -OldCertificateId. Binds from the CertificateId property of piped bindings.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("OldCertificateId")]
        [ValidatePattern(ClbIdPatterns.Certificate)]
        public string CertificateId { get; set; } = "";

        /// <summary><para type="description">The uploaded server certificate to use instead.</para></summary>
        [Parameter(ParameterSetName = ByIdSet)]
        [ValidatePattern(ClbIdPatterns.Certificate)]
        public string? NewCertificateId { get; set; }

        /// <summary><para type="description">The uploaded client CA certificate to use instead (mutual authentication).</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Certificate)]
        public string? CertificateCaId { get; set; }

        /// <summary><para type="description">A new server certificate to upload, as PEM text; needs -CertificateKey.</para></summary>
        [Parameter(ParameterSetName = ContentSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificateContent { get; set; }

        /// <summary><para type="description">The private key of -CertificateContent, as PEM text in a SecureString. It is never written to verbose, debug, WhatIf or error output.</para></summary>
        [Parameter(ParameterSetName = ContentSet)]
        [ValidateNotNull]
        public SecureString? CertificateKey { get; set; }

        /// <summary><para type="description">A name for the uploaded server certificate.</para></summary>
        [Parameter(ParameterSetName = ContentSet)]
        [ValidatePattern("^.{1,128}$")]
        public string? CertificateName { get; set; }

        /// <summary><para type="description">A new client CA certificate to upload, as PEM text.</para></summary>
        [Parameter(ParameterSetName = ContentSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificateCaContent { get; set; }

        /// <summary><para type="description">A name for the uploaded client CA certificate.</para></summary>
        [Parameter(ParameterSetName = ContentSet)]
        [ValidatePattern("^.{1,128}$")]
        public string? CertificateCaName { get; set; }

        /// <summary><para type="description">UNIDIRECTIONAL (server certificate only) or MUTUAL (also checks clients against the CA certificate).</para></summary>
        [Parameter]
        [ValidateSet("UNIDIRECTIONAL", "MUTUAL")]
        public string? SSLMode { get; set; }

        /// <summary><para type="description">Emit where the new certificate is now used: the listeners and rules that held the old one.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly HashSet<string> _done = new HashSet<string>(System.StringComparer.Ordinal);

        protected override void ProcessRecord()
        {
            // Piped bindings name the same certificate once per listener or rule: one replacement covers them all.
            if (!_done.Add(CertificateId)) return;
            var input = new CertificateInput { SSLMode = SSLMode, CertCaId = CertificateCaId };
            string what;
            if (ParameterSetName == ContentSet)
            {
                if ((CertificateContent == null) != (CertificateKey == null))
                    RefuseParameter(CertificateContent == null ? "CertificateContent" : "CertificateKey", "-CertificateContent and -CertificateKey go together.");
                if (CertificateContent == null && CertificateCaContent == null)
                    RefuseParameter("CertificateContent", "give a server certificate (-CertificateContent with -CertificateKey) or a CA certificate (-CertificateCaContent) to upload.");
                if (CertificateCaContent != null && CertificateCaId != null)
                    RefuseParameter("CertificateCaContent", "give either -CertificateCaId or -CertificateCaContent, not both.");
                input.CertContent = CertificateContent;
                input.CertKey = CertificateKey != null ? new NetworkCredential(string.Empty, CertificateKey).Password : null;
                input.CertName = CertificateName;
                input.CertCaContent = CertificateCaContent;
                input.CertCaName = CertificateCaName;
                var parts = new List<string>();
                if (CertificateContent != null) parts.Add("an uploaded server certificate" + (CertificateName != null ? " '" + CertificateName + "'" : ""));
                if (CertificateCaContent != null) parts.Add("an uploaded CA certificate" + (CertificateCaName != null ? " '" + CertificateCaName + "'" : ""));
                if (CertificateCaId != null) parts.Add("CA certificate " + CertificateCaId);
                what = string.Join(" and ", parts);
            }
            else
            {
                if (NewCertificateId == null && CertificateCaId == null)
                    RefuseParameter("NewCertificateId", "name the replacement: -NewCertificateId (server certificate), -CertificateCaId (CA certificate), or upload one with -CertificateContent.");
                if (NewCertificateId == CertificateId || CertificateCaId == CertificateId)
                    RefuseParameter("NewCertificateId", "the replacement is the certificate being replaced (" + CertificateId + ").");
                input.CertId = NewCertificateId;
                what = NewCertificateId != null ? "certificate " + NewCertificateId : "CA certificate " + CertificateCaId;
                if (NewCertificateId != null && CertificateCaId != null) what += " and CA certificate " + CertificateCaId;
            }
            var client = GetClient();
            if (!ShouldProcess(CertificateId + " on every listener and rule using it (" + client.Region + ")", "Replace with " + what)) return;
            var request = new ReplaceCertForLoadBalancersRequest { OldCertificateId = CertificateId, Certificate = input };
            Run(async cancellationToken =>
            {
                IReadOnlyList<ClbCertificateBinding> before = new List<ClbCertificateBinding>();
                if (PassThru) before = await SecurityOperations.ListBindingsAsync(client, new[] { CertificateId }, cancellationToken).ConfigureAwait(false);
                await SecurityOperations.ReplaceAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("ReplaceCertForLoadBalancers replaced " + CertificateId + " with " + what + ".");
                if (PassThru)
                    await EmitAsync(await SecurityOperations.ReadAgainAsync(client, before, cancellationToken).ConfigureAwait(false), enumerate: true).ConfigureAwait(false);
            }, CertificateId);
        }
    }
}
