"""Executes a notebook through nbclient with a named kernelspec and writes the executed notebook.

usage: run_notebook.py KERNEL_NAME NOTEBOOK.ipynb WORKDIR TIMEOUT_SECONDS OUT.ipynb
The kernelspec must be findable (the C# test writes one into a temp JUPYTER_PATH). Errors in cells
are kept in the outputs (allow_errors) so the test can name the failing cell.
"""
import json
import sys

import nbclient
import nbformat

kernel, path, workdir, timeout, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
nb = nbformat.read(path, as_version=4)
client = nbclient.NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=timeout,
                                 allow_errors=True, resources={"metadata": {"path": workdir}})
client.execute()
# The kernel shares this process's stdout (its log lines), so the result goes to a file.
with open(out, "w", encoding="utf-8") as f:
    json.dump(nb, f)
