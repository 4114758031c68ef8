using System.Collections.Concurrent;
using System.Text.Json;

namespace ClbPowerShell.Tests.TestSupport;

/// <summary>
/// Locates the shared API catalog (<c>shared/api/*.json</c>) for tests.
/// Order: the <c>shared</c> directory beside the repository root (the directory holding
/// ClbPowerShell.slnx, found by walking up from the test binaries) — this is what CI uses; then
/// <c>$CLB_SHARED_DIR</c> (the shared directory itself or its <c>api</c> subdirectory); then <c>/work/shared</c>.
/// </summary>
public static class SharedCatalog
{
    public const string EnvironmentVariable = "CLB_SHARED_DIR";
    public const string FallbackDirectory = "/work/shared";

    private static readonly Lazy<string> Located = new(Locate);
    private static readonly ConcurrentDictionary<string, JsonElement> Cache = new(StringComparer.Ordinal);

    /// <summary>The shared directory (parent of <c>api/</c>). Throws with the places tried when it is missing.</summary>
    public static string SharedDirectory => Located.Value;

    /// <summary>The directory holding clb-api-3.json, clb-datatypes.json, clb-errors.json, ...</summary>
    public static string ApiDirectory => Path.Combine(SharedDirectory, "api");

    /// <summary>Full path of a file in the api directory, e.g. <c>ApiFile("clb-api-3.json")</c>.</summary>
    public static string ApiFile(string fileName) => Path.Combine(ApiDirectory, fileName);

    /// <summary>The parsed root of an api file (cached; the element is a detached clone, safe to share).</summary>
    public static JsonElement Load(string fileName) => Cache.GetOrAdd(fileName, static f =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ApiFile(f)));
        return doc.RootElement.Clone();
    });

    /// <summary>clb-api-3.json: the API 3.0 actions.</summary>
    public static JsonElement Api3 => Load("clb-api-3.json");

    /// <summary>clb-datatypes.json: the API 3.0 data types.</summary>
    public static JsonElement DataTypes => Load("clb-datatypes.json");

    private static string Locate()
    {
        var tried = new List<string>();
        bool IsShared(string dir)
        {
            string full = Path.GetFullPath(dir);
            tried.Add(full);
            return File.Exists(Path.Combine(full, "api", "clb-api-3.json"));
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClbPowerShell.slnx")))
            {
                string sibling = Path.Combine(dir.FullName, "..", "shared");
                if (IsShared(sibling))
                {
                    return Path.GetFullPath(sibling);
                }
            }
        }

        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (IsShared(env))
            {
                return Path.GetFullPath(env);
            }

            // Also accept the api directory itself.
            if (File.Exists(Path.Combine(env, "clb-api-3.json")))
            {
                return Path.GetFullPath(Path.Combine(env, ".."));
            }
        }

        if (IsShared(FallbackDirectory))
        {
            return Path.GetFullPath(FallbackDirectory);
        }

        throw new DirectoryNotFoundException(
            "The shared API catalog (shared/api/clb-api-3.json) was not found. Tried: " + string.Join(", ", tried)
            + $". Put 'shared' beside the repository root or set {EnvironmentVariable}.");
    }
}
