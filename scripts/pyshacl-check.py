#!/usr/bin/env python3
"""Validate RDF data against the SHACL shapes with pySHACL, an independent SHACL engine.

hankegraph's own engine (src/validate) is cross-checked against this script by tests/shacl.rs.

    python3 scripts/pyshacl-check.py DATA...            # prints "conforms: true|false" per file
    python3 scripts/pyshacl-check.py --results DATA...  # also one line per validation result

DATA is N-Quads (.nq), TriG (.trig), Turtle (.ttl) or N-Triples (.nt). Every graph of the file
(named graphs and the default graph) is merged into ONE data graph before validation, as
docs/mapping.md section 14 requires (pySHACL would otherwise validate each named graph on its
own). Validation uses inference="none", advanced=False.

Output, per file (a "# FILE" header line first when several files are given):

    conforms: false                        SHACL sh:conforms (false with any result, Warnings too)
    conforms-allowing-warnings: true       pySHACL allow_warnings=True (no sh:Violation)
    result<TAB>SEVERITY<TAB>FOCUS<TAB>COMPONENT<TAB>PATH    (with --results; sorted, unique)

FOCUS is in N-Triples syntax (blank nodes written "_:"), PATH in SPARQL property-path syntax
with full IRIs (or "-"). The exit code is 0 whenever validation ran, 2 on bad usage or input.
pySHACL is installed with pip when it is missing.
"""

import argparse
import importlib
import logging
import subprocess
import sys
import warnings
from pathlib import Path

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
FORMATS = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt"}


def ensure_pyshacl():
    """Import pyshacl, installing it with pip first if needed."""
    try:
        return importlib.import_module("pyshacl")
    except ImportError:
        pass
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "pyshacl"]
    if subprocess.run(cmd).returncode != 0:
        # A distribution's "externally managed" Python refuses plain pip installs.
        if subprocess.run(cmd + ["--user", "--break-system-packages"]).returncode != 0:
            sys.exit(
                "pyshacl-check: pySHACL is missing and `python3 -m pip install pyshacl` failed; "
                "install pip (Debian: apt-get install python3-pip) and PyPI access"
            )
    importlib.invalidate_caches()
    import site

    if site.getusersitepackages() not in sys.path:
        sys.path.append(site.getusersitepackages())
    return importlib.import_module("pyshacl")


def load_union(path):
    """All triples of all graphs of the file, as one rdflib Graph."""
    from rdflib import Dataset, Graph

    fmt = FORMATS.get(Path(path).suffix)
    if fmt is None:
        sys.exit(f"pyshacl-check: unknown RDF format of {path} (use .nq, .trig, .ttl or .nt)")
    ds = Dataset()
    ds.parse(path, format=fmt)
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def term_text(term):
    from rdflib import BNode

    if isinstance(term, BNode):
        return "_:"
    return term.n3()


def path_text(graph, node):
    """A SHACL path node as SPARQL property-path text, the way hankegraph's Path displays it."""
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import RDF, SH

    def atom(n):
        text = path_text(graph, n)
        return text if isinstance(n, URIRef) else f"({text})"

    if isinstance(node, URIRef):
        return node.n3()
    if isinstance(node, BNode):
        if (node, RDF.first, None) in graph:
            return "/".join(atom(n) for n in Collection(graph, node))
        for pred, fmt in (
            (SH.inversePath, "^{}"),
            (SH.zeroOrMorePath, "{}*"),
            (SH.oneOrMorePath, "{}+"),
            (SH.zeroOrOnePath, "{}?"),
        ):
            inner = graph.value(node, pred)
            if inner is not None:
                return fmt.format(atom(inner))
        alternatives = graph.value(node, SH.alternativePath)
        if alternatives is not None:
            return "|".join(atom(n) for n in Collection(graph, alternatives))
    return "?"


def result_lines(report):
    from rdflib.namespace import RDF, SH

    lines = set()
    # Only the report's own results: pySHACL also adds nested ones as sh:detail (for sh:node).
    results = [
        r
        for report_node in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(report_node, SH.result)
    ]
    for r in results:
        path = report.value(r, SH.resultPath)
        lines.add(
            "\t".join(
                [
                    "result",
                    str(report.value(r, SH.resultSeverity)),
                    term_text(report.value(r, SH.focusNode)),
                    str(report.value(r, SH.sourceConstraintComponent)),
                    "-" if path is None else path_text(report, path),
                ]
            )
        )
    return sorted(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="+", help="data files (.nq, .trig, .ttl, .nt)")
    parser.add_argument("--shapes", default=str(SHAPES), help="shapes graph (Turtle)")
    parser.add_argument("--results", action="store_true", help="print the results too")
    args = parser.parse_args()

    pyshacl = ensure_pyshacl()
    # rdflib logs a traceback for every ill-typed literal; those are expected here.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    from rdflib import Graph

    shapes = Graph().parse(args.shapes, format="turtle")
    for path in args.data:
        if len(args.data) > 1:
            print(f"# {path}")
        data = load_union(path)
        conforms, report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=False,
            allow_warnings=False,
        )
        lenient, _report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=False,
            allow_warnings=True,
        )
        print(f"conforms: {str(bool(conforms)).lower()}")
        print(f"conforms-allowing-warnings: {str(bool(lenient)).lower()}")
        if args.results:
            for line in result_lines(report):
                print(line)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
