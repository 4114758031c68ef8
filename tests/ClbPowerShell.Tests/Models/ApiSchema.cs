using System.Text.Json;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Models;

/// <summary>A field as the catalog describes it: API name (OCR-corrected, no ".N"), base type, array or not.</summary>
public sealed record ApiField(string Name, string BaseType, bool IsArray, bool? Required);

public sealed record ApiAction(
    string Name,
    string Category,
    bool? IsAsync,
    bool HasFullSection,
    IReadOnlyList<ApiField> Inputs,
    IReadOnlyList<ApiField> Outputs,
    long? MaxLimit,
    long? DefaultLimit,
    int RateLimitPerSecond,
    JsonElement Raw);

/// <summary>The catalog read independently of the generator, for the tests to check the models against.</summary>
public static class ApiSchema
{
    public static readonly IReadOnlySet<string> PrimitiveTypes =
        new HashSet<string>(StringComparer.Ordinal) { "String", "Timestamp", "Integer", "Int64", "Uint64", "UInt64", "Float", "Boolean" };

    private static readonly Lazy<IReadOnlyList<ApiAction>> LazyActions = new(LoadActions);
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<ApiField>>> LazyTypes = new(LoadTypes);

    public static IReadOnlyList<ApiAction> Actions => LazyActions.Value;

    public static ApiAction Action(string name) => Actions.Single(a => a.Name == name);

    /// <summary>Data types by name, fields in catalog order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ApiField>> DataTypes => LazyTypes.Value;

    public static ApiField ReadField(JsonElement f)
    {
        string name = f.TryGetProperty("name_corrected", out var nc) && nc.ValueKind == JsonValueKind.String
            ? nc.GetString()!
            : f.TryGetProperty("json_key", out var jk) && jk.ValueKind == JsonValueKind.String
                ? jk.GetString()!
                : f.GetProperty("name").GetString()!;
        if (name.EndsWith(".N", StringComparison.Ordinal))
        {
            name = name[..^2];
        }

        bool? required = f.TryGetProperty("required", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? r.GetBoolean()
            : null;
        return new ApiField(name, f.GetProperty("base_type").GetString()!, f.GetProperty("is_array").GetBoolean(), required);
    }

    /// <summary>The field of a data type or action input called <paramref name="name"/>, or null.</summary>
    public static ApiField? Find(IReadOnlyList<ApiField>? fields, string name) =>
        fields?.FirstOrDefault(f => f.Name == name);

    public static IReadOnlyList<ApiField>? FieldsOf(string baseType) =>
        DataTypes.TryGetValue(baseType, out var fields) ? fields : null;

    private static IReadOnlyList<ApiAction> LoadActions()
    {
        var list = new List<ApiAction>();
        foreach (var a in SharedCatalog.Api3.GetProperty("actions").EnumerateArray())
        {
            long? maxLimit = null, defaultLimit = null;
            if (a.GetProperty("pagination") is { ValueKind: JsonValueKind.Object } pg)
            {
                if (pg.GetProperty("max_limit") is { ValueKind: JsonValueKind.Number } m)
                {
                    maxLimit = m.GetInt64();
                }

                if (pg.GetProperty("default_limit") is { ValueKind: JsonValueKind.Number } d)
                {
                    defaultLimit = d.GetInt64();
                }
            }

            var isAsync = a.GetProperty("async").GetProperty("is_async");
            list.Add(new ApiAction(
                a.GetProperty("name").GetString()!,
                a.GetProperty("category").GetString()!,
                isAsync.ValueKind == JsonValueKind.Null ? null : isAsync.GetBoolean(),
                a.GetProperty("has_full_section").GetBoolean(),
                a.GetProperty("input_params").EnumerateArray().Select(ReadField).ToList(),
                a.GetProperty("output_params").EnumerateArray().Select(ReadField).ToList(),
                maxLimit,
                defaultLimit,
                a.GetProperty("rate_limit_per_second").GetInt32(),
                a));
        }

        return list;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<ApiField>> LoadTypes()
    {
        var dict = new Dictionary<string, IReadOnlyList<ApiField>>(StringComparer.Ordinal);
        foreach (var t in SharedCatalog.DataTypes.GetProperty("types").EnumerateArray())
        {
            dict.Add(t.GetProperty("name").GetString()!, t.GetProperty("fields").EnumerateArray().Select(ReadField).ToList());
        }

        return dict;
    }
}
