# Writes the round-trip fixtures with Python's nbformat (the way Jupyter saves) and json.dump
# variants. Run with /usr/bin/python3 from this directory; the outputs are committed.
import json, nbformat
from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell, new_raw_cell, new_output

nb = new_notebook()
nb.metadata = {
    "kernelspec": {"display_name": "C# (ops)", "language": "csharp", "name": "ops-csharp"},
    "language_info": {"name": "csharp", "file_extension": ".cs", "mimetype": "text/x-csharp"},
    "custom_tool": {"kept": True, "nested": {"b": 1.5, "a": [1, 2e-05, None]}},
}
nb.cells = [
    new_markdown_cell("# 無線LAN 調査\n\nRadar on **W53** — “quotes” and a tab\there.", id="intro"),
    new_code_cell('string controller = "wlc1";\nint retries = 3;', id="params", metadata={"tags": ["parameters"]}),
    new_code_cell('Console.WriteLine("hello");\n1 + 1', id="calc", execution_count=2, metadata={"collapsed": False, "jupyter": {"source_hidden": False}},
                  outputs=[new_output("stream", name="stdout", text="hello\n"),
                           new_output("execute_result", execution_count=2, data={"text/plain": "2"})]),
    new_code_cell('display(chart)', id="chart", execution_count=3,
                  outputs=[new_output("display_data", data={"text/plain": "Chart", "image/svg+xml": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>", "application/json": {"points": [1, 2]}}, metadata={})]),
    new_raw_cell("raw \u00e9\u0000 text", id="raw"),
]
nbformat.write(nb, "jupyter.ipynb")

with open("jupyter.ipynb", encoding="utf-8") as f:
    doc = json.load(f)
with open("ascii-indent2.ipynb", "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, sort_keys=True, ensure_ascii=True)
with open("unsorted.ipynb", "w", encoding="utf-8", newline="") as f:
    def reverse(x):
        if isinstance(x, dict): return {k: reverse(x[k]) for k in reversed(list(x))}
        if isinstance(x, list): return [reverse(v) for v in x]
        return x
    text = json.dumps(reverse(doc), indent=1, ensure_ascii=False)
    f.write(text.replace("\n", "\r\n") + "\r\n")
