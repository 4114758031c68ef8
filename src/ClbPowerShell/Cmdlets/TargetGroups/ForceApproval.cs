using System.Management.Automation;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// ShouldProcess for the destructive target group cmdlets (ConfirmImpact High): that already asks under the default
    /// $ConfirmPreference, so -Force without an explicit -Confirm skips the prompt, while -WhatIf still only reports.
    /// </summary>
    internal static class ForceApproval
    {
        public static bool Approve(PSCmdlet cmdlet, bool force, string target, string action)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            if (force && !bound.ContainsKey("Confirm"))
            {
                var whatIf = bound.TryGetValue("WhatIf", out var w)
                    ? LanguagePrimitives.IsTrue(w)
                    : LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));
                if (!whatIf) return true;
            }
            return cmdlet.ShouldProcess(target, action);
        }
    }
}
