using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Ops.Kernel.Scripting;

/// <summary>Turns compile diagnostics and runtime exceptions into what the user needs to see.</summary>
internal static class Traceback
{
    public static ExecutionError FromDiagnostics(IReadOnlyList<Diagnostic> errors, int lineOffset = 0)
    {
        var lines = errors.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            var position = d.Location.IsInSource
                ? $"({span.StartLinePosition.Line + 1 + lineOffset},{span.StartLinePosition.Character + 1})"
                : "";
            return $"{position}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }).ToList();
        var message = errors.Count == 1 ? lines[0] : $"{errors.Count} compile errors";
        return new ExecutionError("CompilationError", message, lines);
    }

    /// <summary>
    /// Type, message and the stack down to the user's cell: frames of the scripting runtime
    /// below the cell are dropped, frames of code the cell called are kept.
    /// </summary>
    public static ExecutionError FromException(Exception exception, string cellPath)
    {
        var ex = exception is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : exception;
        var lines = new List<string> { $"{ex.GetType().FullName}: {ex.Message}" };
        var frames = new StackTrace(ex, fNeedFileInfo: true).GetFrames();
        var lastUserFrame = Array.FindLastIndex(frames, f => IsCellFrame(f, cellPath));
        var keep = lastUserFrame >= 0 ? frames.Take(lastUserFrame + 1) : frames.Where(f => !IsInfrastructure(f.GetMethod()));
        foreach (var frame in keep)
        {
            var text = FormatFrame(frame, cellPath);
            if (text != null && (lines.Count == 0 || lines[^1] != text)) lines.Add(text);
        }
        for (var inner = ex.InnerException; inner != null; inner = inner.InnerException)
            lines.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        return new ExecutionError(ex.GetType().Name, ex.Message, lines);
    }

    private static bool IsCellFrame(StackFrame frame, string cellPath) =>
        string.Equals(frame.GetFileName(), cellPath, StringComparison.Ordinal)
        || (frame.GetMethod()?.DeclaringType?.FullName?.StartsWith("Submission#", StringComparison.Ordinal) ?? false);

    private static bool IsInfrastructure(MethodBase? method)
    {
        var ns = method?.DeclaringType?.Namespace ?? "";
        return ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
            || ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
            || ns.StartsWith("System.Threading", StringComparison.Ordinal)
            || ns.StartsWith("Ops.Kernel.Scripting", StringComparison.Ordinal);
    }

    private static string? FormatFrame(StackFrame frame, string cellPath)
    {
        var method = frame.GetMethod();
        if (method == null) return null;
        if (IsCellFrame(frame, cellPath))
        {
            var line = frame.GetFileLineNumber();
            var name = UserMethodName(method);
            var where = line > 0 ? $"cell line {line}" : "cell";
            return name == null ? $"   at {where}" : $"   at {name} in {where}";
        }
        if (IsInfrastructure(method)) return null;
        var type = method.DeclaringType;
        var typeName = type == null ? "" : CleanTypeName(type) + ".";
        var parameters = string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name + " " + p.Name));
        var file = frame.GetFileName();
        var suffix = file != null && frame.GetFileLineNumber() > 0 ? $" in {Path.GetFileName(file)}:line {frame.GetFileLineNumber()}" : "";
        return $"   at {typeName}{CleanMethodName(method.Name)}({parameters}){suffix}";
    }

    /// <summary>The name the user wrote for a method or local function, null for the cell body itself.</summary>
    private static string? UserMethodName(MethodBase method)
    {
        var name = method.Name;
        var type = method.DeclaringType;
        // Async and iterator bodies run in MoveNext of a generated state machine named <Name>d__N.
        if (name == "MoveNext" && type != null && type.Name.StartsWith('<')) name = type.Name;
        if (name.Contains("<Initialize>", StringComparison.Ordinal) || name.StartsWith("<Factory>", StringComparison.Ordinal)) return null;
        return CleanMethodName(name);
    }

    private static string CleanMethodName(string name)
    {
        // <<Initialize>>g__Fib|0_0 is local function Fib; <Main>b__0 is a lambda.
        var bar = name.IndexOf("g__", StringComparison.Ordinal);
        if (bar >= 0)
        {
            var end = name.IndexOf('|', bar);
            return name[(bar + 3)..(end > 0 ? end : name.Length)];
        }
        if (name.StartsWith('<'))
        {
            var close = name.IndexOf('>');
            return close > 1 ? name[1..close] + " (lambda)" : name;
        }
        return name;
    }

    private static string CleanTypeName(Type type)
    {
        while (type.DeclaringType != null && type.Name.StartsWith('<')) type = type.DeclaringType;
        return type.FullName?.Replace('+', '.') ?? type.Name;
    }
}
