using System;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>Credentials given directly (cmdlet parameters or the Connect-Clb session).</summary>
    public sealed class StaticCredentialProvider : ICredentialProvider
    {
        private readonly ClbCredentials _credentials;
        public StaticCredentialProvider(ClbCredentials credentials) => _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        public string Name => _credentials.Source;
        public Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken) => Task.FromResult<ClbCredentials?>(_credentials);
    }
}
