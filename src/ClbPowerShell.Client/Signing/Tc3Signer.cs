using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ClbPowerShell.Client.Signing
{
    /// <summary>What TC3-HMAC-SHA256 signs: one HTTP request, described without any transport types.</summary>
    public sealed class Tc3SigningInput
    {
        public string Method { get; set; } = "POST";
        public string Host { get; set; } = "";
        public string ContentType { get; set; } = "application/json; charset=utf-8";
        /// <summary>The query string after '?' for GET; empty for POST.</summary>
        public string CanonicalQueryString { get; set; } = "";
        /// <summary>The body exactly as sent (UTF-8); empty for GET.</summary>
        public byte[] Payload { get; set; } = Array.Empty<byte>();
        public string Service { get; set; } = "clb";
        public long Timestamp { get; set; }
    }

    /// <summary>Every intermediate value of one signature, so tests and the emulator can compare them.</summary>
    public sealed class Tc3Signature
    {
        public string CanonicalRequest { get; internal set; } = "";
        public string HashedRequestPayload { get; internal set; } = "";
        public string HashedCanonicalRequest { get; internal set; } = "";
        public string CredentialScope { get; internal set; } = "";
        public string StringToSign { get; internal set; } = "";
        public string Signature { get; internal set; } = "";
        public string Authorization { get; internal set; } = "";
        public const string SignedHeaders = "content-type;host";
    }

    /// <summary>
    /// TC3-HMAC-SHA256, the API 3.0 signature: canonical request -> string to sign -> derived key -> signature.
    /// Pure functions; the client and the emulator both use this one implementation.
    /// </summary>
    public static class Tc3Signer
    {
        public const string Algorithm = "TC3-HMAC-SHA256";

        public static Tc3Signature Sign(Tc3SigningInput input, string secretId, string secretKey)
        {
            if (input == null) throw new ArgumentNullException(nameof(input));
            if (string.IsNullOrEmpty(secretId)) throw new ArgumentException("A SecretId is required to sign a request.", nameof(secretId));
            if (string.IsNullOrEmpty(secretKey)) throw new ArgumentException("A SecretKey is required to sign a request.", nameof(secretKey));

            var result = new Tc3Signature();
            result.HashedRequestPayload = HexSha256(input.Payload);
            var canonicalHeaders =
                "content-type:" + input.ContentType.Trim().ToLowerInvariant() + "\n" +
                "host:" + input.Host.Trim().ToLowerInvariant() + "\n";
            result.CanonicalRequest =
                input.Method.ToUpperInvariant() + "\n" +
                "/\n" +
                input.CanonicalQueryString + "\n" +
                canonicalHeaders + "\n" +
                Tc3Signature.SignedHeaders + "\n" +
                result.HashedRequestPayload;
            result.HashedCanonicalRequest = HexSha256(Encoding.UTF8.GetBytes(result.CanonicalRequest));

            var date = DateOf(input.Timestamp);
            result.CredentialScope = date + "/" + input.Service + "/tc3_request";
            result.StringToSign =
                Algorithm + "\n" +
                input.Timestamp.ToString(CultureInfo.InvariantCulture) + "\n" +
                result.CredentialScope + "\n" +
                result.HashedCanonicalRequest;

            var signingKey = DeriveSigningKey(secretKey, date, input.Service);
            result.Signature = Hex(HmacSha256(signingKey, Encoding.UTF8.GetBytes(result.StringToSign)));
            result.Authorization =
                Algorithm + " Credential=" + secretId + "/" + result.CredentialScope +
                ", SignedHeaders=" + Tc3Signature.SignedHeaders +
                ", Signature=" + result.Signature;
            return result;
        }

        /// <summary>SecretDate -> SecretService -> SecretSigning; intermediate keys stay binary.</summary>
        public static byte[] DeriveSigningKey(string secretKey, string date, string service) =>
            DeriveSigningKeys(secretKey, date, service).SecretSigning;

        /// <summary>
        /// The three derived keys of section 5 (SecretDate, SecretService, SecretSigning), raw bytes.
        /// Exposed so tests can compare each step with the reference vectors.
        /// </summary>
        public static Tc3DerivedKeys DeriveSigningKeys(string secretKey, string date, string service)
        {
            if (secretKey == null) throw new ArgumentNullException(nameof(secretKey));
            if (date == null) throw new ArgumentNullException(nameof(date));
            if (service == null) throw new ArgumentNullException(nameof(service));
            var secretDate = HmacSha256(Encoding.UTF8.GetBytes("TC3" + secretKey), Encoding.UTF8.GetBytes(date));
            var secretService = HmacSha256(secretDate, Encoding.UTF8.GetBytes(service));
            var secretSigning = HmacSha256(secretService, Encoding.UTF8.GetBytes("tc3_request"));
            return new Tc3DerivedKeys(secretDate, secretService, secretSigning);
        }

        /// <summary>The UTC calendar date of a Unix timestamp, as the credential scope wants it.</summary>
        public static string DateOf(long timestamp) =>
            new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>
        /// Splits an Authorization header into its parts; null when it is not a well-formed TC3 header
        /// (wrong algorithm, a missing, empty or repeated part, a scope that is not
        /// <c>SecretId/yyyy-MM-dd/service/tc3_request</c>, or a signature that is not hex).
        /// </summary>
        public static Tc3AuthorizationHeader? ParseAuthorization(string? header)
        {
            if (string.IsNullOrWhiteSpace(header)) return null;
            var text = header!.Trim();
            if (!text.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return null;
            var parts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var raw in text.Substring(Algorithm.Length + 1).Split(','))
            {
                var kv = raw.Trim().Split(new[] { '=' }, 2);
                if (kv.Length != 2) return null;
                var key = kv[0].Trim();
                var value = kv[1].Trim();
                if (key.Length == 0 || value.Length == 0) return null;
                if (parts.ContainsKey(key)) return null; // a repeated part is ambiguous: refuse it
                parts[key] = value;
            }
            if (parts.Count != 3 ||
                !parts.TryGetValue("Credential", out var credential) ||
                !parts.TryGetValue("SignedHeaders", out var signedHeaders) ||
                !parts.TryGetValue("Signature", out var signature)) return null;
            var scope = credential.Split('/');
            if (scope.Length != 4 || scope[3] != "tc3_request") return null;
            if (scope[0].Length == 0 || scope[2].Length == 0) return null;
            if (!DateTime.TryParseExact(scope[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return null;
            if (!signature.All(IsHexDigit)) return null;
            if (signedHeaders.Split(';').Any(h => h.Length == 0)) return null;
            return new Tc3AuthorizationHeader(scope[0], scope[1], scope[2], signedHeaders, signature);
        }

        private static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        internal static byte[] HmacSha256(byte[] key, byte[] message)
        {
            using (var hmac = new HMACSHA256(key)) return hmac.ComputeHash(message);
        }

        internal static string HexSha256(byte[] data)
        {
            using (var sha = SHA256.Create()) return Hex(sha.ComputeHash(data));
        }

        internal static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }

    /// <summary>The derived keys of TC3-HMAC-SHA256 (raw HMAC-SHA256 digests, 32 bytes each).</summary>
    public sealed class Tc3DerivedKeys
    {
        public Tc3DerivedKeys(byte[] secretDate, byte[] secretService, byte[] secretSigning)
        {
            SecretDate = secretDate; SecretService = secretService; SecretSigning = secretSigning;
        }
        public byte[] SecretDate { get; }
        public byte[] SecretService { get; }
        public byte[] SecretSigning { get; }

        /// <summary>Never prints key material.</summary>
        public override string ToString() => "Tc3DerivedKeys(***)";
    }

    /// <summary>The parts of a TC3 Authorization header.</summary>
    public sealed class Tc3AuthorizationHeader
    {
        public Tc3AuthorizationHeader(string secretId, string date, string service, string signedHeaders, string signature)
        {
            SecretId = secretId; Date = date; Service = service; SignedHeaders = signedHeaders; Signature = signature;
        }
        public string SecretId { get; }
        public string Date { get; }
        public string Service { get; }
        public string SignedHeaders { get; }
        public string Signature { get; }
    }
}
