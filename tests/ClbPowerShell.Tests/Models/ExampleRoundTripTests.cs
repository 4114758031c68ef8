using System.Collections;
using System.Reflection;
using System.Text.Json;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using Xunit.Abstractions;

namespace ClbPowerShell.Tests.Models;

/// <summary>
/// Every documented example (request and response) deserializes into its typed model with
/// ClbJson.Options and serializes back to the same JSON tree, with every field landing in a typed
/// property (none in ExtensionData).
/// </summary>
public class ExampleRoundTripTests
{
    /// <summary>
    /// Examples too damaged to round-trip, with the reason. Listed here, never skipped silently;
    /// <see cref="Skipped_examples_are_real_and_still_broken"/> keeps this list honest.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Skipped = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    private readonly ITestOutputHelper output;

    public ExampleRoundTripTests(ITestOutputHelper output) => this.output = output;

    public static IEnumerable<object[]> RequestExamples => Ids(ExampleKind.Request);

    public static IEnumerable<object[]> ResponseExamples => Ids(ExampleKind.Response);

    [Theory]
    [MemberData(nameof(RequestExamples))]
    public void Request_example_round_trips(string example) => RoundTrip(example);

    [Theory]
    [MemberData(nameof(ResponseExamples))]
    public void Response_example_round_trips(string example) => RoundTrip(example);

    [Fact]
    public void Every_documented_example_is_covered()
    {
        int examples = ApiSchema.Actions.Sum(a => a.Raw.GetProperty("examples").GetArrayLength());
        Assert.Equal(103, examples);
        Assert.Equal(examples * 2, ExampleCatalog.Cases.Count);
        Assert.Equal(70, ExampleCatalog.Cases.Values.Count(c => c.Kind == ExampleKind.Request && c.Source == "query"));
        Assert.Equal(19, ExampleCatalog.Cases.Values.Count(c => c.Kind == ExampleKind.Response && c.Source == "json_repaired"));
        foreach (var id in Skipped.Keys)
        {
            output.WriteLine($"skipped: {id}: {Skipped[id]}");
        }

        output.WriteLine($"round-tripped: {ExampleCatalog.Cases.Count - Skipped.Count}, skipped: {Skipped.Count}");
    }

    [Fact]
    public void Skipped_examples_are_real_and_still_broken()
    {
        foreach (var (id, reason) in Skipped)
        {
            Assert.True(ExampleCatalog.Cases.ContainsKey(id), $"skip list names an unknown example: {id}");
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.NotEmpty(Failures(ExampleCatalog.Cases[id]));
        }
    }

    [Fact]
    public void Query_strings_become_nested_json()
    {
        var action = ApiSchema.Action("DescribeLoadBalancers");
        using var doc = JsonDocument.Parse("""
            [{"name":"Action","value":"DescribeLoadBalancers"},{"name":"Version","value":"2018-03-17"},
             {"name":"LoadBalancerIds.0","value":"lb-1"},{"name":"LoadBalancerIds.1","value":"lb-2"},
             {"name":"Filters.0.Name","value":"n"},{"name":"Filters.0.Values.0","value":"v"},
             {"name":"Limit","value":"20"},{"placeholder":"<Common request parameters>"}]
            """);
        var problems = new List<string>();
        var json = ExampleCatalog.QueryToJson(action, doc.RootElement, problems);
        Assert.Empty(problems);
        Assert.Equal("""{"LoadBalancerIds":["lb-1","lb-2"],"Filters":[{"Name":"n","Values":["v"]}],"Limit":20}""", json.ToJsonString());
    }

    private void RoundTrip(string example)
    {
        var c = ExampleCatalog.Cases[example];
        if (c.Coerced.Count > 0)
        {
            output.WriteLine("numeric strings read as numbers: " + string.Join(", ", c.Coerced));
        }

        var failures = Failures(c);
        if (Skipped.TryGetValue(example, out var reason))
        {
            output.WriteLine("SKIPPED (listed in ExampleRoundTripTests.Skipped): " + reason);
            return;
        }

        Assert.True(failures.Count == 0, example + ":\n  " + string.Join("\n  ", failures));
    }

    private static IEnumerable<object[]> Ids(ExampleKind kind) =>
        ExampleCatalog.Cases.Values.Where(c => c.Kind == kind).Select(c => new object[] { c.Id });

    /// <summary>Everything wrong with one example's round trip (empty = it round-trips).</summary>
    private static List<string> Failures(ExampleCase c)
    {
        var failures = new List<string>(c.Problems);
        if (c.Json is not JsonElement original)
        {
            return failures;
        }

        // Strings given for numeric fields: the catalog lists them per example (type_mismatches) for
        // top-level parameters only, so a top-level one must be listed there; nested ones (e.g.
        // HealthCheck.HealthNum "2") are the same documentation habit one level down and are accepted.
        foreach (var path in c.Coerced)
        {
            string topLevel = path.Split('[')[0];
            bool nested = topLevel.Contains('.') || path.Contains("].", StringComparison.Ordinal);
            if (!nested && !c.DocumentedMismatches.Contains(topLevel))
            {
                failures.Add($"{path}: string for a numeric parameter, not documented as a type mismatch");
            }
        }

        foreach (var documented in c.DocumentedMismatches)
        {
            if (c.Kind == ExampleKind.Request && c.Source != "query" && !c.Coerced.Any(p => p.Split('[')[0] == documented))
            {
                failures.Add($"{documented}: documented as a type mismatch but given as a number");
            }
        }

        var info = ClbActionCatalog.Actions[c.Action];
        var type = c.Kind == ExampleKind.Request ? info.RequestType : info.ResponseType;
        object? model;
        try
        {
            model = JsonSerializer.Deserialize(original.GetRawText(), type, ClbJson.Options);
        }
        catch (JsonException ex)
        {
            failures.Add("deserialization failed: " + ex.Message);
            return failures;
        }

        Assert.NotNull(model);
        var untyped = new List<string>();
        CollectExtensionData(model, "$", untyped);
        failures.AddRange(untyped.Select(u => u + ": not a typed property (landed in ExtensionData)"));

        string written = JsonSerializer.Serialize(model, type, ClbJson.Options);
        using var back = JsonDocument.Parse(written);
        failures.AddRange(JsonTreeComparer.Compare(original, back.RootElement));
        return failures;
    }

    private static void CollectExtensionData(object? value, string path, List<string> found)
    {
        if (value == null || value is string || value.GetType().IsValueType)
        {
            return;
        }

        if (value is IList list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                CollectExtensionData(list[i], $"{path}[{i}]", found);
            }

            return;
        }

        var type = value.GetType();
        if (type.Namespace != "ClbPowerShell.Client.Models")
        {
            return;
        }

        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? v = p.GetValue(value);
            if (p.Name == "ExtensionData")
            {
                if (v is Dictionary<string, JsonElement> ext)
                {
                    found.AddRange(ext.Keys.Select(k => $"{path}.{k}"));
                }

                continue;
            }

            CollectExtensionData(v, $"{path}.{p.Name}", found);
        }
    }
}
