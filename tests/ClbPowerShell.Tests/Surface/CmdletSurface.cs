using System.Reflection;
using System.Runtime.InteropServices;
using ClbPowerShell.Tests.TestSupport;

namespace ClbPowerShell.Tests.Surface;

/// <summary>One parameter of a cmdlet as PowerShell would see it.</summary>
public sealed record SurfaceParameter(string Name, Type Type, bool Mandatory, bool FromPipeline, bool FromPipelineByPropertyName,
    IReadOnlyList<string> ParameterSets, bool DontShow);

/// <summary>One cmdlet as its attributes describe it.</summary>
public sealed record SurfaceCmdlet(string Verb, string Noun, Type Type, bool SupportsShouldProcess, string? ConfirmImpact,
    string? DefaultParameterSet, bool SupportsPaging, IReadOnlyList<Type> OutputTypes, IReadOnlyList<string> ApiActions,
    IReadOnlyList<SurfaceParameter> Parameters, bool IsApiCmdlet)
{
    public string Name => Verb + "-" + Noun;
    public IEnumerable<string> ParameterSets => Parameters.SelectMany(p => p.ParameterSets).Where(s => s != AllSets).Distinct();
    public const string AllSets = "__AllParameterSets";
}

/// <summary>
/// Reads the built module's cmdlet assembly with MetadataLoadContext, never running it (there is no
/// PowerShell here), and describes its cmdlets for the surface tests.
/// </summary>
public static class CmdletSurface
{
    private static readonly Lazy<(MetadataLoadContext Context, Assembly Assembly, Assembly Sma)> Loaded = new(Load);

    public static Assembly Assembly => Loaded.Value.Assembly;
    public static Assembly Sma => Loaded.Value.Sma;

    public static IReadOnlyList<SurfaceCmdlet> Cmdlets => CmdletList.Value;
    private static readonly Lazy<IReadOnlyList<SurfaceCmdlet>> CmdletList = new(() => Assembly.GetTypes().Select(Describe).OfType<SurfaceCmdlet>()
        .OrderBy(c => c.Name, StringComparer.Ordinal).ToList());

    private static (MetadataLoadContext, Assembly, Assembly) Load()
    {
        var moduleDll = Path.Combine(RepoPaths.ModuleFolder, "ClbPowerShell.dll");
        if (!File.Exists(moduleDll)) throw new FileNotFoundException("The module was not laid out by the build.", moduleDll);
        var smaPath = Path.Combine(AppContext.BaseDirectory, "surface", "System.Management.Automation.dll");
        var paths = Directory.GetFiles(RepoPaths.ModuleFolder, "*.dll")
            .Concat(new[] { smaPath })
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .GroupBy(Path.GetFileName).Select(g => g.First());
        var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Runtime");
        var assembly = context.LoadFromAssemblyPath(moduleDll);
        var sma = context.LoadFromAssemblyPath(smaPath);
        return (context, assembly, sma);
    }

    private static SurfaceCmdlet? Describe(Type type)
    {
        var cmdlet = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
        if (cmdlet == null) return null;
        var named = cmdlet.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
        var outputTypes = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .OfType<Type>().ToList();
        var actions = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "ClbApiActionAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
            .ToList();
        var confirmImpact = named.TryGetValue("ConfirmImpact", out var impact) && impact != null
            ? ((ConfirmImpactValue)(int)impact).ToString()
            : null;
        return new SurfaceCmdlet(
            (string)cmdlet.ConstructorArguments[0].Value!, (string)cmdlet.ConstructorArguments[1].Value!, type,
            named.TryGetValue("SupportsShouldProcess", out var sp) && sp is true,
            confirmImpact,
            named.TryGetValue("DefaultParameterSetName", out var dps) ? dps as string : null,
            named.TryGetValue("SupportsPaging", out var paging) && paging is true,
            outputTypes, actions, Parameters(type), InheritsFrom(type, "ClbCmdlet"));
    }

    private static List<SurfaceParameter> Parameters(Type type)
    {
        var result = new List<SurfaceParameter>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attributes = property.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").ToList();
            if (attributes.Count == 0) continue;
            var sets = new List<string>();
            bool mandatory = false, pipeline = false, byName = false, dontShow = false;
            foreach (var attribute in attributes)
            {
                var named = attribute.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
                sets.Add(named.TryGetValue("ParameterSetName", out var set) && set is string s ? s : SurfaceCmdlet.AllSets);
                mandatory |= named.TryGetValue("Mandatory", out var m) && m is true;
                pipeline |= named.TryGetValue("ValueFromPipeline", out var vp) && vp is true;
                byName |= named.TryGetValue("ValueFromPipelineByPropertyName", out var vpn) && vpn is true;
                dontShow |= named.TryGetValue("DontShow", out var ds) && ds is true;
            }
            result.Add(new SurfaceParameter(property.Name, property.PropertyType, mandatory, pipeline, byName, sets, dontShow));
        }
        return result;
    }

    private static bool InheritsFrom(Type type, string baseName)
    {
        for (var t = type.BaseType; t != null; t = t.BaseType)
            if (t.Name == baseName) return true;
        return false;
    }

    /// <summary>System.Management.Automation.ConfirmImpact, which MetadataLoadContext reads as its integer value.</summary>
    private enum ConfirmImpactValue { None = 0, Low = 1, Medium = 2, High = 3 }

    /// <summary>The approved verbs: the constants of SMA's Verbs* classes.</summary>
    public static IReadOnlySet<string> ApprovedVerbs => Verbs.Value;
    private static readonly Lazy<IReadOnlySet<string>> Verbs = new(() => Sma.GetTypes()
        .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal));
}
