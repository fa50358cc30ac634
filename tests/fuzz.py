"""Shared pieces of the input-fuzzing tests (tests/**/test_fuzz_*.py): nasty values, hypothesis
strategies that spoil a valid submission, and the checks every rejected submission must pass —
never a 500, the form shown again with its errors (or a 400), nothing written.

Each example runs inside a savepoint that is rolled back, so the examples do not see each
other's writes and a database error cannot poison the test's transaction.

The suite runs few examples per test (it must stay fast); to fuzz harder before a release, e.g.
    SPORTELLO_FUZZ_EXAMPLES=500 DATABASE_URL=postgres://… .venv/bin/pytest -k fuzz
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# A valid e-mail address longer than the 254 characters of Django's e-mail columns, but within
# the 320 that EmailValidator accepts.
LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".example.org"

NASTY = [
    "",
    " ",
    "x" * 5000,  # longer than every max_length
    "\x00",
    "nul\x00byte",
    "\x01\x02\x07\x08\x0b\x0c\x1b[31m\x7f",  # control characters (illegal in XML/XLSX)
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e\u2066x\u2069",  # directional marks and isolates
    "مرحبا بكم",  # Arabic
    "e\u0301\u0302\u0303" * 40,  # a pile of combining characters
    "😀👍🏽🇮🇹\U0010ffff",
    "\ufeffbom",
    "\ufffd",
    '=HYPERLINK("http://x")',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "-1",
    "0",
    "1e309",
    "NaN",
    "-Infinity",
    "9" * 40,
    "-" + "9" * 20,
    "2147483648",
    "0x10",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "31/12/9999",
    "25:61",
    "24:00",
    "00:00:00.000000001",
    "[]",
    "null",
    LONG_EMAIL,
]

nasty_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
)
DROP = object()  # the field is left out of the submission


def spoil(valid: dict, fields: list[str]) -> st.SearchStrategy[dict]:
    """`valid` with some of `fields` replaced by a nasty value, left out, or sent twice."""
    change = st.one_of(
        nasty_text,
        st.just(DROP),
        st.lists(nasty_text, min_size=2, max_size=3),  # the field repeated
    )
    return st.dictionaries(st.sampled_from(fields), change, min_size=1, max_size=4).map(
        lambda changes: _apply(valid, changes)
    )


def _apply(valid: dict, changes: dict) -> dict:
    data = dict(valid)
    for name, value in changes.items():
        if value is DROP:
            data.pop(name, None)
        else:
            data[name] = value
    return data


FUZZ = settings(
    max_examples=int(os.environ.get("SPORTELLO_FUZZ_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# For tests whose every example is a whole export or import: a third as many examples.
FUZZ_SLOW = settings(FUZZ, max_examples=max(1, FUZZ.max_examples // 3))


@contextmanager
def rolled_back() -> Iterator[None]:
    """Whatever happens inside is undone (one hypothesis example)."""
    cache.clear()  # rate limits count in the cache
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def row_counts() -> dict[str, int]:
    """The number of rows of every table of the project (one query)."""
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    )
    tables.remove("django_session")  # signing in is not writing the submission
    quote = connection.ops.quote_name
    select = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def writes(before: dict[str, int]) -> dict[str, int]:
    after = row_counts()
    return {t: after[t] - n for t, n in before.items() if after[t] != n}


def shows_errors(response: HttpResponse) -> bool:
    body = response.content.decode()
    marks = ('class="errorlist', 'aria-invalid="true"', 'role="alert"', 'class="message error')
    return any(mark in body for mark in marks)


def check_rejected(response: HttpResponse, before: dict[str, int], *, also=()) -> None:
    """A refused submission: its form again with the errors (200; 409 when someone else saved
    the record meanwhile), a 400, or a 404 for a reference to something that is not there;
    nothing written (tables in `also` may change: e.g. an audit row of reading the page)."""
    assert response.status_code in (200, 400, 404, 409), response.status_code
    if response.status_code in (200, 409):
        assert shows_errors(response), "a refused form must say what is wrong"
    changed = {t: n for t, n in writes(before).items() if t not in also}
    assert not changed, f"a refused submission wrote rows: {changed}"


def submit(client: Client, url: str, data: dict, *, ok=(302,), also=()) -> HttpResponse:
    """POST `data`; either it is accepted (a status in `ok`) or refused cleanly."""
    before = row_counts()
    # A browser always sends the CSRF field (the test client does not check it): never an empty
    # POST, which views take for "show the empty form".
    response = client.post(url, {"csrfmiddlewaretoken": "x", **data})
    assert response.status_code != 500
    if response.status_code not in ok:
        check_rejected(response, before, also=also)
    return response


def raw_post(client: Client, url: str, body: bytes, content_type: str) -> HttpResponse:
    return client.generic("POST", url, body, content_type=content_type)


def urlencode_bytes(data: dict) -> bytes:
    return urllib.parse.urlencode(data, doseq=True).encode()


# Raw bodies no browser sends: invalid UTF-8, lone surrogates (as CESU/WTF-8 bytes), overlong
# encodings, a truncated sequence, UTF-16.
BAD_BYTES = [
    b"\xff\xfe\xfd",
    b"\xed\xa0\x80",  # a lone high surrogate encoded as if it were a character
    b"\xed\xbf\xbf",
    b"\xc0\x80",  # overlong NUL
    b"\xe2\x82",  # truncated
    "città".encode("utf-16"),
    "città".encode("latin-1"),
]
