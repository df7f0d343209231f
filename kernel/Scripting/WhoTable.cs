using Ops.Display;

namespace Ops.Kernel.Scripting;

/// <summary><c>#!who</c>: the session's variables as a table of name, type and a short value.</summary>
internal static class WhoTable
{
    private const int ValueWidth = 60;

    public static Table For(IEnumerable<ScriptVariable> variables)
    {
        var table = new Table("Name", "Type", "Value");
        foreach (var v in variables)
        {
            var text = v.Value is null ? "null" : SafeText(v.Value);
            table.AddRow(v.Name, v.TypeName, text.Length > ValueWidth ? text[..(ValueWidth - 3)] + "..." : text);
        }
        return table;
    }

    /// <summary>A value's one-line text; a value whose formatting throws shows the exception's type instead.</summary>
    private static string SafeText(object value)
    {
        try { return Formatter.ToCellText(value).Replace('\n', ' '); }
        catch (Exception e) when (e is not OutOfMemoryException) { return $"<{e.GetType().Name}>"; }
    }
}
