using System;
using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>
    /// Like ValidatePattern, but lets null and empty values through. Parameters that bind by property name
    /// from objects where the property is legitimately empty (a CVM target has no EniIp, a layer-4 target no
    /// LocationId) need this: ValidatePattern rejects the null before the cmdlet can ignore it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateOptionalPatternAttribute : ValidateArgumentsAttribute
    {
        private readonly Regex _regex;

        public ValidateOptionalPatternAttribute(string pattern)
        {
            Pattern = pattern;
            _regex = new Regex(pattern, RegexOptions.CultureInvariant);
        }

        public string Pattern { get; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (arguments is PSObject ps) arguments = ps.BaseObject;
            if (arguments is string single || !(arguments is IEnumerable))
            {
                Check(arguments);
                return;
            }
            foreach (var item in (IEnumerable)arguments) Check(item is PSObject p ? p.BaseObject : item);
        }

        private void Check(object? value)
        {
            var text = value as string ?? value?.ToString();
            if (string.IsNullOrEmpty(text)) return;
            if (!_regex.IsMatch(text))
                throw new ValidationMetadataException("The argument \"" + text + "\" does not match the \"" + Pattern + "\" pattern.");
        }
    }
}
