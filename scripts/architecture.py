"""The arrows between the project's apps, read from the code, and the picture of them.

Which app uses which is read from the source, without importing it or starting
Django: every ``import`` (also inside functions and in migrations) and every
string that names another app's model, permission or migration. The rules the
arrows must follow are here too; tests/test_architecture.py fails on an arrow
against them, and this script draws the arrows that exist into
docs/architecture.md:

    python scripts/architecture.py          # redraw the picture in the doc
    python scripts/architecture.py --check  # exit 1 if the doc is out of date
"""

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The project's apps, from the ground up.
APPS = ("core", "methods", "services", "resources", "goals", "api", "config")

#: Which apps each app may use (besides itself). ``config`` composes the apps
#: into a site and may use any; tests and scripts may use anything and are not
#: checked.
ALLOWED = {
    "core": set(),
    "methods": {"core"},
    "services": {"core", "methods"},
    "resources": {"core", "methods", "services"},
    "goals": {"core", "methods", "services"},
    # The open data composes the content apps, like config, but is not the
    # project: config may use it, no app may.
    "api": {"core", "methods", "services", "resources", "goals"},
    "config": set(APPS),
}

#: Folders that hold no code of the project's own.
SKIPPED_DIRS = {".venv", ".git", "node_modules", "static", "artifacts", "__pycache__"}

DOC = ROOT / "docs" / "architecture.md"
PICTURE_START = "<!-- architecture picture: start (python scripts/architecture.py) -->"
PICTURE_END = "<!-- architecture picture: end -->"

_APP = "|".join(APPS)
#: "services.Offer", "services.view_offer", "methods.models": a dotted name that
#: starts with an app label.
_DOTTED = re.compile(rf"^({_APP})\.[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
#: ... but not a file name that happens to start with one ("goals.html").
_FILE_SUFFIXES = {"html", "txt", "xml", "css", "js", "py", "md", "yaml", "json", "csv"}
#: Calls whose first argument is an app label: apps.get_model("services", "Offer").
_APP_LABEL_CALLS = {"get_model", "get_app_config", "get_by_natural_key"}
#: Keyword arguments whose value is an app label.
_APP_LABEL_KEYWORDS = re.compile(r"^(\w+__)?app_label$")


@dataclass(frozen=True)
class Reference:
    """One place in the code where an app uses another (or itself)."""

    path: str  # relative to the repository, with forward slashes
    line: int
    source: str  # the app the file belongs to ("tests", "scripts" for those)
    target: str  # the app used
    how: str  # "import services.models", "'services.Offer'"

    def __str__(self):
        return f"{self.path}:{self.line}: {self.source} -> {self.target} ({self.how})"


def module_app(path):
    """The app (first folder) a file relative to the repository belongs to."""
    return Path(path).parts[0] if len(Path(path).parts) > 1 else ""


def read_module(source, path):
    """Every reference to one of the project's apps in one module's source.

    ``path`` is the module's path relative to the repository; it names the app
    the module belongs to and resolves relative imports.
    """
    path = Path(path).as_posix()
    app = module_app(path)
    references = []

    def add(node, target, how):
        references.append(Reference(path, node.lineno, app, target, how))

    def app_of(dotted):
        head = dotted.split(".", 1)[0]
        return head if head in APPS else None

    package = Path(path).parent.parts
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if target := app_of(alias.name):
                    add(node, target, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join((*base, node.module or ""))
            else:
                module = node.module or ""
            if target := app_of(module):
                names = ", ".join(alias.name for alias in node.names)
                add(node, target, f"from {module.rstrip('.')} import {names}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if (
                _DOTTED.match(node.value)
                and node.value.rsplit(".", 1)[1] not in _FILE_SUFFIXES
            ):
                add(node, app_of(node.value), repr(node.value))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name in _APP_LABEL_CALLS and node.args:
                label = _string(node.args[0])
                if label in APPS:
                    add(node, label, f"{name}({label!r}, ...)")
            for keyword in node.keywords:
                label = _string(keyword.value)
                if (
                    keyword.arg
                    and _APP_LABEL_KEYWORDS.match(keyword.arg)
                    and label in APPS
                ):
                    add(node, label, f"{keyword.arg}={label!r}")
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            for label in _app_labels_in(node):
                add(node, label, f"{label!r} in {ast.unparse(node)[:60]}")
    return sorted(references, key=lambda reference: reference.line)


def project_modules(root=ROOT):
    """The repository's Python files, as paths relative to ``root``."""
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if not SKIPPED_DIRS.intersection(relative.parts):
            yield relative


def project_references(root=ROOT):
    """Every reference from one of the apps to another, in the whole project."""
    for relative in project_modules(root):
        if module_app(relative) not in APPS:
            continue
        source = (root / relative).read_text(encoding="utf-8")
        for reference in read_module(source, relative):
            if reference.target != reference.source:
                yield reference


def violations(references):
    """The references that go against the arrows in ``ALLOWED``."""
    return [
        reference
        for reference in references
        if reference.source in ALLOWED
        and reference.target != reference.source
        and reference.target not in ALLOWED[reference.source]
    ]


def mermaid(references):
    """A Mermaid graph with one arrow for each pair of apps where one uses the
    other; an arrow against the rules is dashed. The picture changes only when
    an arrow between two apps appears or goes, not with every import."""
    arrows = sorted(
        {(r.source, r.target) for r in references if r.source != r.target},
        key=lambda arrow: (APPS.index(arrow[0]), APPS.index(arrow[1])),
    )
    lines = ["```mermaid", "graph BT"]
    for source, target in arrows:
        line = "-->" if target in ALLOWED[source] else "-. against the rules .->"
        lines.append(f"    {source} {line} {target}")
    lines.append("```")
    return "\n".join(lines) + "\n"


def redraw(text, picture):
    """The doc's text with the picture between its markers replaced."""
    start = text.index(PICTURE_START) + len(PICTURE_START)
    end = text.index(PICTURE_END)
    return f"{text[:start]}\n{picture}{text[end:]}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if docs/architecture.md does not show the arrows of the code",
    )
    args = parser.parse_args(argv)
    text = DOC.read_text(encoding="utf-8")
    drawn = redraw(text, mermaid(list(project_references())))
    if args.check:
        if drawn != text:
            print(f"{DOC.relative_to(ROOT)} is out of date: run {Path(__file__).name}")
            return 1
        return 0
    DOC.write_text(drawn, encoding="utf-8")
    return 0


def _string(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _app_labels_in(node):
    """The app labels a literal tuple or list names.

    Either every element is an app label (``("methods", "services")``), or the
    first is and the rest say what of it: a migration's dependency
    ``("methods", "0001_initial")``, a grant on some or all of an app's models
    ``("services", "offer", actions)``, ``("resources", None, actions)``.
    """
    labels = [_string(element) for element in node.elts]
    if len(labels) < 2 or labels[0] not in APPS:
        return []
    if all(label in APPS for label in labels):
        return labels
    second = node.elts[1]
    names_a_part = (
        isinstance(second, ast.Constant) and second.value is None
    ) or re.fullmatch(r"\d{4}_\w+|[a-z][a-z0-9]*", labels[1] or "")
    return [labels[0]] if names_a_part else []


if __name__ == "__main__":
    sys.exit(main())
