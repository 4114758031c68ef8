using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>Credentials given outright: cmdlet parameters ("explicit") or the Connect-Clb session default.</summary>
    public sealed class StaticCredentialProvider : ICredentialProvider
    {
        public const string ExplicitSource = "explicit";
        public const string SessionSource = "session (Connect-Clb)";

        private readonly ClbCredentials _credentials;

        /// <summary>Throws <see cref="ClbCredentialsException"/> when SecretId or SecretKey is missing.</summary>
        public StaticCredentialProvider(string secretId, string secretKey, string? token = null, string source = ExplicitSource)
        {
            if (string.IsNullOrWhiteSpace(secretId))
                throw new ClbCredentialsException("Credentials (" + source + "): a SecretId is required with the SecretKey.");
            if (string.IsNullOrWhiteSpace(secretKey))
                throw new ClbCredentialsException("Credentials (" + source + "): a SecretKey is required with the SecretId '" + secretId.Trim() + "'.");
            _credentials = new ClbCredentials(secretId, secretKey, token, source);
        }

        /// <summary>Wraps credentials resolved elsewhere (e.g. a session that already holds them); their Source is kept.</summary>
        public StaticCredentialProvider(ClbCredentials credentials)
        {
            _credentials = credentials ?? throw new System.ArgumentNullException(nameof(credentials));
        }

        public string Name => _credentials.Source;

        public ClbCredentials Credentials => _credentials;

        public Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken) =>
            Task.FromResult<ClbCredentials?>(_credentials);

        public override string ToString() => "StaticCredentialProvider(" + _credentials + ")";
    }
}
