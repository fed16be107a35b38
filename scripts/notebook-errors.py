"""Reports the failures recorded in executed notebooks; exits 1 when there is any.

    /usr/bin/python3 scripts/notebook-errors.py EXECUTED.ipynb ...

A failure is an `error` output (an exception thrown by a cell) or a `stderr` stream: tslab
reports a TypeScript compile error only as stderr text ("1:7 - Type 'string' is not assignable
to type 'number'."), with no error output, so notebooks must keep stderr empty (no
console.error or console.warn). Each failure is printed as one line naming the notebook and the
1-based code-cell number.
"""

import sys

import nbformat


def failures_of(path):
    notebook = nbformat.read(path, as_version=4)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                yield number, f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
            elif output.output_type == "stream" and output.get("name") == "stderr":
                yield number, "stderr: " + output.get("text", "").strip().replace("\n", " | ")


def main(paths):
    failed = False
    for path in paths:
        for number, text in failures_of(path):
            failed = True
            print(f"{path}: code cell {number}: {text}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
