"""Staff pages of casework under /app/ (people and encounters; paths, referrals, follow-ups and
intakes are added below by their section)."""

from django.urls import path

from sportello.casework import people_views

app_name = "casework"

people_patterns = [
    path("people/", people_views.person_list, name="person_list"),
    path("people/new/", people_views.person_create, name="person_create"),
    path("people/<str:code>/", people_views.person_detail, name="person"),
    path("people/<str:code>/identity/", people_views.person_identity, name="person_identity"),
    path("people/<str:code>/edit/", people_views.person_edit, name="person_edit"),
    path("people/<str:code>/notes/", people_views.note_add, name="note_add"),
    path("people/<str:code>/consents/new/", people_views.consent_add, name="consent_add"),
    path(
        "people/<str:code>/consents/withdraw/",
        people_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("people/<str:code>/needs/new/", people_views.need_create, name="need_create"),
    path("people/<str:code>/needs/<uuid:need>/", people_views.need_detail, name="need"),
    path("people/<str:code>/needs/<uuid:need>/pick/", people_views.need_pick, name="need_pick"),
    path(
        "people/<str:code>/encounters/new/",
        people_views.person_encounter_create,
        name="person_encounter_create",
    ),
    path("people/<str:code>/transfer/", people_views.person_transfer, name="person_transfer"),
    path("people/<str:code>/export/", people_views.person_export, name="person_export"),
    path(
        "people/<str:code>/export.json",
        people_views.person_export_json,
        name="person_export_json",
    ),
    path(
        "people/<str:code>/export.pdf",
        people_views.person_export_pdf,
        name="person_export_pdf",
    ),
    path("people/<str:code>/erase/", people_views.person_erase, name="person_erase"),
    path("encounters/", people_views.encounter_list, name="encounter_list"),
    path("encounters/new/", people_views.encounter_create, name="encounter_create"),
    path("encounters/<uuid:encounter>/link/", people_views.encounter_link, name="encounter_link"),
]

urlpatterns = [
    *people_patterns,
]
