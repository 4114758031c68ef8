using System;
using System.Text;
using System.Text.RegularExpressions;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>PowerShell-style wildcards (*, ?, [abc]) for filters the API cannot apply itself.</summary>
    public static class Wildcard
    {
        public static bool HasWildcards(string? pattern) => pattern != null && pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        /// <summary>A case-insensitive predicate matching the whole string.</summary>
        public static Func<string?, bool> Matcher(string pattern)
        {
            var sb = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                switch (c)
                {
                    case '*': sb.Append(".*"); break;
                    case '?': sb.Append('.'); break;
                    case '`' when i + 1 < pattern.Length: sb.Append(Regex.Escape(pattern[++i].ToString())); break;
                    case '[':
                        var close = pattern.IndexOf(']', i + 1);
                        if (close > i + 1)
                        {
                            sb.Append('[').Append(pattern.Substring(i + 1, close - i - 1).Replace("\\", "\\\\")).Append(']');
                            i = close;
                        }
                        else sb.Append("\\[");
                        break;
                    default: sb.Append(Regex.Escape(c.ToString())); break;
                }
            }
            var regex = new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            return value => value != null && regex.IsMatch(value);
        }
    }
}
