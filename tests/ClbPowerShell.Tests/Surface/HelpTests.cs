using System.Text.RegularExpressions;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Surface;

/// <summary>Help is part of done: every cmdlet and every parameter has platyPS help with a real example.</summary>
public class HelpTests
{
    public static IEnumerable<object[]> AllCmdlets => CmdletSurfaceTests.AllCmdlets;

    private static string HelpFor(string name)
    {
        var path = Path.Combine(RepoPaths.HelpFolder, name + ".md");
        Assert.True(File.Exists(path), "docs/help/" + name + ".md is missing");
        return File.ReadAllText(path);
    }

    private static string Section(string markdown, string heading)
    {
        var match = Regex.Match(markdown, "^## " + heading + @"\s*$(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, "no '## " + heading + "' section");
        return match.Groups[1].Value.Trim();
    }

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Has_platyPS_help_with_synopsis_description_and_a_real_example(string name)
    {
        var help = HelpFor(name);
        Assert.Matches(@"^---\s*\nexternal help file: ClbPowerShell\.dll-Help\.xml\s*\nModule Name: ClbPowerShell", help.Replace("\r\n", "\n"));
        Assert.Contains("# " + name, help);
        var synopsis = Section(help, "SYNOPSIS");
        Assert.True(synopsis.Length > 10 && !synopsis.Contains("{{"), name + " has no synopsis");
        Assert.True(Section(help, "DESCRIPTION").Length > 20, name + " has no description");
        var examples = Section(help, "EXAMPLES");
        Assert.Matches(@"### Example 1", examples);
        Assert.Contains(name, examples);
        Assert.DoesNotContain("{{", help);
    }

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Documents_every_parameter(string name)
    {
        var help = HelpFor(name);
        var parameters = Section(help, "PARAMETERS");
        var cmdlet = CmdletSurface.Cmdlets.Single(c => c.Name == name);
        var documented = Regex.Matches(parameters, @"^### -(\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var parameter in cmdlet.Parameters.Where(p => !p.DontShow))
            Assert.True(documented.Contains(parameter.Name), name + " -" + parameter.Name + " has no help");
        if (cmdlet.SupportsPaging)
            foreach (var paging in new[] { "First", "Skip", "IncludeTotalCount" })
                Assert.True(documented.Contains(paging), name + " pages but -" + paging + " has no help");
        if (cmdlet.SupportsShouldProcess)
        {
            Assert.Contains("WhatIf", documented);
            Assert.Contains("Confirm", documented);
        }
        foreach (var extra in documented.Except(cmdlet.Parameters.Select(p => p.Name)).Except(new[] { "WhatIf", "Confirm", "ProgressAction", "First", "Skip", "IncludeTotalCount" }))
            Assert.Fail(name + " documents -" + extra + ", which it does not have");
    }

    [Fact]
    public void The_about_topic_exists_and_covers_the_essentials()
    {
        var about = File.ReadAllText(Path.Combine(RepoPaths.HelpFolder, "about_ClbPowerShell.md"));
        foreach (var topic in new[] { "Connect-Clb", "TENCENTCLOUD_SECRET_ID", "Wait-ClbTask", "emulator", "pipeline" })
            Assert.Contains(topic, about, StringComparison.OrdinalIgnoreCase);
    }
}
