using System.Text.Json;
using System.Text.Json.Nodes;
using Ops.Display;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// The runner's execution host: turns one cell's streams, displays and result into Jupyter
/// outputs (consecutive stream writes merge as in Jupyter; a display update replaces the output
/// with that display id, in whichever cell it is). Headless, so input is refused.
/// </summary>
internal sealed class CellOutputs(string notebookPath, Dictionary<string, List<JsonObject>> displays) : IExecutionHost
{
    private readonly object _gate = new();
    private JsonArray _outputs = new();
    private int _cellNumber;
    private bool _clearBeforeNext;

    public void Begin(JsonArray outputs, int cellNumber)
    {
        lock (_gate)
        {
            _outputs = outputs;
            _cellNumber = cellNumber;
            _clearBeforeNext = false;
        }
    }

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            ClearIfPending();
            if (_outputs.Count > 0 && _outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
            {
                var merged = NotebookCell.JoinText(last["text"]) + text;
                last["text"] = NotebookCell.SplitLines(merged);
                return;
            }
            _outputs.Add(new JsonObject { ["name"] = name, ["output_type"] = "stream", ["text"] = NotebookCell.SplitLines(text) });
        }
    }

    public void Publish(MimeBundle bundle, string displayId, bool isUpdate)
    {
        lock (_gate)
        {
            if (isUpdate && displays.TryGetValue(displayId, out var shown))
            {
                foreach (var output in shown) output["data"] = Data(bundle);
                return;
            }
            ClearIfPending();
            var display = new JsonObject { ["data"] = Data(bundle), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
            _outputs.Add(display);
            if (!displays.TryGetValue(displayId, out var list)) displays[displayId] = list = [];
            list.Add(display);
        }
    }

    /// <summary>Clears the cell's outputs so far, as nbclient does; with wait, just before the next output.</summary>
    public void ClearOutput(bool wait)
    {
        lock (_gate)
        {
            if (wait) _clearBeforeNext = true;
            else _outputs.Clear();
        }
    }

    private void ClearIfPending()
    {
        if (!_clearBeforeNext) return;
        _clearBeforeNext = false;
        _outputs.Clear();
    }

    public string ReadInput(string prompt, bool password) =>
        throw new InputNotAllowedException(
            $"{notebookPath}: cell {_cellNumber} asked for input (\"{prompt.Trim()}\") but `ops run` is headless; " +
            (password ? "use Secret.FromEnv(\"NAME\") for secrets" : "declare the value in the parameters cell and pass it with -p name=value") + ".");

    public void Result(MimeBundle value, int executionCount)
    {
        lock (_gate)
        {
            ClearIfPending();
            _outputs.Add(new JsonObject
            {
                ["data"] = Data(value),
                ["execution_count"] = executionCount,
                ["metadata"] = new JsonObject(),
                ["output_type"] = "execute_result",
            });
        }
    }

    public void Error(string name, string message, IReadOnlyList<string> traceback)
    {
        lock (_gate)
        {
            ClearIfPending();
            _outputs.Add(new JsonObject
            {
                ["ename"] = name,
                ["evalue"] = message,
                ["output_type"] = "error",
                ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            });
        }
    }

    /// <summary>A mime bundle as nbformat output data: JSON types as JSON values, text as a list of lines.</summary>
    public static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle)
        {
            if (MimeTypes.IsJson(mime))
            {
                try { data[mime] = JsonNode.Parse(value); continue; }
                catch (JsonException) { /* not JSON after all: keep the text */ }
            }
            data[mime] = NotebookCell.SplitLines(value);
        }
        return data;
    }
}
