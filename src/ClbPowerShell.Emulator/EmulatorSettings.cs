using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClbPowerShell.Emulator;

/// <summary>One API key the emulator accepts. A key with a <see cref="Token"/> is a temporary key:
/// requests signed with it must carry the same value in X-TC-Token.</summary>
public sealed class EmulatorCredential
{
    public string SecretId { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public string? Token { get; set; }
}

/// <summary>What a fault does to the request it hits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>HTTP 500 with a plain-text body (no Tencent envelope).</summary>
    Http500,
    /// <summary>HTTP 502 with a plain-text body, as a gateway would answer.</summary>
    Http502,
    /// <summary>HTTP 503 with a plain-text body.</summary>
    Http503,
    /// <summary>HTTP 200 with Error.Code InternalError; the change is not applied.</summary>
    InternalError,
    /// <summary>HTTP 200 with Error.Code RequestLimitExceeded; the change is not applied.</summary>
    RequestLimitExceeded,
    /// <summary>Wait <see cref="FaultRule.DelayMs"/> then process normally.</summary>
    Delay,
    /// <summary>Abort the connection before the change is applied.</summary>
    DropBefore,
    /// <summary>Apply the change, then abort the connection instead of answering.</summary>
    DropAfter,
    /// <summary>Answer success, but the async task ends with Status 1 and the change is rolled back.</summary>
    FailTask,
}

/// <summary>A fault: with <see cref="Probability"/>, for the listed <see cref="Actions"/> (all when empty),
/// at most <see cref="Count"/> times (unlimited when null).</summary>
public sealed class FaultRule
{
    public FaultKind Kind { get; set; }
    public double Probability { get; set; } = 1.0;
    public List<string>? Actions { get; set; }
    public int DelayMs { get; set; }
    /// <summary>How many more times this rule may fire; null = no limit. Decremented as it fires.</summary>
    public int? Count { get; set; }

    internal bool Matches(string action) =>
        (Actions == null || Actions.Count == 0 || Actions.Contains(action, StringComparer.Ordinal)) && (Count == null || Count > 0);
}

/// <summary>
/// Everything the emulator can be told. Used at start (command line / --config file / in-process) and live:
/// <see cref="EmulatorServer.Settings"/> is read on every request, so changing a property takes effect at once.
/// </summary>
public sealed class EmulatorSettings
{
    public const string ApiVersion = "2018-03-17";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }
    public List<EmulatorCredential> Credentials { get; set; } = new();
    /// <summary>Region used when a request has no X-TC-Region.</summary>
    public string DefaultRegion { get; set; } = "ap-guangzhou";
    /// <summary>How long an async task runs (and keeps its load balancers busy). 0 = tasks finish at once.</summary>
    public int TaskDurationMs { get; set; } = 300;
    /// <summary>Requests per second per action per SecretId; 0 = no limit. The service documents 20.</summary>
    public int RateLimitPerSecond { get; set; } = 20;
    /// <summary>Allowed distance between X-TC-Timestamp and the emulator clock.</summary>
    public int SignatureExpirySeconds { get; set; } = 300;
    /// <summary>Emulator clock = real clock + this; affects signature expiry, the Date header and task timing.</summary>
    public double ClockOffsetSeconds { get; set; }
    /// <summary>Seed for fault draws and generated ids; null = random.</summary>
    public int? Seed { get; set; }
    public List<FaultRule> Faults { get; set; } = new();
    /// <summary>Write one line per request to stderr.</summary>
    public bool LogRequests { get; set; }

    [JsonIgnore]
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromSeconds(ClockOffsetSeconds);
        set => ClockOffsetSeconds = value.TotalSeconds;
    }

    /// <summary>Adds a permanent key (or a temporary one when <paramref name="token"/> is given).</summary>
    public EmulatorSettings WithCredential(string secretId, string secretKey, string? token = null)
    {
        Credentials.Add(new EmulatorCredential { SecretId = secretId, SecretKey = secretKey, Token = token });
        return this;
    }

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    public static EmulatorSettings FromJson(string json) =>
        JsonSerializer.Deserialize<EmulatorSettings>(json, Json) ?? new EmulatorSettings();

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
