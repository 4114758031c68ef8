using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;

namespace ClbPowerShell.Tests.Models;

/// <summary>Every action and data type of the catalog has a model whose properties match it exactly.</summary>
public class ModelCoverageTests
{
    private static readonly Assembly ClientAssembly = typeof(ClbActionCatalog).Assembly;
    private const string Ns = "ClbPowerShell.Client.Models";

    public static IEnumerable<object[]> ActionNames => ApiSchema.Actions.Select(a => new object[] { a.Name });

    public static IEnumerable<object[]> DataTypeNames => ApiSchema.DataTypes.Keys.Select(n => new object[] { n });

    [Fact]
    public void Catalog_counts_match_the_api_catalog()
    {
        Assert.Equal(81, ApiSchema.Actions.Count);
        Assert.Equal(66, ApiSchema.DataTypes.Count);
        Assert.Equal(ApiSchema.Actions.Count, ClbActionCatalog.Actions.Count);
        Assert.Equal(ApiSchema.Actions.Select(a => a.Name), ClbActionCatalog.All.Select(a => a.Name));
        Assert.Equal("2018-03-17", ClbActionCatalog.ApiVersion);
    }

    [Theory]
    [MemberData(nameof(ActionNames))]
    public void Action_has_request_response_and_catalog_entry(string action)
    {
        var api = ApiSchema.Action(action);
        var request = ClientAssembly.GetType($"{Ns}.{action}Request");
        var response = ClientAssembly.GetType($"{Ns}.{action}Response");
        Assert.NotNull(request);
        Assert.NotNull(response);

        Assert.True(ClbActionCatalog.Actions.TryGetValue(action, out var info));
        Assert.True(ClbActionCatalog.Actions.TryGetValue(action.ToUpperInvariant(), out var info2));
        Assert.Same(info, info2);
        Assert.True(ClbActionCatalog.TryGet(action.ToLowerInvariant(), out var info3));
        Assert.Same(info, info3);

        Assert.Equal(action, info!.Name);
        Assert.Equal(api.Category, info.Category);
        Assert.Same(request, info.RequestType);
        Assert.Same(response, info.ResponseType);
        Assert.Equal(api.IsAsync == true, info.IsAsync);
        Assert.Equal(api.HasFullSection, info.HasFullSection);
        Assert.Equal(20, info.RateLimitPerSecond);
        Assert.Equal(api.RateLimitPerSecond, info.RateLimitPerSecond);
        bool readOnly = action.StartsWith("Describe", StringComparison.Ordinal)
            || action.StartsWith("Inquiry", StringComparison.Ordinal)
            || action.StartsWith("Get", StringComparison.Ordinal);
        Assert.Equal(readOnly, info.IsReadOnly);
        bool paged = api.Inputs.Any(i => i.Name == "Offset") && api.Inputs.Any(i => i.Name == "Limit");
        Assert.Equal(paged, info.Paged);
        Assert.Equal(paged ? api.MaxLimit : null, info.MaxLimit);
        Assert.Equal(paged ? api.DefaultLimit : null, info.DefaultLimit);
        Assert.Equal(api.Inputs.Where(i => i.Required == true).Select(i => i.Name), info.RequiredParameters);

        if (!api.HasFullSection)
        {
            // No catalog section to generate from: the fields are written by hand in Models/Context (from the
            // public SDK), so the catalog cannot list them. Their wire names must still be explicit and exact.
            foreach (var type in new[] { request!, response! })
                foreach (var p in type.GetProperties().Where(p => p.Name != "ExtensionData" && p.GetCustomAttribute<JsonIgnoreAttribute>() == null))
                    Assert.Equal(p.Name, p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name);
            Assert.NotNull(response!.GetProperty("RequestId"));
            return;
        }

        AssertMatches(request!, api.Inputs);
        var outputs = api.Outputs.ToList();
        if (!outputs.Any(o => o.Name == "RequestId"))
        {
            Assert.False(api.HasFullSection, "every documented response lists RequestId");
            outputs.Add(new ApiField("RequestId", "String", false, null));
        }

        AssertMatches(response!, outputs);
    }

    [Theory]
    [MemberData(nameof(DataTypeNames))]
    public void Data_type_has_a_class_with_every_field(string dataType)
    {
        var type = ClientAssembly.GetType($"{Ns}.{dataType}");
        Assert.NotNull(type);
        AssertMatches(type!, ApiSchema.DataTypes[dataType]);
    }

    [Fact]
    public void Known_ocr_damage_is_corrected_in_property_names()
    {
        Assert.NotNull(typeof(CreateLoadBalancerRequest).GetProperty("VipIsp"));
        Assert.NotNull(typeof(InquiryPriceCreateLoadBalancerRequest).GetProperty("ZoneId"));
        Assert.NotNull(typeof(InquiryPriceCreateLoadBalancerRequest).GetProperty("VipIsp"));
        Assert.NotNull(typeof(CertificateInput).GetProperty("CertCaId"));
        Assert.NotNull(typeof(CertificateOutput).GetProperty("CertCaId"));
        Assert.NotNull(typeof(ClassicalListener).GetProperty("CertCaId"));
        Assert.NotNull(typeof(TargetGroupBackend).GetProperty("ZoneId"));
        Assert.NotNull(typeof(ZoneInfo).GetProperty("ZoneId"));
        var all = ClientAssembly.GetTypes().Where(t => t.Namespace == Ns).SelectMany(t => t.GetProperties()).Select(p => p.Name);
        Assert.DoesNotContain(all, n => n is "Viplsp" or "Zoneld" or "CertCald");
    }

    [Fact]
    public void Read_only_classification_covers_the_expected_actions()
    {
        Assert.True(ClbActionCatalog.Actions["DescribeLoadBalancers"].IsReadOnly);
        Assert.True(ClbActionCatalog.Actions["InquiryPriceCreateLoadBalancer"].IsReadOnly);
        Assert.False(ClbActionCatalog.Actions["CreateLoadBalancer"].IsReadOnly);
        Assert.False(ClbActionCatalog.Actions["ModifyBlockIPList"].IsReadOnly);
        Assert.True(ClbActionCatalog.Actions["DescribeTaskStatus"].IsReadOnly);
        Assert.True(ClbActionCatalog.Actions["RegisterTargets"].IsAsync);
        Assert.False(ClbActionCatalog.Actions["DescribeTargets"].IsAsync);
        Assert.Equal(100, ClbActionCatalog.Actions["DescribeLoadBalancers"].MaxLimit);
        Assert.Null(ClbActionCatalog.Actions["DescribeTargetGroups"].MaxLimit);
        Assert.True(ClbActionCatalog.Actions["DescribeTargetGroups"].Paged);
        Assert.False(ClbActionCatalog.Actions["DescribeListeners"].Paged);
        Assert.False(ClbActionCatalog.TryGet("NoSuchAction", out _));
        Assert.Equal(3, ClbActionCatalog.All.Count(a => !a.HasFullSection));
    }

    [Fact]
    public void Every_model_class_is_public_sealed_and_keeps_unknown_fields()
    {
        var models = ClientAssembly.GetTypes()
            .Where(t => t.Namespace == Ns && t.IsClass && !t.IsAbstract && t != typeof(ClbActionInfo))
            .ToList();
        Assert.Equal((ApiSchema.Actions.Count * 2) + ApiSchema.DataTypes.Count, models.Count);
        foreach (var t in models)
        {
            Assert.True(t.IsPublic && t.IsSealed, $"{t.Name} must be public sealed");
            var ext = t.GetProperty("ExtensionData");
            Assert.True(ext != null, $"{t.Name} has no ExtensionData");
            Assert.Equal(typeof(Dictionary<string, JsonElement>), ext!.PropertyType);
            Assert.NotNull(ext.GetCustomAttribute<JsonExtensionDataAttribute>());
        }
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip_and_unset_fields_are_omitted()
    {
        const string json = """{"LoadBalancerId":"lb-1","NewerField":{"A":[1,2]},"Targets":[{"InstanceId":"ins-1","Future":true}]}""";
        var model = JsonSerializer.Deserialize<RegisterTargetsRequest>(json, ClbJson.Options)!;
        Assert.Equal("lb-1", model.LoadBalancerId);
        Assert.True(model.ExtensionData!.ContainsKey("NewerField"));
        Assert.True(model.Targets![0].ExtensionData!.ContainsKey("Future"));
        string back = JsonSerializer.Serialize(model, ClbJson.Options);
        Assert.True(JsonTreeComparer.Compare(JsonDocument.Parse(json).RootElement, JsonDocument.Parse(back).RootElement).Count == 0, back);

        string empty = JsonSerializer.Serialize(new DescribeLoadBalancersRequest { Limit = 5 }, ClbJson.Options);
        Assert.Equal("""{"Limit":5}""", empty);
    }

    private static void AssertMatches(Type type, IReadOnlyList<ApiField> fields)
    {
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "ExtensionData")
            // Output context added by hand (Region, parent ids) is JsonIgnore: not an API field.
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() == null)
            .ToList();
        Assert.Equal(fields.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal), props.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var f in fields)
        {
            var p = type.GetProperty(f.Name)!;
            Assert.Equal(f.Name, p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name);
            Assert.True(p.CanRead && p.CanWrite, $"{type.Name}.{f.Name} must be read/write");
            Assert.True(ExpectedType(f) == p.PropertyType, $"{type.Name}.{f.Name}: expected {ExpectedType(f)}, got {p.PropertyType}");
        }
    }

    private static Type ExpectedType(ApiField f)
    {
        Type element = f.BaseType switch
        {
            "String" or "Timestamp" => typeof(string),
            "Integer" or "Int64" or "Uint64" or "UInt64" => typeof(long),
            "Float" => typeof(double),
            "Boolean" => typeof(bool),
            _ => ClientAssembly.GetType($"{Ns}.{f.BaseType}") ?? throw new InvalidOperationException("no class for " + f.BaseType),
        };
        if (f.IsArray)
        {
            return typeof(List<>).MakeGenericType(element);
        }

        return element.IsValueType ? typeof(Nullable<>).MakeGenericType(element) : element;
    }
}
