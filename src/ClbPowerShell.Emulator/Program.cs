using System.Globalization;
using ClbPowerShell.Emulator;

// dotnet run --project src/ClbPowerShell.Emulator -- --port 0 --secret-id AKID... --secret-key ...
// The first line on stdout is the base address (http://127.0.0.1:<port>); everything else goes to stderr.

EmulatorSettings? settings;
try
{
    settings = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
if (settings is null)
{
    Console.Out.WriteLine(CommandLine.Usage);
    return 0;
}
if (settings.Credentials.Count == 0)
    Console.Error.WriteLine("warning: no --secret-id/--secret-key given; every request will fail with AuthFailure.SecretIdNotFound.");

await using var server = await EmulatorServer.StartAsync(settings);
Console.Out.WriteLine(server.Url.GetLeftPart(UriPartial.Authority));
Console.Out.Flush();
Console.Error.WriteLine($"CLB emulator listening on {server.Url.GetLeftPart(UriPartial.Authority)} ({server.Actions.Count} actions, task {settings.TaskDurationMs} ms, rate limit {(settings.RateLimitPerSecond > 0 ? settings.RateLimitPerSecond + "/s" : "off")}). Ctrl+C stops.");
await server.WaitForShutdownAsync();
return 0;

internal static class CommandLine
{
    public const string Usage = """
        Usage: ClbPowerShell.Emulator [options]
          --port <n>               TCP port on 127.0.0.1 (0 = pick a free one; default 0)
          --secret-id <id>         accepted SecretId (repeatable, pairs with the following --secret-key/--token)
          --secret-key <key>       its SecretKey
          --token <token>          makes the last key a temporary key that requires this X-TC-Token
          --config <file.json>     all settings as JSON (EmulatorSettings); options after it override
          --task-duration-ms <n>   async task duration (default 300; 0 = immediate)
          --rate-limit <n>         requests per second per action per SecretId (default 20; 0 = off)
          --seed <n>               seed for fault draws and generated ids
          --region <r>             region for requests without X-TC-Region (default ap-guangzhou)
          --clock-offset-seconds <n>  emulator clock = real + n
          --log                    one line per request on stderr
        """;

    public static EmulatorSettings? Parse(string[] args)
    {
        var s = new EmulatorSettings();
        EmulatorCredential? last = null;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value.");
            int NextInt() => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{a} needs a number.");
            switch (a)
            {
                case "-h" or "--help" or "-?": return null;
                case "--port": s.Port = NextInt(); break;
                case "--secret-id":
                    last = new EmulatorCredential { SecretId = Next() };
                    s.Credentials.Add(last);
                    break;
                case "--secret-key":
                    if (last == null || last.SecretKey.Length > 0) { last = new EmulatorCredential(); s.Credentials.Add(last); }
                    last.SecretKey = Next();
                    break;
                case "--token":
                    if (last == null) throw new ArgumentException("--token must follow --secret-id.");
                    last.Token = Next();
                    break;
                case "--config":
                {
                    var loaded = EmulatorSettings.FromJson(File.ReadAllText(Next()));
                    loaded.Credentials.InsertRange(0, s.Credentials);
                    s = loaded;
                    break;
                }
                case "--task-duration-ms": s.TaskDurationMs = NextInt(); break;
                case "--rate-limit": s.RateLimitPerSecond = NextInt(); break;
                case "--seed": s.Seed = NextInt(); break;
                case "--region": s.DefaultRegion = Next(); break;
                case "--clock-offset-seconds": s.ClockOffsetSeconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--log": s.LogRequests = true; break;
                default: throw new ArgumentException($"Unknown option {a}.");
            }
        }
        foreach (var c in s.Credentials)
            if (c.SecretId.Length == 0 || c.SecretKey.Length == 0)
                throw new ArgumentException("Each --secret-id needs a --secret-key.");
        return s;
    }
}
