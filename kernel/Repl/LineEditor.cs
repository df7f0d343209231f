using System.Text;

namespace Ops.Kernel.Repl;

/// <summary>
/// Terminal line editing for the REPL: cursor keys, Home/End, history (Up/Down), reverse search
/// (Ctrl+R), Tab completion through the engine, Ctrl+C clears the line, Ctrl+D on an empty line
/// ends the session.
/// </summary>
internal sealed class LineEditor(TextWriter output, ReplHistory history, Func<string, int, (IReadOnlyList<string> Matches, int Start, int End)> complete)
{
    /// <summary>Syntax colouring of the line being typed (off when NO_COLOR is set).</summary>
    public bool Colour { get; init; }

    /// <summary>Text of the submission typed before this line, so completion sees its context.</summary>
    public string Context { get; set; } = "";

    /// <returns>The line, or null at end of input (Ctrl+D on an empty line).</returns>
    public string? ReadLine(string prompt)
    {
        var buffer = new StringBuilder();
        var cursor = 0;
        var historyIndex = history.Entries.Count;
        string? stash = null;
        output.Write(prompt);
        output.Flush();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            var ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.Write("\n");
                    return buffer.ToString();
                case ConsoleKey.D when ctrl:
                    if (buffer.Length == 0) { output.Write("\n"); return null; }
                    if (cursor < buffer.Length) buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.C when ctrl:
                    output.Write("^C\n");
                    return "";
                case ConsoleKey.R when ctrl:
                    var found = ReverseSearch(prompt);
                    if (found != null) { buffer.Clear().Append(found); cursor = buffer.Length; }
                    break;
                case ConsoleKey.A when ctrl: case ConsoleKey.Home: cursor = 0; break;
                case ConsoleKey.E when ctrl: case ConsoleKey.End: cursor = buffer.Length; break;
                case ConsoleKey.U when ctrl: buffer.Remove(0, cursor); cursor = 0; break;
                case ConsoleKey.K when ctrl: buffer.Remove(cursor, buffer.Length - cursor); break;
                case ConsoleKey.LeftArrow: if (cursor > 0) cursor--; break;
                case ConsoleKey.RightArrow: if (cursor < buffer.Length) cursor++; break;
                case ConsoleKey.Backspace: if (cursor > 0) { buffer.Remove(cursor - 1, 1); cursor--; } break;
                case ConsoleKey.Delete: if (cursor < buffer.Length) buffer.Remove(cursor, 1); break;
                case ConsoleKey.UpArrow:
                    if (historyIndex > 0)
                    {
                        stash ??= buffer.ToString();
                        historyIndex--;
                        buffer.Clear().Append(OneLine(history.Entries[historyIndex]));
                        cursor = buffer.Length;
                    }
                    break;
                case ConsoleKey.DownArrow:
                    if (historyIndex < history.Entries.Count)
                    {
                        historyIndex++;
                        buffer.Clear().Append(historyIndex == history.Entries.Count ? stash ?? "" : OneLine(history.Entries[historyIndex]));
                        cursor = buffer.Length;
                    }
                    break;
                case ConsoleKey.Tab:
                    cursor = Complete(buffer, cursor, prompt);
                    break;
                default:
                    if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                    {
                        buffer.Insert(cursor, key.KeyChar);
                        cursor++;
                    }
                    break;
            }
            Redraw(prompt, buffer, cursor);
        }
    }

    /// <summary>History entries spanning lines are recalled as one line (C# does not care).</summary>
    private static string OneLine(string entry) => entry.Contains('\n') ? string.Join(" ", entry.Split('\n').Select(l => l.Trim())) : entry;

    private int Complete(StringBuilder buffer, int cursor, string prompt)
    {
        var text = Context + buffer;
        var position = Context.Length + cursor;
        var (matches, start, end) = complete(text, position);
        if (matches.Count == 0) return cursor;
        var typedStart = start - Context.Length;
        if (typedStart < 0) return cursor;
        var typed = buffer.ToString(typedStart, cursor - typedStart);
        var insert = matches.Count == 1 ? matches[0] : CommonPrefix(matches);
        if (insert.Length > typed.Length && insert.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
        {
            buffer.Remove(typedStart, cursor - typedStart).Insert(typedStart, insert);
            return typedStart + insert.Length;
        }
        if (matches.Count > 1)
        {
            output.Write("\n" + string.Join("  ", matches.Take(60)) + (matches.Count > 60 ? $"  … ({matches.Count} in all)" : "") + "\n");
        }
        return cursor;
    }

    private static string CommonPrefix(IReadOnlyList<string> items)
    {
        var prefix = items[0];
        foreach (var item in items.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < item.Length && char.ToLowerInvariant(prefix[n]) == char.ToLowerInvariant(item[n])) n++;
            prefix = prefix[..n];
        }
        return prefix;
    }

    private string? ReverseSearch(string prompt)
    {
        var query = new StringBuilder();
        string? match = null;
        while (true)
        {
            output.Write($"\r\u001b[2K(reverse-i-search)`{query}': {match}");
            output.Flush();
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter || key.Key == ConsoleKey.RightArrow) break;
            if (key.Key == ConsoleKey.Escape || (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0)) { match = null; break; }
            if (key.Key == ConsoleKey.Backspace && query.Length > 0) query.Length--;
            else if (!char.IsControl(key.KeyChar)) query.Append(key.KeyChar);
            var q = query.ToString();
            match = q.Length == 0 ? null : history.Entries.LastOrDefault(e => e.Contains(q, StringComparison.Ordinal)) is { } hit ? OneLine(hit) : null;
        }
        output.Write("\r\u001b[2K" + prompt);
        return match;
    }

    private void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        var text = buffer.ToString();
        output.Write("\r\u001b[2K" + prompt + (Colour ? SyntaxColouring.Colour(text) : text));
        var back = buffer.Length - cursor;
        if (back > 0) output.Write($"\u001b[{back}D");
        output.Flush();
    }
}
