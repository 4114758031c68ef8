using System;

namespace ClbPowerShell.Cmdlets.Session
{
    /// <summary>What Connect-Clb and Get-ClbContext show: where calls go and with which key, never the secret.</summary>
    public sealed class ClbContextInfo
    {
        public string? SecretId { get; set; }
        public string? Region { get; set; }
        public string? RegionSource { get; set; }
        public string? Endpoint { get; set; }
        public string? CredentialSource { get; set; }
        public string? ProfileName { get; set; }
        public DateTimeOffset? ConnectedAt { get; set; }
        public bool IsSession { get; set; }
    }
}
