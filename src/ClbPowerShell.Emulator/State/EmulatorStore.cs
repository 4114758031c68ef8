using System.Security.Cryptography;
using System.Text;

namespace ClbPowerShell.Emulator.State;

/// <summary>
/// The live state and the one lock that guards it. Every API request runs its handler inside
/// <see cref="Sync"/>; in-process callers use <see cref="Read{T}"/> / <see cref="Mutate"/> or take a
/// <see cref="Snapshot"/>.
/// </summary>
public sealed class EmulatorStore
{
    private readonly object _sync = new();
    private Random _random;

    internal EmulatorStore(int? seed)
    {
        _random = seed is { } s ? new Random(s) : new Random();
        Data = new StateData();
    }

    internal object Sync => _sync;

    /// <summary>The live data. Only touch it under <see cref="Sync"/> (handlers already are).</summary>
    internal StateData Data { get; set; }

    public T Read<T>(Func<StateData, T> read) { lock (_sync) return read(Data); }
    public void Mutate(Action<StateData> mutate) { lock (_sync) mutate(Data); }
    /// <summary>A deep copy of the whole state.</summary>
    public StateData Snapshot() { lock (_sync) return Data.Clone(); }

    /// <summary>Forgets everything (optionally re-seeding the id generator).</summary>
    public void Reset(int? seed = null)
    {
        lock (_sync)
        {
            Data = new StateData();
            if (seed is { } s) _random = new Random(s);
        }
    }

    internal void Reseed(int seed) { lock (_sync) _random = new Random(seed); }

    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary><paramref name="prefix"/> + "-" + 8 lowercase letters/digits (lb-, lbl-, loc-, ...). Call under the lock.</summary>
    internal string NewId(string prefix)
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[_random.Next(Alphabet.Length)];
        return prefix + "-" + new string(chars);
    }

    internal int NextInt(int min, int max) => _random.Next(min, max);

    /// <summary>The private IP of a CVM: from <see cref="StateData.Instances"/> if known, else derived from the id.</summary>
    internal string InstanceIp(string instanceId)
    {
        if (Data.Instances.TryGetValue(instanceId, out var inst) && inst.PrivateIp.Length > 0) return inst.PrivateIp;
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(instanceId));
        return $"10.{h[0] % 200 + 20}.{h[1]}.{h[2] % 250 + 2}";
    }
}
