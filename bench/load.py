"""Load test: the production server under 50 staff users and 200 public readers at once.

    .venv/bin/python -m bench.load                      # SQLite, 10 minutes
    .venv/bin/python -m bench.load --database-url postgres://postgres@127.0.0.1:5432/test
    .venv/bin/python -m bench.load --duration 60 --staff 10 --public 40

What it does, on loopback only, bounded in users and in time, stopping by itself:

1. a throwaway installation: a temporary SPORTELLO_VAR_DIR and a temporary SQLite file, or a
   database `sportello_bench_load` created next to the one named by --database-url (dropped at
   the end); `sportello setup` (migrations, translations, static files, demo data);
2. the staff accounts (one coordinator for four operators; every operator follows a dozen of the
   demo people), created with one `manage.py shell` command;
3. `sportello serve` — gunicorn with its default workers and threads, DEBUG off, two-factor
   sign-in off (SPORTELLO_REQUIRE_2FA=false: load users have no second factor);
4. the users, as asyncio tasks with their own cookies (httpx): each staff user signs in through
   the login form (CSRF token included), then does what an operator does between two places —
   today's page, the people list, finding a person by code or name, a person's page, recording an
   encounter, an anonymous encounter, a visit with the people met or a note through the real forms
   (fields read from the page, as a browser sends them), registering a person, the lists and the
   indicators — with think times; each public reader picks a language and reads the home page
   (with its style sheets and scripts, once), searches the directory with varied words and
   filters, opens services, the map, the news, the outreach week and the events;
5. at the end: the server is stopped, and every write it acknowledged (a redirect after the
   form) is looked for in the database: visits by code with their number of people met,
   encounters and notes by a unique token in their (encrypted) text, people by code.

Recorded: requests and requests/s by kind, p50/p95/p99 latency by kind, errors (any status
outside 2xx/3xx, a form sent back instead of saved, or an exception; target 0), lost writes
(target 0), the server's memory (sum of the RSS — and PSS — of the gunicorn master and workers,
sampled from /proc every second: peak and end), its CPU time, and its workers and threads.
Prints Markdown tables; --json writes the figures for scripts (the smoke test reads it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "load-test-password-not-a-secret"
USER_PREFIX = "load-"
PG_DATABASE = "sportello_bench_load"
REQUEST_TIMEOUT = 30.0
# Idle connections are closed by the client before gunicorn's keep-alive (2 s) closes them, so a
# request never goes out on a connection the server is closing (a browser would retry it).
KEEPALIVE_EXPIRY = 1.0

# Think times, in seconds (multiplied by --think): between two actions, and while filling a form.
STAFF_THINK = (2.0, 10.0)
FORM_FILLING = (3.0, 8.0)
PUBLIC_THINK = (3.0, 15.0)

PUBLIC_LANGUAGES = {"it": 40, "ar": 15, "ro": 15, "sq": 10, "fr": 10, "en": 10}
# What people type, in each public language (some match many services, some few or none).
QUERIES = {
    "it": [
        "corso di italiano",
        "ital",
        "permesso di soggiorno",
        "medico",
        "lavoro",
        "casa affitto",
        "caritas",
        "consultorio",
        "scuola",
        "Fubine",
        "patente",
        "sportello",
    ],
    "en": ["italian course", "doctor", "job", "residence permit", "housing", "school"],
    "fr": ["cours d'italien", "médecin", "travail", "logement", "permis de séjour", "école"],
    "ar": ["الإيطالية", "طبيب", "عمل", "سكن", "تصريح الإقامة", "مدرسة"],
    "ro": ["curs de italiană", "medic", "loc de muncă", "locuință", "permis de ședere", "școală"],
    "sq": ["kurs italisht", "mjek", "punë", "banesë", "leje qëndrimi", "shkollë"],
}
FILTERS = ("category", "municipality", "speaks", "weekday", "open_now", "free", "without_documents")
INVENTED_NAMES = ["Amina Ipotetica Demo", "Ioana Inesistente Demo", "Arben Nessuno Demo"]

PERSON_LINK = re.compile(r'href="/app/people/(SM-[0-9A-Z]{3}-[0-9A-Z]{3})/"')
VISIT_URL = re.compile(r"/app/visits/([0-9a-f-]{36})/$")
PERSON_URL = re.compile(r"/app/people/(SM-[0-9A-Z]{3}-[0-9A-Z]{3})/(#[a-z-]+)?$")
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')


# --- HTML forms, read as a browser reads them -----------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    values: list[tuple[str, str]] = field(default_factory=list)  # sent as is
    choices: dict[str, list[str]] = field(default_factory=dict)  # radio, checkbox, select
    kinds: dict[str, str] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.kinds

    def value(self, name: str) -> str:
        return next((value for key, value in self.values if key == name), "")

    def options(self, name: str) -> list[str]:
        return [value for value in self.choices.get(name, []) if value]

    def data(self, changes: dict[str, str | list[str] | None]) -> dict[str, list[str]]:
        """What the browser sends once the user has changed `changes` (None clears a field)."""
        data: dict[str, list[str]] = defaultdict(list)
        for name, value in self.values:
            if name not in changes:
                data[name].append(value)
        for name, value in changes.items():
            if value is None:
                continue
            data[name] = [value] if isinstance(value, str) else list(value)
        return dict(data)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._template = 0  # rows added by scripts live in <template>: not sent
        self._select: str | None = None
        self._selected: list[str] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._template += 1
        if self._template:
            return
        if tag == "form":
            self._form = Form(
                action=attrs.get("action") or "", method=(attrs.get("method") or "get").lower()
            )
            self.forms.append(self._form)
            return
        form, name = self._form, attrs.get("name")
        if form is None:
            return
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            form.kinds[name] = kind
            if kind in ("radio", "checkbox"):
                value = attrs.get("value") or "on"
                form.choices.setdefault(name, []).append(value)
                if "checked" in attrs:
                    form.values.append((name, value))
            else:
                form.values.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._selected = name, []
            form.kinds[name] = "select-multiple" if "multiple" in attrs else "select"
            form.choices[name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            form.choices[self._select].append(value)
            if "selected" in attrs:
                self._selected.append(value)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
            form.kinds[name] = "textarea"

    def handle_endtag(self, tag):
        if tag == "template":
            self._template = max(0, self._template - 1)
            return
        if self._template or self._form is None:
            return
        form = self._form
        if tag == "select" and self._select:
            name, options = self._select, form.choices[self._select]
            if self._selected:
                form.values.extend((name, value) for value in self._selected)
            elif form.kinds[name] == "select" and options:
                form.values.append((name, options[0]))
            self._select = None
        elif tag == "textarea" and self._textarea:
            form.values.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._textarea and not self._template:
            self._text.append(data)


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_with(html: str, field_name: str) -> Form | None:
    """The page's POST form that has `field_name` (not the sign-out or language forms)."""
    return next(
        (f for f in forms_in(html) if f.method == "post" and f.has(field_name)),
        None,
    )


# --- figures ----------------------------------------------------------------------------------


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


class Stats:
    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[tuple[str, str]] = Counter()
        self.error_log: list[dict] = []  # the first errors, with their time and detail
        self.writes: list[dict] = []
        self.loop_lags: list[float] = []  # ms, every 0.1 s
        self.retries: Counter[str] = Counter()  # requests sent again after a keep-alive race
        # per 10 seconds of the run (answers counted when they end): requests, errors, latencies
        self.timeline: dict[int, dict] = defaultdict(lambda: {"requests": 0, "errors": 0, "ms": []})
        self.started = time.monotonic()

    def record(self, kind: str, seconds: float, error: str = "", detail: str = "") -> None:
        self.samples[kind].append(seconds * 1000)
        bucket = self.timeline[int((time.monotonic() - self.started) // 10)]
        bucket["requests"] += 1
        bucket["errors"] += bool(error)
        bucket["ms"].append(seconds * 1000)
        if error:
            self.errors[(kind, error)] += 1
            if len(self.error_log) < 1000:
                self.error_log.append(
                    {
                        "at": round(time.monotonic() - self.started - seconds, 3),
                        "seconds": round(seconds, 3),
                        "kind": kind,
                        "error": error,
                        "detail": detail[:300],
                    }
                )

    def error_count(self) -> int:
        return sum(self.errors.values())


# --- users --------------------------------------------------------------------------------------


def keep_alive_race(exc: Exception) -> bool:
    """A request on a reused connection that the server closed without answering."""
    import httpx

    if isinstance(exc, httpx.RemoteProtocolError):
        return "without sending a response" in str(exc)
    return isinstance(exc, (httpx.ReadError, httpx.WriteError))


class Visitor:
    """One person at a browser: own cookies, own connections, own random choices."""

    def __init__(self, base: str, stats: Stats, rng: random.Random, think: float, deadline: float):
        import httpx

        self.base = base
        self.stats = stats
        self.rng = rng
        self.think_factor = think
        self.deadline = deadline
        self.client = httpx.AsyncClient(
            base_url=base,
            timeout=REQUEST_TIMEOUT,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=4, keepalive_expiry=KEEPALIVE_EXPIRY),
            headers={"User-Agent": "sportello-load/1", "Accept-Language": "it"},
        )

    async def close(self) -> None:
        await self.client.aclose()

    def running(self) -> bool:
        return time.monotonic() < self.deadline

    async def think(self, bounds: tuple[float, float]) -> None:
        seconds = self.rng.uniform(*bounds) * self.think_factor
        await asyncio.sleep(max(0.0, min(seconds, self.deadline - time.monotonic())))

    async def request(
        self, kind: str, method: str, url: str, *, data=None, referer: str = "", saves=True
    ):
        """One request, timed and checked. Returns the response, or None after an error.
        A POST that `saves` must be answered with a redirect (the form was accepted)."""
        import httpx

        headers = {}
        if method == "POST":
            headers = {"Origin": self.base, "Referer": urljoin(self.base, referer or url)}
        started = time.perf_counter()
        for attempt in (1, 2):
            connected = []

            async def trace(event: str, info: dict, connected=connected) -> None:
                if event == "connection.connect_tcp.complete":
                    connected.append(True)

            try:
                response = await self.client.request(
                    method, url, data=data, headers=headers, extensions={"trace": trace}
                )
                break
            except httpx.HTTPError as exc:
                if attempt == 1 and not connected and keep_alive_race(exc):
                    # The server closed a kept-alive connection as the request went out, before
                    # reading it: a browser sends it again on a new connection (nothing was
                    # done with it). Counted apart, not hidden.
                    self.stats.retries[kind] += 1
                    continue
                connection = "new connection" if connected else "reused connection"
                detail = f"{method} {url.split('?')[0]} ({connection}): {exc!r}"
                self.stats.record(kind, time.perf_counter() - started, type(exc).__name__, detail)
                return None
        elapsed = time.perf_counter() - started
        where = f"{method} {url.split('?')[0]}"
        if response.status_code >= 400:
            self.stats.record(kind, elapsed, f"HTTP {response.status_code}", where)
            return None
        if method == "POST" and saves and response.status_code != 302:
            # The form came back instead of a redirect: the server refused to save it.
            error = f"form not accepted (HTTP {response.status_code})"
            self.stats.record(kind, elapsed, error, where)
            return None
        self.stats.record(kind, elapsed)
        return response

    async def get(self, kind: str, url: str):
        return await self.request(kind, "GET", url)

    async def follow(self, kind: str, response):
        """GET where a redirect points (as the browser does next)."""
        location = urlsplit(response.headers.get("location", ""))
        path = location.path + (f"?{location.query}" if location.query else "")
        return await self.get(kind, path or "/")


class StaffUser(Visitor):
    ACTIONS = [  # weight, method
        (14, "today"),
        (5, "home"),
        (12, "people"),
        (8, "person"),
        (10, "find_by_code"),
        (3, "find_by_name"),
        (12, "person_encounter"),
        (5, "anonymous_encounter"),
        (10, "visit"),
        (5, "note"),
        (5, "encounter_list"),
        (4, "visit_list"),
        (4, "indicators"),
        (3, "register"),
    ]

    def __init__(self, username: str, role: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.username = username
        self.role = role
        self.codes: list[str] = []

    def harvest(self, response) -> None:
        if response is not None:
            for code in PERSON_LINK.findall(response.text):
                if code not in self.codes:
                    self.codes.append(code)

    async def run(self) -> None:
        if not await self.sign_in():
            return
        weights = [weight for weight, _ in self.ACTIONS]
        actions = [getattr(self, name) for _, name in self.ACTIONS]
        # Signed in at a place, the operator first records what just happened there.
        first = self.rng.choice([self.visit, self.person_encounter, self.anonymous_encounter])
        while self.running():
            await self.think(STAFF_THINK)
            if not self.running():
                break
            action, first = first or self.rng.choices(actions, weights)[0], None
            await action()

    async def sign_in(self) -> bool:
        page = await self.get("staff: sign-in form", "/app/login/")
        form = form_with(page.text, "username") if page is not None else None
        if form is None:
            return False
        await self.think((2.0, 5.0))
        response = await self.request(
            "staff: sign in",
            "POST",
            "/app/login/",
            data=form.data({"username": self.username, "password": PASSWORD}),
        )
        if response is None:
            return False
        if "/login/" in response.headers.get("location", ""):
            self.stats.errors[("staff: sign in", "signed out again")] += 1
            return False
        landing_kind = (
            "staff: today" if "/today/" in response.headers["location"] else "staff: home"
        )
        landing = await self.follow(landing_kind, response)
        self.harvest(landing)
        return landing is not None

    async def _post_form(self, kind: str, url: str, form: Form, changes: dict):
        return await self.request(
            kind, "POST", form.action or url, data=form.data(changes), referer=url
        )

    def _code(self) -> str | None:
        return self.rng.choice(self.codes) if self.codes else None

    async def today(self) -> None:
        self.harvest(await self.get("staff: today", "/app/today/"))

    async def home(self) -> None:
        await self.get("staff: home", "/app/")

    async def people(self) -> None:
        url = "/app/people/"
        if self.role == "coordinator" and self.rng.random() < 0.3:
            url += "?page=2"
        self.harvest(await self.get("staff: people list", url))
        if self.codes:
            await self.think((1.0, 3.0))
            await self.person()

    async def person(self) -> None:
        code = self._code()
        if code is None:
            return await self.people()
        await self.get("staff: person", f"/app/people/{code}/")

    async def _find(self, typed: str, *, found: bool):
        """The search box of the people list (a POST form: nothing typed ends up in a URL)."""
        url = "/app/people/"
        page = await self.get("staff: people list", url)
        self.harvest(page)
        form = form_with(page.text, "q") if page is not None else None
        if form is None:
            return None
        await self.think((1.0, 3.0))
        return await self.request(
            "staff: find a person", "POST", url, data=form.data({"q": typed}), saves=found
        )

    async def find_by_code(self) -> None:
        code = self._code()
        if code is None:
            return await self.people()
        typed = code.lower() if self.rng.random() < 0.5 else code
        response = await self._find(typed, found=True)  # one person found: their page
        if response is not None:
            await self.follow("staff: person", response)

    async def find_by_name(self) -> None:
        await self._find(self.rng.choice(INVENTED_NAMES), found=False)

    async def person_encounter(self) -> None:
        code = self._code()
        if code is None:
            return await self.people()
        await self._encounter(f"/app/people/{code}/encounters/new/", code, "staff: person")

    async def _encounter(self, url: str, person: str | None, then: str) -> None:
        """Open the encounter form at url, fill it in, save it and follow where it leads."""
        page = await self.get("staff: encounter form", url)
        form = form_with(page.text, "referral_source") if page is not None else None
        if form is None:
            return
        await self.think(FORM_FILLING)
        token = f"load-{uuid.uuid4().hex}"
        changes = self._encounter_changes(form, token)
        response = await self._post_form("staff: save encounter", url, form, changes)
        if response is None:
            return
        self.stats.writes.append({"type": "encounter", "token": token, "person": person})
        await self.follow(then, response)

    def _encounter_changes(self, form: Form, token: str) -> dict:
        rng = self.rng
        changes: dict = {
            "information_given": f"Prova di carico {token}",
            "needs": rng.sample(form.options("needs"), k=min(rng.randint(0, 2), 2)),
            "referral_source": rng.choice(form.options("referral_source")),
        }
        if rng.random() < 0.3 and form.options("services_suggested"):
            changes["services_suggested"] = [rng.choice(form.options("services_suggested"))]
        for name in ("gender", "age_band", "language"):
            if form.has(name):
                changes[name] = rng.choice(form.options(name))
        return changes

    async def anonymous_encounter(self) -> None:
        await self._encounter("/app/encounters/new/", None, "staff: encounter list")

    async def visit(self) -> None:
        url = "/app/visits/new/"
        page = await self.get("staff: visit form", url)
        form = form_with(page.text, "minutes") if page is not None else None
        if form is None:
            return
        await self.think(FORM_FILLING)
        rng = self.rng
        changes: dict = {
            "place": form.value("place") or rng.choice(form.options("place")),
            "minutes": str(rng.choice([30, 60, 90, 120])),
        }
        rows = int(form.value("contacts-TOTAL_FORMS") or 0)
        met = rng.randint(0, min(3, rows))
        for row in range(met):
            prefix = f"contacts-{row}-"
            changes[prefix + "gender"] = rng.choice(form.options(prefix + "gender"))
            changes[prefix + "age_band"] = rng.choice(form.options(prefix + "age_band"))
            if rng.random() < 0.8:
                changes[prefix + "language"] = rng.choice(form.options(prefix + "language"))
            if rng.random() < 0.5:
                changes[prefix + "need"] = rng.choice(form.options(prefix + "need"))
        response = await self._post_form("staff: save visit", url, form, changes)
        if response is None:
            return
        found = VISIT_URL.search(urlsplit(response.headers.get("location", "")).path)
        if found is None:
            self.stats.errors[("staff: save visit", "no visit in the redirect")] += 1
            return
        self.stats.writes.append({"type": "visit", "code": found.group(1), "contacts": met})
        await self.follow("staff: visit", response)

    async def note(self) -> None:
        code = self._code()
        if code is None:
            return await self.people()
        url = f"/app/people/{code}/"
        page = await self.get("staff: person", url)
        form = form_with(page.text, "text") if page is not None else None
        if form is None:
            return
        await self.think(FORM_FILLING)
        token = f"load-{uuid.uuid4().hex}"
        response = await self._post_form(
            "staff: save note", url, form, {"text": f"Nota di prova di carico {token}"}
        )
        if response is None:
            return
        self.stats.writes.append({"type": "note", "token": token, "person": code})
        await self.follow("staff: person", response)

    async def encounter_list(self) -> None:
        await self.get("staff: encounter list", "/app/encounters/")

    async def visit_list(self) -> None:
        await self.get("staff: visit list", "/app/visits/")

    async def indicators(self) -> None:
        await self.get("staff: indicators", "/app/indicators/")

    async def register(self) -> None:
        url = "/app/people/new/"
        page = await self.get("staff: register form", url)
        form = form_with(page.text, "year_of_birth") if page is not None else None
        if form is None:
            return
        await self.think(FORM_FILLING)
        rng = self.rng
        changes = {
            "gender": rng.choice(form.options("gender")),
            "year_of_birth": str(rng.randint(1950, 2008)),
            "languages": rng.sample(form.options("languages"), k=rng.randint(1, 2)),
            "municipality": rng.choice(form.options("municipality")),
            "consent_follow_up": "on",
        }
        response = await self._post_form("staff: register a person", url, form, changes)
        if response is None:
            return
        found = PERSON_URL.search(urlsplit(response.headers.get("location", "")).path)
        if found is None:
            self.stats.errors[("staff: register a person", "no person in the redirect")] += 1
            return
        code = found.group(1)
        self.stats.writes.append({"type": "person", "code": code, "user": self.username})
        self.codes.append(code)
        await self.follow("staff: person", response)


class PublicReader(Visitor):
    ACTIONS = [
        (40, "search"),
        (25, "service"),
        (8, "map"),
        (10, "news"),
        (9, "home"),
        (5, "where"),
        (3, "events"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        languages = list(PUBLIC_LANGUAGES)
        self.language = self.rng.choices(languages, [PUBLIC_LANGUAGES[c] for c in languages])[0]
        self.client.headers["Accept-Language"] = self.language
        self.services: list[str] = []
        self.filters: Form | None = None
        self.service_link = re.compile(rf'href="(/{self.language}/directory/[0-9a-f-]{{36}}/)"')
        self.news_link = re.compile(rf'href="(/{self.language}/news/[0-9a-f-]{{36}}/)"')

    async def run(self) -> None:
        page = await self.get("public: home", f"/{self.language}/")
        if page is not None:  # a first visit loads the style sheets and scripts (then cached)
            for asset in sorted(set(ASSET.findall(page.text))):
                await self.get("public: static file", asset)
        weights = [weight for weight, _ in self.ACTIONS]
        actions = [getattr(self, name) for _, name in self.ACTIONS]
        while self.running():
            await self.think(PUBLIC_THINK)
            if not self.running():
                break
            await self.rng.choices(actions, weights)[0]()

    def _query(self) -> dict[str, str]:
        rng = self.rng
        params = {"q": rng.choice(QUERIES[self.language]) if rng.random() < 0.85 else ""}
        if self.filters is not None and (not params["q"] or rng.random() < 0.35):
            for name in rng.sample(FILTERS, k=rng.randint(1, 2)):
                if self.filters.kinds.get(name) == "checkbox":
                    params[name] = "on"
                elif self.filters.options(name):
                    params[name] = rng.choice(self.filters.options(name))
        return params

    async def search(self) -> None:
        path = f"/{self.language}/directory/?" + urlencode(self._query())
        page = await self.get("public: directory search", path)
        if page is None:
            return
        self.services = self.service_link.findall(page.text) or self.services
        if self.filters is None:
            self.filters = next((f for f in forms_in(page.text) if f.has("category")), None)

    async def service(self) -> None:
        if not self.services:
            return await self.search()
        await self.get("public: service", self.rng.choice(self.services))

    async def map(self) -> None:
        query = urlencode({"q": self.rng.choice(QUERIES[self.language])})
        await self.get("public: map", f"/{self.language}/directory/map/?{query}")

    async def news(self) -> None:
        page = await self.get("public: news", f"/{self.language}/news/")
        items = self.news_link.findall(page.text) if page is not None else []
        if items and self.rng.random() < 0.5:
            await self.think((2.0, 6.0))
            await self.get("public: news item", self.rng.choice(items))

    async def home(self) -> None:
        await self.get("public: home", f"/{self.language}/")

    async def where(self) -> None:
        await self.get("public: where and when", f"/{self.language}/where/")

    async def events(self) -> None:
        await self.get("public: events", f"/{self.language}/events/")


# --- the server ----------------------------------------------------------------------------------

SETUP_CODE = """
import json, os, random
from django.contrib.auth.hashers import make_password
from django.db import transaction
from sportello.accounts.models import Role, User
from sportello.casework.models import Beneficiary

rng = random.Random(int(os.environ["LOAD_SEED"]))
password = make_password(os.environ["LOAD_PASSWORD"])
prefix = os.environ["LOAD_PREFIX"]
people = list(Beneficiary.objects.filter(erased_at__isnull=True).order_by("code"))
created = []
with transaction.atomic():
    for i in range(int(os.environ["LOAD_STAFF"])):
        role = Role.COORDINATOR if i % 5 == 0 else Role.OPERATOR
        user, _ = User.objects.update_or_create(
            username=f"{prefix}{i:03d}",
            defaults={"role": role, "password": password, "first_name": "Carico",
                      "last_name": f"Utente {i} (demo)", "email": f"{prefix}{i:03d}@example.org"},
        )
        if role == Role.OPERATOR:
            user.beneficiaries.set(rng.sample(people, k=min(12, len(people))))
        created.append([user.username, role.value])
print("LOAD-USERS " + json.dumps(created))
"""

VERIFY_CODE = """
import json, os
from collections import Counter
from django.db.models import Count
from sportello.casework.models import Beneficiary, Encounter, Note
from sportello.outreach.models import Visit

prefix = os.environ["LOAD_PREFIX"]
with open(os.environ["LOAD_WRITES"]) as handle:
    writes = json.load(handle)
visits = dict(
    Visit.objects.filter(code__in=[w["code"] for w in writes if w["type"] == "visit"])
    .annotate(n=Count("contacts")).values_list("code", "n")
)
visits = {str(code): n for code, n in visits.items()}
def tokens(rows, text):
    found, seen = {}, Counter()
    for row in rows:
        for word in text(row).split():
            if word.startswith("load-"):
                found[word] = row.beneficiary.code if row.beneficiary_id else None
                seen[word] += 1
    return found, sum(n - 1 for n in seen.values())
encounter_rows = list(
    Encounter.objects.filter(operator__username__startswith=prefix).select_related("beneficiary")
)
note_rows = list(
    Note.objects.filter(created_by__username__startswith=prefix).select_related("beneficiary")
)
encounters, encounters_twice = tokens(encounter_rows, lambda e: e.information_given)
notes, notes_twice = tokens(note_rows, lambda n: n.text)
people = dict(
    Beneficiary.objects.filter(code__in=[w["code"] for w in writes if w["type"] == "person"])
    .values_list("code", "created_by__username")
)
saved = {
    "visit": Visit.objects.filter(operator__username__startswith=prefix).count(),
    "encounter": len(encounter_rows),
    "note": len(note_rows),
    "person": Beneficiary.objects.filter(created_by__username__startswith=prefix).count(),
}
twice = {"encounter": encounters_twice, "note": notes_twice}
result = {
    kind: {"acknowledged": 0, "found": 0, "saved": n, "saved_twice": twice.get(kind, 0)}
    for kind, n in saved.items()
}
for w in writes:
    kind = w["type"]
    if kind == "visit":
        ok = visits.get(w["code"]) == w["contacts"]
    elif kind == "encounter":
        ok = w["token"] in encounters and encounters[w["token"]] == w["person"]
    elif kind == "note":
        ok = w["token"] in notes and notes[w["token"]] == w["person"]
    else:
        ok = people.get(w["code"]) == w["user"]
    result[kind]["acknowledged"] += 1
    result[kind]["found"] += int(ok)
print("LOAD-CHECK " + json.dumps(result))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def marked_json(output: str, marker: str):
    line = next(line for line in output.splitlines() if line.startswith(marker + " "))
    return json.loads(line[len(marker) + 1 :])


def postgres_database(url: str, name: str, *, create: bool) -> str:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url.rsplit("/", 1)[0] + "/" + name


def database_label(env: dict) -> str:
    url = env.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
        return f"PostgreSQL {version.split()[0]}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    stat = handle.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _backends(database: str) -> list[int]:
    """PostgreSQL server processes serving `database` (when the server runs on this machine)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    command = handle.read()
            except OSError:
                continue
            if command.startswith(b"postgres: ") and f" {database} ".encode() in command:
                found.append(int(entry))
    return found


def _rollup_kb(pid: int) -> dict[str, int]:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            text = handle.read()
    except OSError:
        return {}
    return {
        line.split(":")[0]: int(line.split()[1])
        for line in text.splitlines()
        if line.startswith(("Rss:", "Pss:"))
    }


def _status_kb(pid: int, key: str, path: str = "status") -> int:
    try:
        with open(f"/proc/{pid}/{path}") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime: fields 14 and 15 of stat, counted from the state after the name
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Memory:
    rss_peak: int = 0
    rss_end: int = 0
    pss_peak: int = 0
    pss_end: int = 0
    processes: int = 0
    samples: int = 0
    rss_peak_at: float = 0.0  # seconds after the start
    timeline: list[tuple[float, int]] = field(default_factory=list)  # (seconds, RSS MiB)
    cpu: dict[int, float] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    database: str = ""  # a PostgreSQL database: its backends' CPU time is counted apart
    database_cpu: dict[int, float] = field(default_factory=dict)

    def sample(self, master: int) -> None:
        if self.database:
            for pid in _backends(self.database):
                self.database_cpu[pid] = max(self.database_cpu.get(pid, 0.0), _cpu_seconds(pid))
        pids = [master, *_children(master)]
        rss = pss = 0
        for pid in pids:  # both from one reading of each process
            rollup = _rollup_kb(pid)
            rss += rollup.get("Rss", 0) or _status_kb(pid, "VmRSS")
            pss += rollup.get("Pss", 0)
        if rss:
            at = round(time.monotonic() - self.started, 1)
            self.timeline.append((at, rss // 1024))
            if rss > self.rss_peak:
                self.rss_peak_at = at
            self.rss_peak, self.rss_end = max(self.rss_peak, rss), rss
            self.pss_peak, self.pss_end = max(self.pss_peak, pss), pss
            self.processes = len(pids)
            self.samples += 1
        for pid in pids:  # a worker's last reading counts even if it is restarted later
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))


def machine_busy_seconds() -> float:
    """CPU time the whole machine has spent busy since boot (all cores, all processes)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def gunicorn_config(master: int) -> dict[str, str]:
    try:
        with open(f"/proc/{master}/cmdline", "rb") as handle:
            args = handle.read().decode().split("\0")
    except OSError:
        return {}
    config = {}
    for option in ("--workers", "--threads", "--worker-class", "--timeout"):
        if option in args:
            config[option[2:]] = args[args.index(option) + 1]
    config.setdefault("worker-class", "gthread" if int(config.get("threads", "1")) > 1 else "sync")
    return config


class Server:
    def __init__(self, env: dict, log: Path) -> None:
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "manage.py"), "serve", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        for _ in range(150):
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start:\n" + self.log.read_text())

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


# --- the run ------------------------------------------------------------------------------------


async def sample_memory(master: int, memory: Memory, stop: asyncio.Event) -> None:
    while not stop.is_set():
        memory.sample(master)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


async def watch_the_loop(lags: list[float], stop: asyncio.Event) -> None:
    """How late the client's own event loop wakes up (a starved client inflates latencies)."""
    while not stop.is_set():
        planned = time.monotonic() + 0.1
        await asyncio.sleep(0.1)
        lags.append(max(0.0, time.monotonic() - planned) * 1000)


async def drive(args, server: Server, users: list[list[str]], stats: Stats, memory: Memory):
    rng = random.Random(args.seed)
    started = time.monotonic()
    deadline = started + args.duration
    ramp = min(30.0, args.duration / 5)
    common = {"base": server.url, "stats": stats, "think": args.think, "deadline": deadline}
    visitors: list[Visitor] = [
        StaffUser(username, role, rng=random.Random(rng.random()), **common)
        for username, role in users
    ]
    visitors += [
        PublicReader(rng=random.Random(rng.random()), **common) for _ in range(args.public)
    ]

    async def live(visitor: Visitor) -> None:
        try:
            await asyncio.sleep(visitor.rng.uniform(0, ramp))
            await visitor.run()
        finally:
            await visitor.close()

    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory(server.process.pid, memory, stop))
    watcher = asyncio.create_task(watch_the_loop(stats.loop_lags, stop))
    tasks = [asyncio.create_task(live(visitor)) for visitor in visitors]
    # Bounded: users stop starting actions at the deadline; what is still in flight then gets at
    # most one request timeout per remaining step before it is cancelled.
    _, pending = await asyncio.wait(tasks, timeout=args.duration + 3 * REQUEST_TIMEOUT)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending)
        stats.errors[("(all)", "still running at the end: cancelled")] += len(pending)
    elapsed = time.monotonic() - started
    memory.sample(server.process.pid)
    stop.set()
    await sampler
    await watcher
    for task in tasks:
        if not task.cancelled() and task.exception() is not None:
            stats.errors[("(all)", f"client crash: {task.exception()!r}"[:120])] += 1
    return elapsed


def run(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="sportello-load-") as var_dir:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "SPORTELLO_PRODUCTION", "DJANGO_SETTINGS_MODULE")
        }
        env.update(
            {
                "SPORTELLO_VAR_DIR": var_dir,
                "SPORTELLO_DEMO_PASSWORD": PASSWORD,
                "SPORTELLO_REQUIRE_2FA": "false",
                "DEBUG": "false",
                "SECURE_COOKIES": "false",
                "LOAD_PREFIX": USER_PREFIX,
                "LOAD_PASSWORD": PASSWORD,
                "LOAD_STAFF": str(args.staff),
                "LOAD_SEED": str(args.seed),
            }
        )
        if args.workers:
            env["WEB_CONCURRENCY"] = str(args.workers)
        if args.threads:
            env["WEB_THREADS"] = str(args.threads)
        if args.database_url:
            env["DATABASE_URL"] = postgres_database(args.database_url, PG_DATABASE, create=True)
        server = Server(env, Path(var_dir) / "server.log")
        try:
            return _run(args, env, server, Path(var_dir))
        finally:
            server.stop()
            if args.database_url:
                postgres_database(args.database_url, PG_DATABASE, create=False)


def _run(args, env: dict, server: Server, var_dir: Path) -> dict:
    say = print if not args.quiet else (lambda *a, **k: None)
    clock = time.monotonic()

    def step(text: str) -> None:
        say(f"[{time.monotonic() - clock:5.1f} s] {text}", file=sys.stderr)

    step(f"preparing a throwaway installation in {var_dir}: sportello setup")
    manage(env, "setup")
    step(f"creating {args.staff} staff users")
    users = marked_json(manage(env, "shell", "-c", SETUP_CODE), "LOAD-USERS")
    database = database_label(env)
    step("starting the server")
    server.start()
    config = gunicorn_config(server.process.pid)
    loadavg_start = Path("/proc/loadavg").read_text().split()[:3]
    step(
        f"server {server.url} ({config}); {len(users)} staff users and {args.public} public "
        f"readers for {args.duration:g} s"
    )
    stats, memory = Stats(), Memory()
    if args.database_url:
        memory.database = PG_DATABASE
    client_cpu, machine_busy = time.process_time(), machine_busy_seconds()
    elapsed = asyncio.run(drive(args, server, users, stats, memory))
    client_cpu = time.process_time() - client_cpu
    machine_busy = machine_busy_seconds() - machine_busy
    loadavg_end = Path("/proc/loadavg").read_text().split()[:3]
    step("stopping the server")
    server.stop()
    step("looking for the acknowledged writes in the database")
    log = server.log.read_text(errors="replace")
    writes_file = var_dir / "writes.json"
    writes_file.write_text(json.dumps(stats.writes))
    check = marked_json(
        manage({**env, "LOAD_WRITES": str(writes_file)}, "shell", "-c", VERIFY_CODE), "LOAD-CHECK"
    )
    step("done")
    acknowledged = sum(entry["acknowledged"] for entry in check.values())
    in_server = server_times(log)
    found = sum(entry["found"] for entry in check.values())
    return {
        "database": database,
        "duration": args.duration,
        "elapsed": elapsed,
        "staff": len(users),
        "public": args.public,
        "think": args.think,
        "server": config,
        "kinds": {
            kind: {
                "requests": len(samples),
                "per_second": len(samples) / elapsed,
                "p50": percentile(samples, 50),
                "p95": percentile(samples, 95),
                "p99": percentile(samples, 99),
                "errors": sum(n for (k, _), n in stats.errors.items() if k == kind),
                "server_p50": percentile(in_server.get(kind, []), 50),
                "server_p95": percentile(in_server.get(kind, []), 95),
            }
            for kind, samples in sorted(stats.samples.items())
        },
        "all": _summary(list(stats.samples.values()), elapsed),
        "staff_requests": _summary(
            [s for kind, s in stats.samples.items() if kind.startswith("staff")], elapsed
        ),
        "public_requests": _summary(
            [s for kind, s in stats.samples.items() if kind.startswith("public")], elapsed
        ),
        "errors": stats.error_count(),
        "keep_alive_retries": dict(stats.retries),
        "timeline": [
            {
                "from_s": bucket * 10,
                "requests": row["requests"],
                "errors": row["errors"],
                "p50": percentile(row["ms"], 50),
                "p95": percentile(row["ms"], 95),
            }
            for bucket, row in sorted(stats.timeline.items())
        ],
        "error_log": stats.error_log,
        "error_reasons": [
            {"kind": kind, "reason": reason, "count": n}
            for (kind, reason), n in stats.errors.most_common()
        ],
        "writes": check,
        "writes_acknowledged": acknowledged,
        "lost_writes": acknowledged - found,
        "writes_saved_twice": sum(entry["saved_twice"] for entry in check.values()),
        "memory_mib": {
            "rss_peak": memory.rss_peak / 1024,
            "rss_end": memory.rss_end / 1024,
            "pss_peak": memory.pss_peak / 1024,
            "pss_end": memory.pss_end / 1024,
            "processes": memory.processes,
            "rss_peak_at": memory.rss_peak_at,
            "timeline": memory.timeline,
        },
        "server_cpu_seconds": sum(memory.cpu.values()),
        "database_cpu_seconds": sum(memory.database_cpu.values()),
        "client_cpu_seconds": client_cpu,
        "client_loop_lag_ms": {
            "p50": percentile(stats.loop_lags, 50),
            "p99": percentile(stats.loop_lags, 99),
            "max": max(stats.loop_lags, default=0.0),
            "over_1s": sum(lag > 1000 for lag in stats.loop_lags),
        },
        "machine": {
            "cores": os.cpu_count(),
            "busy_seconds": machine_busy,  # every process, ours included
            "capacity_seconds": elapsed * (os.cpu_count() or 1),
        },
        "loadavg": {"start": loadavg_start, "end": loadavg_end},
        "server_log": {
            "tracebacks": log.count("Traceback"),
            "database_locked": log.count("database is locked"),
            "worker_timeouts": log.count("WORKER TIMEOUT"),
            "first_traceback": _first_traceback(log),
            "warnings": [line for line in log.splitlines() if "[WARNING]" in line],
            "booted": log.count("Booting worker"),
        },
    }


def _summary(groups: list[list[float]], elapsed: float) -> dict:
    samples = [value for group in groups for value in group]
    return {
        "requests": len(samples),
        "per_second": len(samples) / elapsed if elapsed else 0.0,
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "p99": percentile(samples, 99),
    }


LANG = "(?:it|en|fr|ar|ro|sq)"
UUID = "[0-9a-f-]{36}"
CODE = "SM-[0-9A-Z]{3}-[0-9A-Z]{3}"
# The kinds of request, from the server's access log (method and path, no query string).
LOGGED_KINDS = [
    (re.compile(pattern), kind)
    for pattern, kind in [
        (r"GET /static/", "public: static file"),
        (rf"GET /{LANG}/$", "public: home"),
        (rf"GET /{LANG}/directory/$", "public: directory search"),
        (rf"GET /{LANG}/directory/map/$", "public: map"),
        (rf"GET /{LANG}/directory/{UUID}/$", "public: service"),
        (rf"GET /{LANG}/news/$", "public: news"),
        (rf"GET /{LANG}/news/{UUID}/$", "public: news item"),
        (rf"GET /{LANG}/where/$", "public: where and when"),
        (rf"GET /{LANG}/events/$", "public: events"),
        (r"GET /app/login/$", "staff: sign-in form"),
        (r"POST /app/login/$", "staff: sign in"),
        (r"GET /app/today/$", "staff: today"),
        (r"GET /app/$", "staff: home"),
        (r"GET /app/people/$", "staff: people list"),
        (r"POST /app/people/$", "staff: find a person"),
        (r"GET /app/people/new/$", "staff: register form"),
        (r"POST /app/people/new/$", "staff: register a person"),
        (rf"GET /app/people/{CODE}/$", "staff: person"),
        (rf"GET /app/people/{CODE}/encounters/new/$", "staff: encounter form"),
        (rf"POST /app/people/{CODE}/encounters/new/$", "staff: save encounter"),
        (rf"POST /app/people/{CODE}/notes/$", "staff: save note"),
        (r"GET /app/encounters/new/$", "staff: encounter form"),
        (r"POST /app/encounters/new/$", "staff: save encounter"),
        (r"GET /app/encounters/$", "staff: encounter list"),
        (r"GET /app/visits/new/$", "staff: visit form"),
        (r"POST /app/visits/new/$", "staff: save visit"),
        (rf"GET /app/visits/{UUID}/$", "staff: visit"),
        (r"GET /app/visits/$", "staff: visit list"),
        (r"GET /app/indicators/$", "staff: indicators"),
    ]
]
ACCESS_LINE = re.compile(r'"(GET|POST) (\S+)" \d{3} \S+ (\d+)ms')


def server_times(log: str) -> dict[str, list[float]]:
    """Milliseconds each request took inside the server (gunicorn's access log), by kind: the
    rest of what the client measured is waiting for a thread, and the network."""
    times: dict[str, list[float]] = defaultdict(list)
    for match in ACCESS_LINE.finditer(log):
        request = f"{match.group(1)} {match.group(2)}"
        kind = next((kind for pattern, kind in LOGGED_KINDS if pattern.match(request)), None)
        if kind:
            times[kind].append(float(match.group(3)))
    return times


def _by_minute(timeline: list[dict]):
    minutes: dict[int, list[dict]] = defaultdict(list)
    for row in timeline:
        minutes[row["from_s"] // 60].append(row)
    for minute, rows in sorted(minutes.items()):
        requests = sum(row["requests"] for row in rows)
        weights = [row["requests"] for row in rows]
        yield (
            minute,
            {
                "requests": requests,
                "errors": sum(row["errors"] for row in rows),
                # medians of the 10-second windows, weighted: close enough for a trend
                "p50": sum(r["p50"] * w for r, w in zip(rows, weights, strict=True))
                / max(1, requests),
                "p95": max((row["p95"] for row in rows), default=0.0),
            },
        )


def _first_traceback(log: str) -> str:
    start = log.find("Traceback")
    if start < 0:
        return ""
    return "\n".join(log[start:].splitlines()[-1:] + log[start:].splitlines()[:40])


def report(result: dict) -> str:
    server = result["server"]
    workers = f"{server.get('workers', '?')} × {server.get('threads', '?')}"
    memory = result["memory_mib"]
    lines = [
        f"Load: {result['database']}, {result['staff']} staff users + {result['public']} public "
        f"readers for {result['duration']:g} s (think × {result['think']:g}); gunicorn "
        f"{server.get('worker-class', '')}, {workers} (workers × threads).",
        "",
        "Latency as the client measures it; 'in server': the time inside the application "
        "(gunicorn's access log), the rest is waiting for a free thread.",
        "",
        "| kind | requests | req/s | p50 (ms) | p95 (ms) | p99 (ms) | errors "
        "| in server p50 (ms) | in server p95 (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, row in result["kinds"].items():
        lines.append(
            f"| {kind} | {row['requests']:,} | {row['per_second']:.2f} | {row['p50']:.0f} | "
            f"{row['p95']:.0f} | {row['p99']:.0f} | {row['errors']} | {row['server_p50']:.0f} | "
            f"{row['server_p95']:.0f} |"
        )
    for label, key in (("staff", "staff_requests"), ("public", "public_requests"), ("all", "all")):
        row = result[key]
        lines.append(
            f"| **{label}** | {row['requests']:,} | {row['per_second']:.2f} | {row['p50']:.0f} | "
            f"{row['p95']:.0f} | {row['p99']:.0f} | "
            f"{result['errors'] if label == 'all' else ''} | | |"
        )
    writes = ", ".join(
        f"{kind} {entry['acknowledged']} ({entry['acknowledged'] - entry['found']} lost)"
        for kind, entry in sorted(result["writes"].items())
    )
    saved = sum(entry["saved"] for entry in result["writes"].values())
    twice = sum(entry["saved_twice"] for entry in result["writes"].values())
    log = result["server_log"]
    machine = result["machine"]
    lag = result["client_loop_lag_ms"]
    ours = sum(
        result[key] for key in ("server_cpu_seconds", "database_cpu_seconds", "client_cpu_seconds")
    )
    other = machine["busy_seconds"] - ours
    database_cpu = (
        f", PostgreSQL backends {result['database_cpu_seconds']:.1f} s"
        if result["database_cpu_seconds"]
        else ""
    )
    lines += [
        "",
        f"Writes acknowledged: {result['writes_acknowledged']} — {writes or 'none'}; "
        f"lost writes: {result['lost_writes']}. Saved in all: {saved}, "
        f"{saved - result['writes_acknowledged']} more than acknowledged (forms the server saved "
        f"after the client had stopped waiting); saved twice: {twice}.",
        f"Errors: {result['errors']}"
        + "".join(
            f"; {e['kind']}: {e['reason']} × {e['count']}" for e in result["error_reasons"][:10]
        )
        + ".",
        f"Requests sent again on a new connection after the server closed a kept-alive one "
        f"unanswered (as browsers do; not errors): {sum(result['keep_alive_retries'].values())}"
        + "".join(f"; {kind} × {n}" for kind, n in sorted(result["keep_alive_retries"].items()))
        + ".",
        f"Server log: {log['tracebacks']} tracebacks, {log['database_locked']} 'database is "
        f"locked', {log['worker_timeouts']} worker timeouts.",
        f"Server memory (master + workers, {memory['processes']} processes): RSS peak "
        f"{memory['rss_peak']:.0f} MiB ({memory['rss_peak_at']:.0f} s after the start), end "
        f"{memory['rss_end']:.0f} MiB; PSS peak "
        f"{memory['pss_peak']:.0f} MiB, end {memory['pss_end']:.0f} MiB.",
        f"CPU: server {result['server_cpu_seconds']:.0f} s "
        f"({1000 * result['server_cpu_seconds'] / max(1, result['all']['requests']):.1f} ms per "
        f"request){database_cpu}, load client {result['client_cpu_seconds']:.0f} s; the machine "
        f"({machine['cores']} cores) was busy {machine['busy_seconds']:.0f} s of "
        f"{machine['capacity_seconds']:.0f} s, {other:.0f} s of it other work; load average "
        f"{' '.join(result['loadavg']['start'])} → {' '.join(result['loadavg']['end'])}.",
        f"Load client's event loop, lateness: p50 {lag['p50']:.0f} ms, p99 {lag['p99']:.0f} ms, "
        f"max {lag['max']:.0f} ms ({lag['over_1s']} wake-ups more than 1 s late).",
        "",
        "By minute (requests answered, errors, p50 ms / highest p95 of its 10-s windows): "
        + "; ".join(
            f"{minute}: {row['requests']}, {row['errors']}, {row['p50']:.0f}/{row['p95']:.0f}"
            for minute, row in _by_minute(result["timeline"])
        )
        + ".",
        "",
        "Row for docs/performance.md:",
        "",
        "| database | users (staff + public) | duration | requests | req/s | p50 / p95 / p99 (ms) "
        "| slowest p95 (ms) | errors | writes (lost) | RSS peak / end (MiB) | workers × threads |",
        "|---|---|---:|---:|---:|---|---|---:|---|---|---|",
    ]
    total = result["all"]
    slowest = max(result["kinds"].items(), key=lambda item: item[1]["p95"], default=("", {}))
    lines.append(
        f"| {result['database']} | {result['staff']} + {result['public']} | "
        f"{result['duration']:g} s | {total['requests']:,} | {total['per_second']:.1f} | "
        f"{total['p50']:.0f} / {total['p95']:.0f} / {total['p99']:.0f} | "
        f"{slowest[0]}: {slowest[1].get('p95', 0):.0f} | {result['errors']} | "
        f"{result['writes_acknowledged']} ({result['lost_writes']}) | "
        f"{memory['rss_peak']:.0f} / {memory['rss_end']:.0f} | {workers} |"
    )
    if log["first_traceback"]:
        lines += ["", "First traceback in the server log:", "", log["first_traceback"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600, help="seconds (default 600)")
    parser.add_argument("--staff", type=int, default=50, help="staff users (default 50)")
    parser.add_argument("--public", type=int, default=200, help="public readers (default 200)")
    parser.add_argument("--database-url", help="PostgreSQL server to create the database on")
    parser.add_argument("--think", type=float, default=1.0, help="think-time factor (default 1)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: serve's)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: serve's)")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    if args.staff < 0 or args.public < 0 or args.duration <= 0:
        parser.error("--staff and --public must be ≥ 0 and --duration > 0")
    result = run(args)
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False))
    failed = result["errors"] or result["lost_writes"] or result["writes_saved_twice"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
