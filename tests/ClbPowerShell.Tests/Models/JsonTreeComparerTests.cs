using System.Text.Json;

namespace ClbPowerShell.Tests.Models;

/// <summary>The comparer behind the example round trips must itself catch what it claims to.</summary>
public class JsonTreeComparerTests
{
    [Theory]
    [InlineData("""{"A":1}""", """{"A":1.0}""")]
    [InlineData("""{"A":null,"B":"x"}""", """{"B":"x"}""")]
    [InlineData("""{"A":[{"B":true}]}""", """{"A":[{"B":true}]}""")]
    [InlineData("""{"A":1e2}""", """{"A":100}""")]
    public void Equal_trees(string original, string roundTripped) =>
        Assert.Empty(JsonTreeComparer.Compare(Parse(original), Parse(roundTripped)));

    [Theory]
    [InlineData("""{"A":1,"B":2}""", """{"A":1}""", "$.B: lost")]
    [InlineData("""{"A":1}""", """{"A":1,"B":2}""", "$.B: added")]
    [InlineData("""{"A":"1"}""", """{"A":1}""", "$.A: String")]
    [InlineData("""{"A":[1,2]}""", """{"A":[1]}""", "$.A: array length")]
    [InlineData("""{"A":{"B":"x"}}""", """{"A":{"B":"y"}}""", "$.A.B:")]
    [InlineData("""{"A":true}""", """{"A":false}""", "$.A:")]
    [InlineData("""{"A":0.1}""", """{"A":0.2}""", "$.A: number")]
    public void Different_trees(string original, string roundTripped, string expected)
    {
        var diffs = JsonTreeComparer.Compare(Parse(original), Parse(roundTripped));
        Assert.Contains(diffs, d => d.StartsWith(expected, StringComparison.Ordinal));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
