using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>One place credentials may come from.</summary>
    public interface ICredentialProvider
    {
        /// <summary>Where this provider looks, in words a user can act on (shown when nothing is found).</summary>
        string Name { get; }

        /// <summary>
        /// The credentials, or null when this source is not configured. Throws <see cref="ClbCredentialsException"/>
        /// only when the source is configured but broken (e.g. a malformed profile file, named in the message).
        /// </summary>
        Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken);
    }
}
