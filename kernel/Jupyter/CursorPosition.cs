using System.Text;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points (protocol 5.2+); .NET strings are
/// UTF-16. These convert, so a cell with emoji or astral characters completes at the right place.
/// </summary>
public static class CursorPosition
{
    public static int ToUtf16(string text, int codePoints)
    {
        var i = 0;
        for (var n = 0; n < codePoints && i < text.Length; n++)
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        return i;
    }

    public static int ToCodePoints(string text, int utf16)
    {
        utf16 = Math.Clamp(utf16, 0, text.Length);
        var n = 0;
        for (var i = 0; i < utf16; i++)
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]))) n++;
        return n;
    }
}
