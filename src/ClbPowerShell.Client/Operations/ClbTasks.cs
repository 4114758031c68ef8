using System;
using System.Text.Json;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>Makes the task object for an asynchronous call that the service accepted.</summary>
    public static class ClbTasks
    {
        /// <summary>
        /// The service's task id is the RequestId of the accepted call. Region and Endpoint are recorded so
        /// Wait-ClbTask can follow the task from the pipeline, wherever it was started.
        /// </summary>
        public static ClbTask Started(ClbClient client, string action, JsonElement response, string? loadBalancerId, string? resourceId = null)
        {
            var requestId = ClbClient.TryGetRequestId(response)
                            ?? throw new ClbProtocolException(action + " was accepted but returned no RequestId to follow the task by.", null) { Action = action };
            return Started(client, action, requestId, loadBalancerId, resourceId);
        }

        public static ClbTask Started(ClbClient client, string action, string requestId, string? loadBalancerId, string? resourceId = null) => new ClbTask
        {
            TaskId = requestId,
            Action = action,
            LoadBalancerId = loadBalancerId,
            ResourceId = resourceId,
            Region = client.Region,
            Endpoint = client.Endpoint.ToString(),
            Status = ClbTaskStatus.Running,
            StartTime = DateTimeOffset.Now,
        };
    }
}
