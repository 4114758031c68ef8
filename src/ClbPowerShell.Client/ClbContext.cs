using System;
using ClbPowerShell.Client.Credentials;

namespace ClbPowerShell.Client
{
    /// <summary>
    /// Who calls, where, and how: an immutable value. The Connect-Clb session default is one of these;
    /// each cmdlet call resolves its own from parameters, the session and the environment, so parallel
    /// runspaces never share anything mutable.
    /// </summary>
    public sealed class ClbContext
    {
        public ClbContext(ICredentialProvider credentials, string? region, string regionSource, string? endpoint,
            string? profileName = null, string? credentialSource = null, string? secretId = null, DateTimeOffset? connectedAt = null)
        {
            Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            Region = region;
            RegionSource = regionSource;
            Endpoint = endpoint;
            ProfileName = profileName;
            CredentialSource = credentialSource;
            SecretId = secretId;
            ConnectedAt = connectedAt;
        }

        public ICredentialProvider Credentials { get; }
        public string? Region { get; }
        public string RegionSource { get; }
        public string? Endpoint { get; }
        public string? ProfileName { get; }
        public string? CredentialSource { get; }
        /// <summary>The key id only, for display; the secret key stays inside the provider.</summary>
        public string? SecretId { get; }
        public DateTimeOffset? ConnectedAt { get; }

        public ClbContext WithRegion(string? region, string source) =>
            new ClbContext(Credentials, region, source, Endpoint, ProfileName, CredentialSource, SecretId, ConnectedAt);

        public ClbClientOptions ToClientOptions(IClbClientLog? log = null) => new ClbClientOptions
        {
            Credentials = Credentials,
            Region = Region,
            Endpoint = Endpoint,
            Log = log,
        };

        public override string ToString() => "SecretId=" + (SecretId ?? "?") + ", Region=" + (Region ?? "(none)") + ", Endpoint=" + (Endpoint ?? "(default)");
    }
}
