using System;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Session
{
    /// <summary>One action-to-cmdlet mapping.</summary>
    public sealed class ClbCommandInfo
    {
        public string Action { get; set; } = "";
        public string Cmdlet { get; set; } = "";
    }

    /// <summary>
    /// <para type="synopsis">Finds the cmdlet that calls an API action (or the actions a cmdlet calls).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbCommand", DefaultParameterSetName = "ByAction")]
    [OutputType(typeof(ClbCommandInfo))]
    public sealed class GetClbCommandCommand : PSCmdlet
    {
        /// <summary><para type="description">The API action name; wildcards allowed. All actions when omitted.</para></summary>
        [Parameter(Position = 0, ParameterSetName = "ByAction", ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[]? Action { get; set; }

        /// <summary><para type="description">The cmdlet name; wildcards allowed.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = "ByCmdlet")]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var actionPatterns = (Action ?? new[] { "*" }).Select(a => new WildcardPattern(a, WildcardOptions.IgnoreCase)).ToArray();
            var namePatterns = (Name ?? new[] { "*" }).Select(a => new WildcardPattern(a, WildcardOptions.IgnoreCase)).ToArray();
            var found = Mappings()
                .Where(m => actionPatterns.Any(p => p.IsMatch(m.Action)) && namePatterns.Any(p => p.IsMatch(m.Cmdlet)))
                .OrderBy(m => m.Action, StringComparer.Ordinal).ThenBy(m => m.Cmdlet, StringComparer.Ordinal)
                .ToList();
            WriteObject(found, true);
            // Every exact action name asked for that no cmdlet calls is reported, even beside ones that matched.
            foreach (var action in (Action ?? new string[0]).Where(a => !WildcardPattern.ContainsWildcardCharacters(a)))
                if (!found.Any(m => string.Equals(m.Action, action, StringComparison.OrdinalIgnoreCase)))
                    WriteError(new ErrorRecord(new ItemNotFoundException("No cmdlet calls the action '" + action + "'. Use Invoke-ClbApi -Action " + action + " to call it directly."),
                        "ActionNotMapped", ErrorCategory.ObjectNotFound, action));
        }

        /// <summary>Every (action, cmdlet) pair declared by ClbApiAction attributes in this assembly.</summary>
        internal static ClbCommandInfo[] Mappings() =>
            typeof(GetClbCommandCommand).Assembly.GetTypes()
                .Select(t => new { Type = t, Cmdlet = t.GetCustomAttribute<CmdletAttribute>(), Api = t.GetCustomAttribute<ClbApiActionAttribute>() })
                .Where(x => x.Cmdlet != null && x.Api != null)
                .SelectMany(x => x.Api!.Actions.Select(a => new ClbCommandInfo { Action = a, Cmdlet = x.Cmdlet!.VerbName + "-" + x.Cmdlet.NounName }))
                .ToArray();
    }
}
