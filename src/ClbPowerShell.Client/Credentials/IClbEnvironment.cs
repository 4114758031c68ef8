using System;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>The process environment as credential and region resolution see it; tests substitute their own.</summary>
    public interface IClbEnvironment
    {
        /// <summary>An environment variable, or null when it is not set.</summary>
        string? GetVariable(string name);
        /// <summary>The user's home directory (where ~/.tccli and ~/.tencentcloud live), or null when unknown.</summary>
        string? HomeDirectory { get; }
    }

    /// <summary>The real process environment.</summary>
    public sealed class SystemEnvironment : IClbEnvironment
    {
        public static SystemEnvironment Instance { get; } = new SystemEnvironment();

        private SystemEnvironment() { }

        public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

        /// <summary>HOME, else USERPROFILE (Windows), else the OS profile folder.</summary>
        public string? HomeDirectory
        {
            get
            {
                var home = Environment.GetEnvironmentVariable("HOME");
                if (string.IsNullOrWhiteSpace(home)) home = Environment.GetEnvironmentVariable("USERPROFILE");
                if (string.IsNullOrWhiteSpace(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                return string.IsNullOrWhiteSpace(home) ? null : home;
            }
        }
    }
}
