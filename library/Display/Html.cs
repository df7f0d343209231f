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
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters other than tab/newline cannot appear in XML/SVG; drop them.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') sb.Append('\uFFFD');
                    else sb.Append(c);
                    break;
            }
        }
    }
}
