using System;
using System.IO;
using System.Text.Json;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>Shared rules for the profile files under the home directory (tccli and ~/.tencentcloud).</summary>
    internal static class ProfileFiles
    {
        public const string DefaultProfile = "default";
        public const string TccliProfileVariable = "TCCLI_PROFILE";

        /// <summary>Explicit name, else TCCLI_PROFILE, else "default".</summary>
        public static string TccliProfileName(string? explicitProfile, IClbEnvironment env)
        {
            var name = !string.IsNullOrWhiteSpace(explicitProfile) ? explicitProfile!.Trim() : env.GetVariable(TccliProfileVariable)?.Trim();
            name = string.IsNullOrEmpty(name) ? DefaultProfile : name!;
            ValidateProfileName(name);
            return name;
        }

        /// <summary>A profile name becomes part of a file name: refuse anything that could leave the folder.</summary>
        public static void ValidateProfileName(string name)
        {
            if (name.IndexOfAny(new[] { '/', '\\', ':' }) >= 0 || name == "." || name == ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                throw new ClbCredentialsException("The profile name '" + name + "' is not valid: it must be a plain file name (no path separators).");
        }

        /// <summary>The tccli file of a profile: ~/.tccli/&lt;profile&gt;.&lt;extension&gt;.</summary>
        public static string TccliPath(string home, string profile, string extension) =>
            Path.Combine(Path.Combine(home, ".tccli"), profile + "." + extension);

        /// <summary>How a path under the home directory is shown in a Source: "~/.tccli/default.credential".</summary>
        public static string Display(string? home, string fullPath)
        {
            if (!string.IsNullOrEmpty(home))
            {
                var h = home!.TrimEnd('/', '\\');
                if (fullPath.StartsWith(h, StringComparison.Ordinal) && fullPath.Length > h.Length &&
                    (fullPath[h.Length] == '/' || fullPath[h.Length] == '\\'))
                    return "~" + fullPath.Substring(h.Length).Replace('\\', '/');
            }
            return fullPath;
        }

        /// <summary>The text of a file, or null when it does not exist. Unreadable files throw, naming the file.</summary>
        public static string? ReadIfExists(string path)
        {
            if (!File.Exists(path)) return null;
            try
            {
                return File.ReadAllText(path);
            }
            catch (FileNotFoundException) { return null; }
            catch (DirectoryNotFoundException) { return null; }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ClbCredentialsException("Cannot read '" + path + "': " + e.GetType().Name + ".", e);
            }
        }

        /// <summary>
        /// Parses a JSON object. A malformed file throws naming the file and the position, but without the
        /// parser's own message (which can quote the file's content, i.e. a secret).
        /// </summary>
        public static JsonElement ParseJsonObject(string text, string path)
        {
            try
            {
                using (var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object)
                        throw new ClbCredentialsException("The file '" + path + "' is not a JSON object (found " + doc.RootElement.ValueKind + ").");
                    return doc.RootElement.Clone();
                }
            }
            catch (JsonException e)
            {
                throw new ClbCredentialsException(
                    "The file '" + path + "' is not valid JSON (line " + ((e.LineNumber ?? 0) + 1) +
                    ", byte " + ((e.BytePositionInLine ?? 0) + 1) + "). Fix or delete it (for tccli: run 'tccli configure').");
            }
        }

        /// <summary>A string property, matched case-insensitively; null when absent, not a string, or blank.</summary>
        public static string? GetString(JsonElement obj, string name)
        {
            if (obj.ValueKind != JsonValueKind.Object) return null;
            foreach (var p in obj.EnumerateObject())
            {
                if (!string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
                if (p.Value.ValueKind != JsonValueKind.String) return null;
                var s = p.Value.GetString();
                return string.IsNullOrWhiteSpace(s) ? null : s!.Trim();
            }
            return null;
        }

        /// <summary>An object property, matched case-insensitively.</summary>
        public static JsonElement? GetObject(JsonElement obj, string name)
        {
            if (obj.ValueKind != JsonValueKind.Object) return null;
            foreach (var p in obj.EnumerateObject())
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object)
                    return p.Value;
            return null;
        }
    }
}
