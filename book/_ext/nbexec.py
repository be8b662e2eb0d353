"""Execute the book's notebooks, store their inline values, and check that both are portable.

    python book/_ext/nbexec.py run   [NOTEBOOK ...]   # execute in place (what `make execute` does)
    python book/_ext/nbexec.py check [NOTEBOOK ...]   # re-execute perturbed; compare with stored

**Inline values.** A number in the prose is written as a MyST inline expression,
``{eval}`acc_text` ``, naming a value a code cell above has computed (usually a
formatted string, so the prose decides nothing about precision). ``run``
executes the notebook top to bottom in a fresh kernel and, at each markdown cell,
evaluates that cell's expressions in the same kernel (Jupyter's
``user_expressions``), storing the results in the cell's ``user_expressions``
metadata. Both faces read that one record: JupyterLab with the
``jupyterlab-myst`` extension shows it (and re-evaluates when the cell is run
live), and the website's ``eval`` role (``nnbook_offline.py``) prints it
without a kernel, so cached builds and translated builds work too. One
expression has one value per notebook (an expression that changes value
between cells is an error: give the second value its own name).

**Portability check.** ``check`` executes each notebook again, in memory, under
two perturbations that a reader's machine may bring: every initial weight of
every ``MLP`` moved up by one ulp (``NNBOOK_NUDGE_INIT=1``) and NumPy's SIMD
dispatch lowered to its baseline (``NPY_DISABLE_CPU_FEATURES`` lists every
dispatch target of this build). It then compares, exactly, the text of every
checked cell (tag ``nbval-check-output`` or a first line ``# NBVAL_CHECK_OUTPUT``)
and every stored inline value with the fresh run. Any difference means the
notebook prints float noise, or a training outcome finer than its spread, and
fails on *any* machine, not only on one with another BLAS kernel. It also
catches stored values that are stale (the code changed, ``make execute`` was
not rerun).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPRESSION = re.compile(r"\{eval\}`([^`]+)`")
# literal code blocks (```python, ``` ...); directive fences (```{solution}) hold prose and stay
FENCE = re.compile(r"^(```+|~~~+)(?![ \t]*\{).*?^\1", re.S | re.M)
CHECK_TAG = "nbval-check-output"
CHECK_COMMENT = "# NBVAL_CHECK_OUTPUT"


def inline_expressions(markdown: str) -> list[str]:
    """The ``{eval}`...` `` expressions of a markdown cell, in order, without repeats."""
    found = EXPRESSION.findall(FENCE.sub("", markdown))
    return list(dict.fromkeys(found))


def plain_text(result: dict) -> str:
    """What a reader sees for a stored expression result: text/plain without quotes."""
    text = result.get("data", {}).get("text/plain", "")
    return re.sub(r"^(['\"])(.*)\1$", r"\2", text, flags=re.S)


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def is_checked(cell) -> bool:
    """Whether nbval compares this code cell's output (``--nbval-lax``)."""
    tags = cell.get("metadata", {}).get("tags", [])
    return CHECK_TAG in tags or _source(cell).lstrip().startswith(CHECK_COMMENT)


def output_text(cell) -> str:
    """The text a checked cell shows: streams and text/plain results, in order."""
    parts, last_stream = [], None
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            # how a stream is cut into chunks depends on timing, so chunks are joined
            text = _source({"source": out.get("text", "")})
            if last_stream == out.get("name"):
                parts[-1] += text
            else:
                parts.append(f"[{out.get('name')}] " + text)
            last_stream = out.get("name")
            continue
        last_stream = None
        if out.get("output_type") in ("execute_result", "display_data"):
            text = out.get("data", {}).get("text/plain")
            if text is not None:
                parts.append("[result] " + _source({"source": text}))
        elif out.get("output_type") == "error":
            parts.append(f"[error] {out.get('ename')}: {out.get('evalue')}")
    return "".join(parts)


async def _request(kc, send, patience: float = 30.0, tries: int = 4) -> dict:
    """Send a shell request with ``send()`` and return its reply, asking again if none comes.

    Now and then a reply never arrives although the kernel is idle (seen under load; the
    cause is not known). Waiting ``patience`` seconds and asking again gets past it: the
    requests sent here (kernel info, inline values) change nothing in the kernel, so
    asking twice is safe. A whole run that still hangs is repeated by
    :func:`_execute_patiently`.
    """
    for _ in range(tries):
        msg_id = send()
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            try:
                msg = await kc.shell_channel.get_msg(timeout=1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
    raise TimeoutError(f"the kernel did not answer in {tries} tries of {patience:.0f} s")


def _evaluate(client, expressions: dict[str, str]) -> dict:
    """``user_expressions`` evaluated in the kernel at this point of the notebook."""
    from jupyter_core.utils import run_sync

    kc = client.kc
    reply = run_sync(_request)(kc, lambda: kc.execute("", silent=True, store_history=False,
                                                      user_expressions=expressions))
    return reply["content"]["user_expressions"]


def execute(path: Path, timeout: int = 600):
    """Execute one notebook in a fresh kernel; return it with outputs and inline values."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    seen: dict[str, str] = {}
    with client.setup_kernel():
        from jupyter_core.utils import run_sync

        info = run_sync(_request)(client.kc, client.kc.kernel_info)
        nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
                continue
            if cell.cell_type != "markdown":
                continue
            expressions = inline_expressions(cell.source)
            if not expressions:
                cell.metadata.pop("user_expressions", None)
                continue
            reply = _evaluate(client, {f"e{i}": e for i, e in enumerate(expressions)})
            stored = []
            for i, expression in enumerate(expressions):
                result = reply[f"e{i}"]
                if result.get("status") != "ok":
                    raise RuntimeError(f"{path.name}, markdown cell {index}: {{eval}}"
                                       f"`{expression}` failed: {result.get('ename')}: "
                                       f"{result.get('evalue')}")
                result = {"status": "ok", "data": {"text/plain": result["data"]["text/plain"]},
                          "metadata": {}}
                text = plain_text(result)
                if "nan" in text.lower().split() or text.lower() == "nan":
                    raise RuntimeError(f"{path.name}, cell {index}: {expression} is NaN")
                if seen.setdefault(expression, text) != text:
                    raise RuntimeError(
                        f"{path.name}, markdown cell {index}: {{eval}}`{expression}` is "
                        f"{text!r} here but {seen[expression]!r} earlier; one expression has one "
                        "value per notebook, so give this one its own name")
                stored.append({"expression": expression, "result": result})
            cell.metadata["user_expressions"] = stored
    return nb


def _write(nb, path: Path) -> None:
    import nbformat

    nb.metadata.pop("widgets", None)   # live widget state means nothing in a stored notebook
    nbformat.write(nb, path)


def stored_values(nb) -> dict[str, str]:
    """Expression -> text, from the ``user_expressions`` of every markdown cell."""
    values = {}
    for cell in nb["cells"]:
        for item in cell.get("metadata", {}).get("user_expressions", []):
            values[item["expression"]] = plain_text(item["result"])
    return values


def compare(stored, fresh, name: str) -> list[str]:
    """Differences between a stored notebook and a fresh execution of it."""
    problems = []
    code_s = [c for c in stored["cells"] if c["cell_type"] == "code"]
    code_f = [c for c in fresh["cells"] if c["cell_type"] == "code"]
    for n, (s, f) in enumerate(zip(code_s, code_f)):
        if is_checked(s) and output_text(s) != output_text(f):
            problems.append(f"{name}: checked code cell {n} prints differently\n"
                            f"--- stored\n{output_text(s)}\n--- now\n{output_text(f)}")
    values_s, values_f = stored_values(stored), stored_values(fresh)
    for expression in sorted(set(values_s) | set(values_f)):
        if values_s.get(expression) != values_f.get(expression):
            problems.append(f"{name}: {{eval}}`{expression}` is stored as "
                            f"{values_s.get(expression)!r}, now {values_f.get(expression)!r}")
    for n, cell in enumerate(stored["cells"]):
        if cell["cell_type"] == "markdown":
            missing = [e for e in inline_expressions(_source(cell))
                       if e not in values_s]
            if missing:
                problems.append(f"{name}: markdown cell {n} has no stored value for {missing}; "
                                "run `make execute`")
    return problems


def perturbed_environment() -> dict[str, str]:
    """Nudged initial weights and NumPy's SIMD dispatch lowered to the baseline."""
    import numpy as np

    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__ as targets
    except ImportError:  # NumPy < 2
        from numpy.core._multiarray_umath import __cpu_dispatch__ as targets
    del np
    return {"NNBOOK_NUDGE_INIT": "1", "NPY_DISABLE_CPU_FEATURES": " ".join(targets)}


def _watchdog(seconds: int, path: Path, fired: list | None = None) -> None:
    """Fail loudly instead of hanging when one notebook takes far longer than it should.

    ``seconds=0`` cancels the alarm. When it goes off, ``fired`` (a list) gets ``True``
    appended: nbclient may turn the interruption into another error (it interrupts a
    busy kernel, and the cell then fails with ``KeyboardInterrupt``), so the caller
    needs to know that the watchdog, not the notebook, ended the run."""
    def expire(signum, frame):
        if fired is not None:
            fired.append(True)
        raise TimeoutError(f"{path} did not finish within {seconds} s (a hung kernel?); "
                           "rerun, or raise --timeout")
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, expire)
        signal.alarm(seconds)


def _execute_patiently(path: Path, timeout: int, tries: int):
    """``execute``, started again in a fresh kernel when a run hangs.

    Now and then (seen with ipykernel 6 and 7, nbclient 0.11, mostly on a loaded machine) a
    cell's execute reply never reaches nbclient and the run waits on an idle kernel. A run
    that exceeds ``timeout`` is abandoned and repeated; a notebook is deterministic, so a
    repeat gives the same outputs. Failing cells are not repeated: only hangs are.
    """
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    for attempt in range(1, tries + 1):
        fired = []
        _watchdog(timeout, path, fired)
        try:
            return execute(path, timeout=min(timeout, 300))
        except Exception as exc:
            hung = fired or isinstance(exc, (TimeoutError, CellTimeoutError, DeadKernelError))
            if not hung:
                raise
            if attempt == tries:
                raise TimeoutError(f"{path} hung {tries} times (each run stopped after "
                                   f"{timeout} s); rerun, or raise --timeout") from exc
            print(f"{path.name}: no answer ({type(exc).__name__}); running it again "
                  f"in a fresh kernel ({attempt + 1} of {tries})", flush=True)
        finally:
            _watchdog(0, path)
    raise AssertionError("unreachable")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["run", "check"])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--timeout", type=int, default=300,
                        help="seconds one notebook may take in all (default 300)")
    parser.add_argument("--tries", type=int, default=3,
                        help="executions of a notebook that hangs before giving up (default 3)")
    args = parser.parse_intermixed_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "book").glob("*.ipynb"))
    os.environ.pop("NNBOOK_STATIC", None)
    if args.command == "run":
        for path in notebooks:
            print(f"executing {path}", flush=True)
            _write(_execute_patiently(path, args.timeout, args.tries), path)
        return 0
    os.environ.update(perturbed_environment())
    print("check: initial weights nudged by one ulp, NumPy SIMD lowered to baseline "
          f"(NPY_DISABLE_CPU_FEATURES={os.environ['NPY_DISABLE_CPU_FEATURES']!r})", flush=True)
    problems, checked = [], 0
    for path in notebooks:
        stored = json.loads(path.read_text(encoding="utf-8"))
        fresh = _execute_patiently(path, args.timeout, args.tries)
        found = compare(stored, fresh, path.name)
        checked += sum(is_checked(c) for c in stored["cells"] if c["cell_type"] == "code")
        checked += len(stored_values(stored))
        print(f"{path.name}: {'OK' if not found else f'{len(found)} difference(s)'}", flush=True)
        problems += found
    for p in problems:
        print("\n" + p)
    print(f"check: {checked} checked outputs and inline values, {len(problems)} differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
