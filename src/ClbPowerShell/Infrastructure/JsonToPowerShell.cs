using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>Converts between API JSON and what a PowerShell user holds: PSCustomObjects and hashtables.</summary>
    public static class JsonToPowerShell
    {
        /// <summary>A JSON value as PSCustomObject / object[] / long / double / string / bool / null.</summary>
        public static object? ToPowerShell(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (var property in element.EnumerateObject())
                        result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
                    return result;
                case JsonValueKind.Array:
                    var items = new List<object?>();
                    foreach (var item in element.EnumerateArray()) items.Add(ToPowerShell(item));
                    return items.ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out var whole)) return whole;
                    return element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Unwraps what a script passes (hashtables, PSCustomObjects, arrays, PSObject wrappers) into plain
        /// dictionaries and lists the JSON serializer writes as the API expects.
        /// </summary>
        public static object? FromPowerShell(object? value, string path = "Parameter")
        {
            if (value is PSObject ps)
            {
                if (ps.BaseObject is PSCustomObject)
                {
                    var fromObject = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var property in ps.Properties)
                        fromObject[property.Name] = FromPowerShell(property.Value, path + "." + property.Name);
                    return fromObject;
                }
                value = ps.BaseObject;
            }
            switch (value)
            {
                case null:
                    return null;
                case string _:
                case bool _:
                    return value;
                case IDictionary dictionary:
                    var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                        result[key] = FromPowerShell(entry.Value, path + "." + key);
                    }
                    return result;
                case IEnumerable enumerable:
                    var list = new List<object?>();
                    var index = 0;
                    foreach (var item in enumerable) list.Add(FromPowerShell(item, path + "[" + index++ + "]"));
                    return list;
                case Enum e:
                    return e.ToString();
                case DateTime dateTime:
                    return dateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                case System.Security.SecureString _:
                    throw new ArgumentException(path + " is a SecureString; pass plain values in -Parameter.");
                default:
                    if (value.GetType().IsPrimitive || value is decimal) return value;
                    return value; // typed models serialize by their own properties
            }
        }
    }
}
