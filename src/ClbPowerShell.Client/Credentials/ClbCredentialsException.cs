using System;

namespace ClbPowerShell.Client.Credentials
{
    /// <summary>
    /// Credentials could not be resolved: a source is configured but broken (a malformed profile file, an
    /// unreachable role), or no source is configured at all. Messages name files, variables and roles,
    /// never a SecretKey or Token.
    /// </summary>
    public sealed class ClbCredentialsException : Exception
    {
        public ClbCredentialsException(string message) : base(message) { }
        public ClbCredentialsException(string message, Exception? innerException) : base(message, innerException) { }
    }
}
