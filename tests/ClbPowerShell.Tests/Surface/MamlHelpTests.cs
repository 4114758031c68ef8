using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Surface;

/// <summary>
/// Get-Help of a binary module reads MAML, not markdown: the build turns docs/help/*.md into
/// out/ClbPowerShell/en-US/ClbPowerShell.dll-Help.xml and about_ClbPowerShell.help.txt. These check that
/// what the build wrote holds everything the markdown documents.
/// </summary>
public class MamlHelpTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace Msh = "http://msh";

    private static string EnUs => Path.Combine(RepoPaths.ModuleFolder, "en-US");

    private static readonly Lazy<XDocument> Document = new(() =>
    {
        var path = Path.Combine(EnUs, "ClbPowerShell.dll-Help.xml");
        Assert.True(File.Exists(path), path + " was not written by the build");
        return XDocument.Load(path);
    });

    private static IEnumerable<string> CmdletHelpFiles =>
        Directory.GetFiles(RepoPaths.HelpFolder, "*-*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static IEnumerable<object[]> DocumentedCmdlets => CmdletHelpFiles.Select(n => new object[] { n });

    private static XElement CommandFor(string name)
    {
        var matches = Document.Value.Root!.Elements(Command + "command")
            .Where(c => (string?)c.Element(Command + "details")?.Element(Command + "name") == name).ToList();
        Assert.True(matches.Count == 1, name + " appears " + matches.Count + " times in the MAML help");
        return matches[0];
    }

    private static string Text(XElement? element) => string.Join("\n", element?.Elements(Maml + "para").Select(p => p.Value) ?? []).Trim();

    [Fact]
    public void The_help_file_is_MAML_with_one_command_per_markdown_file()
    {
        var root = Document.Value.Root!;
        Assert.Equal(Msh + "helpItems", root.Name);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        var names = root.Elements(Command + "command").Select(c => (string)c.Element(Command + "details")!.Element(Command + "name")!).ToList();
        Assert.Equal(CmdletHelpFiles.ToList(), names.OrderBy(n => n, StringComparer.Ordinal).ToList());
    }

    [Theory, MemberData(nameof(DocumentedCmdlets))]
    public void Each_command_has_synopsis_description_and_an_example_with_code(string name)
    {
        var command = CommandFor(name);
        var details = command.Element(Command + "details")!;
        Assert.Equal(name.Split('-')[0], (string?)details.Element(Command + "verb"));
        Assert.Equal(name.Substring(name.IndexOf('-') + 1), (string?)details.Element(Command + "noun"));
        Assert.False(string.IsNullOrWhiteSpace(Text(details.Element(Maml + "description"))), name + " has no synopsis");
        Assert.False(string.IsNullOrWhiteSpace(Text(command.Element(Maml + "description"))), name + " has no description");
        var examples = command.Element(Command + "examples")?.Elements(Command + "example").ToList() ?? [];
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace((string?)e.Element(Dev + "code")), name + " has an example without code"));
        Assert.Contains(examples, e => ((string?)e.Element(Dev + "code"))!.Contains(name));
    }

    [Theory, MemberData(nameof(DocumentedCmdlets))]
    public void Each_command_has_every_documented_parameter_with_a_description(string name)
    {
        var markdown = File.ReadAllText(Path.Combine(RepoPaths.HelpFolder, name + ".md"));
        var documented = Regex.Matches(markdown, @"^### -(\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var parameters = CommandFor(name).Element(Command + "parameters")!.Elements(Command + "parameter")
            .ToDictionary(p => (string)p.Element(Maml + "name")!, StringComparer.Ordinal);
        Assert.Equal(documented.OrderBy(n => n, StringComparer.Ordinal), parameters.Keys.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var (parameterName, parameter) in parameters)
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(parameter.Element(Maml + "description"))), name + " -" + parameterName + " has no description");
            Assert.False(string.IsNullOrWhiteSpace((string?)parameter.Element(Dev + "type")?.Element(Maml + "name")), name + " -" + parameterName + " has no type");
            foreach (var attribute in new[] { "required", "position", "pipelineInput", "globbing" })
                Assert.NotNull(parameter.Attribute(attribute));
        }
    }

    [Theory, MemberData(nameof(DocumentedCmdlets))]
    public void Each_parameter_set_in_the_markdown_syntax_is_a_syntax_item(string name)
    {
        var markdown = File.ReadAllText(Path.Combine(RepoPaths.HelpFolder, name + ".md")).Replace("\r\n", "\n");
        var syntax = Regex.Match(markdown, @"^## SYNTAX\s*$(.*?)^## ", RegexOptions.Multiline | RegexOptions.Singleline).Groups[1].Value;
        var blocks = Regex.Matches(syntax, @"^```", RegexOptions.Multiline).Count / 2;
        var items = CommandFor(name).Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(blocks, items.Count);
        Assert.All(items, i => Assert.Equal(name, (string?)i.Element(Maml + "name")));
    }

    [Fact]
    public void The_about_topic_is_written_as_help_text()
    {
        var path = Path.Combine(EnUs, "about_ClbPowerShell.help.txt");
        Assert.True(File.Exists(path), path + " was not written by the build");
        var text = File.ReadAllText(path);
        Assert.StartsWith("TOPIC\n    about_ClbPowerShell\n", text.Replace("\r\n", "\n"));
        Assert.Contains("SHORT DESCRIPTION", text);
        Assert.Contains("LONG DESCRIPTION", text);
        Assert.Contains("Connect-Clb", text);
        Assert.DoesNotContain("```", text);
    }
}
