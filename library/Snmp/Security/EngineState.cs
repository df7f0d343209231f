using System.Diagnostics;

namespace Ops.Snmp;

/// <summary>What the manager knows of an authoritative SNMPv3 engine: id, boots, time and the keys localised to it.</summary>
internal sealed class EngineState(byte[] id, int boots, int time, byte[]? authKey, byte[]? privKey)
{
    private readonly long _receivedAt = Stopwatch.GetTimestamp();

    public byte[] Id { get; } = id;
    public int Boots { get; } = boots;
    public byte[]? AuthKey { get; } = authKey;
    public byte[]? PrivKey { get; } = privKey;
    private int TimeAtReceipt { get; } = time;

    /// <summary>The engine's clock now, estimated from when its time was last learned (RFC 3414 §2.3).</summary>
    public int Time => (int)Math.Min(int.MaxValue, TimeAtReceipt + (long)Stopwatch.GetElapsedTime(_receivedAt).TotalSeconds);
}
