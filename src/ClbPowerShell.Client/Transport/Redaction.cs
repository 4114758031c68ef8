using System;
using System.Text.RegularExpressions;

namespace ClbPowerShell.Client.Transport
{
    /// <summary>Removes secrets from text meant for debug output.</summary>
    public static class Redaction
    {
        // JSON string fields that may hold a secret: keys, tokens, passwords, certificate private keys.
        private static readonly Regex SecretJsonField = new Regex(
            "\"(SecretKey|Token|TmpSecretKey|Password|CertKey|PrivateKey|secret_key|secretKey)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex SignaturePart = new Regex("Signature=[0-9a-fA-F]+", RegexOptions.CultureInvariant);

        public static string RedactJson(string json) => SecretJsonField.Replace(json, m => "\"" + m.Groups[1].Value + "\":\"***\"");

        public static string RedactAuthorization(string authorization) => SignaturePart.Replace(authorization, "Signature=***");

        /// <summary>Replaces every occurrence of the given secret values (belt and braces for free text).</summary>
        public static string Scrub(string text, params string?[] secrets)
        {
            foreach (var secret in secrets)
                if (!string.IsNullOrEmpty(secret) && secret!.Length >= 4)
                    text = text.Replace(secret, "***");
            return text;
        }
    }
}
