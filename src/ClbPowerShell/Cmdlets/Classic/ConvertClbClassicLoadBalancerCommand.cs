using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Classic
{
    /// <summary>
    /// <para type="synopsis">Migrates classic load balancers to the current kind of load balancer.</para>
    /// </summary>
    [Cmdlet(VerbsData.Convert, "ClbClassicLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask), typeof(LoadBalancer))]
    [ClbApiAction("MigrateClassicalLoadBalancers", "DescribeLoadBalancers")]
    public sealed class ConvertClbClassicLoadBalancerCommand : ClbAsyncCmdlet
    {
        private readonly List<ClbClient> _clients = new List<ClbClient>();
        private readonly Dictionary<ClbClient, List<string>> _ids = new Dictionary<ClbClient, List<string>>();
        private ExclusiveCluster? _cluster;

        /// <summary><para type="description">Classic load balancers (lb-xxxxxxxx). Piped ids and objects are gathered and sent 20 per request.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">The exclusive cluster to migrate into, as a hashtable of ExclusiveCluster fields:
        /// @{ L4Clusters = @(@{ ClusterId = 'tgw-12345678' }) }. Omitted, the shared cluster is used.</para></summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? ExclusiveCluster { get; set; }

        /// <summary><para type="description">Migrate without asking for confirmation (-WhatIf still only shows what would happen).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            if (ExclusiveCluster == null) return;
            if (JsonToPowerShell.FromPowerShell(ExclusiveCluster, "ExclusiveCluster") is Dictionary<string, object?> fields)
                _cluster = ModelInput.ToModel<ExclusiveCluster>(fields, out var error) ?? RefuseCluster(error);
            else
                RefuseCluster("expected a hashtable of ExclusiveCluster fields.");
        }

        private ExclusiveCluster RefuseCluster(string? error)
        {
            RefuseParameter("ExclusiveCluster", error ?? "expected a hashtable of ExclusiveCluster fields (L4Clusters, L7Clusters, ClassicalCluster).");
            throw new InvalidOperationException(); // not reached
        }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            if (!_ids.TryGetValue(client, out var list))
            {
                _ids[client] = list = new List<string>();
                _clients.Add(client);
            }
            foreach (var id in LoadBalancerId)
            {
                if (list.Contains(id)) continue;
                if (ShouldProcessUnlessForced(Force, id, "Migrate classic load balancer")) list.Add(id);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var client in _clients)
            {
                var ids = _ids[client];
                if (ids.Count == 0) continue;
                Run(async cancellationToken =>
                {
                    var results = await ClassicOperations.MigrateAsync(client, ids, _cluster, cancellationToken).ConfigureAwait(false);
                    foreach (var result in results)
                    {
                        if (result.Error != null)
                        {
                            PostError(result.Error, result.Ids.Count == 1 ? result.Ids[0] : (object)result.Ids.ToArray());
                            continue;
                        }
                        var task = result.Task!;
                        if (!Wait)
                        {
                            await EmitAsync(task).ConfigureAwait(false);
                            continue;
                        }
                        var progress = new ProgressRecord(2, "Waiting for MigrateClassicalLoadBalancers", string.Join(", ", result.Ids));
                        try
                        {
                            var migrated = await ClassicOperations.WaitMigratedAsync(client, task, TimeSpan.FromSeconds(Timeout), (t, elapsed) =>
                            {
                                progress.StatusDescription = "Task " + t.TaskId + ": " + t.Status + " after " + elapsed.TotalSeconds.ToString("0.0") + " s";
                                PostProgress(progress);
                            }, cancellationToken).ConfigureAwait(false);
                            await EmitAsync(migrated, enumerate: true).ConfigureAwait(false);
                        }
                        catch (ClbException ex) when (ex is ClbTaskFailedException || ex is ClbTaskTimeoutException)
                        {
                            PostError(ex, task);
                        }
                        finally
                        {
                            progress.RecordType = ProgressRecordType.Completed;
                            PostProgress(progress);
                        }
                    }
                }, ids.Count == 1 ? ids[0] : (object)ids.ToArray());
            }
        }
    }
}
