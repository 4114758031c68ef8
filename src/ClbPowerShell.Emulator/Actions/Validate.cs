using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClbPowerShell.Emulator.Protocol;

namespace ClbPowerShell.Emulator.Actions;

/// <summary>Checks shared by several areas (health checks, certificates, schedulers, names).</summary>
public static partial class Validate
{
    public static readonly string[] Protocols = { "TCP", "UDP", "HTTP", "HTTPS", "TCP_SSL", "QUIC" };
    public static readonly string[] ListenerSchedulers = { "WRR", "LEAST_CONN" };
    public static readonly string[] RuleSchedulers = { "WRR", "LEAST_CONN", "IP_HASH" };

    [GeneratedRegex("^ins-[0-9a-z]{8}$")] public static partial Regex InstanceIdPattern();
    [GeneratedRegex("^[\\w\\-.\\u4e00-\\u9fa5]{1,60}$")] private static partial Regex NamePattern();

    public static string? LbName(RequestParams p, string name = "LoadBalancerName")
    {
        var s = p.String(name, maxLength: 60, minLength: 1);
        if (s != null && !NamePattern().IsMatch(s)) throw ClbException.Value(p.NameOf(name), s, "use 1-60 letters, digits, '-', '_' or '.'");
        return s;
    }

    public static int? SessionExpireTime(RequestParams p)
    {
        var v = p.Int("SessionExpireTime", min: 0, max: 3600);
        if (v is > 0 and < 30) throw new ClbException(ErrorCodes.InvalidParameterValue, $"The value `{v}` of parameter `{p.NameOf("SessionExpireTime")}` must be 0 or 30-3600.");
        return v;
    }

    /// <summary>Reads a HealthCheck, checks the documented ranges, and merges it over <paramref name="current"/>.</summary>
    public static JsonObject? HealthCheck(RequestParams p, JsonObject? current, bool layer7)
    {
        var hc = p.Object("HealthCheck");
        if (hc == null) return current;
        hc.Int("HealthSwitch", min: 0, max: 1);
        hc.Int("TimeOut", min: 2, max: 60);
        hc.Int("IntervalTime", min: 2, max: 300);
        hc.Int("HealthNum", min: 2, max: 10);
        hc.Int("UnHealthNum", min: 2, max: 10);
        hc.Int("HttpCode", min: 1, max: 31);
        hc.Int("CheckPort", min: 1, max: 65535);
        hc.Int("SourceIpType", min: 0, max: 1);
        hc.String("HttpCheckMethod", oneOf: new[] { "HEAD", "GET" }, ignoreCase: true);
        hc.String("CheckType", oneOf: new[] { "TCP", "HTTP", "HTTPS", "GRPC", "PING", "CUSTOM" });
        hc.String("HttpVersion", oneOf: new[] { "HTTP/1.0", "HTTP/1.1" });
        hc.String("ContextType", oneOf: new[] { "HEX", "TEXT" });
        var path = hc.String("HttpCheckPath", maxLength: 200);
        if (path != null && !path.StartsWith('/')) throw ClbException.Value(hc.NameOf("HttpCheckPath"), path, "it must start with '/'");
        var merged = current == null ? Output.DefaultHealthCheck(layer7) : (JsonObject)current.DeepClone();
        foreach (var (k, v) in p.Node("HealthCheck")!) merged[k] = v?.DeepClone();
        return merged;
    }

    /// <summary>Reads a CertificateInput; a one-way certificate needs CertId (or CertContent+CertKey).</summary>
    public static JsonObject? Certificate(RequestParams p, string name = "Certificate")
    {
        var c = p.Object(name);
        if (c == null) return null;
        var mode = c.String("SSLMode", oneOf: new[] { "UNIDIRECTIONAL", "MUTUAL" }) ?? "UNIDIRECTIONAL";
        var id = c.String("CertId");
        if (id == null && (c.String("CertContent") == null || c.String("CertKey") == null)) throw ClbException.Missing(c.NameOf("CertId"));
        if (mode == "MUTUAL" && c.String("CertCaId") == null && c.String("CertCaContent") == null) throw ClbException.Missing(c.NameOf("CertCaId"));
        var node = p.Node(name)!;
        node.Remove("CertKey");
        node.Remove("CertContent");
        node.Remove("CertCaContent");
        node["SSLMode"] = mode;
        node["CertId"] ??= "cert-emulated";
        if (c.String("CertCaId") is { } ca) node["CertCaId"] = ca;
        else if (c.String("CertCald") is { } cald) node["CertCaId"] = cald;
        return node;
    }

    public static string Url(RequestParams p, string name, bool required)
    {
        var url = p.String(name, required, 1, 200);
        if (url == null) return "";
        if (!url.StartsWith('/') && !url.StartsWith('~')) throw ClbException.Value(p.NameOf(name), url, "a URL must start with '/' (or '~' for a regular expression)");
        return url;
    }

    public static string Domain(RequestParams p, string name, bool required)
    {
        var d = p.String(name, required, 1, 120);
        if (d == null) return "";
        if (d.Contains(' ') || d.Contains('/')) throw ClbException.Value(p.NameOf(name), d, "it is not a domain name");
        return d.ToLowerInvariant();
    }
}
