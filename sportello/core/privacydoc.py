"""Generate the tables of docs/privacy.md from the code: what each model stores (the models and
the classification in core/privacy.py) and who may open which page (the authorization matrix,
tests/test_authorization_matrix.py, and each view's declared roles).

    bin/privacy-doc            rewrite the generated parts of docs/privacy.md
    bin/privacy-doc --check    exit 1 when docs/privacy.md is out of date (what the test checks)

A development tool: it reads the test suite's matrix, so it runs from a checkout.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from sportello.core.crypto import EncryptedTextField
from sportello.core.privacy import (
    AREAS,
    MODELS,
    MUST_BE_ENCRYPTED,
    OBJECT_RULES,
    PAGE_OVERRIDES,
    PAGES,
    ROLE_COLUMNS,
    Kind,
    ModelPrivacy,
)

DOC = Path(settings.BASE_DIR) / "docs" / "privacy.md"
SECTIONS = ("models", "special", "access")
LOCK = "🔒"

# The order of the classes inside a table cell: the most sensitive first.
KIND_ORDER = [
    Kind.SPECIAL,
    Kind.IDENTIFYING,
    Kind.FREE_TEXT,
    Kind.PSEUDONYMOUS,
    Kind.USER,
    Kind.PUBLIC,
    Kind.ANONYMOUS,
    Kind.SECRET,
    Kind.NONE,
]


# --- models ----------------------------------------------------------------------------------


def stored_fields(model: type[models.Model]) -> Iterator[models.Field]:
    """The model's columns and many-to-many fields, without the per-language copies that
    django-modeltranslation adds (name_it, name_ar…: they share the classification of `name`)."""
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relations live on the other model
        if hasattr(field, "translated_field"):
            continue
        yield field


def translated(model: type[models.Model]) -> set[str]:
    return {
        field.translated_field.name
        for field in model._meta.get_fields()
        if hasattr(field, "translated_field")
    }


def problems() -> list[str]:
    """Everything the classification misses or gets wrong; empty when it is complete."""
    found: list[str] = []
    labels = {model._meta.label: model for model in apps.get_models()}
    for label, model in labels.items():
        spec = MODELS.get(label)
        if spec is None:
            found.append(f"{label}: model not classified in sportello/core/privacy.py")
            continue
        names = set()
        for field in stored_fields(model):
            names.add(field.name)
            entry = spec.fields.get(field.name)
            if entry is None:
                found.append(f"{label}.{field.name}: field not classified")
                continue
            encrypted = isinstance(field, EncryptedTextField)
            if entry.kind == Kind.SPECIAL and not entry.note:
                found.append(f"{label}.{field.name}: say what the special category is")
            if entry.kind in MUST_BE_ENCRYPTED and not encrypted and not spec.clear_text:
                found.append(
                    f"{label}.{field.name}: {entry.kind} stored in clear; encrypt it "
                    "(EncryptedTextField) or say why not (clear_text)"
                )
            if encrypted and entry.kind in (Kind.NONE, Kind.PUBLIC, Kind.ANONYMOUS):
                found.append(f"{label}.{field.name}: encrypted, yet classified {entry.kind}")
        for name in sorted(set(spec.fields) - names):
            found.append(f"{label}.{name}: classified but no such field")
    for label in sorted(set(MODELS) - set(labels)):
        found.append(f"{label}: classified but no such model")
    return found


def _cell_field(model: type[models.Model], spec: ModelPrivacy, name: str, i18n: set[str]) -> str:
    field = model._meta.get_field(name)
    text = f"{LOCK}{name}" if isinstance(field, EncryptedTextField) else name
    if name in i18n:
        text += "*"
    note = spec.fields[name].note
    return f"{text} ({note})" if note and spec.fields[name].kind != Kind.NONE else text


def _fields_cell(model: type[models.Model], spec: ModelPrivacy) -> str:
    i18n = translated(model)
    groups = []
    for kind in KIND_ORDER:
        names = [f.name for f in stored_fields(model) if spec.fields[f.name].kind == kind]
        if names:
            listed = ", ".join(_cell_field(model, spec, name, i18n) for name in names)
            groups.append(f"**{kind}**: {listed}")
    return "<br>".join(groups)


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def models_section() -> str:
    by_app: dict[str, list[type[models.Model]]] = {}
    for model in apps.get_models():
        by_app.setdefault(model._meta.app_label, []).append(model)
    out = []
    for app_label, app_models in by_app.items():
        out.append(f"#### `{app_label}`\n")
        out.append("| model | data subject | purpose | fields by class | retention |")
        out.append("|---|---|---|---|---|")
        for model in app_models:
            spec = MODELS[model._meta.label]
            out.append(
                f"| `{model.__name__}` | {_escape(spec.subject)} | {spec.purpose} | "
                f"{_escape(_fields_cell(model, spec))} | {_escape(spec.retention)} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def special_section() -> str:
    out = [
        "| field | may reveal | encrypted at rest |",
        "|---|---|---|",
    ]
    for model in apps.get_models():
        spec = MODELS[model._meta.label]
        for field in stored_fields(model):
            entry = spec.fields[field.name]
            if entry.kind == Kind.SPECIAL:
                encrypted = "yes" if isinstance(field, EncryptedTextField) else "no"
                out.append(f"| `{model._meta.label}.{field.name}` | {entry.note} | {encrypted} |")
    clear = [
        f"| `{label}` | {spec.clear_text} |" for label, spec in MODELS.items() if spec.clear_text
    ]
    out += ["", "Identifying data or free text stored in clear, and why:", ""]
    out += ["| model | why |", "|---|---|", *clear]
    return "\n".join(out) + "\n"


# --- pages -----------------------------------------------------------------------------------


def _part(entry: URLPattern | URLResolver) -> str:
    if isinstance(entry.pattern, LocalePrefixPattern):
        return "<lang>/"
    return str(entry.pattern)


def routes(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    """(url name, path, view) for every URL, with the full path (`<lang>/` for public pages)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry.url_patterns, prefix + _part(entry), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            path = re.sub(r"<\w+:(\w+)>", r"<\1>", "/" + prefix + _part(entry))
            yield f"{namespace}{entry.name}", path, entry.callback


def _namespace(name: str) -> str:
    return name.rsplit(":", 1)[0] if ":" in name else ""


def object_rule(name: str) -> dict[str, str]:
    if name in OBJECT_RULES:
        return OBJECT_RULES[name]
    return OBJECT_RULES.get(_namespace(name), {})


def page_data(name: str) -> str | None:
    return PAGE_OVERRIDES.get(name, PAGES.get(_namespace(name)))


def page_problems() -> list[str]:
    names = {name for name, _path, _view in routes()}
    found = [
        f"{name}: namespace not in PAGES (sportello/core/privacy.py)"
        for name in sorted(names)
        if page_data(name) is None
    ]
    found += [f"{name}: in PAGE_OVERRIDES but no such URL" for name in set(PAGE_OVERRIDES) - names]
    found += [
        f"{key}: in OBJECT_RULES but no such URL or namespace"
        for key in OBJECT_RULES
        if key not in names and key not in {_namespace(n) for n in names}
    ]
    found += [
        f"namespace {ns!r}: in AREAS but no URL"
        for ns in AREAS.keys() - {_namespace(n) for n in names}
    ]
    found += [
        f"{name}: namespace not in AREAS" for name in sorted(names) if _namespace(name) not in AREAS
    ]
    return found


def _matrix() -> dict[str, dict]:
    root = str(settings.BASE_DIR)
    if root not in sys.path:
        sys.path.insert(0, root)
    from tests.test_authorization_matrix import MATRIX

    return MATRIX


def may_use(row: dict, declared, role: str | None) -> bool:
    """A role may use a page when the matrix gives it the page (200) or, for a POST-only
    address, the method error (405) of a view that lets it in. A page that sends everyone on
    (302: a step of the sign-in with nothing to show yet) is for the roles its view declares."""
    lets_in = declared == "public" or role in (declared or ())
    if not any(status in (200, 405) for status in row.values()):
        return lets_in and (role is not None or declared == "public")
    return row[role] in (200, 405) and lets_in


def access_section() -> str:
    matrix = _matrix()
    groups: dict[tuple, list[str]] = {}
    order = list(dict.fromkeys(AREAS.values()))
    for name, path, view in routes():
        declared = getattr(view, "allowed_roles", None)
        namespace = _namespace(name)
        cells = []
        for role, _heading in ROLE_COLUMNS:
            if may_use(matrix[name], declared, role):
                cells.append(object_rule(name).get(role, "✓"))
            else:
                cells.append("")
        key = (AREAS[namespace], page_data(name), tuple(cells))
        groups.setdefault(key, []).append(path)
    out = [
        "| area | pages | personal data shown | "
        + " | ".join(heading for _role, heading in ROLE_COLUMNS)
        + " |",
        "|---|---|---|" + "---|" * len(ROLE_COLUMNS),
    ]
    for (area, data, cells), paths in sorted(groups.items(), key=lambda kv: order.index(kv[0][0])):
        listed = " ".join(f"`{path}`" for path in dict.fromkeys(paths))
        out.append(f"| {area} | {listed} | {data} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


# --- the page --------------------------------------------------------------------------------


def begin(section: str) -> str:
    return f"<!-- BEGIN generated {section}: bin/privacy-doc -->"


def end(section: str) -> str:
    return f"<!-- END generated {section} -->"


def render(text: str) -> str:
    """`text` with each generated section replaced by what the code says today."""
    builders = {"models": models_section, "special": special_section, "access": access_section}
    for section in SECTIONS:
        pattern = re.compile(re.escape(begin(section)) + r".*?" + re.escape(end(section)), re.S)
        if not pattern.search(text):
            raise ValueError(f"docs/privacy.md lacks the markers of the {section!r} section")
        body = builders[section]()
        text = pattern.sub(lambda _m, b=body, s=section: f"{begin(s)}\n{b}{end(s)}", text)
    return text


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    issues = problems() + page_problems()
    if issues:
        print("Classify these in sportello/core/privacy.py first:", *issues, sep="\n  ")
        return 1
    current = DOC.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in argv:
        if fresh != current:
            print("docs/privacy.md is out of date: run bin/privacy-doc")
            return 1
        return 0
    if fresh != current:
        DOC.write_text(fresh, encoding="utf-8")
        print("docs/privacy.md updated")
    else:
        print("docs/privacy.md is up to date")
    return 0


if __name__ == "__main__":
    import django

    django.setup()
    sys.exit(main())
