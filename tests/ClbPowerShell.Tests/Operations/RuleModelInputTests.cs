using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;

namespace ClbPowerShell.Tests.Operations;

/// <summary>ModelInput: the -Rule / -HealthCheck hashtables of the rule cmdlets become API models, or a clear refusal.</summary>
public sealed class RuleModelInputTests
{
    [Fact]
    public void Keys_match_case_insensitively_including_nested_models_and_lists()
    {
        var input = new Dictionary<string, object?>
        {
            ["domain"] = "a.example.com",
            ["URL"] = "/x",
            ["sessionexpiretime"] = 60,
            ["healthcheck"] = new Dictionary<string, object?> { ["httpcheckpath"] = "/ping", ["HealthSwitch"] = 1 },
            ["Domains"] = new List<object?> { "a.example.com", "b.example.com" },
            ["Http2"] = true,
        };
        var rule = ModelInput.ToModel<RuleInput>(input, out var error);
        Assert.Null(error);
        Assert.NotNull(rule);
        Assert.Equal(("a.example.com", "/x", 60L, true), (rule!.Domain, rule.Url, rule.SessionExpireTime, rule.Http2));
        Assert.Equal(("/ping", 1L), (rule.HealthCheck!.HttpCheckPath, rule.HealthCheck.HealthSwitch));
        Assert.Equal(new[] { "a.example.com", "b.example.com" }, rule.Domains);
        Assert.Null(rule.ExtensionData);
    }

    [Fact]
    public void A_single_value_for_a_list_field_becomes_a_one_item_list()
    {
        var rule = ModelInput.ToModel<RuleInput>(new Dictionary<string, object?> { ["Domains"] = "only.example.com", ["Url"] = "/" }, out var error);
        Assert.Null(error);
        Assert.Equal(new[] { "only.example.com" }, rule!.Domains);
    }

    [Fact]
    public void An_unknown_key_is_refused_naming_it_and_the_known_fields()
    {
        var rule = ModelInput.ToModel<RuleInput>(new Dictionary<string, object?> { ["Url"] = "/", ["Domian"] = "x" }, out var error);
        Assert.Null(rule);
        Assert.Contains("RuleInput.Domian", error);
        Assert.Contains("Domain", error);
    }

    [Fact]
    public void An_unknown_nested_key_is_refused_with_its_path()
    {
        var rule = ModelInput.ToModel<RuleInput>(new Dictionary<string, object?>
        {
            ["Url"] = "/",
            ["HealthCheck"] = new Dictionary<string, object?> { ["Path"] = "/x" },
        }, out var error);
        Assert.Null(rule);
        Assert.Contains("RuleInput.HealthCheck.Path", error);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused()
    {
        var health = ModelInput.ToModel<HealthCheck>(new Dictionary<string, object?> { ["IntervalTime"] = "often" }, out var error);
        Assert.Null(health);
        Assert.Contains("wrong type", error);
        Assert.Contains("IntervalTime", error);
    }
}
