using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>
    /// Asks each provider in order; the first that has credentials wins. When none has any it throws a
    /// <see cref="ClbCredentialsException"/> that lists every place tried and how to set credentials.
    /// A provider that is configured but broken stops the chain with its own exception.
    /// </summary>
    public sealed class CredentialChain : ICredentialProvider
    {
        private readonly ICredentialProvider[] _providers;

        public CredentialChain(IEnumerable<ICredentialProvider> providers)
        {
            if (providers == null) throw new ArgumentNullException(nameof(providers));
            _providers = providers.ToArray();
            if (_providers.Any(p => p == null)) throw new ArgumentException("A provider in the chain is null.", nameof(providers));
        }

        public CredentialChain(params ICredentialProvider[] providers) : this((IEnumerable<ICredentialProvider>)providers) { }

        public IReadOnlyList<ICredentialProvider> Providers => _providers;

        public string Name => "credential chain: " + string.Join(" -> ", _providers.Select(p => p.Name));

        /// <summary>The first provider's credentials; never null: throws when no provider has any.</summary>
        public async Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken) =>
            await GetAsync(cancellationToken).ConfigureAwait(false);

        /// <summary>The first provider's credentials; throws <see cref="ClbCredentialsException"/> when no provider has any.</summary>
        public async Task<ClbCredentials> GetAsync(CancellationToken cancellationToken = default)
        {
            foreach (var provider in _providers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var credentials = await provider.TryGetAsync(cancellationToken).ConfigureAwait(false);
                if (credentials != null) return credentials;
            }
            throw new ClbCredentialsException(NotFoundMessage(_providers.Select(p => p.Name)));
        }

        internal static string NotFoundMessage(IEnumerable<string> tried)
        {
            var sb = new StringBuilder("No Tencent Cloud credentials were found. Tried, in order:");
            var i = 0;
            foreach (var name in tried) sb.Append(Environment.NewLine).Append("  ").Append(++i).Append(". ").Append(name);
            if (i == 0) sb.Append(" (no sources)");
            sb.Append(Environment.NewLine)
              .Append("Set credentials in one of these ways: run Connect-Clb -SecretId <id> -SecretKey <key> (or -Credential); ")
              .Append("pass -SecretId/-SecretKey (or -Credential) to the cmdlet; ")
              .Append("set the environment variables ").Append(EnvironmentCredentialProvider.SecretIdVariable)
              .Append(" and ").Append(EnvironmentCredentialProvider.SecretKeyVariable)
              .Append(" (and ").Append(EnvironmentCredentialProvider.SessionTokenVariable).Append(" for temporary keys); ")
              .Append("run 'tccli configure'; or write ~/.tencentcloud/credentials with a [default] section (secret_id, secret_key).");
            return sb.ToString();
        }

        /// <summary>
        /// The documented order: explicit parameters or the Connect-Clb session (<paramref name="explicitOrSession"/>, when
        /// given) -> environment -> tccli profile -> ~/.tencentcloud/credentials -> CVM role.
        /// </summary>
        /// <param name="env">Environment variables and home directory.</param>
        /// <param name="explicitOrSession">Cmdlet parameters or the session default, whichever applies; null for none.</param>
        /// <param name="profileName">Profile for the tccli file (else TCCLI_PROFILE, else "default") and the INI section (else "default").</param>
        /// <param name="metadataBase">The CVM metadata service (default http://metadata.tencentyun.com).</param>
        /// <param name="http">The HttpClient for the metadata service (default a shared one).</param>
        public static CredentialChain CreateDefault(IClbEnvironment env, ICredentialProvider? explicitOrSession = null,
            string? profileName = null, Uri? metadataBase = null, HttpClient? http = null)
        {
            if (env == null) throw new ArgumentNullException(nameof(env));
            var providers = new List<ICredentialProvider>();
            if (explicitOrSession != null) providers.Add(explicitOrSession);
            providers.Add(new EnvironmentCredentialProvider(env));
            providers.Add(new TccliProfileCredentialProvider(env, profileName));
            providers.Add(new IniFileCredentialProvider(env, profileName));
            providers.Add(new CvmRoleCredentialProvider(metadataBase, http));
            return new CredentialChain(providers);
        }

        public override string ToString() => "CredentialChain(" + _providers.Length + " providers)";
    }
}
