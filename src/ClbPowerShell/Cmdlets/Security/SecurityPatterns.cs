namespace ClbPowerShell.Cmdlets.Security
{
    /// <summary>Shapes of security group and certificate ids (ClbIdPatterns has none for them).</summary>
    internal static class SecurityPatterns
    {
        public const string SecurityGroup = "^sg-[a-z0-9]{8}$";
        /// <summary>SSL certificate ids: letters, digits, '-' and '_'.</summary>
        public const string Certificate = "^[A-Za-z0-9_-]{1,64}$";
    }
}
