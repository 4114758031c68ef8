using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Listeners
{
    /// <summary>
    /// The listener settings New-ClbListener and Set-ClbListener share: name, health check, certificate, scheduler,
    /// session persistence and SNI, and how they become the API's HealthCheck and CertificateInput.
    /// </summary>
    public abstract class ClbListenerSettingsCmdlet : ClbAsyncCmdlet
    {
        /// <summary><para type="description">A health check as a hashtable with the API's HealthCheck keys, e.g. @{ HealthSwitch = 1; CheckType = 'HTTP'; HttpCheckDomain = 'a.example.com'; HttpVersion = 'HTTP/1.1' }. The dedicated -HealthCheck* parameters override its keys. Only TCP, UDP, TCP_SSL and QUIC listeners; HTTP/HTTPS check per rule.</para></summary>
        [Parameter]
        public Hashtable? HealthCheck { get; set; }

        /// <summary><para type="description">$true turns health checks on, $false off.</para></summary>
        [Parameter]
        public bool? HealthCheckEnabled { get; set; }

        /// <summary><para type="description">Seconds between health checks (2 to 300).</para></summary>
        [Parameter]
        [ValidateRange(2, 300)]
        public int? HealthCheckInterval { get; set; }

        /// <summary><para type="description">Seconds to wait for a health check answer (2 to 60; shorter than the interval).</para></summary>
        [Parameter]
        [ValidateRange(2, 60)]
        public int? HealthCheckTimeout { get; set; }

        /// <summary><para type="description">Consecutive successful checks before a target counts as healthy (2 to 10).</para></summary>
        [Parameter]
        [ValidateRange(2, 10)]
        public int? HealthyThreshold { get; set; }

        /// <summary><para type="description">Consecutive failed checks before a target counts as unhealthy (2 to 10).</para></summary>
        [Parameter]
        [ValidateRange(2, 10)]
        public int? UnhealthyThreshold { get; set; }

        /// <summary><para type="description">The health check protocol: TCP, HTTP, HTTPS, GRPC, PING or CUSTOM (which ones apply depends on the listener protocol).</para></summary>
        [Parameter]
        [ValidateSet("TCP", "HTTP", "HTTPS", "GRPC", "PING", "CUSTOM")]
        public string? HealthCheckType { get; set; }

        /// <summary><para type="description">The path an HTTP health check requests; starts with '/'.</para></summary>
        [Parameter]
        [ValidatePattern("^/.{0,199}$")]
        public string? HealthCheckPath { get; set; }

        /// <summary><para type="description">The Host an HTTP health check sends (required for HTTP checks of TCP listeners).</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Domain)]
        public string? HealthCheckDomain { get; set; }

        /// <summary><para type="description">The HTTP status classes counted as healthy, as a bit mask 1 to 31: 1 = 1xx, 2 = 2xx, 4 = 3xx, 8 = 4xx, 16 = 5xx.</para></summary>
        [Parameter]
        [ValidateRange(1, 31)]
        public int? HealthCheckHttpCode { get; set; }

        /// <summary><para type="description">The server certificate id (HTTPS, TCP_SSL and QUIC listeners only).</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CertificateId { get; set; }

        /// <summary><para type="description">The client CA certificate id, for -SslMode MUTUAL.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CertificateCaId { get; set; }

        /// <summary><para type="description">UNIDIRECTIONAL (server certificate only, the default) or MUTUAL (clients present certificates too; needs -CertificateCaId).</para></summary>
        [Parameter]
        [ValidateSet("UNIDIRECTIONAL", "MUTUAL")]
        public string? SslMode { get; set; }

        /// <summary><para type="description">How connections are spread over targets: WRR (weighted round robin) or LEAST_CONN (least connections). Layer-4 listeners only.</para></summary>
        [Parameter]
        [ValidateSet("WRR", "LEAST_CONN")]
        public string? Scheduler { get; set; }

        /// <summary><para type="description">Session persistence in seconds: 0 turns it off, otherwise 30 to 3600. Layer-4 listeners only.</para></summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public long? SessionExpireTime { get; set; }

        /// <summary><para type="description">Turn on SNI (certificates per domain) on an HTTPS listener. It cannot be turned off again.</para></summary>
        [Parameter]
        public SwitchParameter SniSwitch { get; set; }

        private static readonly HashSet<string> HealthCheckKeys = new HashSet<string>(
            typeof(HealthCheck).GetProperties().Select(p => p.Name).Where(n => n != nameof(Client.Models.HealthCheck.ExtensionData)), StringComparer.OrdinalIgnoreCase);

        /// <summary>The HealthCheck to send, or null when no health check parameter was given.</summary>
        protected HealthCheck? BuildHealthCheck()
        {
            HealthCheck? health = null;
            if (HealthCheck != null)
            {
                var map = new Dictionary<string, object?>();
                foreach (DictionaryEntry entry in HealthCheck)
                {
                    var key = entry.Key?.ToString() ?? "";
                    var canonical = HealthCheckKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                    if (canonical == null) RefuseParameter("HealthCheck", "'" + key + "' is not a health check setting; use " + string.Join(", ", HealthCheckKeys) + ".", key);
                    map[canonical!] = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                }
                try
                {
                    health = JsonSerializer.Deserialize<HealthCheck>(JsonSerializer.Serialize(map, ClbJson.Options), ClbJson.Options);
                }
                catch (JsonException ex)
                {
                    RefuseParameter("HealthCheck", "a value has the wrong type (numbers for HealthSwitch, TimeOut, IntervalTime, HealthNum, UnHealthNum, HttpCode, CheckPort, SourceIpType; strings for the rest): " + ex.Message);
                }
            }
            if (HealthCheckEnabled != null || HealthCheckInterval != null || HealthCheckTimeout != null || HealthyThreshold != null || UnhealthyThreshold != null ||
                HealthCheckType != null || HealthCheckPath != null || HealthCheckDomain != null || HealthCheckHttpCode != null)
            {
                health ??= new HealthCheck();
                if (HealthCheckEnabled != null) health.HealthSwitch = HealthCheckEnabled.Value ? 1 : 0;
                else if (health.HealthSwitch == null) health.HealthSwitch = 1;
                if (HealthCheckInterval != null) health.IntervalTime = HealthCheckInterval;
                if (HealthCheckTimeout != null) health.TimeOut = HealthCheckTimeout;
                if (HealthyThreshold != null) health.HealthNum = HealthyThreshold;
                if (UnhealthyThreshold != null) health.UnHealthNum = UnhealthyThreshold;
                if (HealthCheckType != null) health.CheckType = HealthCheckType;
                if (HealthCheckPath != null) health.HttpCheckPath = HealthCheckPath;
                if (HealthCheckDomain != null) health.HttpCheckDomain = HealthCheckDomain;
                if (HealthCheckHttpCode != null) health.HttpCode = HealthCheckHttpCode;
            }
            return health;
        }

        /// <summary>The CertificateInput to send, or null when no certificate parameter was given.</summary>
        protected CertificateInput? BuildCertificate()
        {
            if (CertificateId == null && CertificateCaId == null && SslMode == null) return null;
            if (CertificateId == null) RefuseParameter("CertificateId", "-CertificateCaId and -SslMode need the server certificate id too.");
            var mode = SslMode ?? (CertificateCaId != null ? "MUTUAL" : "UNIDIRECTIONAL");
            return new CertificateInput { CertId = CertificateId, CertCaId = CertificateCaId, SSLMode = mode };
        }

        /// <summary>Refuses the request (terminating, before sending) when the operations layer found a problem.</summary>
        protected void Refuse(InputProblem? problem)
        {
            if (problem != null) RefuseParameter(problem.Parameter, problem.Rule);
        }
    }
}
