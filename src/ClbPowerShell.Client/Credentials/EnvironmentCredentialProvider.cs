using System;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY / TENCENTCLOUD_SESSION_TOKEN.</summary>
    public sealed class EnvironmentCredentialProvider : ICredentialProvider
    {
        public const string SecretIdVariable = "TENCENTCLOUD_SECRET_ID";
        public const string SecretKeyVariable = "TENCENTCLOUD_SECRET_KEY";
        public const string SessionTokenVariable = "TENCENTCLOUD_SESSION_TOKEN";
        public const string Source = "environment (" + SecretIdVariable + ")";

        private readonly IClbEnvironment _env;

        public EnvironmentCredentialProvider(IClbEnvironment env)
        {
            _env = env ?? throw new ArgumentNullException(nameof(env));
        }

        public string Name => "environment variables " + SecretIdVariable + " / " + SecretKeyVariable + " (" + SessionTokenVariable + " optional)";

        public Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken)
        {
            var id = _env.GetVariable(SecretIdVariable);
            var key = _env.GetVariable(SecretKeyVariable);
            var hasId = !string.IsNullOrWhiteSpace(id);
            var hasKey = !string.IsNullOrWhiteSpace(key);
            if (!hasId && !hasKey) return Task.FromResult<ClbCredentials?>(null);
            if (!hasKey)
                throw new ClbCredentialsException(SecretIdVariable + " is set but " + SecretKeyVariable + " is not: set both, or neither.");
            if (!hasId)
                throw new ClbCredentialsException(SecretKeyVariable + " is set but " + SecretIdVariable + " is not: set both, or neither.");
            return Task.FromResult<ClbCredentials?>(new ClbCredentials(id!, key!, _env.GetVariable(SessionTokenVariable), Source));
        }

        public override string ToString() => "EnvironmentCredentialProvider";
    }
}
