using System.Buffers.Binary;
using System.Text;

namespace Ops.Kernel.Jupyter.Transport;

/// <summary>A ZMTP command frame: a short name and a body (READY properties, SUBSCRIBE topic, PING...).</summary>
public sealed record ZmtpCommand(string Name, byte[] Body)
{
    public static ZmtpCommand Parse(byte[] frame)
    {
        if (frame.Length < 1 || frame[0] > frame.Length - 1) throw new ZmtpException("command frame too short for its name");
        var name = Encoding.ASCII.GetString(frame, 1, frame[0]);
        return new ZmtpCommand(name, frame[(1 + frame[0])..]);
    }

    public byte[] Encode()
    {
        var name = Encoding.ASCII.GetBytes(Name);
        var bytes = new byte[1 + name.Length + Body.Length];
        bytes[0] = (byte)name.Length;
        name.CopyTo(bytes, 1);
        Body.CopyTo(bytes, 1 + name.Length);
        return bytes;
    }

    public static ZmtpCommand Ready(IEnumerable<KeyValuePair<string, byte[]>> properties)
    {
        var body = new MemoryStream();
        Span<byte> len = stackalloc byte[4];
        foreach (var (key, value) in properties)
        {
            var k = Encoding.ASCII.GetBytes(key);
            body.WriteByte((byte)k.Length);
            body.Write(k);
            BinaryPrimitives.WriteUInt32BigEndian(len, (uint)value.Length);
            body.Write(len);
            body.Write(value);
        }
        return new ZmtpCommand("READY", body.ToArray());
    }

    /// <summary>The metadata properties of a READY command (names compared case-insensitively, as RFC 37 says).</summary>
    public Dictionary<string, byte[]> ReadyProperties()
    {
        var props = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var b = Body;
        var i = 0;
        while (i < b.Length)
        {
            int nameLen = b[i++];
            if (i + nameLen + 4 > b.Length) throw new ZmtpException("READY property truncated");
            var name = Encoding.ASCII.GetString(b, i, nameLen);
            i += nameLen;
            var valueLen = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(i, 4));
            i += 4;
            if (valueLen > (uint)(b.Length - i)) throw new ZmtpException($"READY property '{name}' value truncated");
            props[name] = b[i..(i + (int)valueLen)];
            i += (int)valueLen;
        }
        return props;
    }

    public static ZmtpCommand Error(string reason)
    {
        var r = Encoding.ASCII.GetBytes(reason.Length > 255 ? reason[..255] : reason);
        var body = new byte[1 + r.Length];
        body[0] = (byte)r.Length;
        r.CopyTo(body, 1);
        return new ZmtpCommand("ERROR", body);
    }
}
