using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>
    /// The Tencent Cloud SDK credentials file ~/.tencentcloud/credentials (INI): section [default] or a named
    /// profile, keys secret_id, secret_key and optionally token.
    /// </summary>
    public sealed class IniFileCredentialProvider : ICredentialProvider
    {
        private readonly IClbEnvironment _env;
        private readonly string _profile;
        private readonly string? _path;

        /// <param name="env">Where the home directory comes from.</param>
        /// <param name="profileName">The section to read; "default" when null.</param>
        /// <param name="path">Another file to read instead of ~/.tencentcloud/credentials.</param>
        public IniFileCredentialProvider(IClbEnvironment env, string? profileName = null, string? path = null)
        {
            _env = env ?? throw new ArgumentNullException(nameof(env));
            _profile = string.IsNullOrWhiteSpace(profileName) ? ProfileFiles.DefaultProfile : profileName!.Trim();
            _path = path;
        }

        public string ProfileName => _profile;

        /// <summary>The file read, or null when there is no home directory (and no explicit path).</summary>
        public string? FilePath
        {
            get
            {
                if (!string.IsNullOrWhiteSpace(_path)) return _path;
                var home = _env.HomeDirectory;
                return string.IsNullOrWhiteSpace(home) ? null : Path.Combine(Path.Combine(home!, ".tencentcloud"), "credentials");
            }
        }

        public string Name => "credentials file " + (FilePath ?? "~/.tencentcloud/credentials (no home directory)") + " [" + _profile + "]";

        public Task<ClbCredentials?> TryGetAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = FilePath;
            if (path == null) return Task.FromResult<ClbCredentials?>(null);
            var text = ProfileFiles.ReadIfExists(path);
            if (text == null) return Task.FromResult<ClbCredentials?>(null);

            var sections = Parse(text, path);
            if (!sections.TryGetValue(_profile, out var values)) return Task.FromResult<ClbCredentials?>(null);

            values.TryGetValue("secret_id", out var id);
            values.TryGetValue("secret_key", out var key);
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(key))
            {
                var missing = new List<string>();
                if (string.IsNullOrWhiteSpace(id)) missing.Add("secret_id");
                if (string.IsNullOrWhiteSpace(key)) missing.Add("secret_key");
                throw new ClbCredentialsException("The credentials file '" + path + "' has a [" + _profile + "] section without " +
                    string.Join(" or ", missing) + ".");
            }
            values.TryGetValue("token", out var token);
            var source = "credentials file [" + _profile + "] (" + ProfileFiles.Display(_env.HomeDirectory, path) + ")";
            return Task.FromResult<ClbCredentials?>(new ClbCredentials(id!, key!, token, source));
        }

        /// <summary>
        /// INI: [section] headers, key = value lines, ';' or '#' comments, blank lines. Section and key names are
        /// case-insensitive; a repeated key keeps its last value. A line that is none of these throws, naming the
        /// file and line number (never the line, which may hold a secret).
        /// </summary>
        internal static Dictionary<string, Dictionary<string, string>> Parse(string text, string path)
        {
            var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
            Dictionary<string, string>? current = null;
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (i == 0 && line.Length > 0 && line[0] == '\uFEFF') line = line.Substring(1).Trim();
                if (line.Length == 0 || line[0] == ';' || line[0] == '#') continue;
                if (line[0] == '[')
                {
                    var end = line.IndexOf(']');
                    var name = end > 0 ? line.Substring(1, end - 1).Trim() : "";
                    var rest = end > 0 ? line.Substring(end + 1).Trim() : "x";
                    if (name.Length == 0 || (rest.Length > 0 && rest[0] != ';' && rest[0] != '#'))
                        throw new ClbCredentialsException("The credentials file '" + path + "' has a malformed section header on line " + (i + 1) + ".");
                    if (!sections.TryGetValue(name, out current))
                    {
                        current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        sections[name] = current;
                    }
                    continue;
                }
                var eq = line.IndexOf('=');
                if (eq <= 0)
                    throw new ClbCredentialsException("The credentials file '" + path + "' has a line that is neither 'key = value', a [section] nor a comment: line " + (i + 1) + ".");
                if (current == null)
                    throw new ClbCredentialsException("The credentials file '" + path + "' has a key outside any [section] on line " + (i + 1) + ".");
                var value = line.Substring(eq + 1).Trim();
                if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
                    value = value.Substring(1, value.Length - 2);
                current[line.Substring(0, eq).Trim()] = value;
            }
            return sections;
        }

        public override string ToString() => "IniFileCredentialProvider(" + Name + ")";
    }
}
