using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>
    /// The tccli credential file ~/.tccli/&lt;profile&gt;.credential: JSON with secretId, secretKey and optionally token.
    /// Profile: the explicit name, else TCCLI_PROFILE, else "default".
    /// </summary>
    public sealed class TccliProfileCredentialProvider : ICredentialProvider
    {
        private readonly IClbEnvironment _env;
        private readonly string? _explicitProfile;

        public TccliProfileCredentialProvider(IClbEnvironment env, string? profileName = null)
        {
            _env = env ?? throw new ArgumentNullException(nameof(env));
            _explicitProfile = profileName;
        }

        /// <summary>The profile this provider reads (explicit, TCCLI_PROFILE, or "default").</summary>
        public string ProfileName => ProfileFiles.TccliProfileName(_explicitProfile, _env);

        /// <summary>The full path of the credential file, or null when there is no home directory.</summary>
        public string? FilePath
        {
            get
            {
                var home = _env.HomeDirectory;
                return string.IsNullOrWhiteSpace(home) ? null : ProfileFiles.TccliPath(home!, ProfileName, "credential");
            }
        }

        public string Name
        {
            get
            {
                string profile;
                try { profile = ProfileName; } catch (ClbCredentialsException) { profile = _explicitProfile ?? "?"; }
                var home = _env.HomeDirectory;
                var where = string.IsNullOrWhiteSpace(home) ? "~/.tccli/" + profile + ".credential (no home directory)" : ProfileFiles.TccliPath(home!, profile, "credential");
                return "tccli profile '" + profile + "' (" + where + ")";
            }
        }

        public Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var home = _env.HomeDirectory;
            if (string.IsNullOrWhiteSpace(home)) return Task.FromResult<ClbCredentials?>(null);
            var profile = ProfileName;
            var path = ProfileFiles.TccliPath(home!, profile, "credential");
            var text = ProfileFiles.ReadIfExists(path);
            if (text == null) return Task.FromResult<ClbCredentials?>(null);

            if (string.IsNullOrWhiteSpace(text))
                throw new ClbCredentialsException("The tccli credential file '" + path + "' is empty. Run 'tccli configure' or delete it.");
            var root = ProfileFiles.ParseJsonObject(text, path);
            var id = ProfileFiles.GetString(root, "secretId");
            var key = ProfileFiles.GetString(root, "secretKey");
            if (id == null || key == null)
            {
                var missing = new List<string>();
                if (id == null) missing.Add("secretId");
                if (key == null) missing.Add("secretKey");
                throw new ClbCredentialsException("The tccli credential file '" + path + "' has no " + string.Join(" or ", missing) +
                    ". Run 'tccli configure' or fix the file.");
            }
            var token = ProfileFiles.GetString(root, "token");
            var source = "tccli profile '" + profile + "' (" + ProfileFiles.Display(home, path) + ")";
            return Task.FromResult<ClbCredentials?>(new ClbCredentials(id, key, token, source));
        }

        public override string ToString() => "TccliProfileCredentialProvider(" + Name + ")";
    }
}
