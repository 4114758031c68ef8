using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// Shared by Register-, Unregister- and Set-ClbTarget: the binding parameters (given or bound by property name
    /// from ClbTarget objects), gathering every piped record in ProcessRecord, and one bulk run per region in
    /// EndProcessing, so the operations layer can batch across records. Failed targets become one ErrorRecord each.
    /// </summary>
    public abstract class ClbTargetBulkCmdlet : ClbCmdlet
    {
        private readonly List<(ClbClient Client, TargetSpec Target)> _gathered = new List<(ClbClient, TargetSpec)>();

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listener (lbl-xxxxxxxx). Binds from the ListenerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The layer-7 rule (loc-xxxxxxxx) on an HTTP/HTTPS listener; omit on layer-4 listeners. Binds by property name.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string? LocationId { get; set; }

        /// <summary><para type="description">With -Url, names the layer-7 rule by its domain instead of -LocationId.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Domain)]
        public string? Domain { get; set; }

        /// <summary><para type="description">With -Domain, names the layer-7 rule by its URL path instead of -LocationId.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, 200)]
        public string? Url { get; set; }

        /// <summary><para type="description">CVM instance ids (ins-xxxxxxxx). Give these or -EniIp. Binds by property name.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Instance)]
        public string[]? InstanceId { get; set; }

        /// <summary><para type="description">IPs of elastic network interfaces or cross-VPC backends. Give these or -InstanceId. Binds by property name.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.IPv4)]
        public string[]? EniIp { get; set; }

        /// <summary><para type="description">The backend port (1 to 65535). Binds from the Port property of piped objects.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary>The activity shown in Write-Progress.</summary>
        protected abstract string Activity { get; }

        /// <summary>The specs of this record, after validation; the weight or new port is set by the cmdlet.</summary>
        protected List<TargetSpec> RecordTargets()
        {
            var instances = (InstanceId ?? new string[0]).Where(x => !string.IsNullOrEmpty(x)).ToList();
            var ips = (EniIp ?? new string[0]).Where(x => !string.IsNullOrEmpty(x)).ToList();
            if (instances.Count == 0 && ips.Count == 0)
                RefuseParameter("InstanceId", "give the backends with -InstanceId (ins-xxxxxxxx) or -EniIp (an IPv4 address).");
            if ((Domain == null) != (Url == null))
                RefuseParameter(Domain == null ? "Domain" : "Url", "-Domain and -Url name a rule together; give both, or -LocationId.");
            var useRule = string.IsNullOrEmpty(LocationId);
            return instances.Select(i => Spec(i, null, useRule)).Concat(ips.Select(ip => Spec(null, ip, useRule))).ToList();
        }

        private TargetSpec Spec(string? instanceId, string? eniIp, bool byName) => new TargetSpec
        {
            LoadBalancerId = LoadBalancerId,
            ListenerId = ListenerId,
            LocationId = string.IsNullOrEmpty(LocationId) ? null : LocationId,
            Domain = byName ? Domain : null,
            Url = byName ? Url : null,
            InstanceId = instanceId,
            EniIp = eniIp,
            Port = Port,
        };

        /// <summary>Keeps a target for EndProcessing (the client belongs to the record's region).</summary>
        protected void Gather(ClbClient client, TargetSpec target) => _gathered.Add((client, target));

        /// <summary>Runs <paramref name="operation"/> over everything gathered, one run per client, then reports.</summary>
        protected void RunGathered(Func<ClbClient, List<TargetSpec>, IProgress<BulkProgress>, CancellationToken, Task<BulkResult>> operation, bool passThru)
        {
            if (_gathered.Count == 0) return;
            Run(async cancellationToken =>
            {
                foreach (var group in _gathered.GroupBy(g => g.Client))
                {
                    var client = group.Key;
                    var targets = group.Select(g => g.Target).ToList();
                    var result = await operation(client, targets, new ProgressRelay(this, Activity), cancellationToken).ConfigureAwait(false);
                    await ReportAsync(client, result, passThru).ConfigureAwait(false);
                }
                CompleteProgress(this, Activity);
            });
        }

        /// <summary>One ErrorRecord per failed target; with -PassThru the done ones as ClbTarget objects.</summary>
        internal async Task ReportAsync(ClbClient client, BulkResult result, bool passThru)
        {
            foreach (var failed in result.Failed)
                PostError(failed.Error ?? new ClbException("The change of " + failed.Target + " failed."), failed.Target.ToClbTarget(client.Region));
            var done = result.Succeeded.ToList();
            PostVerbose(Activity + ": " + done.Count + " done, " + result.Failed.Count() + " failed.");
            if (passThru && done.Count > 0)
                await EmitAsync(done.Select(o => o.Target.ToClbTarget(client.Region)).ToList(), enumerate: true).ConfigureAwait(false);
        }

        internal void Progress(ProgressRecord record) => PostProgress(record);

        internal static void CompleteProgress(ClbTargetBulkCmdlet cmdlet, string activity) =>
            cmdlet.Progress(new ProgressRecord(ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });

        internal const int ProgressActivityId = 41;

        /// <summary>Turns the operations layer's progress into Write-Progress.</summary>
        private sealed class ProgressRelay : IProgress<BulkProgress>
        {
            private readonly ClbTargetBulkCmdlet _cmdlet;
            private readonly string _activity;
            public ProgressRelay(ClbTargetBulkCmdlet cmdlet, string activity) { _cmdlet = cmdlet; _activity = activity; }
            public void Report(BulkProgress value) => _cmdlet.Progress(TargetInput.ToRecord(_activity, value));
        }
    }

    /// <summary>Reading desired targets from what users type and pipe; progress records.</summary>
    internal static class TargetInput
    {
        public static ProgressRecord ToRecord(string activity, BulkProgress value) =>
            new ProgressRecord(ClbTargetBulkCmdlet.ProgressActivityId, string.IsNullOrEmpty(value.Activity) ? activity : value.Activity,
                (value.Succeeded + value.Failed).ToString(CultureInfo.InvariantCulture) + " of " + value.Total.ToString(CultureInfo.InvariantCulture) +
                " done" + (value.Failed > 0 ? " (" + value.Failed.ToString(CultureInfo.InvariantCulture) + " failed)" : "") +
                (value.Status != null ? " - " + value.Status : ""))
            { PercentComplete = value.PercentComplete };

        /// <summary>
        /// A desired target from a hashtable (@{InstanceId='ins-..'; Port=80; Weight=10}, or EniIp instead of
        /// InstanceId), a ClbTarget, or any object with those properties. Null with a reason when it cannot be read.
        /// </summary>
        public static TargetSpec? Parse(object? input, out string? problem)
        {
            problem = null;
            var value = input is PSObject ps ? ps.BaseObject : input;
            if (value is ClbTarget target) return TargetSpec.From(target);
            Func<string, object?> get;
            if (value is IDictionary dictionary)
            {
                var keys = dictionary.Keys.Cast<object>().ToDictionary(k => k.ToString() ?? "", k => dictionary[k], StringComparer.OrdinalIgnoreCase);
                get = name => keys.TryGetValue(name, out var v) ? Unwrap(v) : null;
            }
            else if (input != null)
            {
                var pso = input as PSObject ?? PSObject.AsPSObject(input);
                get = name => Unwrap(pso.Properties[name]?.Value);
            }
            else
            {
                problem = "a target is null.";
                return null;
            }
            var instance = get("InstanceId") as string;
            var ip = get("EniIp") as string;
            if (string.IsNullOrEmpty(instance) == string.IsNullOrEmpty(ip))
            {
                problem = "each target needs either InstanceId or EniIp (" + Describe(input) + ").";
                return null;
            }
            if (!string.IsNullOrEmpty(instance) && !System.Text.RegularExpressions.Regex.IsMatch(instance, ClbIdPatterns.Instance))
            {
                problem = "InstanceId '" + instance + "' does not look like ins-xxxxxxxx.";
                return null;
            }
            if (!string.IsNullOrEmpty(ip) && !System.Text.RegularExpressions.Regex.IsMatch(ip, ClbIdPatterns.IPv4))
            {
                problem = "EniIp '" + ip + "' is not an IPv4 address.";
                return null;
            }
            if (!TryLong(get("Port"), out var port) || port < 1 || port > 65535)
            {
                problem = "each target needs a Port from 1 to 65535 (" + Describe(input) + ").";
                return null;
            }
            long? weight = null;
            var w = get("Weight");
            if (w != null)
            {
                if (!TryLong(w, out var wv) || wv < 0 || wv > 100)
                {
                    problem = "Weight must be from 0 to 100 (" + Describe(input) + ").";
                    return null;
                }
                weight = wv;
            }
            return new TargetSpec
            {
                InstanceId = string.IsNullOrEmpty(instance) ? null : instance,
                EniIp = string.IsNullOrEmpty(instance) ? ip : null,
                Port = port,
                Weight = weight,
            };
        }

        private static object? Unwrap(object? v) => v is PSObject p ? p.BaseObject : v;

        private static bool TryLong(object? v, out long result)
        {
            result = 0;
            if (v == null) return false;
            try
            {
                result = Convert.ToInt64(v, CultureInfo.InvariantCulture);
                return true;
            }
            catch (FormatException) { return false; }
            catch (InvalidCastException) { return false; }
            catch (OverflowException) { return false; }
        }

        private static string Describe(object? input) => input is IDictionary d
            ? "@{" + string.Join("; ", d.Keys.Cast<object>().Select(k => k + "=" + d[k])) + "}"
            : input?.ToString() ?? "null";
    }
}
