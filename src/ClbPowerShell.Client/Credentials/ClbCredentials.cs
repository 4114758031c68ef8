using System;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>
    /// One resolved key pair (and token for temporary keys), with where it came from.
    /// ToString never shows the SecretKey or Token.
    /// </summary>
    public sealed class ClbCredentials
    {
        public ClbCredentials(string secretId, string secretKey, string? token = null, string source = "explicit", DateTimeOffset? expiration = null)
        {
            if (string.IsNullOrWhiteSpace(secretId)) throw new ArgumentException("SecretId must not be empty.", nameof(secretId));
            if (string.IsNullOrWhiteSpace(secretKey)) throw new ArgumentException("SecretKey must not be empty.", nameof(secretKey));
            SecretId = secretId.Trim();
            SecretKey = secretKey.Trim();
            Token = string.IsNullOrWhiteSpace(token) ? null : token!.Trim();
            Source = source;
            Expiration = expiration;
        }

        public string SecretId { get; }
        public string SecretKey { get; }
        public string? Token { get; }
        /// <summary>Which provider produced these credentials, e.g. "environment" or "tccli profile 'default'".</summary>
        public string Source { get; }
        /// <summary>When temporary credentials stop working; null for long-term keys.</summary>
        public DateTimeOffset? Expiration { get; }

        public override string ToString() =>
            "SecretId=" + SecretId + ", SecretKey=***" + (Token != null ? ", Token=***" : "") + ", Source=" + Source;
    }
}
