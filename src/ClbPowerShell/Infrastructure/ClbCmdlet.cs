using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Credentials;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that calls the API: the common -Region/-Credential/-ProfileName/-Endpoint
    /// parameters, per-call context resolution, async work pumped onto the pipeline thread, Ctrl+C
    /// cancellation, and client failures turned into ErrorRecords.
    /// </summary>
    public abstract class ClbCmdlet : PSCmdlet, IClbClientLog
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly PipelinePump _pump = new PipelinePump();
        private readonly Dictionary<string, ClbClient> _clients = new Dictionary<string, ClbClient>(StringComparer.Ordinal);

        /// <summary>
        /// <para type="description">The region to work in, such as ap-guangzhou. Binds from the Region property of piped objects.</para>
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(RegionPattern)]
        public string? Region { get; set; }

        /// <summary>
        /// <para type="description">A credential whose user name is the SecretId and whose password is the SecretKey. Overrides the session and the environment.</para>
        /// </summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>
        /// <para type="description">A tccli or ~/.tencentcloud/credentials profile to take credentials and region from.</para>
        /// </summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z0-9_.-]{1,64}$")]
        public string? ProfileName { get; set; }

        /// <summary>
        /// <para type="description">The API endpoint: a host name (https) or URL; plain http only to loopback (the local emulator).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Endpoint { get; set; }

        public const string RegionPattern = "^[a-z]{2,}(-[a-z0-9]+)+$";

        // One environment/profile/CVM-role chain per profile for the whole process: the CVM role provider caches
        // its temporary key until shortly before it expires, which a chain made per call would throw away.
        // The providers read variables and files when asked, so later changes to them are still seen.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CredentialChain> DefaultChains =
            new System.Collections.Concurrent.ConcurrentDictionary<string, CredentialChain>(StringComparer.Ordinal);

        private static CredentialChain DefaultChain(string? profileName) =>
            DefaultChains.GetOrAdd(profileName ?? "", p => CredentialChain.CreateDefault(SystemEnvironment.Instance, null, p.Length == 0 ? null : p));

        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Resolves who and where for this call: parameters, then the Connect-Clb session, then the
        /// environment and profile files. Terminates the pipeline when nothing can proceed.
        /// </summary>
        /// <param name="regionOverride">A region that belongs to the object being worked on (a piped task); beats -Region.</param>
        /// <param name="endpointOverride">An endpoint that belongs to the object being worked on; beats the session's.</param>
        protected ClbContext ResolveContext(string? regionOverride = null, string? endpointOverride = null)
        {
            var session = ClbSession.Current;
            ICredentialProvider credentials;
            string? secretId = null;
            if (Credential != null)
            {
                var key = Credential.GetNetworkCredential().Password;
                if (string.IsNullOrEmpty(Credential.UserName) || string.IsNullOrEmpty(key))
                    Terminate(new ArgumentException("-Credential needs the SecretId as user name and the SecretKey as password."), "InvalidCredential", ErrorCategory.InvalidArgument);
                var explicitCredentials = new ClbCredentials(Credential.UserName.TrimStart('\\'), key, null, "parameter -Credential");
                credentials = new StaticCredentialProvider(explicitCredentials);
                secretId = explicitCredentials.SecretId;
            }
            else
            {
                // A named profile means "use that profile", so the session default is passed over. The session,
                // when there is one, always answers, so the rest of the chain only matters without it.
                var sessionCredentials = ProfileName == null ? session?.Credentials : null;
                credentials = sessionCredentials ?? DefaultChain(ProfileName);
                secretId = ProfileName == null ? session?.SecretId : null;
            }

            var (region, regionSource) = RegionResolver.Resolve(regionOverride ?? Region, ProfileName == null ? session?.Region : null, SystemEnvironment.Instance, ProfileName);
            if (region == null)
                Terminate(new ArgumentException("No region is set. Pass -Region (for example -Region ap-guangzhou), run Connect-Clb -Region, or set TENCENTCLOUD_REGION."),
                    "RegionMissing", ErrorCategory.InvalidArgument);
            var endpoint = Endpoint ?? endpointOverride ?? session?.Endpoint;
            return new ClbContext(credentials, region, regionSource, endpoint, ProfileName, null, secretId);
        }

        /// <summary>A client for the resolved context, reused within this cmdlet call per region and endpoint.</summary>
        protected ClbClient GetClient(string? regionOverride = null, string? endpointOverride = null)
        {
            var context = ResolveContext(regionOverride, endpointOverride);
            var key = context.Region + "|" + context.Endpoint;
            if (_clients.TryGetValue(key, out var existing)) return existing;
            try
            {
                var client = new ClbClient(context.ToClientOptions(this));
                WriteVerbose("Using region " + context.Region + " (" + context.RegionSource + "), endpoint " + client.Endpoint + ".");
                _clients[key] = client;
                return client;
            }
            catch (ClbConfigurationException ex)
            {
                Terminate(ex, "InvalidConfiguration", ErrorCategory.InvalidArgument);
                throw; // not reached
            }
        }

        /// <summary>A client for the legacy 2017 API with the same context rules.</summary>
        protected ClbLegacyClient GetLegacyClient()
        {
            var context = ResolveContext();
            try
            {
                return new ClbLegacyClient(context.ToClientOptions(this));
            }
            catch (ClbConfigurationException ex)
            {
                Terminate(ex, "InvalidConfiguration", ErrorCategory.InvalidArgument);
                throw; // not reached
            }
        }

        /// <summary>
        /// Runs async work with the pipeline thread serving its writes. Client failures that escape the
        /// work become one non-terminating error for <paramref name="target"/>; failures that stop
        /// everything (no credentials, bad configuration) terminate.
        /// </summary>
        protected void Run(Func<CancellationToken, Task> work, object? target = null)
        {
            try
            {
                _pump.Run(() => work(StopToken), _stopping);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (IsFatal(ex))
            {
                Terminate(ex, ex is ClbCredentialsException ? "CredentialsUnavailable" : "InvalidConfiguration", ErrorCategory.InvalidArgument);
            }
            catch (Exception ex) when (ex is ClbException || ex is ArgumentException)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex, target));
            }
        }

        private static bool IsFatal(Exception ex) => ex is ClbConfigurationException || ex is ClbCredentialsException;

        /// <summary>Writes objects from the async work; waits until the pipeline took them, so paging stays lazy.</summary>
        protected Task EmitAsync(object? item, bool enumerate = false) => _pump.PostAndWaitAsync(() => WriteObject(item, enumerate));

        /// <summary>
        /// Streams pages to the pipeline as they arrive (never the whole list in memory) and, on cmdlets
        /// with SupportsPaging, honours -IncludeTotalCount with the total the service reported.
        /// </summary>
        protected async Task EmitPagesAsync<T>(System.Collections.Generic.IAsyncEnumerable<Client.Operations.Page<T>> pages, CancellationToken cancellationToken)
        {
            long? total = null;
            await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                total = page.TotalCount;
                await EmitAsync(page.Items, enumerate: true).ConfigureAwait(false);
            }
            if (IsPaging && PagingParameters.IncludeTotalCount)
            {
                var count = total ?? 0;
                await _pump.PostAndWaitAsync(() => WriteObject(PagingParameters.NewTotalCount((ulong)count, 1.0))).ConfigureAwait(false);
            }
        }

        private bool IsPaging => MyInvocation.MyCommand is CmdletInfo info &&
            info.ImplementingType.GetCustomAttributes(typeof(CmdletAttribute), false) is CmdletAttribute[] attributes &&
            attributes.Length == 1 && attributes[0].SupportsPaging;

        /// <summary>-Skip as the Pager wants it (0 when the cmdlet does not page).</summary>
        protected long PagingSkip => IsPaging ? (long)PagingParameters.Skip : 0;

        /// <summary>-First as the Pager wants it (null = everything).</summary>
        protected long? PagingFirst => IsPaging && PagingParameters.First != ulong.MaxValue ? (long)PagingParameters.First : (long?)null;

        protected void PostVerbose(string message) => _pump.Post(() => WriteVerbose(message));
        protected void PostWarning(string message) => _pump.Post(() => WriteWarning(message));
        protected void PostDebug(string message) => _pump.Post(() => WriteDebug(message));
        protected void PostProgress(ProgressRecord record) => _pump.Post(() => WriteProgress(record));
        protected void PostError(ErrorRecord record) => _pump.Post(() => WriteError(record));
        protected void PostError(Exception exception, object? target) => PostError(ErrorMapping.ToErrorRecord(exception, target));

        /// <summary>
        /// ShouldProcess for destructive cmdlets with -Force. At ConfirmImpact High, ShouldProcess already prompts
        /// under the default $ConfirmPreference, so -Force (without an explicit -Confirm) skips that prompt, while
        /// -WhatIf still only reports and sends nothing.
        /// </summary>
        protected bool ShouldProcessUnlessForced(bool force, string target, string action)
        {
            if (force && !MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)
                    ? LanguagePrimitives.IsTrue(w)
                    : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
                if (!whatIf) return true;
            }
            return ShouldProcess(target, action);
        }

        /// <summary>ShouldProcess asked from async work (the pipeline thread answers).</summary>
        protected Task<bool> ShouldProcessAsync(string target, string action)
        {
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pump.Post(() => answer.TrySetResult(ShouldProcess(target, action)));
            return answer.Task;
        }

        protected void Terminate(Exception exception, string errorId, ErrorCategory category, object? target = null) =>
            ThrowTerminatingError(new ErrorRecord(exception, errorId, category, target));

        /// <summary>Refuses bad input before any request, naming the parameter and the rule.</summary>
        protected void RefuseParameter(string parameterName, string rule, object? value = null) =>
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("Parameter -" + parameterName + ": " + rule, parameterName),
                "InvalidParameter." + parameterName, ErrorCategory.InvalidArgument, value));

        void IClbClientLog.Verbose(string message) => PostVerbose(message);
        void IClbClientLog.Debug(string message) => PostDebug(message);
    }
}
