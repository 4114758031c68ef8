using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClbPowerShell.Emulator.Protocol;

/// <summary>
/// Typed, validating access to a request's parameters (the JSON body, or the flattened query of a GET).
/// Every reader throws a <see cref="ClbException"/> with the documented code and a message that names the
/// parameter the way the service does (<c>Targets.0.Port</c>).
/// </summary>
public sealed class RequestParams
{
    private readonly JsonElement _root;
    private readonly string _prefix;
    private readonly bool _lenient;

    public RequestParams(JsonElement root, string prefix = "", bool lenient = false)
    {
        _root = root; _prefix = prefix; _lenient = lenient;
    }

    public JsonElement Root => _root;
    /// <summary>The parameter's full name as reported in messages.</summary>
    public string NameOf(string name) => _prefix + name;

    public bool TryGet(string name, out JsonElement value)
    {
        if (_root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            return true;
        value = default;
        return false;
    }

    public bool Has(string name) => TryGet(name, out _);

    /// <summary>Present, not null, and not an empty array (a GET cannot express an empty array either).</summary>
    public bool IsPresent(string name) =>
        TryGet(name, out var v) && !(v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0);

    public string? String(string name, bool required = false, int minLength = 0, int maxLength = int.MaxValue,
        IReadOnlyCollection<string>? oneOf = null, bool ignoreCase = false)
    {
        if (!TryGet(name, out var v)) { if (required) throw ClbException.Missing(NameOf(name)); return null; }
        if (v.ValueKind != JsonValueKind.String) throw ClbException.Format(NameOf(name), "a String");
        var s = v.GetString()!;
        CheckString(NameOf(name), s, minLength, maxLength, oneOf, ignoreCase);
        if (oneOf != null && ignoreCase) s = oneOf.First(o => string.Equals(o, s, StringComparison.OrdinalIgnoreCase));
        return s;
    }

    public string RequiredString(string name, int minLength = 1, int maxLength = int.MaxValue, IReadOnlyCollection<string>? oneOf = null, bool ignoreCase = false) =>
        String(name, true, minLength, maxLength, oneOf, ignoreCase)!;

    public long? Integer(string name, bool required = false, long min = long.MinValue, long max = long.MaxValue,
        string rangeCode = ErrorCodes.InvalidParameterValue)
    {
        if (!TryGet(name, out var v)) { if (required) throw ClbException.Missing(NameOf(name)); return null; }
        long n;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out n)) { }
        else if (_lenient && v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) { }
        else throw ClbException.Format(NameOf(name), "an Integer");
        CheckRange(NameOf(name), n, min, max, rangeCode);
        return n;
    }

    public int? Int(string name, bool required = false, int min = int.MinValue, int max = int.MaxValue,
        string rangeCode = ErrorCodes.InvalidParameterValue) => (int?)Integer(name, required, min, max, rangeCode);

    public bool? Boolean(string name, bool required = false)
    {
        if (!TryGet(name, out var v)) { if (required) throw ClbException.Missing(NameOf(name)); return null; }
        if (v.ValueKind == JsonValueKind.True) return true;
        if (v.ValueKind == JsonValueKind.False) return false;
        if (_lenient && v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out var b)) return b;
        throw ClbException.Format(NameOf(name), "a Boolean");
    }

    private JsonElement? Array(string name, bool required, int maxCount)
    {
        if (!TryGet(name, out var v)) { if (required) throw ClbException.Missing(NameOf(name)); return null; }
        if (v.ValueKind != JsonValueKind.Array) throw ClbException.Format(NameOf(name), "an Array");
        var count = v.GetArrayLength();
        if (count == 0 && required) throw ClbException.Missing(NameOf(name));
        if (count > maxCount) throw ClbException.Length(NameOf(name), count, maxCount);
        return v;
    }

    public List<string>? Strings(string name, bool required = false, int maxCount = int.MaxValue, int minLength = 0, int maxLength = int.MaxValue)
    {
        if (Array(name, required, maxCount) is not { } arr) return null;
        var list = new List<string>();
        var i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            var n = $"{NameOf(name)}.{i++}";
            if (e.ValueKind != JsonValueKind.String) throw ClbException.Format(n, "a String");
            var s = e.GetString()!;
            CheckString(n, s, minLength, maxLength, null, false);
            list.Add(s);
        }
        return list;
    }

    public List<long>? Integers(string name, bool required = false, int maxCount = int.MaxValue, long min = long.MinValue, long max = long.MaxValue)
    {
        if (Array(name, required, maxCount) is not { } arr) return null;
        var list = new List<long>();
        var i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            var n = $"{NameOf(name)}.{i++}";
            long x;
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out x)) { }
            else if (_lenient && e.ValueKind == JsonValueKind.String && long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out x)) { }
            else throw ClbException.Format(n, "an Integer");
            CheckRange(n, x, min, max, ErrorCodes.InvalidParameterValue);
            list.Add(x);
        }
        return list;
    }

    public List<RequestParams>? Objects(string name, bool required = false, int maxCount = int.MaxValue)
    {
        if (Array(name, required, maxCount) is not { } arr) return null;
        var list = new List<RequestParams>();
        var i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            var n = $"{NameOf(name)}.{i++}";
            if (e.ValueKind != JsonValueKind.Object) throw ClbException.Format(n, "an Object");
            list.Add(new RequestParams(e, n + ".", _lenient));
        }
        return list;
    }

    public RequestParams? Object(string name, bool required = false)
    {
        if (!TryGet(name, out var v)) { if (required) throw ClbException.Missing(NameOf(name)); return null; }
        if (v.ValueKind != JsonValueKind.Object) throw ClbException.Format(NameOf(name), "an Object");
        return new RequestParams(v, NameOf(name) + ".", _lenient);
    }

    /// <summary>The parameter as a detached JSON node (for structures stored as given, e.g. a certificate).</summary>
    public JsonObject? Node(string name) =>
        TryGet(name, out var v) && v.ValueKind == JsonValueKind.Object ? JsonNode.Parse(v.GetRawText()) as JsonObject : null;

    /// <summary>A Filters array as (Name, Values) pairs, with the documented limits (10 filters, 100 values).</summary>
    public List<(string Name, List<string> Values)> Filters(string name = "Filters", int maxFilters = 10, int maxValues = 100)
    {
        var result = new List<(string, List<string>)>();
        foreach (var f in Objects(name, false, maxFilters) ?? new())
            result.Add((f.RequiredString("Name"), f.Strings("Values", true, maxValues)!));
        return result;
    }

    public static void CheckString(string name, string s, int minLength, int maxLength, IReadOnlyCollection<string>? oneOf, bool ignoreCase)
    {
        if (s.Length < minLength || s.Length > maxLength)
            throw new ClbException(ErrorCodes.ValueLength,
                $"The length of parameter `{name}` must be between {minLength} and {maxLength}; it is {s.Length}.");
        if (oneOf != null && !oneOf.Contains(s, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal))
            throw ClbException.Value(name, s, "it must be one of " + string.Join(", ", oneOf));
    }

    public static void CheckRange(string name, long n, long min, long max, string code = ErrorCodes.InvalidParameterValue)
    {
        if (n < min || n > max)
            throw new ClbException(code, $"The value `{n}` of parameter `{name}` is out of range [{min}, {max}].");
    }

    /// <summary>Checks an IP address (v4 or v6).</summary>
    public static void CheckIp(string name, string ip)
    {
        if (!IPAddress.TryParse(ip, out _)) throw ClbException.Value(name, ip, "it must be an IP address");
    }

    /// <summary>Turns a flattened GET query (<c>Targets.0.Port=80</c>) into the JSON shape of a POST body.
    /// Leaf values stay strings; readers created with lenient=true accept numeric and boolean strings.</summary>
    public static JsonElement FromQuery(IEnumerable<KeyValuePair<string, string>> query)
    {
        var root = new JsonObject();
        foreach (var (key, value) in query)
        {
            if (key is "Action" or "Version" or "Region" or "Timestamp" or "Nonce" or "SecretId" or "Signature" or "SignatureMethod" or "Token") continue;
            var parts = key.Split('.');
            JsonNode current = root;
            for (var i = 0; i < parts.Length; i++)
            {
                var last = i == parts.Length - 1;
                var nextIsIndex = !last && int.TryParse(parts[i + 1], out _);
                if (current is JsonObject obj)
                {
                    if (last) { obj[parts[i]] = value; break; }
                    if (obj[parts[i]] is not { } child) { child = nextIsIndex ? new JsonArray() : new JsonObject(); obj[parts[i]] = child; }
                    current = child;
                }
                else if (current is JsonArray arr && int.TryParse(parts[i], out var index))
                {
                    while (arr.Count <= index) arr.Add(null);
                    if (last) { arr[index] = value; break; }
                    if (arr[index] is not { } child) { child = nextIsIndex ? new JsonArray() : new JsonObject(); arr[index] = child; }
                    current = child;
                }
                else break;
            }
        }
        return JsonDocument.Parse(root.ToJsonString()).RootElement.Clone();
    }
}
