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
        public static byte[] DeriveSigningKey(string secretKey, string date, string service)
        {
            var secretDate = HmacSha256(Encoding.UTF8.GetBytes("TC3" + secretKey), Encoding.UTF8.GetBytes(date));
            var secretService = HmacSha256(secretDate, Encoding.UTF8.GetBytes(service));
            return HmacSha256(secretService, Encoding.UTF8.GetBytes("tc3_request"));
        }

        /// <summary>The UTC calendar date of a Unix timestamp, as the credential scope wants it.</summary>
        public static string DateOf(long timestamp) =>
            new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>Splits an Authorization header into its parts; null when it is not a TC3 header.</summary>
        public static Tc3AuthorizationHeader? ParseAuthorization(string? header)
        {
            if (string.IsNullOrWhiteSpace(header)) return null;
            var text = header!.Trim();
            if (!text.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return null;
            var parts = text.Substring(Algorithm.Length + 1)
                .Split(',')
                .Select(p => p.Trim())
                .Select(p => p.Split(new[] { '=' }, 2))
                .Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
            if (!parts.TryGetValue("Credential", out var credential) ||
                !parts.TryGetValue("SignedHeaders", out var signedHeaders) ||
                !parts.TryGetValue("Signature", out var signature)) return null;
            var scope = credential.Split('/');
            if (scope.Length != 4 || scope[3] != "tc3_request") return null;
            return new Tc3AuthorizationHeader(scope[0], scope[1], scope[2], signedHeaders, signature);
        }

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
