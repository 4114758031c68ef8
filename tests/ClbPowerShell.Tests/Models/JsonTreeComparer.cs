using System.Globalization;
using System.Text.Json;

namespace ClbPowerShell.Tests.Models;

/// <summary>
/// Compares an original JSON tree with its round-tripped form: nothing lost, nothing added, values
/// equal. Numbers compare numerically (1 == 1.0); an object member that is null in the original
/// equals an omitted one (the serializer omits nulls).
/// </summary>
public static class JsonTreeComparer
{
    public static List<string> Compare(JsonElement original, JsonElement roundTripped)
    {
        var differences = new List<string>();
        Compare(original, roundTripped, "$", differences);
        return differences;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> diffs)
    {
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            if (!NumbersEqual(expected, actual))
            {
                diffs.Add($"{path}: number {expected.GetRawText()} became {actual.GetRawText()}");
            }

            return;
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            diffs.Add($"{path}: {expected.ValueKind} {Short(expected)} became {actual.ValueKind} {Short(actual)}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var p in actual.EnumerateObject())
                {
                    actualMembers[p.Name] = p.Value;
                }

                foreach (var p in expected.EnumerateObject())
                {
                    string childPath = path + "." + p.Name;
                    if (actualMembers.Remove(p.Name, out var a))
                    {
                        if (p.Value.ValueKind == JsonValueKind.Null && a.ValueKind == JsonValueKind.Null)
                        {
                            continue;
                        }

                        Compare(p.Value, a, childPath, diffs);
                    }
                    else if (p.Value.ValueKind != JsonValueKind.Null)
                    {
                        diffs.Add($"{childPath}: lost ({Short(p.Value)})");
                    }
                }

                foreach (var extra in actualMembers)
                {
                    if (extra.Value.ValueKind != JsonValueKind.Null)
                    {
                        diffs.Add($"{path}.{extra.Key}: added ({Short(extra.Value)})");
                    }
                }

                break;

            case JsonValueKind.Array:
                int expectedLength = expected.GetArrayLength(), actualLength = actual.GetArrayLength();
                if (expectedLength != actualLength)
                {
                    diffs.Add($"{path}: array length {expectedLength} became {actualLength}");
                    return;
                }

                for (int i = 0; i < expectedLength; i++)
                {
                    Compare(expected[i], actual[i], $"{path}[{i}]", diffs);
                }

                break;

            case JsonValueKind.String:
                if (!string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal))
                {
                    diffs.Add($"{path}: {Short(expected)} became {Short(actual)}");
                }

                break;

            default:
                // true, false, null: the same kind is the same value.
                break;
        }
    }

    private static bool NumbersEqual(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db))
        {
            return da == db;
        }

        return double.Parse(a.GetRawText(), CultureInfo.InvariantCulture).Equals(double.Parse(b.GetRawText(), CultureInfo.InvariantCulture));
    }

    private static string Short(JsonElement e)
    {
        string raw = e.GetRawText();
        return raw.Length > 80 ? raw[..80] + "..." : raw;
    }
}
