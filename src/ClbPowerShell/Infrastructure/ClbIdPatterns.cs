namespace ClbPowerShell.Infrastructure
{
    /// <summary>
    /// The shapes of CLB resource ids, for ValidatePattern: a malformed id is refused before any request.
    /// The emulator makes ids of the same shapes.
    /// </summary>
    public static class ClbIdPatterns
    {
        public const string LoadBalancer = "^lb-[a-z0-9]{8}$";
        public const string Listener = "^lbl-[a-z0-9]{8}$";
        public const string Location = "^loc-[a-z0-9]{8}$";
        public const string TargetGroup = "^lbtg-[a-z0-9]{8}$";
        public const string Instance = "^ins-[a-z0-9]{8}$";
        public const string Vpc = "^vpc-[a-z0-9]{8}$";
        public const string Subnet = "^subnet-[a-z0-9]{8}$";
        public const string SecurityGroup = "^sg-[a-z0-9]{8}$";
        public const string CustomizedConfig = "^pz-[a-z0-9]{8}$";
        /// <summary>SSL certificate ids: letters, digits, '-' and '_'.</summary>
        public const string Certificate = "^[A-Za-z0-9_-]{1,64}$";
        public const string IPv4 = @"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$";
        public const string Domain = @"^(\*\.)?[A-Za-z0-9~]([A-Za-z0-9\-~]{0,61}[A-Za-z0-9~])?(\.[A-Za-z0-9~]([A-Za-z0-9\-~]{0,61}[A-Za-z0-9~])?)*$|^~.+$";
    }
}
