using System.Net;
using ClbPowerShell.Emulator.Control;
using ClbPowerShell.Emulator.Protocol;
using ClbPowerShell.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClbPowerShell.Emulator;

/// <summary>
/// The local CLB emulator: a Kestrel server on 127.0.0.1 speaking the CLB API 3.0 protocol, with state,
/// async tasks, rate limiting and fault injection. Start it with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, EmulatorSettings settings)
    {
        _app = app;
        Settings = settings;
        Store = new EmulatorStore(settings.Seed);
        FaultInjector = new FaultInjector(settings.Seed);
        Registry = ActionRegistry.CreateDefault();
        Pipeline = new RequestPipeline(this);
        Control = new ControlEndpoints(this);
    }

    /// <summary>The base address, e.g. http://127.0.0.1:54321/.</summary>
    public Uri Url { get; private set; } = null!;
    /// <summary>Live settings: read on every request, so changes apply immediately (faults, rate limit, task duration, clock offset, credentials).</summary>
    public EmulatorSettings Settings { get; }
    /// <summary>The live state and its lock.</summary>
    public EmulatorStore Store { get; }
    /// <summary>A deep copy of the state right now (load balancers with listeners, rules, targets; tasks).</summary>
    public StateData State => Store.Snapshot();
    /// <summary>Calls per action (also throttled, failed, faulted).</summary>
    public CallStats Stats { get; } = new();
    /// <summary>The actions this emulator implements.</summary>
    public IReadOnlyCollection<string> Actions => Registry.Names;
    /// <summary>The emulator clock: real UTC time + <see cref="EmulatorSettings.ClockOffset"/>.</summary>
    public DateTimeOffset Now => DateTimeOffset.UtcNow + Settings.ClockOffset;

    internal ActionRegistry Registry { get; }
    internal FaultInjector FaultInjector { get; }
    internal RateLimiter RateLimiter { get; } = new();
    internal RequestPipeline Pipeline { get; }
    internal ControlEndpoints Control { get; }

    /// <summary>Adds a fault at runtime.</summary>
    public void AddFault(FaultRule rule) { lock (Settings) Settings.Faults = new List<FaultRule>(Settings.Faults) { rule }; }
    /// <summary>Removes all faults.</summary>
    public void ClearFaults() { lock (Settings) Settings.Faults = new List<FaultRule>(); }
    /// <summary>Restarts the fault and id random sequences from <paramref name="seed"/>.</summary>
    public void Reseed(int seed) { Settings.Seed = seed; FaultInjector.Reseed(seed); Store.Reseed(seed); }
    /// <summary>Empties the state, the call counters and the rate-limit windows (settings and faults stay).</summary>
    public void Reset() { Store.Reset(Settings.Seed); Stats.Reset(); RateLimiter.Reset(); if (Settings.Seed is { } s) FaultInjector.Reseed(s); }

    public static async Task<EmulatorServer> StartAsync(EmulatorSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = Array.Empty<string>(),
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            k.Listen(IPAddress.Loopback, settings.Port);
        });
        var app = builder.Build();
        var server = new EmulatorServer(app, settings);
        app.Run(async http =>
        {
            var path = http.Request.Path.Value ?? "/";
            if (path.StartsWith("/_emulator", StringComparison.Ordinal))
                await server.Control.HandleAsync(http);
            else if (path is "/" or "")
                await server.Pipeline.HandleAsync(http);
            else
                http.Response.StatusCode = 404;
        });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _app.StopAsync(TimeSpan.FromSeconds(5)); }
        finally { await _app.DisposeAsync(); }
    }

    /// <summary>Waits until the host stops (Ctrl+C in the console program).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);
}
