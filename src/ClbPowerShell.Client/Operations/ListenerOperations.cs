using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>A request refused before sending: which input is wrong and the rule it breaks.</summary>
    public sealed class InputProblem
    {
        public InputProblem(string parameter, string rule)
        {
            Parameter = parameter;
            Rule = rule;
        }
        /// <summary>The cmdlet parameter name (without the dash).</summary>
        public string Parameter { get; }
        public string Rule { get; }
        public override string ToString() => "-" + Parameter + ": " + Rule;
    }

    /// <summary>
    /// Listener work beyond one call: listings with context, checks the service would refuse anyway (made before
    /// sending), creation of several ports at once, and deletion grouped per load balancer in batches.
    /// </summary>
    public static class ListenerOperations
    {
        /// <summary>DeleteLoadBalancerListeners takes at most 20 listener ids per call.</summary>
        public const int MaxDeleteIdsPerCall = 20;
        /// <summary>DescribeListeners: ids per call (the emulator's and service's cap).</summary>
        public const int MaxDescribeIdsPerCall = 100;
        /// <summary>CreateListener: at most this many ports per call.</summary>
        public const int MaxPortsPerCall = 50;

        public static readonly IReadOnlyList<string> Protocols = new[] { "TCP", "UDP", "TCP_SSL", "HTTP", "HTTPS", "QUIC" };

        /// <summary>Protocols that carry a server certificate.</summary>
        public static bool TakesCertificate(string? protocol) => protocol == "HTTPS" || protocol == "TCP_SSL" || protocol == "QUIC";

        /// <summary>HTTP and HTTPS: health checks, scheduler and session persistence are set per rule, not per listener.</summary>
        public static bool IsLayer7(string? protocol) => protocol == "HTTP" || protocol == "HTTPS";

        /// <summary>
        /// Listeners of one load balancer (DescribeListeners), optionally narrowed by ids, protocol and port. Each listener
        /// gets Region and LoadBalancerId, and each of its rules Region, LoadBalancerId, Protocol and Port, so they chain.
        /// Ids beyond <see cref="MaxDescribeIdsPerCall"/> are asked for in several calls.
        /// </summary>
        public static async Task<IReadOnlyList<Listener>> ListAsync(ClbClient client, DescribeListenersRequest query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(query.LoadBalancerId)) throw new ArgumentException("LoadBalancerId is required.", nameof(query));
            var ids = query.ListenerIds?.Distinct(StringComparer.Ordinal).ToList();
            var chunks = ids == null || ids.Count == 0
                ? new List<List<string>?> { null }
                : LoadBalancerOperations.Chunk(ids, MaxDescribeIdsPerCall).Select(c => (List<string>?)c).ToList();
            var result = new List<Listener>();
            foreach (var chunk in chunks)
            {
                var request = new DescribeListenersRequest
                {
                    LoadBalancerId = query.LoadBalancerId,
                    ListenerIds = chunk,
                    Protocol = query.Protocol,
                    Port = query.Port,
                };
                var response = await client.InvokeAsync<DescribeListenersResponse>("DescribeListeners", request, cancellationToken).ConfigureAwait(false);
                foreach (var listener in response.Listeners ?? new List<Listener>())
                {
                    AddContext(listener, client.Region, query.LoadBalancerId!);
                    result.Add(listener);
                }
            }
            return result;
        }

        /// <summary>Listeners by id on one load balancer, in the order asked for; ids that do not exist are left out.</summary>
        public static async Task<IReadOnlyList<Listener>> GetAsync(ClbClient client, string loadBalancerId, IReadOnlyList<string> listenerIds, CancellationToken cancellationToken)
        {
            if (listenerIds.Count == 0) return new List<Listener>();
            var all = await ListAsync(client, new DescribeListenersRequest { LoadBalancerId = loadBalancerId, ListenerIds = listenerIds.ToList() }, cancellationToken).ConfigureAwait(false);
            var byId = all.Where(l => l.ListenerId != null).GroupBy(l => l.ListenerId!).ToDictionary(g => g.Key, g => g.First());
            return listenerIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        }

        /// <summary>Sets the chaining context on a listener and its rules.</summary>
        public static void AddContext(Listener listener, string? region, string loadBalancerId)
        {
            listener.Region = region;
            listener.LoadBalancerId = loadBalancerId;
            foreach (var rule in listener.Rules ?? new List<RuleOutput>())
            {
                rule.Region = region;
                rule.LoadBalancerId = loadBalancerId;
                rule.Protocol = listener.Protocol;
                rule.Port = listener.Port;
            }
        }

        /// <summary>
        /// What the service would refuse in a CreateListener request, found before sending (null when it looks right):
        /// ports, names, certificate rules per protocol, layer-4-only settings on HTTP/HTTPS, session time, SNI.
        /// </summary>
        public static InputProblem? CheckCreate(CreateListenerRequest request)
        {
            var protocol = request.Protocol;
            if (protocol == null || !Protocols.Contains(protocol)) return new InputProblem("Protocol", "one of " + string.Join(", ", Protocols) + ".");
            var ports = request.Ports ?? new List<long>();
            if (ports.Count == 0) return new InputProblem("Port", "at least one port is required.");
            if (ports.Count > MaxPortsPerCall) return new InputProblem("Port", "at most " + MaxPortsPerCall + " ports in one call.");
            if (ports.Any(p => p < 1 || p > 65535)) return new InputProblem("Port", "ports are 1 to 65535.");
            if (ports.Distinct().Count() != ports.Count) return new InputProblem("Port", "each port may appear once.");
            if (request.ListenerNames != null && request.ListenerNames.Count != ports.Count)
                return new InputProblem("Name", "give one name per port (" + ports.Count + " ports, " + request.ListenerNames.Count + " names).");
            var certificate = CheckCertificate(protocol!, request.Certificate, request.SniSwitch == 1, creating: true);
            if (certificate != null) return certificate;
            if (request.SniSwitch == 1 && protocol != "HTTPS") return new InputProblem("SniSwitch", "SNI applies only to HTTPS listeners.");
            return CheckLayer4Settings(protocol!, request.HealthCheck, request.Scheduler, request.SessionExpireTime)
                   ?? CheckHealthCheck(request.HealthCheck);
        }

        /// <summary>What the service would refuse in a ModifyListener request for a listener of <paramref name="protocol"/> (null when it looks right, or when the protocol is unknown).</summary>
        public static InputProblem? CheckModify(ModifyListenerRequest request, string? protocol)
        {
            if (request.SessionExpireTime is long t && t != 0 && (t < 30 || t > 3600))
                return new InputProblem("SessionExpireTime", "0 (off) or 30 to 3600 seconds.");
            var health = CheckHealthCheck(request.HealthCheck);
            if (health != null || protocol == null) return health;
            if (request.Certificate != null)
            {
                var certificate = CheckCertificate(protocol, request.Certificate, false, creating: false);
                if (certificate != null) return certificate;
            }
            if (request.SniSwitch == 1 && protocol != "HTTPS") return new InputProblem("SniSwitch", "SNI applies only to HTTPS listeners.");
            return CheckLayer4Settings(protocol, request.HealthCheck, request.Scheduler, request.SessionExpireTime);
        }

        private static InputProblem? CheckCertificate(string protocol, CertificateInput? certificate, bool sni, bool creating)
        {
            if (certificate != null && !TakesCertificate(protocol))
                return new InputProblem("CertificateId", "a certificate applies only to HTTPS, TCP_SSL and QUIC listeners, not " + protocol + ".");
            if (creating && certificate == null && TakesCertificate(protocol) && !(protocol == "HTTPS" && sni))
                return new InputProblem("CertificateId", "a " + protocol + " listener needs a server certificate (or, for HTTPS, -SniSwitch and certificates per domain).");
            if (certificate != null)
            {
                if (string.IsNullOrEmpty(certificate.CertId)) return new InputProblem("CertificateId", "the server certificate id is required.");
                if (string.Equals(certificate.SSLMode, "MUTUAL", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(certificate.CertCaId))
                    return new InputProblem("CertificateCaId", "MUTUAL authentication needs the client CA certificate id.");
                if (!string.IsNullOrEmpty(certificate.CertCaId) && !string.Equals(certificate.SSLMode, "MUTUAL", StringComparison.OrdinalIgnoreCase))
                    return new InputProblem("CertificateCaId", "a client CA certificate is used only with -SslMode MUTUAL.");
            }
            return null;
        }

        private static InputProblem? CheckLayer4Settings(string protocol, HealthCheck? health, string? scheduler, long? sessionExpireTime)
        {
            if (sessionExpireTime is long t && t != 0 && (t < 30 || t > 3600))
                return new InputProblem("SessionExpireTime", "0 (off) or 30 to 3600 seconds.");
            if (!IsLayer7(protocol)) return null;
            if (health != null) return new InputProblem("HealthCheck", "health checks of " + protocol + " listeners are set per rule (Set-ClbRule).");
            if (scheduler != null) return new InputProblem("Scheduler", "the scheduler of " + protocol + " listeners is set per rule (Set-ClbRule).");
            if (sessionExpireTime is long s && s != 0) return new InputProblem("SessionExpireTime", "session persistence of " + protocol + " listeners is set per rule (Set-ClbRule).");
            return null;
        }

        /// <summary>The documented ranges of a health check, and timeout below interval.</summary>
        public static InputProblem? CheckHealthCheck(HealthCheck? health)
        {
            if (health == null) return null;
            if (health.HealthSwitch is long sw && sw != 0 && sw != 1) return new InputProblem("HealthCheck", "HealthSwitch is 0 or 1.");
            if (health.TimeOut is long to && (to < 2 || to > 60)) return new InputProblem("HealthCheckTimeout", "2 to 60 seconds.");
            if (health.IntervalTime is long iv && (iv < 2 || iv > 300)) return new InputProblem("HealthCheckInterval", "2 to 300 seconds.");
            if (health.TimeOut is long a && health.IntervalTime is long b && a >= b) return new InputProblem("HealthCheckTimeout", "the timeout must be shorter than the interval.");
            if (health.HealthNum is long h && (h < 2 || h > 10)) return new InputProblem("HealthyThreshold", "2 to 10.");
            if (health.UnHealthNum is long u && (u < 2 || u > 10)) return new InputProblem("UnhealthyThreshold", "2 to 10.");
            if (health.HttpCode is long c && (c < 1 || c > 31)) return new InputProblem("HealthCheckHttpCode", "1 to 31 (a bit mask: 1 = 1xx, 2 = 2xx, 4 = 3xx, 8 = 4xx, 16 = 5xx).");
            if (health.HttpCheckPath != null && !health.HttpCheckPath.StartsWith("/", StringComparison.Ordinal))
                return new InputProblem("HealthCheckPath", "the path starts with '/'.");
            return null;
        }

        /// <summary>
        /// CreateListener: one listener per port. Returns the task (ResourceId = the listener id when there is one) and the
        /// new listener ids in port order. CreateListener has no idempotency token, so it is never retried here.
        /// </summary>
        public static async Task<(ClbTask Task, IReadOnlyList<string> ListenerIds)> CreateAsync(ClbClient client, CreateListenerRequest request, CancellationToken cancellationToken)
        {
            var problem = CheckCreate(request);
            if (problem != null) throw new ArgumentException(problem.ToString());
            if (string.IsNullOrEmpty(request.LoadBalancerId)) throw new ArgumentException("LoadBalancerId is required.", nameof(request));
            var response = await client.InvokeAsync<CreateListenerResponse>("CreateListener", request, cancellationToken).ConfigureAwait(false);
            var ids = response.ListenerIds ?? new List<string>();
            var task = ClbTasks.Started(client, "CreateListener", LoadBalancerOperations.Required(response.RequestId, "CreateListener"),
                request.LoadBalancerId, ids.Count == 1 ? ids[0] : ids.Count > 1 ? string.Join(",", ids) : null);
            return (task, ids);
        }

        /// <summary>ModifyListener: starts the change and returns its task (ResourceId = the listener id).</summary>
        public static async Task<ClbTask> ModifyAsync(ClbClient client, ModifyListenerRequest request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.LoadBalancerId) || string.IsNullOrEmpty(request.ListenerId))
                throw new ArgumentException("LoadBalancerId and ListenerId are required.", nameof(request));
            var response = await client.InvokeAsync<ModifyListenerResponse>("ModifyListener", request, cancellationToken).ConfigureAwait(false);
            return ClbTasks.Started(client, "ModifyListener", LoadBalancerOperations.Required(response.RequestId, "ModifyListener"),
                request.LoadBalancerId, request.ListenerId);
        }

        /// <summary>
        /// Groups (load balancer, listener) pairs per load balancer, keeping first-seen order of both and dropping
        /// repeated listeners, so each load balancer gets as few delete calls as possible.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> GroupByLoadBalancer(IEnumerable<KeyValuePair<string, string>> listeners)
        {
            var order = new List<string>();
            var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var pair in listeners)
            {
                if (!groups.TryGetValue(pair.Key, out var list))
                {
                    groups[pair.Key] = list = new List<string>();
                    order.Add(pair.Key);
                }
                if (!list.Contains(pair.Value, StringComparer.Ordinal)) list.Add(pair.Value);
            }
            return order.Select(lb => new KeyValuePair<string, IReadOnlyList<string>>(lb, groups[lb])).ToList();
        }

        /// <summary>
        /// Deletes listeners of one load balancer: DeleteListener for a single id, DeleteLoadBalancerListeners for several
        /// (20 per call). Never sends an empty id list (which would delete every listener). A load balancer runs one task
        /// at a time, so before each further call the previous task is waited for (up to <paramref name="waitBetweenCalls"/>);
        /// after a failed call the rest are not sent and are reported with the same error.
        /// </summary>
        public static async Task<IReadOnlyList<ChunkResult>> DeleteAsync(ClbClient client, string loadBalancerId, IReadOnlyList<string> listenerIds,
            TimeSpan waitBetweenCalls, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(loadBalancerId)) throw new ArgumentException("loadBalancerId is required.", nameof(loadBalancerId));
            var ids = listenerIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0) throw new ArgumentException("No listener ids: refusing to send a delete that would remove every listener.", nameof(listenerIds));
            var results = new List<ChunkResult>();
            ClbTask? previous = null;
            ClbException? stopped = null;
            foreach (var chunk in LoadBalancerOperations.Chunk(ids, MaxDeleteIdsPerCall))
            {
                if (stopped != null) { results.Add(new ChunkResult(chunk, null, stopped)); continue; }
                try
                {
                    if (previous != null) await TaskWaiter.WaitAsync(client, previous, waitBetweenCalls, null, cancellationToken).ConfigureAwait(false);
                    string? requestId;
                    string action;
                    if (chunk.Count == 1)
                    {
                        action = "DeleteListener";
                        requestId = (await client.InvokeAsync<DeleteListenerResponse>(action,
                            new DeleteListenerRequest { LoadBalancerId = loadBalancerId, ListenerId = chunk[0] }, cancellationToken).ConfigureAwait(false)).RequestId;
                    }
                    else
                    {
                        action = "DeleteLoadBalancerListeners";
                        requestId = (await client.InvokeAsync<DeleteLoadBalancerListenersResponse>(action,
                            new DeleteLoadBalancerListenersRequest { LoadBalancerId = loadBalancerId, ListenerIds = chunk }, cancellationToken).ConfigureAwait(false)).RequestId;
                    }
                    var task = ClbTasks.Started(client, action, LoadBalancerOperations.Required(requestId, action), loadBalancerId, string.Join(",", chunk));
                    results.Add(new ChunkResult(chunk, task, null));
                    previous = task;
                }
                catch (ClbException ex)
                {
                    stopped = ex;
                    results.Add(new ChunkResult(chunk, null, ex));
                }
            }
            return results;
        }
    }
}
