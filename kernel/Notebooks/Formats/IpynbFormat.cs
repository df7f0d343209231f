using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ops.Kernel.Notebooks;

/// <summary>Jupyter's .ipynb (nbformat 4; cell ids from 4.5): validation on read, layout-preserving write.</summary>
internal static class IpynbFormat
{
    public static Notebook Read(string text, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, null, null,
                $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}");
        }
        if (root is not JsonObject doc) throw new NotebookFormatException(path, null, null, "a notebook must be a JSON object with \"cells\", \"metadata\", \"nbformat\" and \"nbformat_minor\".");
        var major = doc["nbformat"] is JsonValue mv && mv.TryGetValue<int>(out var m) ? m : (int?)null;
        if (major is null) throw new NotebookFormatException(path, null, null, "missing \"nbformat\"; is this a Jupyter notebook?");
        if (major != 4) throw new NotebookFormatException(path, null, null, $"nbformat {major} is not supported; convert it with `jupyter nbconvert --to notebook --nbformat 4`.");
        if (doc["metadata"] is not null and not JsonObject) throw new NotebookFormatException(path, null, null, "\"metadata\" must be an object.");
        if (doc["cells"] is not JsonArray cells) throw new NotebookFormatException(path, null, null, "missing \"cells\" array.");

        for (var i = 0; i < cells.Count; i++) ValidateCell(path, i, cells[i]);
        return new Notebook(path, NotebookFileFormat.Ipynb, doc, JsonStyle.Detect(text, doc));
    }

    private static void ValidateCell(string path, int index, JsonNode? node)
    {
        if (node is not JsonObject cell) throw new NotebookFormatException(path, index, null, "a cell must be a JSON object.");
        var id = cell["id"] is JsonValue iv && iv.TryGetValue<string>(out var s) ? s : null;
        void Fail(string problem) => throw new NotebookFormatException(path, index, id, problem);

        var type = cell["cell_type"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
        if (type is not ("code" or "markdown" or "raw")) Fail($"\"cell_type\" must be \"code\", \"markdown\" or \"raw\" (found {cell["cell_type"]?.ToJsonString() ?? "nothing"}).");
        if (!IsMultilineText(cell["source"])) Fail("\"source\" must be a string or a list of strings.");
        if (cell["metadata"] is not null and not JsonObject) Fail("\"metadata\" must be an object.");
        if (cell["id"] is not null && (id is null || id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            Fail("\"id\" must be 1-64 characters of letters, digits, '-' and '_'.");
        if (type != "code") return;
        if (cell["outputs"] is not null and not JsonArray) Fail("\"outputs\" must be a list.");
        if (cell["execution_count"] is JsonValue ec && !ec.TryGetValue<int>(out _)) Fail("\"execution_count\" must be an integer or null.");
        if (cell["outputs"] is JsonArray outputs)
        {
            for (var o = 0; o < outputs.Count; o++)
            {
                if (outputs[o] is not JsonObject output || output["output_type"] is not JsonValue ot || !ot.TryGetValue<string>(out var kind))
                {
                    Fail($"output {o + 1} must be an object with \"output_type\".");
                    return;
                }
                if (kind is not ("stream" or "display_data" or "execute_result" or "error" or "update_display_data"))
                    Fail($"output {o + 1} has unknown output_type \"{kind}\".");
                if (kind == "stream" && !IsMultilineText(output["text"])) Fail($"output {o + 1}: stream \"text\" must be a string or a list of strings.");
                if (kind is "display_data" or "execute_result" && output["data"] is not JsonObject) Fail($"output {o + 1}: \"data\" must be an object of mime types.");
            }
        }
    }

    private static bool IsMultilineText(JsonNode? node) => node switch
    {
        JsonValue v => v.TryGetValue<string>(out _),
        JsonArray a => a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)),
        _ => false,
    };

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..(dot + 1)] : message;
    }

    public static string Write(Notebook notebook)
    {
        if (notebook.Format == NotebookFileFormat.Dib) return JsonWriter.Write(DibFormat.ToIpynbRoot(notebook), JsonStyle.Jupyter);
        return JsonWriter.Write(notebook.Root, notebook.Style);
    }
}
