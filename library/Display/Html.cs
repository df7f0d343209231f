using System.Text;

namespace Ops.Display;

/// <summary>
/// HTML escaping for everything taken from a value: AP names, log lines and user strings are
/// untrusted, so every renderer goes through here.
/// </summary>
public static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        AppendEscaped(sb, text);
        return sb.ToString();
    }

    public static void AppendEscaped(StringBuilder sb, string? text)
    {
        if (text is null) return;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Characters XML forbids (controls other than tab/newline, U+FFFE/U+FFFF, unpaired
                    // surrogates) would make SVG unparseable; device strings do contain them.
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF')
                        sb.Append('\uFFFD');
                    else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        sb.Append(c).Append(text[++i]);
                    else if (char.IsSurrogate(c))
                        sb.Append('\uFFFD');
                    else
                        sb.Append(c);
                    break;
            }
        }
    }
}
