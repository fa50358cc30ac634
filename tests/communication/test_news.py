"""News: published items per language, drafts only for the desk, a valid Atom feed per language,
images checked (type, size, alt text)."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sportello.accounts.models import Role
from sportello.communication.models import NewsItem
from tests.communication.matrix_data import PNG_1PX

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(db):
    published = NewsItem.objects.create(
        title_it="Apre lo sportello",
        title_ar="افتتاح المكتب",
        body_it="Testo in italiano.",
        body_ar="نص بالعربية.",
        date=dt.date(2011, 6, 6),
        status=NewsItem.Status.PUBLISHED,
    )
    draft = NewsItem.objects.create(
        title_it="Bozza del seminario",
        body_it="Non ancora.",
        date=dt.date(2011, 7, 1),
        status=NewsItem.Status.DRAFT,
    )
    return published, draft


def test_the_public_sees_published_news_in_its_language(client, news):
    published, _draft = news
    assert "افتتاح المكتب" in client.get("/ar/news/").content.decode()
    # No French translation: the Italian text is shown.
    assert "Apre lo sportello" in client.get("/fr/news/").content.decode()
    assert "نص بالعربية." in client.get(f"/ar/news/{published.code}/").content.decode()


def test_drafts_are_hidden_from_the_public(client, news, client_for):
    _published, draft = news
    assert "Bozza del seminario" not in client.get("/it/news/").content.decode()
    assert client.get(f"/it/news/{draft.code}/").status_code == 404
    assert b"Bozza del seminario" not in client.get("/it/news/feed/").content
    staff = client_for(Role.OPERATOR)
    assert "Bozza del seminario" in staff.get("/app/news/").content.decode()
    assert (
        "la vede solo il personale dello sportello"
        in staff.get(f"/app/news/{draft.code}/").content.decode()
    )
    # Even signed in, the public page of a draft does not exist.
    assert staff.get(f"/it/news/{draft.code}/").status_code == 404


def test_a_future_item_waits_for_its_date(client, db):
    NewsItem.objects.create(
        title_it="Domani",
        body_it="…",
        date=dt.date.today() + dt.timedelta(days=3),
        status=NewsItem.Status.PUBLISHED,
    )
    assert "Domani" not in client.get("/it/news/").content.decode()


@pytest.mark.parametrize("language", ["it", "ar", "en"])
def test_the_atom_feed_is_valid(client, news, language):
    published, _draft = news
    response = client.get(f"/{language}/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed) — well-formed XML
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    for element in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{element}") or "").strip(), element
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{published.code}"
    dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(f"/{language}/news/{published.code}/")
    title = entry.findtext(f"{ATOM}title")
    assert title == ("افتتاح المكتب" if language == "ar" else "Apre lo sportello")


def form_data(**extra):
    return {
        "date": "2011-09-01",
        "status": "published",
        "title_it": "Festa",
        "body_it": "Testo.",
        **extra,
    }


def test_the_operator_publishes_a_news_item_with_an_image(
    client_for, client, settings, tmp_path, db
):
    settings.MEDIA_ROOT = tmp_path
    image = SimpleUploadedFile("photo.html", PNG_1PX, content_type="text/html")
    response = client_for(Role.OPERATOR).post(
        "/app/news/new/", form_data(image=image, image_alt_it="Persone in piazza")
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.image.name == f"news/{item.code}.png"  # named by its content, not the upload
    page = client.get(f"/it/news/{item.code}/").content.decode()
    assert 'alt="Persone in piazza"' in page
    image_response = client.get(f"/it/news/{item.code}/image")
    assert image_response["Content-Type"] == "image/png"


def test_an_image_needs_alt_text_and_must_be_a_small_image(client_for, settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(Role.COORDINATOR)
    no_alt = client.post("/app/news/new/", form_data(image=SimpleUploadedFile("a.png", PNG_1PX)))
    assert "image_alt_it" in no_alt.context["form"].errors
    not_image = client.post(
        "/app/news/new/",
        form_data(image=SimpleUploadedFile("a.png", b"<svg onload=alert(1)>"), image_alt_it="x"),
    )
    assert "immagine JPEG, PNG o WebP" in str(not_image.context["form"].errors["image"])
    big = client.post(
        "/app/news/new/",
        form_data(
            image=SimpleUploadedFile("a.png", PNG_1PX + b"\0" * (2 * 1024 * 1024)),
            image_alt_it="x",
        ),
    )
    assert "troppo grande" in str(big.context["form"].errors["image"])
    assert not NewsItem.objects.exists()


def test_the_image_of_a_draft_is_not_public(client, client_for, settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    client_for(Role.OPERATOR).post(
        "/app/news/new/",
        form_data(status="draft", image=SimpleUploadedFile("a.png", PNG_1PX), image_alt_it="x"),
    )
    item = NewsItem.objects.get()
    assert client.get(f"/it/news/{item.code}/image").status_code == 404
    assert client_for(Role.OPERATOR).get(f"/it/news/{item.code}/image").status_code == 200


def test_the_news_list_counts_queries(client, db, django_assert_max_num_queries):
    for day in range(1, 15):
        NewsItem.objects.create(
            title_it=f"Notizia {day}",
            body_it="…",
            date=dt.date(2011, 6, day),
            status=NewsItem.Status.PUBLISHED,
        )
    with django_assert_max_num_queries(6):
        assert client.get("/it/news/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/it/news/feed/").status_code == 200


def test_home_and_footer_link_to_the_news_and_the_flyer(client, db):
    page = client.get("/en/").content.decode()
    assert 'href="/en/news/"' in page and 'href="/en/flyer/"' in page
