using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Session
{
    /// <summary>
    /// <para type="synopsis">Sets the credentials, region and endpoint that later Clb cmdlets use by default.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Clb", DefaultParameterSetName = ChainSet)]
    [OutputType(typeof(ClbContextInfo))]
    [ClbApiAction("DescribeLoadBalancers")]
    public sealed class ConnectClbCommand : ClbCmdlet
    {
        private const string ChainSet = "CredentialChain";
        private const string KeySet = "SecretKey";

        /// <summary><para type="description">The SecretId of an API key.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidatePattern("^[A-Za-z0-9]{8,128}$")]
        public string SecretId { get; set; } = "";

        /// <summary><para type="description">The SecretKey of the API key, as a SecureString.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        public SecureString SecretKey { get; set; } = new SecureString();

        /// <summary><para type="description">The session token of a temporary key, as a SecureString.</para></summary>
        [Parameter]
        public SecureString? Token { get; set; }

        /// <summary><para type="description">Do not make the one cheap call that checks the key and region work.</para></summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        protected override void ProcessRecord()
        {
            if (Token != null && ParameterSetName != KeySet && Credential == null)
                RefuseParameter("Token", "a session token belongs to a temporary key; pass it with -SecretId/-SecretKey or -Credential.");
            var token = Token != null ? Plain(Token) : null;
            ICredentialProvider provider;
            string? secretId;
            if (ParameterSetName == KeySet)
            {
                var credentials = new ClbCredentials(SecretId, Plain(SecretKey), token, "session (Connect-Clb)");
                provider = new StaticCredentialProvider(credentials);
                secretId = credentials.SecretId;
            }
            else if (Credential != null)
            {
                var credentials = new ClbCredentials(Credential.UserName.TrimStart('\\'), Credential.GetNetworkCredential().Password, token, "session (Connect-Clb -Credential)");
                provider = new StaticCredentialProvider(credentials);
                secretId = credentials.SecretId;
            }
            else
            {
                // No key given: remember the chain (environment, profiles, CVM role) so refreshing keys keep working.
                provider = CredentialChain.CreateDefault(SystemEnvironment.Instance, null, ProfileName);
                secretId = null;
            }

            var (region, regionSource) = RegionResolver.Resolve(Region, null, SystemEnvironment.Instance, ProfileName);
            if (region == null)
                RefuseParameter("Region", "no region was given and none is configured; pass -Region, for example -Region ap-guangzhou.");

            var context = new ClbContext(provider, region, regionSource, Endpoint, ProfileName, null, secretId, DateTimeOffset.Now);
            string? source = null;
            try
            {
                new ClbClient(context.ToClientOptions()); // validates endpoint and region before anything is stored
            }
            catch (ClbConfigurationException ex)
            {
                RefuseParameter(ex.ParameterName ?? "Endpoint", ex.Message, Endpoint);
            }

            Run(async cancellationToken =>
            {
                var resolved = await provider.TryGetAsync(cancellationToken).ConfigureAwait(false)
                               ?? throw new ClbCredentialsException("No credentials were found. Pass -SecretId and -SecretKey, or -Credential, or set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY.");
                if (!SkipValidation)
                {
                    var client = new ClbClient(context.ToClientOptions(this));
                    await client.InvokeAsync("DescribeLoadBalancers", new { Limit = 1 }, cancellationToken).ConfigureAwait(false);
                }
                // Only a key that passed the check (or was not to be checked) becomes the session.
                source = resolved.Source;
                secretId = resolved.SecretId;
            });
            if (source == null) return; // validation failed; the error was written

            var connected = new ClbContext(provider, region, regionSource, Endpoint, ProfileName, source, secretId, DateTimeOffset.Now);
            ClbSession.Set(connected);
            WriteVerbose("Connected with credentials from " + source + " to region " + region + (Endpoint != null ? " at " + Endpoint : "") + ".");
            WriteObject(GetClbContextCommand.Describe(connected, true));
        }

        private static string Plain(SecureString secure)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer) ?? "";
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
