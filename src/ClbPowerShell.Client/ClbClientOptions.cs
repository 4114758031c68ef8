using System;
using ClbPowerShell.Client.Credentials;

namespace ClbPowerShell.Client
{
    /// <summary>Receives the client's diagnostic lines. Never given secrets.</summary>
    public interface IClbClientLog
    {
        void Verbose(string message);
        void Debug(string message);
    }

    /// <summary>
    /// Everything one client needs. The client copies these at construction, so changing an options object
    /// afterwards never affects a client already made (and one options object may seed many clients).
    /// </summary>
    public sealed class ClbClientOptions
    {
        public const string ApiVersion = "2018-03-17";

        /// <summary>A URL or host name; null picks the public domain (see UseIntlDomain, UseRegionalDomain).</summary>
        public string? Endpoint { get; set; }
        public string? Region { get; set; }
        public bool UseIntlDomain { get; set; }
        public bool UseRegionalDomain { get; set; }
        public ICredentialProvider? Credentials { get; set; }
        /// <summary>Attempts per call, the first included. 1 disables retries.</summary>
        public int MaxAttempts { get; set; } = 5;
        /// <summary>How long one attempt may take before it is abandoned.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>Client-side pacing per action, shared by the whole process; null or 0 turns it off.</summary>
        public double? RateLimitPerSecond { get; set; } = 20;
        /// <summary>Optional X-TC-Language header (zh-CN or en-US); not sent when null.</summary>
        public string? Language { get; set; }
        public IClbClientLog? Log { get; set; }

        public ClbClientOptions Clone() => (ClbClientOptions)MemberwiseClone();
    }
}
