using System.Globalization;
using System.Net;
using System.Text;
using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>
/// A controller's MIB captured to a file: snmpsim's <c>.snmprec</c> (<c>OID|TAG|VALUE</c>) or
/// net-snmp <c>snmpwalk -On</c> output. Reading never trusts the file: a bad line is an error
/// naming the file and line.
/// </summary>
public static class Recording
{
    public static SortedDictionary<Oid, SnmpValue> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"recording {path} does not exist", path);
        var lines = File.ReadAllLines(path);
        return path.EndsWith(".snmprec", StringComparison.OrdinalIgnoreCase) || LooksLikeSnmprec(lines)
            ? ParseSnmprec(lines, path)
            : ParseWalk(lines, path);
    }

    private static bool LooksLikeSnmprec(string[] lines) =>
        lines.FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) is { } first && first.Contains('|') && !first.Contains(" = ");

    public static SortedDictionary<Oid, SnmpValue> ParseSnmprec(IEnumerable<string> lines, string source = "snmprec")
    {
        var data = new SortedDictionary<Oid, SnmpValue>();
        var n = 0;
        foreach (var raw in lines)
        {
            n++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('|', 3);
            if (parts.Length != 3 || !Oid.TryParse(parts[0], out var oid))
                throw new FormatException($"{source}:{n}: expected OID|TAG|VALUE, got '{Truncate(line)}'");
            var tag = parts[1];
            var value = parts[2];
            var colon = tag.IndexOf(':');
            if (colon >= 0)
            {
                // A variation (writecache and the like): its initial value is in value=/hexvalue=.
                tag = tag[..colon];
                var opts = value.Split(',').Select(o => o.Split('=', 2)).Where(o => o.Length == 2).ToDictionary(o => o[0], o => o[1]);
                if (opts.TryGetValue("hexvalue", out var hv)) { value = hv; tag += "x"; }
                else value = opts.GetValueOrDefault("value", "");
            }
            var hex = tag.EndsWith('x');
            if (hex) tag = tag[..^1];
            try { data[oid] = SnmprecValue(int.Parse(tag, CultureInfo.InvariantCulture), value, hex); }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            { throw new FormatException($"{source}:{n}: bad value for tag {parts[1]}: {e.Message}"); }
        }
        return data;
    }

    private static SnmpValue SnmprecValue(int tag, string value, bool hex)
    {
        byte[] Bytes() => hex ? Convert.FromHexString(value) : Encoding.UTF8.GetBytes(value);
        return tag switch
        {
            2 => SnmpValue.Integer(int.Parse(value, CultureInfo.InvariantCulture)),
            4 => SnmpValue.OctetString(Bytes()),
            5 => SnmpValue.Null,
            6 => SnmpValue.ObjectIdentifier(Oid.Parse(value)),
            64 => hex ? SnmpValue.Ip(new IPAddress(Bytes())) : SnmpValue.Ip(IPAddress.Parse(value)),
            65 => SnmpValue.Counter32(uint.Parse(value, CultureInfo.InvariantCulture)),
            66 => SnmpValue.Gauge32(uint.Parse(value, CultureInfo.InvariantCulture)),
            67 => SnmpValue.TimeTicks(uint.Parse(value, CultureInfo.InvariantCulture)),
            68 => SnmpValue.Opaque(Bytes()),
            70 => SnmpValue.Counter64(ulong.Parse(value, CultureInfo.InvariantCulture)),
            _ => throw new FormatException($"unknown snmprec tag {tag}"),
        };
    }

    /// <summary>Writes bindings as <c>.snmprec</c>: printable strings as text, anything else as hex.</summary>
    public static void WriteSnmprec(string path, IEnumerable<VarBind> varBinds)
    {
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var vb in varBinds.OrderBy(v => v.Oid))
            {
                if (vb.Value.IsException) continue;
                w.Write(vb.Oid.ToString());
                w.Write('|');
                w.WriteLine(SnmprecField(vb.Value));
            }
        });
    }

    public static string SnmprecField(SnmpValue v) => v.Type switch
    {
        SnmpType.Integer32 => "2|" + v.Number.ToString(CultureInfo.InvariantCulture),
        SnmpType.OctetString => Printable(v.Bytes) ? "4|" + Encoding.ASCII.GetString(v.Bytes) : "4x|" + Convert.ToHexString(v.Bytes).ToLowerInvariant(),
        SnmpType.Null => "5|",
        SnmpType.ObjectIdentifier => "6|" + v.ObjectId,
        SnmpType.IpAddress => "64|" + new IPAddress(v.Bytes),
        SnmpType.Counter32 => "65|" + v.Number.ToString(CultureInfo.InvariantCulture),
        SnmpType.Gauge32 => "66|" + v.Number.ToString(CultureInfo.InvariantCulture),
        SnmpType.TimeTicks => "67|" + v.Number.ToString(CultureInfo.InvariantCulture),
        SnmpType.Opaque => "68x|" + Convert.ToHexString(v.Bytes).ToLowerInvariant(),
        SnmpType.Counter64 => "70|" + v.Unsigned.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"{v.Type} cannot be recorded"),
    };

    private static bool Printable(byte[] bytes) => bytes.All(b => b is >= 0x20 and < 0x7f && b != (byte)'|');

    /// <summary>Parses net-snmp walk output (<c>-On</c> numeric or <c>iso.</c> prefixed; MIB enum names like <c>up(2)</c> accepted).</summary>
    public static SortedDictionary<Oid, SnmpValue> ParseWalk(IEnumerable<string> lines, string source = "walk")
    {
        var data = new SortedDictionary<Oid, SnmpValue>();
        var n = 0;
        Oid? lastOid = null;
        string? lastType = null;
        var lastText = new StringBuilder();
        var lastLine = 0;

        void Flush()
        {
            if (lastOid is null) return;
            try { data[lastOid] = WalkValue(lastType!, lastText.ToString()); }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            { throw new FormatException($"{source}:{lastLine}: cannot read the {lastType} value: {e.Message}"); }
            lastOid = null;
        }

        foreach (var raw in lines)
        {
            n++;
            var line = raw.TrimEnd('\r');
            var eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq > 0 && Oid.TryParse(line[..eq], out var oid))
            {
                Flush();
                var rest = line[(eq + 3)..];
                var colon = rest.IndexOf(": ", StringComparison.Ordinal);
                if (rest == "\"\"") { lastType = "STRING"; lastText.Clear().Append("\"\""); }
                else if (rest is "NULL" || rest.StartsWith("No Such", StringComparison.Ordinal) || rest.StartsWith("No more variables", StringComparison.Ordinal))
                { lastType = rest; lastText.Clear(); }
                else if (colon < 0) throw new FormatException($"{source}:{n}: expected 'OID = TYPE: value', got '{Truncate(line)}'");
                else { lastType = rest[..colon]; lastText.Clear().Append(rest[(colon + 2)..]); }
                lastOid = oid;
                lastLine = n;
            }
            else if (lastOid is not null && line.Length > 0) lastText.Append('\n').Append(line); // Hex-STRING and quoted strings continue on the next lines.
            else if (line.Trim().Length > 0) throw new FormatException($"{source}:{n}: expected 'OID = TYPE: value', got '{Truncate(line)}'");
        }
        Flush();
        return data;
    }

    private static SnmpValue WalkValue(string type, string text)
    {
        switch (type)
        {
            case "INTEGER": return SnmpValue.Integer(int.Parse(EnumNumber(text), CultureInfo.InvariantCulture));
            case "STRING": return SnmpValue.OctetString(Unquote(text));
            case "Hex-STRING": return SnmpValue.OctetString(Convert.FromHexString(string.Concat(text.Where(Uri.IsHexDigit))));
            case "OID": return SnmpValue.ObjectIdentifier(Oid.Parse(text.Trim()));
            case "IpAddress": return SnmpValue.Ip(IPAddress.Parse(text.Trim()));
            case "Counter32": return SnmpValue.Counter32(uint.Parse(text.Trim(), CultureInfo.InvariantCulture));
            case "Gauge32": return SnmpValue.Gauge32(uint.Parse(text.Trim(), CultureInfo.InvariantCulture));
            case "Counter64": return SnmpValue.Counter64(ulong.Parse(text.Trim(), CultureInfo.InvariantCulture));
            case "Timeticks":
                var close = text.IndexOf(')');
                return SnmpValue.TimeTicks(uint.Parse(text[1..close], CultureInfo.InvariantCulture));
            case "OPAQUE": return SnmpValue.Opaque(Convert.FromHexString(string.Concat(text.Where(Uri.IsHexDigit))));
            case "NULL": return SnmpValue.Null;
            default: throw new FormatException($"unknown type '{type}'");
        }
    }

    private static string EnumNumber(string text)
    {
        var t = text.Trim();
        var open = t.LastIndexOf('(');
        return open >= 0 && t.EndsWith(')') ? t[(open + 1)..^1] : t;
    }

    private static byte[] Unquote(string text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && t[0] == '"' && t[^1] == '"') t = t[1..^1];
        var sb = new StringBuilder();
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i] == '\\' && i + 1 < t.Length) i++;
            sb.Append(t[i]);
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Truncate(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
