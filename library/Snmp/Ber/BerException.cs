namespace Ops.Snmp;

/// <summary>A packet that is not valid BER for SNMP; <see cref="Offset"/> says where decoding stopped.</summary>
public sealed class BerException(string message, int offset) : Exception($"{message} at byte {offset}")
{
    public int Offset { get; } = offset;
}
