using System.Collections.Generic;
using ClbPowerShell.Client.Operations;
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
        /// Turns a hashtable (or PSCustomObject) into an API model: keys matched to the model's field names
        /// case-insensitively, nested models included. An unknown key or a value of the wrong type gives an
        /// error message (null on success).
        /// </summary>
        public static T? ToModel<T>(object? value, out string? error) where T : class
        {
            if (JsonToPowerShell.FromPowerShell(value) is Dictionary<string, object?> dictionary)
                return ModelInput.ToModel<T>(dictionary, out error);
            error = "expected a hashtable of " + typeof(T).Name + " fields.";
            return null;
        }
    }
}
