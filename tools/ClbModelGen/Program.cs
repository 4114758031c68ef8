// ClbModelGen: generates the typed request/response models, one class per data type, and the
// action catalog of ClbPowerShell.Client from the machine-readable CLB API 3.0 catalog.
//
//   dotnet run --project tools/ClbModelGen -- [<shared/api dir>] [<output dir>]
//
// Defaults: <repo root>/../shared/api (then $CLB_SHARED_DIR[/api], then /work/shared/api) and
// <repo root>/src/ClbPowerShell.Client/Models/Generated. Only names and types are carried over from
// the catalog, never its description text. The output is deterministic; re-running it on the same
// catalog produces byte-identical files.

using System.Text;
using System.Text.Json;

namespace ClbModelGen;

internal static class Program
{
    private const string Namespace = "ClbPowerShell.Client.Models";

    private static int Main(string[] args)
    {
        try
        {
            string repoRoot = FindRepoRoot(Directory.GetCurrentDirectory())
                ?? FindRepoRoot(AppContext.BaseDirectory)
                ?? throw new InvalidOperationException("Cannot find the repository root (a directory containing ClbPowerShell.slnx).");
            string apiDir = args.Length > 0 ? Path.GetFullPath(args[0]) : DefaultApiDir(repoRoot);
            string outDir = args.Length > 1
                ? Path.GetFullPath(args[1])
                : Path.Combine(repoRoot, "src", "ClbPowerShell.Client", "Models", "Generated");

            var catalog = Catalog.Load(apiDir);
            var files = Emitter.Emit(catalog);

            Directory.CreateDirectory(outDir);
            foreach (string old in Directory.EnumerateFiles(outDir, "*.g.cs", SearchOption.AllDirectories))
            {
                File.Delete(old);
            }

            foreach (var (relative, text) in files)
            {
                string path = Path.Combine(outDir, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, new UTF8Encoding(false));
            }

            Console.WriteLine($"ClbModelGen: {catalog.Actions.Count} actions, {catalog.DataTypes.Count} data types -> {files.Count} files in {outDir}");
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine("ClbModelGen: " + ex.Message);
            return 1;
        }
    }

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClbPowerShell.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string DefaultApiDir(string repoRoot)
    {
        var candidates = new List<string> { Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "api")) };
        string? env = Environment.GetEnvironmentVariable("CLB_SHARED_DIR");
        if (!string.IsNullOrEmpty(env))
        {
            candidates.Add(Path.Combine(env, "api"));
            candidates.Add(env);
        }

        candidates.Add("/work/shared/api");
        foreach (string c in candidates)
        {
            if (File.Exists(Path.Combine(c, "clb-api-3.json")))
            {
                return c;
            }
        }

        throw new FileNotFoundException("clb-api-3.json not found in: " + string.Join(", ", candidates));
    }

    internal static string NamespaceName => Namespace;
}

/// <summary>A field of a model class: the API name, the printed type, and whether it is an array.</summary>
internal sealed record Field(string Name, string BaseType, bool IsArray, bool? Required, string PrintedType);

internal sealed record ActionModel(
    string Name,
    string Category,
    bool IsAsync,
    bool HasFullSection,
    IReadOnlyList<Field> Inputs,
    IReadOnlyList<Field> Outputs,
    long? DefaultLimit,
    long? MaxLimit,
    int RateLimitPerSecond);

internal sealed record DataTypeModel(string Name, string TableKind, IReadOnlyList<Field> Fields);

internal sealed class Catalog
{
    public List<ActionModel> Actions { get; } = new();

    public List<DataTypeModel> DataTypes { get; } = new();

    public string Version { get; private set; } = "";

    public static Catalog Load(string apiDir)
    {
        var catalog = new Catalog();
        using var api = JsonDocument.Parse(File.ReadAllText(Path.Combine(apiDir, "clb-api-3.json")));
        using var types = JsonDocument.Parse(File.ReadAllText(Path.Combine(apiDir, "clb-datatypes.json")));
        catalog.Version = api.RootElement.GetProperty("version").GetString()!;

        foreach (var t in types.RootElement.GetProperty("types").EnumerateArray())
        {
            var fields = new List<Field>();
            foreach (var f in t.GetProperty("fields").EnumerateArray())
            {
                fields.Add(ReadField(f, jsonKeyProperty: null));
            }

            catalog.DataTypes.Add(new DataTypeModel(
                t.GetProperty("name").GetString()!,
                t.TryGetProperty("table_kind", out var tk) ? tk.GetString() ?? "" : "",
                fields));
        }

        foreach (var a in api.RootElement.GetProperty("actions").EnumerateArray())
        {
            var inputs = a.GetProperty("input_params").EnumerateArray().Select(p => ReadField(p, "json_key")).ToList();
            var outputs = a.GetProperty("output_params").EnumerateArray().Select(p => ReadField(p, jsonKeyProperty: null)).ToList();
            if (!outputs.Any(o => o.Name == "RequestId"))
            {
                // Every API 3.0 response carries RequestId; the actions without a section in the seed
                // have no output table, but their responses still have it.
                outputs.Add(new Field("RequestId", "String", false, null, "String"));
            }

            long? defaultLimit = null, maxLimit = null;
            if (a.TryGetProperty("pagination", out var pg) && pg.ValueKind == JsonValueKind.Object)
            {
                defaultLimit = OptionalLong(pg, "default_limit");
                maxLimit = OptionalLong(pg, "max_limit");
            }

            var asyncInfo = a.GetProperty("async");
            bool isAsync = asyncInfo.TryGetProperty("is_async", out var ia) && ia.ValueKind == JsonValueKind.True;

            catalog.Actions.Add(new ActionModel(
                a.GetProperty("name").GetString()!,
                a.GetProperty("category").GetString()!,
                isAsync,
                a.GetProperty("has_full_section").GetBoolean(),
                inputs,
                outputs,
                defaultLimit,
                maxLimit,
                OptionalLong(a, "rate_limit_per_second") is long r ? (int)r : 20));
        }

        catalog.Validate();
        return catalog;
    }

    private static long? OptionalLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static Field ReadField(JsonElement f, string? jsonKeyProperty)
    {
        // Name precedence: name_corrected (OCR repair) > json_key (".N" stripped) > printed name.
        string name;
        if (f.TryGetProperty("name_corrected", out var nc) && nc.ValueKind == JsonValueKind.String)
        {
            name = nc.GetString()!;
        }
        else if (jsonKeyProperty != null && f.TryGetProperty(jsonKeyProperty, out var jk) && jk.ValueKind == JsonValueKind.String)
        {
            name = jk.GetString()!;
        }
        else
        {
            name = f.GetProperty("name").GetString()!;
        }

        if (name.EndsWith(".N", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - 2);
        }

        bool? required = f.TryGetProperty("required", out var rq) && (rq.ValueKind == JsonValueKind.True || rq.ValueKind == JsonValueKind.False)
            ? rq.GetBoolean()
            : null;
        return new Field(
            name,
            f.GetProperty("base_type").GetString()!,
            f.GetProperty("is_array").GetBoolean(),
            required,
            f.GetProperty("type").GetString()!);
    }

    private void Validate()
    {
        var typeNames = new HashSet<string>(DataTypes.Select(t => t.Name), StringComparer.Ordinal);
        void Check(string owner, IEnumerable<Field> fields)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in fields)
            {
                if (!SyntaxFacts.IsIdentifier(f.Name))
                {
                    throw new InvalidDataException($"{owner}.{f.Name}: not a valid C# identifier.");
                }

                if (!seen.Add(f.Name))
                {
                    throw new InvalidDataException($"{owner}.{f.Name}: duplicate field.");
                }

                if (f.Name == owner || f.Name == "ExtensionData")
                {
                    throw new InvalidDataException($"{owner}.{f.Name}: clashes with the class or its ExtensionData member.");
                }

                if (!TypeMap.IsPrimitive(f.BaseType) && !typeNames.Contains(f.BaseType))
                {
                    throw new InvalidDataException($"{owner}.{f.Name}: unknown type '{f.BaseType}'.");
                }
            }
        }

        foreach (var t in DataTypes)
        {
            Check(t.Name, t.Fields);
        }

        foreach (var a in Actions)
        {
            Check(a.Name + "Request", a.Inputs);
            Check(a.Name + "Response", a.Outputs);
            if (typeNames.Contains(a.Name + "Request") || typeNames.Contains(a.Name + "Response"))
            {
                throw new InvalidDataException($"{a.Name}: a data type has the name of its request/response class.");
            }
        }
    }
}

internal static class SyntaxFacts
{
    public static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');
}

internal static class TypeMap
{
    private static readonly Dictionary<string, string> Primitives = new(StringComparer.Ordinal)
    {
        ["String"] = "string",
        ["Timestamp"] = "string",
        ["Integer"] = "long",
        ["Int64"] = "long",
        ["Uint64"] = "long",
        ["UInt64"] = "long",
        ["Float"] = "double",
        ["Boolean"] = "bool",
    };

    public static bool IsPrimitive(string apiType) => Primitives.ContainsKey(apiType);

    /// <summary>The C# type of a field: always nullable, so unset means omitted on the wire.</summary>
    public static string CSharpType(Field f)
    {
        string element = Primitives.TryGetValue(f.BaseType, out var p) ? p : f.BaseType;
        return f.IsArray ? $"List<{element}>?" : element + "?";
    }
}

internal static class Emitter
{
    public static List<(string RelativePath, string Text)> Emit(Catalog catalog)
    {
        var files = new List<(string, string)>();
        foreach (var t in catalog.DataTypes)
        {
            var sb = Header();
            string kind = t.TableKind.StartsWith("input", StringComparison.Ordinal) ? "request and response" : "response";
            EmitClass(sb, t.Name, $"The <c>{t.Name}</c> data type of the CLB API ({kind} side).", t.Fields, indent: "    ");
            sb.AppendLine("}");
            files.Add((Path.Combine("DataTypes", t.Name + ".g.cs"), sb.ToString()));
        }

        foreach (var a in catalog.Actions)
        {
            var sb = Header();
            EmitClass(sb, a.Name + "Request", $"Request of the <c>{a.Name}</c> action.", a.Inputs, "    ");
            sb.AppendLine();
            EmitClass(sb, a.Name + "Response", $"Response of the <c>{a.Name}</c> action (the content of the <c>Response</c> object).", a.Outputs, "    ");
            sb.AppendLine("}");
            files.Add((Path.Combine("Actions", a.Name + ".g.cs"), sb.ToString()));
        }

        files.Add(("ClbActionCatalog.g.cs", EmitCatalog(catalog)));
        return files;
    }

    private static StringBuilder Header()
    {
        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated>");
        sb.AppendLine("// Generated by tools/ClbModelGen from the CLB API 3.0 catalog. Do not edit; extend in a separate partial class file.");
        sb.AppendLine("// </auto-generated>");
        sb.AppendLine("#nullable enable");
        sb.AppendLine();
        sb.AppendLine("using System.Collections.Generic;");
        sb.AppendLine("using System.Text.Json;");
        sb.AppendLine("using System.Text.Json.Serialization;");
        sb.AppendLine();
        sb.AppendLine("namespace " + Program.NamespaceName);
        sb.AppendLine("{");
        return sb;
    }

    private static void EmitClass(StringBuilder sb, string className, string summary, IReadOnlyList<Field> fields, string indent)
    {
        sb.AppendLine($"{indent}/// <summary>{summary}</summary>");
        sb.AppendLine($"{indent}public sealed partial class {className}");
        sb.AppendLine($"{indent}{{");
        string inner = indent + "    ";
        foreach (var f in fields)
        {
            string req = f.Required switch { true => "; required", false => "; optional", null => "" };
            sb.AppendLine($"{inner}/// <summary>API field <c>{f.Name}</c> ({Escape(f.PrintedType)}{req}).</summary>");
            sb.AppendLine($"{inner}[JsonPropertyName(\"{f.Name}\")]");
            sb.AppendLine($"{inner}public {TypeMap.CSharpType(f)} {f.Name} {{ get; set; }}");
            sb.AppendLine();
        }

        sb.AppendLine($"{inner}/// <summary>Fields not known to this model (newer than the catalog); kept so a round trip loses nothing.</summary>");
        sb.AppendLine($"{inner}[JsonExtensionData]");
        sb.AppendLine($"{inner}public Dictionary<string, JsonElement>? ExtensionData {{ get; set; }}");
        sb.AppendLine($"{indent}}}");
    }

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Literal(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Literal(long? v) => v.HasValue ? v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";

    private static string Literal(bool b) => b ? "true" : "false";

    /// <summary>Read-only actions: decided by name prefix (Describe*, Inquiry*, Get*).</summary>
    private static bool IsReadOnly(string action) =>
        action.StartsWith("Describe", StringComparison.Ordinal)
        || action.StartsWith("Inquiry", StringComparison.Ordinal)
        || action.StartsWith("Get", StringComparison.Ordinal);

    private static string EmitCatalog(Catalog catalog)
    {
        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated>");
        sb.AppendLine("// Generated by tools/ClbModelGen from the CLB API 3.0 catalog. Do not edit; extend in a separate partial class file.");
        sb.AppendLine("// </auto-generated>");
        sb.AppendLine("#nullable enable");
        sb.AppendLine();
        sb.AppendLine("using System;");
        sb.AppendLine("using System.Collections.Generic;");
        sb.AppendLine("using System.Collections.ObjectModel;");
        sb.AppendLine();
        sb.AppendLine("namespace " + Program.NamespaceName);
        sb.AppendLine("{");
        sb.AppendLine("    /// <summary>Every CLB API 3.0 action: its request/response types and how it may be called.</summary>");
        sb.AppendLine("    public static partial class ClbActionCatalog");
        sb.AppendLine("    {");
        sb.AppendLine("        /// <summary>The API version every action in this catalog belongs to.</summary>");
        sb.AppendLine($"        public const string ApiVersion = {Literal(catalog.Version)};");
        sb.AppendLine();
        sb.AppendLine("        /// <summary>All actions in catalog order.</summary>");
        sb.AppendLine("        public static IReadOnlyList<ClbActionInfo> All { get; } = CreateAll();");
        sb.AppendLine();
        sb.AppendLine("        /// <summary>The actions by name (ordinal, case-insensitive).</summary>");
        sb.AppendLine("        public static IReadOnlyDictionary<string, ClbActionInfo> Actions { get; } = CreateIndex(All);");
        sb.AppendLine();
        sb.AppendLine("        /// <summary>Looks an action up by name (case-insensitive).</summary>");
        sb.AppendLine("        public static bool TryGet(string action, out ClbActionInfo info)");
        sb.AppendLine("        {");
        sb.AppendLine("            if (action != null && Actions.TryGetValue(action, out var found))");
        sb.AppendLine("            {");
        sb.AppendLine("                info = found;");
        sb.AppendLine("                return true;");
        sb.AppendLine("            }");
        sb.AppendLine();
        sb.AppendLine("            info = null!;");
        sb.AppendLine("            return false;");
        sb.AppendLine("        }");
        sb.AppendLine();
        sb.AppendLine("        private static IReadOnlyDictionary<string, ClbActionInfo> CreateIndex(IReadOnlyList<ClbActionInfo> all)");
        sb.AppendLine("        {");
        sb.AppendLine("            var index = new Dictionary<string, ClbActionInfo>(all.Count, StringComparer.OrdinalIgnoreCase);");
        sb.AppendLine("            foreach (var info in all)");
        sb.AppendLine("            {");
        sb.AppendLine("                index.Add(info.Name, info);");
        sb.AppendLine("            }");
        sb.AppendLine();
        sb.AppendLine("            return new ReadOnlyDictionary<string, ClbActionInfo>(index);");
        sb.AppendLine("        }");
        sb.AppendLine();
        sb.AppendLine("        private static IReadOnlyList<ClbActionInfo> CreateAll() => new ReadOnlyCollection<ClbActionInfo>(new[]");
        sb.AppendLine("        {");
        foreach (var a in catalog.Actions)
        {
            bool paged = a.Inputs.Any(i => i.Name == "Offset") && a.Inputs.Any(i => i.Name == "Limit");
            string required = a.Inputs.Any(i => i.Required == true)
                ? "new[] { " + string.Join(", ", a.Inputs.Where(i => i.Required == true).Select(i => Literal(i.Name))) + " }"
                : "Array.Empty<string>()";
            sb.AppendLine("            new ClbActionInfo(");
            sb.AppendLine($"                name: {Literal(a.Name)},");
            sb.AppendLine($"                category: {Literal(a.Category)},");
            sb.AppendLine($"                isAsync: {Literal(a.IsAsync)},");
            sb.AppendLine($"                isReadOnly: {Literal(IsReadOnly(a.Name))},");
            sb.AppendLine($"                requestType: typeof({a.Name}Request),");
            sb.AppendLine($"                responseType: typeof({a.Name}Response),");
            sb.AppendLine($"                hasFullSection: {Literal(a.HasFullSection)},");
            sb.AppendLine($"                paged: {Literal(paged)},");
            sb.AppendLine($"                defaultLimit: {Literal(paged ? a.DefaultLimit : null)},");
            sb.AppendLine($"                maxLimit: {Literal(paged ? a.MaxLimit : null)},");
            sb.AppendLine($"                rateLimitPerSecond: {a.RateLimitPerSecond},");
            sb.AppendLine($"                requiredParameters: {required}),");
        }

        sb.AppendLine("        });");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }
}
