using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Session
{
    /// <summary>
    /// <para type="synopsis">Shows the credentials source, region and endpoint Clb cmdlets will use.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbContext")]
    [OutputType(typeof(ClbContextInfo))]
    public sealed class GetClbContextCommand : PSCmdlet
    {
        /// <summary><para type="description">When there is no session, resolve the environment and profile files and show what they give.</para></summary>
        [Parameter]
        public SwitchParameter Resolve { get; set; }

        protected override void ProcessRecord()
        {
            var current = ClbSession.Current;
            if (current != null)
            {
                WriteObject(Describe(current, true));
                return;
            }
            if (!Resolve)
            {
                WriteVerbose("No Clb session; run Connect-Clb, or use -Resolve to see what the environment provides.");
                return;
            }
            var chain = CredentialChain.CreateDefault(SystemEnvironment.Instance);
            ClbCredentials? credentials = null;
            try
            {
                credentials = chain.TryGetAsync(default).GetAwaiter().GetResult();
            }
            catch (ClbCredentialsException ex)
            {
                WriteError(new ErrorRecord(ex, "CredentialsUnavailable", ErrorCategory.InvalidData, null));
            }
            var (region, regionSource) = RegionResolver.Resolve(null, null, SystemEnvironment.Instance, null);
            WriteObject(new ClbContextInfo
            {
                SecretId = credentials?.SecretId,
                CredentialSource = credentials?.Source,
                Region = region,
                RegionSource = regionSource,
                IsSession = false,
            });
        }

        internal static ClbContextInfo Describe(ClbContext context, bool isSession) => new ClbContextInfo
        {
            SecretId = context.SecretId,
            Region = context.Region,
            RegionSource = context.RegionSource,
            Endpoint = context.Endpoint,
            CredentialSource = context.CredentialSource,
            ProfileName = context.ProfileName,
            ConnectedAt = context.ConnectedAt,
            IsSession = isSession,
        };
    }
}
