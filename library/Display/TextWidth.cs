namespace Ops.Display;

/// <summary>Terminal column width of text: East Asian wide characters take two columns.</summary>
internal static class TextWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes()) width += IsWide(rune.Value) ? 2 : 1;
        return width;
    }

    private static bool IsWide(int cp) =>
        (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);

    public static string Pad(string text, int width, Alignment align)
    {
        var gap = width - Of(text);
        if (gap <= 0) return text;
        return align switch
        {
            Alignment.Right => new string(' ', gap) + text,
            Alignment.Center => new string(' ', gap / 2) + text + new string(' ', gap - gap / 2),
            _ => text + new string(' ', gap),
        };
    }
}
