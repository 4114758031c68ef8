namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>Id shapes of this area (kept here rather than in Infrastructure/ClbIdPatterns.cs, which belongs to the lead).</summary>
    internal static class ConfigIdPatterns
    {
        /// <summary>A customized configuration id, such as pz-1234abcd.</summary>
        public const string Config = "^pz-[a-z0-9]{8}$";
    }
}
