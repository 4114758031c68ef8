namespace ClbPowerShell.Tests.TestSupport;

/// <summary>Where the repository and the laid-out module are, found from the test binaries.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClbPowerShell.slnx"))) return dir.FullName;
        throw new InvalidOperationException("No ClbPowerShell.slnx above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;
    public static string ModuleFolder => Path.Combine(Root, "out", "ClbPowerShell");
    public static string HelpFolder => Path.Combine(Root, "docs", "help");
}
