namespace Ops.Kernel.Repl;

/// <summary>
/// Shows a long result a screen at a time (space: next page, Enter: next line, q: stop), so a
/// 127-row overview does not scroll away. Short results and redirected output print as they are.
/// </summary>
internal static class Pager
{
    public static void Write(TextWriter output, string text, TerminalHost host)
    {
        var height = SafeHeight();
        var lines = text.Split('\n');
        if (Console.IsOutputRedirected || Console.IsInputRedirected || height < 5 || lines.Length < height)
        {
            host.WriteValue(new Ops.Display.MimeBundle(text));
            return;
        }
        var shown = 0;
        var page = height - 1;
        while (shown < lines.Length)
        {
            var take = Math.Min(page, lines.Length - shown);
            for (var i = 0; i < take; i++) output.WriteLine(lines[shown + i]);
            shown += take;
            if (shown >= lines.Length) break;
            output.Write($"-- {shown}/{lines.Length} lines: space next page, Enter next line, q quit --");
            output.Flush();
            var key = Console.ReadKey(intercept: true);
            output.Write("\r\u001b[2K");
            if (key.Key == ConsoleKey.Q || key.Key == ConsoleKey.Escape) break;
            page = key.Key == ConsoleKey.Enter ? 1 : height - 1;
        }
        output.Flush();
    }

    private static int SafeHeight()
    {
        try { return Console.WindowHeight; }
        catch (IOException) { return 0; }
    }
}
