using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Logs
{
    /// <summary>
    /// <para type="synopsis">Creates a log topic in the region's CLB logset of its type, ready to receive a load balancer's logs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClbLogTopic", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ClbLogTopic))]
    [ClbApiAction("CreateTopic", "DescribeClsLogSet")]
    public sealed class NewClbLogTopicCommand : ClbCmdlet
    {
        /// <summary><para type="description">The topic name (1 to 255 characters), unique within its logset.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 255)]
        public string Name { get; set; } = "";

        /// <summary><para type="description">The number of partitions (1 to 50; the service's default is 1).</para></summary>
        [Parameter]
        [ValidateRange(1, 50)]
        public long? PartitionCount { get; set; }

        /// <summary><para type="description">ACCESS (access logs, the default) or HEALTH (health check logs): which logset the topic goes into.</para></summary>
        [Parameter]
        [Alias("LogType")]
        [ValidateSet("ACCESS", "HEALTH")]
        public string TopicType { get; set; } = "ACCESS";

        /// <summary><para type="description">How many days logs are kept (1 to 3600; the service's default is 30).</para></summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public long? Period { get; set; }

        /// <summary><para type="description">hot (standard storage, the default) or cold (infrequent access storage).</para></summary>
        [Parameter]
        [ValidateSet("hot", "cold")]
        public string? StorageType { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            if (!ShouldProcess(TopicType + " topic " + Name + " (" + client.Region + ")", "Create CLS log topic")) return;
            var request = new CreateTopicRequest { TopicName = Name, PartitionCount = PartitionCount, TopicType = TopicType, Period = Period, StorageType = StorageType };
            Run(async cancellationToken =>
            {
                var topic = await LogOperations.CreateTopicAsync(client, request, cancellationToken).ConfigureAwait(false);
                await EmitAsync(topic).ConfigureAwait(false);
            }, Name);
        }
    }
}
