using System;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>
    /// Which region a call goes to, first match wins: explicit (-Region) -> Connect-Clb session ->
    /// TENCENTCLOUD_REGION -> tccli ~/.tccli/&lt;profile&gt;.configure -> none.
    /// </summary>
    public static class RegionResolver
    {
        public const string RegionVariable = "TENCENTCLOUD_REGION";
        public const string ExplicitSource = "explicit (-Region)";
        public const string SessionSource = "session (Connect-Clb)";
        public const string EnvironmentSource = "environment (" + RegionVariable + ")";
        public const string NoneSource = "none";

        private static readonly Regex RegionPattern = new Regex("^[a-z]{2,}(-[a-z0-9]+)+\\z", RegexOptions.CultureInvariant);

        /// <summary>
        /// The region and where it came from; (null, "none") when no source has one. A malformed tccli configure
        /// file throws <see cref="ClbCredentialsException"/> naming the file.
        /// </summary>
        public static (string? region, string source) Resolve(string? explicitRegion, string? sessionRegion, IClbEnvironment env, string? profileName)
        {
            if (env == null) throw new ArgumentNullException(nameof(env));
            if (!string.IsNullOrWhiteSpace(explicitRegion)) return (explicitRegion!.Trim(), ExplicitSource);
            if (!string.IsNullOrWhiteSpace(sessionRegion)) return (sessionRegion!.Trim(), SessionSource);
            var fromEnv = env.GetVariable(RegionVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv)) return (fromEnv!.Trim(), EnvironmentSource);

            var home = env.HomeDirectory;
            if (string.IsNullOrWhiteSpace(home)) return (null, NoneSource);
            var profile = ProfileFiles.TccliProfileName(profileName, env);
            var path = ProfileFiles.TccliPath(home!, profile, "configure");
            var text = ProfileFiles.ReadIfExists(path);
            if (text == null || string.IsNullOrWhiteSpace(text)) return (null, NoneSource);
            var root = ProfileFiles.ParseJsonObject(text, path);
            var region = TccliRegion(root);
            return region == null
                ? (null, NoneSource)
                : (region, "tccli profile '" + profile + "' (" + ProfileFiles.Display(home, path) + ")");
        }

        /// <summary>The "clb" section's region first (a per-service override), then "_sys_param", then a top-level "region".</summary>
        private static string? TccliRegion(JsonElement root)
        {
            var clb = ProfileFiles.GetObject(root, "clb");
            if (clb.HasValue && ProfileFiles.GetString(clb.Value, "region") is string r1) return r1;
            var sys = ProfileFiles.GetObject(root, "_sys_param");
            if (sys.HasValue && ProfileFiles.GetString(sys.Value, "region") is string r2) return r2;
            return ProfileFiles.GetString(root, "region");
        }

        /// <summary>API 3.0 region form: lower-case words joined by '-', e.g. ap-guangzhou, na-siliconvalley, ap-shanghai-fsi.</summary>
        public static bool IsValidRegion(string? region) => region != null && RegionPattern.IsMatch(region);
    }
}
