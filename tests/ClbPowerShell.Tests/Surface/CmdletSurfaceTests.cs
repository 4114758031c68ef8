using System.Text.RegularExpressions;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Surface;

/// <summary>
/// The rules every cmdlet follows, checked over the built assembly's metadata (the same rules
/// Azure PowerShell's static analysis enforces), plus the manifest and help that ship with it.
/// </summary>
public class CmdletSurfaceTests
{
    public static IEnumerable<object[]> AllCmdlets => CmdletSurface.Cmdlets.Select(c => new object[] { c.Name });
    private static SurfaceCmdlet Get(string name) => CmdletSurface.Cmdlets.Single(c => c.Name == name);

    // Verbs that change state: these must support -WhatIf/-Confirm.
    private static readonly HashSet<string> ChangingVerbs = new(StringComparer.Ordinal)
    {
        "New", "Set", "Remove", "Add", "Register", "Unregister", "Rename", "Copy", "Move", "Sync", "Update", "Clear", "Reset",
        "Enable", "Disable", "Start", "Stop", "Convert", "Disconnect", "Invoke", "Install", "Uninstall", "Publish", "Lock", "Unlock",
    };

    private static readonly HashSet<string> DestructiveVerbs = new(StringComparer.Ordinal) { "Remove", "Unregister" };

    [Fact]
    public void The_module_has_cmdlets() => Assert.True(CmdletSurface.Cmdlets.Count >= 10, "found " + CmdletSurface.Cmdlets.Count);

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Uses_an_approved_verb(string name) =>
        Assert.Contains(Get(name).Verb, CmdletSurface.ApprovedVerbs);

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Has_a_singular_Clb_noun(string name)
    {
        var noun = Get(name).Noun;
        Assert.StartsWith("Clb", noun);
        Assert.False(Regex.IsMatch(noun, "[^s]s$"), noun + " looks plural");
    }

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Supports_ShouldProcess_when_its_verb_changes_state(string name)
    {
        var cmdlet = Get(name);
        if (ChangingVerbs.Contains(cmdlet.Verb)) Assert.True(cmdlet.SupportsShouldProcess, name + " changes state but has no -WhatIf/-Confirm");
    }

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Destructive_cmdlets_confirm_with_high_impact_and_offer_Force(string name)
    {
        var cmdlet = Get(name);
        if (!DestructiveVerbs.Contains(cmdlet.Verb)) return;
        Assert.Equal("High", cmdlet.ConfirmImpact);
        Assert.Contains(cmdlet.Parameters, p => p.Name == "Force");
    }

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Declares_its_output_type(string name) => Assert.NotEmpty(Get(name).OutputTypes);

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Names_a_default_parameter_set_when_it_has_several(string name)
    {
        var cmdlet = Get(name);
        var sets = cmdlet.ParameterSets.ToList();
        if (sets.Count < 2) return;
        Assert.NotNull(cmdlet.DefaultParameterSet);
        Assert.Contains(cmdlet.DefaultParameterSet!, sets);
    }

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Api_cmdlets_name_the_actions_they_call_and_those_actions_exist(string name)
    {
        var cmdlet = Get(name);
        if (!cmdlet.IsApiCmdlet || cmdlet.Name == "Invoke-ClbApi") return;
        Assert.NotEmpty(cmdlet.ApiActions);
        foreach (var action in cmdlet.ApiActions)
            Assert.True(ClbActionCatalog.Actions.ContainsKey(action), name + " names unknown action " + action);
    }

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Id_parameters_that_bind_by_property_name_match_a_property_of_some_output_type(string name)
    {
        var outputProperties = CmdletSurface.Cmdlets.SelectMany(c => c.OutputTypes)
            .SelectMany(t => t.GetProperties()).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in Get(name).Parameters.Where(p => p.FromPipelineByPropertyName && !p.DontShow))
            Assert.True(outputProperties.Contains(parameter.Name),
                name + " -" + parameter.Name + " binds by property name, but no cmdlet emits an object with that property");
    }

    [Theory, MemberData(nameof(AllCmdlets))]
    public void Mutators_that_emit_nothing_offer_PassThru(string name)
    {
        var cmdlet = Get(name);
        if (!cmdlet.SupportsShouldProcess) return;
        // Everything that changes state emits a task, the resource, or honours -PassThru.
        Assert.True(cmdlet.OutputTypes.Count > 0 || cmdlet.Parameters.Any(p => p.Name == "PassThru"), name);
    }

    [Fact]
    public void Manifest_exports_exactly_the_cmdlets_that_exist_without_wildcards()
    {
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.ModuleFolder, "ClbPowerShell.psd1"));
        var block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)", RegexOptions.Singleline);
        Assert.True(block.Success, "CmdletsToExport = @(...) not found");
        var exported = Regex.Matches(block.Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.DoesNotContain(exported, e => e.Contains('*'));
        Assert.Equal(CmdletSurface.Cmdlets.Select(c => c.Name).OrderBy(x => x, StringComparer.Ordinal).ToList(), exported);
    }

    [Fact]
    public void Manifest_loads_every_format_file_the_module_ships()
    {
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.ModuleFolder, "ClbPowerShell.psd1"));
        var block = Regex.Match(manifest, @"FormatsToProcess\s*=\s*@\(([^)]*)\)", RegexOptions.Singleline);
        var listed = Regex.Matches(block.Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(x => x).ToList();
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "ClbPowerShell", "Formats"), "*.Format.ps1xml")
            .Select(Path.GetFileName).OrderBy(x => x).ToList();
        Assert.Equal(files.Select(f => f!).ToList(), listed);
    }

    [Fact]
    public void Format_views_name_types_the_module_emits()
    {
        var emitted = CmdletSurface.Cmdlets.SelectMany(c => c.OutputTypes).Select(t => t.FullName).ToHashSet();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "ClbPowerShell", "Formats"), "*.Format.ps1xml"))
        {
            var xml = System.Xml.Linq.XDocument.Load(file);
            foreach (var typeName in xml.Descendants("TypeName").Select(e => e.Value.Trim()))
                Assert.True(emitted.Contains(typeName), Path.GetFileName(file) + " has a view for " + typeName + ", which no cmdlet declares as output");
        }
    }

    [Fact]
    public void The_client_library_does_not_depend_on_PowerShell()
    {
        var client = typeof(ClbPowerShell.Client.ClbClient).Assembly;
        Assert.DoesNotContain(client.GetReferencedAssemblies(), a => a.Name == "System.Management.Automation");
    }

    [Fact]
    public void The_module_folder_ships_no_PowerShell_reference_assembly()
    {
        Assert.False(File.Exists(Path.Combine(RepoPaths.ModuleFolder, "System.Management.Automation.dll")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleFolder, "ClbPowerShell.Client.dll")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleFolder, "System.Text.Json.dll")), "Windows PowerShell 5.1 needs System.Text.Json beside the module");
    }
}
