"""Executes a notebook in place of a person (nbclient, the library behind `jupyter
nbconvert --execute`), in its own folder; any cell that raises fails the run.

    python notebooks/run_notebook.py notebooks/explore.ipynb
"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1])
notebook = nbformat.read(path, as_version=4)
NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
print(f"{path}: {len(notebook.cells)} cells executed without error")
