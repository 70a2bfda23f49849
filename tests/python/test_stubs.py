"""The type stubs (python/silkgraph/__init__.pyi) against the module as built: every public
name, class, method and property the package has is in the stubs with the same parameters, and
the stubs declare nothing the package lacks, so IDEs and type checkers see what help() shows."""

import ast
import inspect
import os

import silkgraph

STUB = os.path.join(os.path.dirname(silkgraph.__file__), "__init__.pyi")


def _stub_tree():
    with open(STUB, encoding="utf-8") as f:
        return ast.parse(f.read())


def _stub_classes():
    return {n.name: n for n in _stub_tree().body if isinstance(n, ast.ClassDef)}


def _public(names):
    return {n for n in names if not n.startswith("_") or n in ("__enter__", "__exit__",
                                                               "__iter__", "__next__", "__len__")}


def test_every_exported_name_is_in_the_stubs():
    declared = set(_stub_classes())
    for node in _stub_tree().body:
        if isinstance(node, ast.ImportFrom):
            declared |= {a.asname or a.name for a in node.names}
    missing = [name for name in silkgraph.__all__ if name not in declared]
    assert not missing, "in silkgraph.__all__ but not in __init__.pyi: %s" % missing


def test_stub_classes_match_the_runtime_classes():
    for name, node in _stub_classes().items():
        runtime = getattr(silkgraph, name)
        stubbed = _public(n.name for n in node.body if isinstance(n, ast.FunctionDef))
        stubbed |= _public(t.id for n in node.body if isinstance(n, ast.AnnAssign)
                           for t in [n.target])
        if issubclass(runtime, BaseException):
            extra = [a for a in stubbed if not hasattr(runtime("x"), a)]
            assert not extra, "%s: stubbed but missing: %s" % (name, extra)
            continue
        actual = _public(a for a in dir(runtime) if not a.startswith("__") or a in stubbed)
        actual -= _public(dir(object))
        assert stubbed == actual, "%s: only in the stubs %s, only in the module %s" % (
            name, sorted(stubbed - actual), sorted(actual - stubbed))


def _stub_parameters(function):
    a = function.args
    return ([p.arg for p in a.posonlyargs + a.args][1:], [p.arg for p in a.kwonlyargs])


def test_stub_signatures_match_the_runtime_signatures():
    # pybind11 functions show their signature as the first line of __doc__.
    for cls_name in ("Database", "Result"):
        node = _stub_classes()[cls_name]
        runtime = getattr(silkgraph, cls_name)
        for f in node.body:
            if not isinstance(f, ast.FunctionDef) or f.args.vararg or any(
                    isinstance(d, ast.Name) and d.id == "property" for d in f.decorator_list):
                continue
            positional, keyword = _stub_parameters(f)
            member = getattr(runtime, f.name)
            doc = member.__doc__ or ""
            if doc.startswith(f.name + "(") or doc.startswith("__init__("):
                first = doc.split("\n", 1)[0]
                params = first[first.index("(") + 1:first.rindex(") ->")].split(", ")
                names = [p.split(":")[0].strip() for p in params if p != "*"]
                assert names[1:] == positional + keyword, "%s.%s: stub %s, module %s" % (
                    cls_name, f.name, positional + keyword, names[1:])
            else:
                sig = inspect.signature(member)
                names = [p for p in sig.parameters][1:]
                assert names == positional + keyword or f.name.startswith("__"), (
                    "%s.%s: stub %s, module %s" % (cls_name, f.name, positional + keyword, names))
