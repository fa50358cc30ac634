"""PDF rendering with typst and the Noto fonts shipped as pip packages.

Typst sources are templates kept next to the app that uses them, in `sportello/<app>/typst/`.
`render_pdf("casework/referral_slip.typ", data)` compiles
`sportello/casework/typst/referral_slip.typ` with `data` available to the template as JSON:

    #import "/core/typst/sportello.typ": data, layout
    #show: layout
    = #data.title

Data is never interpolated into typst markup (no injection: a `#` or `[` in a name stays a
character), only read by the template with `json(bytes(sys.inputs.data))` — `sportello.typ` does
it. Fonts come only from the pip packages (system fonts are ignored), so a PDF is the same on
every machine; Arabic is shaped and set right-to-left when `data["lang"]` is "ar".

Extra inputs (e.g. an SVG chart or QR code as text) go in `inputs`: the template reads them with
`sys.inputs.<name>` (e.g. `image(bytes(sys.inputs.qr), format: "svg")`).
"""

import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import fontpkg_noto_sans
import fontpkg_noto_sans_arabic
import typst
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.functional import Promise

# Typst's root: templates import the shared helpers as "/core/typst/sportello.typ".
ROOT = Path(__file__).resolve().parent.parent

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


class PdfError(RuntimeError):
    pass


@cache
def font_paths() -> tuple[str, ...]:
    """The directories holding the Noto font files of the installed pip packages."""
    paths = []
    for package in (fontpkg_noto_sans, fontpkg_noto_sans_arabic):
        root = Path(package.ROOT)
        files = root / "files"
        paths.append(str(files if files.is_dir() else root))
    return tuple(paths)


def template_path(template_name: str) -> Path:
    """ "casework/referral_slip.typ" → sportello/casework/typst/referral_slip.typ."""
    app, _, name = template_name.partition("/")
    path = (ROOT / app / "typst" / name).resolve()
    if not name or ROOT not in path.parents or not path.is_file():
        raise PdfError(f"No typst template {template_name!r}.")
    return path


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Promise):  # lazy translations
            return str(o)
        if isinstance(o, Decimal):
            return str(o)
        if isinstance(o, datetime | date):
            return o.isoformat()
        return super().default(o)


def render_pdf(
    template_name: str,
    data: dict[str, Any],
    *,
    inputs: dict[str, str] | None = None,
) -> bytes:
    """Compile a typst template with `data` (JSON-serialisable; lazy strings, dates and decimals
    are converted) and return the PDF bytes. `data["lang"]` sets the language and direction."""
    payload = {"lang": "it", **data}
    payload["dir"] = "rtl" if payload["lang"] in RTL_LANGUAGES else "ltr"
    sys_inputs = {**(inputs or {}), "data": json.dumps(payload, cls=_Encoder)}
    path = template_path(template_name)
    try:
        return typst.compile(
            str(path),
            root=str(ROOT),
            font_paths=list(font_paths()),
            ignore_system_fonts=True,
            sys_inputs=sys_inputs,
        )
    except typst.TypstError as exc:
        raise PdfError(f"typst could not compile {template_name}: {exc}") from exc
