#!/usr/bin/env python3
"""Runs the terminal examples of README.md and docs/*.md and checks, or rewrites, their output.

An example is a fenced block opened with ```console: lines starting with "$ " are commands, the
lines after each command are what it prints (stdout and stderr together, line-buffered as on a
terminal). A line holding only "…" stands for any number of lines, so a long output can be shown
in part. The commands of one file run in order in one scratch folder (so `init` can write the
plan that `review` reads next), with the repository's Data/ linked in and the given stipple first
on the PATH.

    scripts/doc_examples.py --check [--stipple PATH]   # exit 1 and a diff when an example drifted
    scripts/doc_examples.py --write [--stipple PATH]   # rewrite the examples from fresh runs

CLIReferenceTests runs --check against the stipple built with the tests, so a change of output
that is not carried into the docs fails the suite. Timings ("in 0.27 s") are not deterministic:
keep them out of examples.
"""
import argparse
import difflib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ELLIPSIS = "…"


def documents():
    return [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))


def examples(lines):
    """(first line index inside the fence, end index, [(command, [expected lines])]) per block."""
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip() == "```console":
            start = i + 1
            end = start
            while end < len(lines) and lines[end].strip() != "```":
                end += 1
            steps = []
            for line in lines[start:end]:
                if line.startswith("$ "):
                    steps.append((line[2:], []))
                elif steps:
                    steps[-1][1].append(line)
            out.append((start, end, steps))
            i = end + 1
        else:
            i += 1
    return out


def run(command, folder, stipple):
    env = dict(os.environ)
    env["PATH"] = str(pathlib.Path(stipple).resolve().parent) + os.pathsep + env.get("PATH", "")
    env.pop("COLUMNS", None)
    done = subprocess.run(["stdbuf", "-oL", "-eL", "bash", "-c", command], cwd=folder, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    text = done.stdout.decode("utf-8", "replace").replace(str(folder) + "/", "")
    return text.rstrip("\n").split("\n") if text.strip() else []


def matches(expected, actual):
    """Whether `actual` fits `expected`, where a "…" line matches any run of lines."""
    if ELLIPSIS not in [e.strip() for e in expected]:
        return expected == actual
    k = next(i for i, e in enumerate(expected) if e.strip() == ELLIPSIS)
    head, rest = expected[:k], expected[k + 1:]
    if actual[:len(head)] != head:
        return False
    tail = actual[len(head):]
    return any(matches(rest, tail[j:]) for j in range(len(tail) + 1))


def rewritten(expected, actual):
    """`actual`, shortened the way `expected` is: as many lines before and after its "…"."""
    marks = [i for i, e in enumerate(expected) if e.strip() == ELLIPSIS]
    if not marks:
        return actual
    head, tail = marks[0], len(expected) - marks[-1] - 1
    if head + tail >= len(actual):
        return actual
    return actual[:head] + [ELLIPSIS] + (actual[len(actual) - tail:] if tail else [])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    parser.add_argument("--stipple", help="the stipple executable (default: the release build)")
    args = parser.parse_args()
    stipple = args.stipple
    if not stipple:
        subprocess.run(["swift", "build", "-c", "release", "--product", "stipple"], cwd=ROOT, check=True, stdout=sys.stderr)
        stipple = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.strip() + "/stipple"
    stale = 0
    for document in documents():
        lines = document.read_text(encoding="utf-8").split("\n")
        found = examples(lines)
        if not found:
            continue
        folder = pathlib.Path(tempfile.mkdtemp(prefix="stipple-doc-"))
        try:
            (folder / "Data").symlink_to(ROOT / "Data")
            replacements = []
            for start, end, steps in found:
                block = []
                for command, expected in steps:
                    actual = run(command, folder, stipple)
                    if not matches(expected, actual):
                        stale += 1
                        name = document.relative_to(ROOT)
                        print(f"{name}: the output of `$ {command}` changed:", file=sys.stderr)
                        sys.stderr.writelines(line + "\n" for line in difflib.unified_diff(
                            expected, actual, "documented", "now", lineterm="", n=1))
                    block += ["$ " + command] + rewritten(expected, actual)
                replacements.append((start, end, block))
            if args.write:
                for start, end, block in reversed(replacements):
                    lines[start:end] = block
                temporary = document.with_name("." + document.name + ".new")
                temporary.write_text("\n".join(lines), encoding="utf-8")
                temporary.replace(document)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if args.check and stale:
        print(f"{stale} example(s) drifted: run scripts/doc_examples.py --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
