using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rules
{
    /// <summary>What the rule cmdlets share: input patterns and hashtable-to-model conversion with key checks.</summary>
    internal static class RuleParameters
    {
        /// <summary>
        /// A forwarding domain: a plain name, a wildcard with '*' only at the start or the end, or a regular
        /// expression starting with '~'; 1 to 120 characters.
        /// </summary>
        public const string DomainPattern = @"^(?=.{1,120}$)((\*\.?)?[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?)*(\.?\*)?|~.+)$";

        /// <summary>A forwarding URL: starts with '/' (or '~' for a regular expression); 1 to 200 characters.</summary>
        public const string UrlPattern = @"^[/~][^\s]{0,199}$";

        public static readonly string[] Schedulers = { "WRR", "LEAST_CONN", "IP_HASH" };

        /// <summary>The session expire time is 0 (off) or 30 to 3600 seconds.</summary>
        public static string? CheckSessionExpireTime(long? value) =>
            value is > 0 and < 30 ? "the session expire time is 0 (off) or 30 to 3600 seconds." : null;

        /// <summary>
        /// Turns a hashtable (or PSCustomObject) into an API model. Keys are matched to the model's field names
        /// case-insensitively, nested models included; an unknown key or a value of the wrong type gives an
        /// error message (null on success).
        /// </summary>
        public static T? ToModel<T>(object? value, out string? error) where T : class
        {
            error = null;
            var plain = JsonToPowerShell.FromPowerShell(value);
            if (!(plain is Dictionary<string, object?> dictionary))
            {
                error = "expected a hashtable of " + typeof(T).Name + " fields.";
                return null;
            }
            var normalized = Normalize(dictionary, typeof(T), typeof(T).Name, ref error);
            if (error != null) return null;
            try
            {
                var json = JsonSerializer.Serialize(normalized, ClbJson.Options);
                return JsonSerializer.Deserialize<T>(json, ClbJson.Options);
            }
            catch (JsonException ex)
            {
                error = "a value has the wrong type for " + typeof(T).Name + (ex.Path != null ? " (at " + ex.Path.TrimStart('$', '.') + ")" : "") + ".";
                return null;
            }
        }

        private static Dictionary<string, object?> Normalize(Dictionary<string, object?> source, Type model, string path, ref string? error)
        {
            var fields = Fields(model);
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var entry in source)
            {
                if (!fields.TryGetValue(entry.Key, out var field))
                {
                    error = "'" + path + "." + entry.Key + "' is not a field of " + model.Name + "; known fields: " + string.Join(", ", fields.Values.Select(f => f.Name).Distinct()) + ".";
                    return result;
                }
                var value = entry.Value;
                var type = Nullable.GetUnderlyingType(field.Type) ?? field.Type;
                if (value is Dictionary<string, object?> nested && IsModel(type))
                    value = Normalize(nested, type, path + "." + field.Name, ref error);
                else if (value is List<object?> list && type.IsGenericType && IsModel(type.GetGenericArguments()[0]))
                {
                    var itemType = type.GetGenericArguments()[0];
                    var items = new List<object?>();
                    foreach (var item in list)
                    {
                        if (item is Dictionary<string, object?> d) items.Add(Normalize(d, itemType, path + "." + field.Name, ref error));
                        else items.Add(item);
                        if (error != null) return result;
                    }
                    value = items;
                }
                else if (value is string s && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
                    value = new List<object?> { s };
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
