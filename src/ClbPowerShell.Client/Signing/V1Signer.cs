using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ClbPowerShell.Client.Signing
{
    /// <summary>The HMAC of the v1 query signature, chosen by the <c>SignatureMethod</c> parameter.</summary>
    public enum V1SignatureMethod
    {
        /// <summary>The default whenever <c>SignatureMethod</c> is absent or anything but <c>HmacSHA256</c>.</summary>
        HmacSHA1,
        HmacSHA256,
    }

    /// <summary>
    /// What the v1 signature signs: every request parameter (common and API, raw values) plus the
    /// method, host and path. The same shape serves API 3.0 (path "/") and the legacy 2017 API
    /// (path "/v2/index.php", lower-camel parameter names).
    /// </summary>
    public sealed class V1SigningInput
    {
        public string Method { get; set; } = "GET";
        public string Host { get; set; } = "";
        /// <summary>"/" for API 3.0 (<see cref="V1Signer.Api3Path"/>), "/v2/index.php" for the legacy API (<see cref="V1Signer.LegacyPath"/>).</summary>
        public string Path { get; set; } = V1Signer.Api3Path;
        /// <summary>Every parameter except Signature, with its raw (not URL-encoded) value. Names compare ordinally.</summary>
        public IDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>
        /// When set, the <c>SignatureMethod</c> parameter is added with this value (unless the parameters
        /// already carry one, which must then agree). When null the parameters decide (default HmacSHA1).
        /// </summary>
        public V1SignatureMethod? SignatureMethod { get; set; }
        /// <summary>Legacy 2017 API rule: '_' in parameter names becomes '.' (values untouched).</summary>
        public bool ReplaceUnderscoresInNames { get; set; }
    }

    /// <summary>Every intermediate value of one v1 signature.</summary>
    public sealed class V1Signature
    {
        /// <summary>The signed parameters (SecretId included, Signature excluded), sorted by name in ordinal order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> SortedParameters { get; internal set; } = Array.Empty<KeyValuePair<string, string>>();
        public V1SignatureMethod SignatureMethod { get; internal set; }
        /// <summary>name=value joined by '&amp;', raw values, sorted.</summary>
        public string RequestString { get; internal set; } = "";
        /// <summary>METHOD + host + path + "?" + RequestString.</summary>
        public string StringToSign { get; internal set; } = "";
        /// <summary>Base64 of the HMAC (not URL-encoded).</summary>
        public string Signature { get; internal set; } = "";
        /// <summary>
        /// Every parameter plus Signature, sorted, values URL-encoded (RFC 3986, upper-case escapes): the query
        /// string of a GET and equally the body of a POST application/x-www-form-urlencoded.
        /// </summary>
        public string QueryString { get; internal set; } = "";
        /// <summary>Same text as <see cref="QueryString"/>, named for its POST use.</summary>
        public string FormBody => QueryString;

        /// <summary>The request URL for GET: https://host + path + "?" + QueryString.</summary>
        public string Url(string scheme = "https") => scheme + "://" + Host + Path + "?" + QueryString;

        internal string Host { get; set; } = "";
        internal string Path { get; set; } = "";
    }

    /// <summary>
    /// The HmacSHA1 / HmacSHA256 query signature ("Signature v1" of API 3.0, and the legacy 2017 API):
    /// sort parameters by name (ordinal), join raw name=value with '&amp;', sign
    /// METHOD + host + path + "?" + that string, Base64 the HMAC; URL-encode only when sending.
    /// Pure functions, shared by the client and the emulator.
    /// </summary>
    public static class V1Signer
    {
        public const string Api3Path = "/";
        public const string LegacyPath = "/v2/index.php";
        public const string SignatureParameter = "Signature";
        public const string SignatureMethodParameter = "SignatureMethod";
        public const string SecretIdParameter = "SecretId";

        /// <summary>
        /// Signs <paramref name="input"/>. <paramref name="secretId"/> is written as the SecretId parameter
        /// (a SecretId already among the parameters must be the same).
        /// </summary>
        public static V1Signature Sign(V1SigningInput input, string secretId, string secretKey)
        {
            if (input == null) throw new ArgumentNullException(nameof(input));
            if (string.IsNullOrEmpty(secretId)) throw new ArgumentException("A SecretId is required to sign a request.", nameof(secretId));
            if (string.IsNullOrEmpty(secretKey)) throw new ArgumentException("A SecretKey is required to sign a request.", nameof(secretKey));
            if (string.IsNullOrEmpty(input.Host)) throw new ArgumentException("The Host is required to sign a request.", nameof(input));
            if (string.IsNullOrEmpty(input.Method)) throw new ArgumentException("The HTTP method is required to sign a request.", nameof(input));

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in input.Parameters)
            {
                var name = input.ReplaceUnderscoresInNames ? p.Key.Replace('_', '.') : p.Key;
                if (string.Equals(name, SignatureParameter, StringComparison.Ordinal)) continue; // never signed
                if (parameters.ContainsKey(name))
                    throw new ArgumentException("Two parameters map to the same name '" + name + "'.", nameof(input));
                parameters[name] = p.Value ?? "";
            }

            if (parameters.TryGetValue(SecretIdParameter, out var givenId) && !string.Equals(givenId, secretId, StringComparison.Ordinal))
                throw new ArgumentException("The SecretId parameter differs from the SecretId used to sign.", nameof(input));
            parameters[SecretIdParameter] = secretId;

            V1SignatureMethod method;
            if (parameters.TryGetValue(SignatureMethodParameter, out var declared))
            {
                method = ParseSignatureMethod(declared);
                if (input.SignatureMethod.HasValue && input.SignatureMethod.Value != method)
                    throw new ArgumentException("SignatureMethod is set both as a parameter ('" + declared + "') and on the input (" + input.SignatureMethod.Value + "), differently.", nameof(input));
            }
            else if (input.SignatureMethod.HasValue)
            {
                method = input.SignatureMethod.Value;
                parameters[SignatureMethodParameter] = method.ToString();
            }
            else
            {
                method = V1SignatureMethod.HmacSHA1;
            }

            var sorted = parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            var result = new V1Signature
            {
                SortedParameters = sorted,
                SignatureMethod = method,
                RequestString = BuildRequestString(sorted),
                Host = input.Host,
                Path = string.IsNullOrEmpty(input.Path) ? Api3Path : input.Path,
            };
            result.StringToSign = input.Method.ToUpperInvariant() + input.Host + result.Path + "?" + result.RequestString;
            result.Signature = ComputeSignature(result.StringToSign, secretKey, method);

            var withSignature = new List<KeyValuePair<string, string>>(sorted) { new KeyValuePair<string, string>(SignatureParameter, result.Signature) };
            result.QueryString = BuildEncodedQuery(withSignature.OrderBy(p => p.Key, StringComparer.Ordinal));
            return result;
        }

        /// <summary>HmacSHA256 only when the value is exactly "HmacSHA256"; anything else (or nothing) means HmacSHA1.</summary>
        public static V1SignatureMethod ParseSignatureMethod(string? value) =>
            string.Equals(value, "HmacSHA256", StringComparison.Ordinal) ? V1SignatureMethod.HmacSHA256 : V1SignatureMethod.HmacSHA1;

        /// <summary>Sorts by name (ordinal, i.e. ASCII byte order) and joins raw name=value pairs with '&amp;'. Signature is left out.</summary>
        public static string BuildRequestString(IEnumerable<KeyValuePair<string, string>> parameters)
        {
            if (parameters == null) throw new ArgumentNullException(nameof(parameters));
            return string.Join("&", parameters
                .Where(p => !string.Equals(p.Key, SignatureParameter, StringComparison.Ordinal))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value));
        }

        /// <summary>Base64(HMAC(SecretKey, stringToSign)); the key is the SecretKey's UTF-8 bytes.</summary>
        public static string ComputeSignature(string stringToSign, string secretKey, V1SignatureMethod method)
        {
            if (stringToSign == null) throw new ArgumentNullException(nameof(stringToSign));
            if (secretKey == null) throw new ArgumentNullException(nameof(secretKey));
            var key = Encoding.UTF8.GetBytes(secretKey);
            var data = Encoding.UTF8.GetBytes(stringToSign);
            byte[] mac;
            if (method == V1SignatureMethod.HmacSHA256)
            {
                using (var h = new HMACSHA256(key)) mac = h.ComputeHash(data);
            }
            else
            {
                using (var h = new HMACSHA1(key)) mac = h.ComputeHash(data);
            }
            return Convert.ToBase64String(mac);
        }

        /// <summary>
        /// name=value pairs joined by '&amp;' in the order given, names and values URL-encoded
        /// (<see cref="UrlEncode"/>; parameter names are unreserved characters in practice and come out unchanged).
        /// </summary>
        public static string BuildEncodedQuery(IEnumerable<KeyValuePair<string, string>> parameters)
        {
            if (parameters == null) throw new ArgumentNullException(nameof(parameters));
            return string.Join("&", parameters.Select(p => UrlEncode(p.Key) + "=" + UrlEncode(p.Value ?? "")));
        }

        /// <summary>
        /// RFC 3986 percent-encoding over UTF-8: A-Z a-z 0-9 - _ . ~ stay, everything else (space included,
        /// as %20) becomes %XY with upper-case hex, as the service requires.
        /// </summary>
        public static string UrlEncode(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var bytes = Encoding.UTF8.GetBytes(value);
            var sb = new StringBuilder(bytes.Length * 3);
            foreach (var b in bytes)
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
                    sb.Append(c);
                else
                    sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
            return sb.ToString();
        }

        /// <summary>Parses a query string or form body (either '+' or %20 for space) into name/value pairs, in order.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string? query)
        {
            var result = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(query)) return result;
            var text = query![0] == '?' ? query.Substring(1) : query;
            foreach (var pair in text.Split('&'))
            {
                if (pair.Length == 0) continue;
                var i = pair.IndexOf('=');
                var name = i < 0 ? pair : pair.Substring(0, i);
                var value = i < 0 ? "" : pair.Substring(i + 1);
                result.Add(new KeyValuePair<string, string>(UrlDecode(name), UrlDecode(value)));
            }
            return result;
        }

        private static string UrlDecode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}
