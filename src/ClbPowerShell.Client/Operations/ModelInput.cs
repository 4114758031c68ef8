using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// Builds an API model from loose key/value input (a script's hashtable, already unwrapped to dictionaries
    /// and lists). Keys match the model's field names case-insensitively, nested models included; an unknown
    /// key or a value of the wrong type is reported instead of being sent.
    /// </summary>
    public static class ModelInput
    {
        /// <summary>The model, or null with <paramref name="error"/> saying what is wrong.</summary>
        public static T? ToModel<T>(IDictionary<string, object?> input, out string? error) where T : class
        {
            error = null;
            var normalized = Normalize(input, typeof(T), typeof(T).Name, ref error);
            if (error != null) return null;
            try
            {
                return JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(normalized, ClbJson.Options), ClbJson.Options);
            }
            catch (JsonException ex)
            {
                error = "a value has the wrong type for " + typeof(T).Name + (ex.Path != null ? " (at " + ex.Path.TrimStart('$', '.') + ")" : "") + ".";
                return null;
            }
        }

        private static Dictionary<string, object?> Normalize(IDictionary<string, object?> source, Type model, string path, ref string? error)
        {
            var fields = Fields(model);
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var entry in source)
            {
                if (!fields.TryGetValue(entry.Key, out var field))
                {
                    error = "'" + path + "." + entry.Key + "' is not a field of " + model.Name + "; known fields: " +
                            string.Join(", ", fields.Values.Select(f => f.Name).Distinct()) + ".";
                    return result;
                }
                var value = entry.Value;
                var type = Nullable.GetUnderlyingType(field.Type) ?? field.Type;
                var itemType = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
                if (value is IDictionary<string, object?> nested && IsModel(type))
                    value = Normalize(nested, type, path + "." + field.Name, ref error);
                else if (itemType != null && !(value is string) && value is System.Collections.IEnumerable many && !(value is IDictionary<string, object?>))
                {
                    var items = new List<object?>();
                    foreach (var item in many)
                    {
                        items.Add(item is IDictionary<string, object?> d && IsModel(itemType) ? Normalize(d, itemType, path + "." + field.Name, ref error) : item);
                        if (error != null) return result;
                    }
                    value = items;
                }
                else if (itemType != null && value != null)
                    value = new List<object?> { value }; // one value where the API takes a list
                if (error != null) return result;
                result[field.Name] = value;
            }
            return result;
        }

        private static bool IsModel(Type type) => type.IsClass && type != typeof(string) && type.Namespace == typeof(RuleInput).Namespace;

        private static Dictionary<string, (string Name, Type Type)> Fields(Type model)
        {
            var fields = new Dictionary<string, (string, Type)>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in model.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                if (name == null || property.GetCustomAttribute<JsonIgnoreAttribute>() != null) continue;
                fields[name] = (name, property.PropertyType);
            }
            return fields;
        }
    }
}
