using System.Security.Cryptography;
using System.Text;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>
/// Deterministic record ids for the demo: a name-based (version 5 style) GUID of the seed, the kind of record and
/// its number, so the same <c>--seed</c> gives the same ids on every run and machine.
/// </summary>
public sealed class DemoIds(int seed)
{
    public int Seed { get; } = seed;

    public Guid For(string kind, int number) => Create($"apx-demo/{Seed}/{kind}/{number}");

    public Guid For(string kind, string name) => Create($"apx-demo/{Seed}/{kind}/{name}");

    /// <summary>A sequence of ids for records created by the platform itself (the emulator's id source).</summary>
    public Func<Guid> Sequence(string kind)
    {
        var next = 0;
        return () => For(kind, Interlocked.Increment(ref next));
    }

    private static Guid Create(string name)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>Rounding of money amounts.</summary>
public static class Amounts
{
    /// <summary>Rounds to a multiple of <paramref name="step"/> (e.g. 1,000), half away from zero.</summary>
    public static decimal RoundTo(decimal value, decimal step) => Math.Round(value / step, MidpointRounding.AwayFromZero) * step;
}
