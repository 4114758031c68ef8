using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>One place credentials may come from. Null means "nothing configured here".</summary>
    public interface ICredentialProvider
    {
        string Name { get; }
        Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken);
    }
}
