using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// <para type="synopsis">Creates a target group, optionally with its first instances.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClbTargetGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TargetGroupInfo))]
    [ClbApiAction("CreateTargetGroup", "RegisterTargetGroupInstances", "DescribeTaskStatus", "DescribeTargetGroups")]
    public sealed class NewClbTargetGroupCommand : ClbCmdlet
    {
        /// <summary><para type="description">The name, up to 50 characters.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("TargetGroupName")]
        [ValidateLength(1, 50)]
        public string Name { get; set; } = "";

        /// <summary><para type="description">The VPC of the group (vpc-xxxxxxxx); the default VPC when omitted. Only load balancers of the same VPC can use the group.</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Vpc)]
        public string? VpcId { get; set; }

        /// <summary><para type="description">The default port (1 to 65535), used for instances registered without a port.</para></summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary><para type="description">Instances to register at once, as hashtables: @{ BindIP = '10.0.0.5'; Port = 80; Weight = 10 }. Port may be left out when -Port is given; Weight defaults to 10. More than 20 are registered 20 per call.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable[]? Instance { get; set; }

        protected override void ProcessRecord()
        {
            List<TargetGroupInstance>? instances = null;
            if (Instance != null)
            {
                instances = InstanceInput.Parse(Instance, Port != null, out var error);
                if (instances == null) RefuseParameter("Instance", error!);
            }
            if (!ShouldProcess(Name + (instances != null ? " (" + instances.Count + " instances)" : ""), "Create target group")) return;
            var request = new CreateTargetGroupRequest { TargetGroupName = Name, VpcId = VpcId, Port = Port, TargetGroupInstances = instances };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var created = await TargetGroupOperations.CreateAsync(client, request, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
                PostVerbose("Created target group " + created.TargetGroupId + ".");
                await EmitAsync(created).ConfigureAwait(false);
            }, Name);
        }
    }

    /// <summary>Turns the -Instance hashtables of the target group cmdlets into API instances; a bad one gives the rule it breaks.</summary>
    internal static class InstanceInput
    {
        private static readonly HashSet<string> Keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "BindIP", "Port", "Weight" };

        /// <returns>The instances, or null with <paramref name="error"/> set.</returns>
        public static List<TargetGroupInstance>? Parse(Hashtable[] tables, bool portOptional, out string? error)
        {
            var list = new List<TargetGroupInstance>();
            error = null;
            foreach (var table in tables)
            {
                foreach (var key in table.Keys)
                    if (!Keys.Contains(key?.ToString() ?? ""))
                    {
                        error = "unknown key '" + key + "'; each instance is @{ BindIP = '10.0.0.5'; Port = 80; Weight = 10 }.";
                        return null;
                    }
                var ip = Value(table, "BindIP")?.ToString();
                if (string.IsNullOrEmpty(ip) || !System.Text.RegularExpressions.Regex.IsMatch(ip, ClbIdPatterns.IPv4))
                {
                    error = "each instance needs BindIP, an IPv4 address (got '" + ip + "').";
                    return null;
                }
                if (!Number(table, "Port", 1, 65535, out var port, out error) || !Number(table, "Weight", 0, 100, out var weight, out error)) return null;
                if (port == null && !portOptional)
                {
                    error = "each instance needs a Port (1 to 65535), or give the group a default with -Port.";
                    return null;
                }
                list.Add(new TargetGroupInstance { BindIP = ip, Port = port, Weight = weight });
            }
            return list;
        }

        private static object? Value(Hashtable table, string key)
        {
            foreach (DictionaryEntry e in table)
                if (string.Equals(e.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase))
                    return e.Value is PSObject ps ? ps.BaseObject : e.Value;
            return null;
        }

        private static bool Number(Hashtable table, string key, long min, long max, out long? value, out string? error)
        {
            value = null;
            error = null;
            var raw = Value(table, key);
            if (raw == null) return true;
            if (!long.TryParse(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture), out var n) || n < min || n > max)
            {
                error = "each instance's " + key + " must be a whole number from " + min + " to " + max + " (got '" + raw + "').";
                return false;
            }
            value = n;
            return true;
        }
    }
}
