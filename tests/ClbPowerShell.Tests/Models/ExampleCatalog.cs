using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClbPowerShell.Tests.Models;

public enum ExampleKind
{
    Request,
    Response,
}

/// <summary>One documented example (request or response), already turned into the JSON the wire carries.</summary>
public sealed record ExampleCase(
    string Id,
    string Action,
    int Number,
    ExampleKind Kind,
    string Source,
    JsonElement? Json,
    IReadOnlyList<string> Coerced, // JSON paths of numeric strings turned into numbers
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> DocumentedMismatches);

/// <summary>
/// Reads every example of clb-api-3.json. POST bodies are taken as given (body_repaired where the
/// catalog has one); GET query strings become the equivalent JSON object (common parameters dropped,
/// ".N" indices -> arrays, dotted names -> nested objects, values typed by the catalog); responses
/// are the <c>Response</c> object (json_repaired where the PDF broke the JSON).
/// Strings given for Integer/Float fields (documented in the catalog as type_mismatches) become
/// numbers, which is what the typed model writes back.
/// </summary>
public static class ExampleCatalog
{
    /// <summary>Common parameters that are not part of the action's own input.</summary>
    public static readonly IReadOnlySet<string> CommonParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "Action", "Version", "Region", "SecretId", "Signature", "Timestamp", "Nonce", "SignatureMethod", "Token", "Language",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, ExampleCase>> LazyCases = new(Load);

    public static IReadOnlyDictionary<string, ExampleCase> Cases => LazyCases.Value;

    private static IReadOnlyDictionary<string, ExampleCase> Load()
    {
        var cases = new Dictionary<string, ExampleCase>(StringComparer.Ordinal);
        foreach (var action in ApiSchema.Actions)
        {
            foreach (var ex in action.Raw.GetProperty("examples").EnumerateArray())
            {
                int number = ex.GetProperty("number").GetInt32();
                var mismatches = new List<string>();
                if (ex.TryGetProperty("type_mismatches", out var tm) && tm.ValueKind == JsonValueKind.Array)
                {
                    mismatches.AddRange(tm.EnumerateArray().Select(m => m.GetString()!.Split(':')[0].Trim()));
                }

                var req = ex.GetProperty("request");
                string format = req.GetProperty("format").GetString()!;
                var problems = new List<string>();
                var coerced = new List<string>();
                JsonNode? body = null;
                string source;
                if (format == "query")
                {
                    source = "query";
                    body = QueryToJson(action, req.GetProperty("params"), problems);
                }
                else
                {
                    bool repaired = req.TryGetProperty("body_repaired", out var br) && br.ValueKind == JsonValueKind.Object;
                    source = repaired ? "json body_repaired" : "json body";
                    var b = repaired ? br : req.GetProperty("body");
                    if (b.ValueKind == JsonValueKind.Object)
                    {
                        body = JsonNode.Parse(b.GetRawText());
                        CoerceNumbers(body!, action.Inputs, "", coerced, problems);
                    }
                    else
                    {
                        problems.Add("request body is not a JSON object");
                    }
                }

                Add(cases, new ExampleCase(
                    $"{action.Name} #{number} request ({source})",
                    action.Name,
                    number,
                    ExampleKind.Request,
                    source,
                    body == null ? null : JsonSerializer.SerializeToElement(body),
                    coerced,
                    problems,
                    mismatches));

                var resp = ex.GetProperty("response");
                var rproblems = new List<string>();
                JsonElement? respJson = null;
                string rsource = "json";
                var j = resp.GetProperty("json");
                if (j.ValueKind != JsonValueKind.Object && resp.TryGetProperty("json_repaired", out var jr) && jr.ValueKind == JsonValueKind.Object)
                {
                    j = jr;
                    rsource = "json_repaired";
                }

                if (j.ValueKind == JsonValueKind.Object && j.TryGetProperty("Response", out var inner) && inner.ValueKind == JsonValueKind.Object)
                {
                    respJson = inner.Clone();
                }
                else
                {
                    rproblems.Add("no parseable Response object");
                }

                Add(cases, new ExampleCase(
                    $"{action.Name} #{number} response ({rsource})",
                    action.Name,
                    number,
                    ExampleKind.Response,
                    rsource,
                    respJson,
                    Array.Empty<string>(),
                    rproblems,
                    mismatches));
            }
        }

        return cases;
    }

    private static void Add(Dictionary<string, ExampleCase> cases, ExampleCase c) => cases.Add(c.Id, c);

    /// <summary>Turns GET parameters (Name.0.Field=value) into the JSON object a POST body would carry.</summary>
    public static JsonObject QueryToJson(ApiAction action, JsonElement parameters, List<string> problems)
    {
        var root = new JsonObject();
        foreach (var p in parameters.EnumerateArray())
        {
            if (!p.TryGetProperty("name", out var n))
            {
                continue; // "<Common request parameters>" placeholder
            }

            string name = n.GetString()!;
            string value = p.GetProperty("value").GetString()!;
            if (CommonParameters.Contains(name))
            {
                continue;
            }

            Set(root, action.Inputs, name, value, problems);
        }

        return root;
    }

    private static void Set(JsonObject root, IReadOnlyList<ApiField> inputs, string name, string value, List<string> problems)
    {
        string[] segments = name.Split('.');
        JsonNode container = root;
        IReadOnlyList<ApiField>? fields = inputs;
        ApiField? current = null;
        for (int i = 0; i < segments.Length; i++)
        {
            string seg = segments[i];
            bool last = i == segments.Length - 1;
            bool nextIsIndex = !last && IsIndex(segments[i + 1]);
            if (IsIndex(seg))
            {
                if (container is not JsonArray array || current is not { IsArray: true })
                {
                    problems.Add($"{name}: index where no array is documented");
                    return;
                }

                int index = int.Parse(seg, CultureInfo.InvariantCulture);
                while (array.Count <= index)
                {
                    array.Add(null);
                }

                if (last)
                {
                    array[index] = Leaf(value, current, name, problems);
                    return;
                }

                array[index] ??= nextIsIndex ? new JsonArray() : new JsonObject();
                container = array[index]!;
                fields = ApiSchema.FieldsOf(current.BaseType);
                continue;
            }

            if (container is not JsonObject obj)
            {
                problems.Add($"{name}: member '{seg}' inside an array");
                return;
            }

            current = ApiSchema.Find(fields, seg);
            if (current == null)
            {
                problems.Add($"{name}: '{seg}' is not a documented field");
            }

            if (last)
            {
                obj[seg] = Leaf(value, current, name, problems);
                return;
            }

            if (!obj.ContainsKey(seg))
            {
                obj[seg] = nextIsIndex ? new JsonArray() : new JsonObject();
            }

            container = obj[seg]!;
            if (!nextIsIndex)
            {
                fields = current == null ? null : ApiSchema.FieldsOf(current.BaseType);
            }
        }
    }

    private static bool IsIndex(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static JsonNode? Leaf(string value, ApiField? field, string name, List<string> problems)
    {
        switch (field?.BaseType)
        {
            case "Integer" or "Int64" or "Uint64" or "UInt64":
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
                {
                    return JsonValue.Create(l);
                }

                problems.Add($"{name}: '{value}' is not an integer");
                return JsonValue.Create(value);
            case "Float":
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                {
                    return JsonValue.Create(d);
                }

                problems.Add($"{name}: '{value}' is not a number");
                return JsonValue.Create(value);
            case "Boolean":
                if (bool.TryParse(value, out bool b))
                {
                    return JsonValue.Create(b);
                }

                problems.Add($"{name}: '{value}' is not a boolean");
                return JsonValue.Create(value);
            default:
                return JsonValue.Create(value);
        }
    }

    /// <summary>Replaces numeric strings in Integer/Float fields by numbers, recording the paths it touched
    /// (top level: <c>WithRs</c>, <c>Ports[0]</c>; nested: <c>HealthCheck.HealthNum</c>, <c>Targets[0].Port</c>).</summary>
    private static void CoerceNumbers(JsonNode node, IReadOnlyList<ApiField>? fields, string path, List<string> coerced, List<string> problems)
    {
        if (node is not JsonObject obj || fields == null)
        {
            return;
        }

        foreach (var (key, child) in obj.ToList())
        {
            var field = ApiSchema.Find(fields, key);
            if (field == null || child == null)
            {
                continue;
            }

            if (child is JsonArray arr)
            {
                for (int i = 0; i < arr.Count; i++)
                {
                    if (arr[i] is JsonObject)
                    {
                        CoerceNumbers(arr[i]!, ApiSchema.FieldsOf(field.BaseType), $"{path}{key}[{i}].", coerced, problems);
                    }
                    else if (arr[i] is JsonValue v && TryCoerce(v, field, out var number))
                    {
                        arr[i] = number;
                        coerced.Add($"{path}{key}[{i}]");
                    }
                }
            }
            else if (child is JsonObject)
            {
                CoerceNumbers(child, ApiSchema.FieldsOf(field.BaseType), $"{path}{key}.", coerced, problems);
            }
            else if (child is JsonValue value && TryCoerce(value, field, out var number))
            {
                obj[key] = number;
                coerced.Add(path + key);
            }
        }
    }

    private static bool TryCoerce(JsonValue value, ApiField field, out JsonNode? number)
    {
        number = null;
        if (value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        string s = value.GetValue<string>();
        if (field.BaseType is "Integer" or "Int64" or "Uint64" or "UInt64"
            && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            number = JsonValue.Create(l);
            return true;
        }

        if (field.BaseType == "Float" && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            number = JsonValue.Create(d);
            return true;
        }

        return false;
    }
}
