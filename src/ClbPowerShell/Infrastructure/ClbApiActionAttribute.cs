using System;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>
    /// Names the API actions a cmdlet calls, so a reader of the API reference finds the cmdlet
    /// (Get-ClbCommand -Action X reads these) and the surface tests can check coverage.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ClbApiActionAttribute : Attribute
    {
        public ClbApiActionAttribute(params string[] actions) => Actions = actions;
        public string[] Actions { get; }
    }
}
