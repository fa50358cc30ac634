"""Staff pages of the social tutoring, under /app/: the day, paths, referrals, follow-ups,
intakes. The people pages (/app/people/<code>/) are in casework's own URLs."""

from django.urls import path

from sportello.casework import intake_views, path_views, referral_views, today_views

app_name = "tutoring"

urlpatterns = [
    path("today/", today_views.today, name="today"),
    # From a person's page
    path("people/<str:code>/paths/", path_views.person_paths, name="person_paths"),
    path("people/<str:code>/paths/new/", path_views.path_create, name="path_create"),
    path(
        "people/<str:code>/referrals/new/", referral_views.referral_create, name="referral_create"
    ),
    path("people/<str:code>/follow-ups/new/", path_views.followup_create, name="followup_create"),
    # Paths
    path("paths/<uuid:code>/", path_views.path_detail, name="path_detail"),
    path("paths/<uuid:code>/edit/", path_views.path_edit, name="path_edit"),
    path("paths/<uuid:code>/close/", path_views.path_close, name="path_close"),
    path("paths/<uuid:code>/goals/", path_views.goal_add, name="goal_add"),
    path("paths/<uuid:code>/goals/achieved/", path_views.goal_achieved, name="goal_achieved"),
    # Referrals
    path("referrals/<uuid:code>/", referral_views.referral_detail, name="referral_detail"),
    path("referrals/<uuid:code>/send/", referral_views.referral_send, name="referral_send"),
    path("referrals/<uuid:code>/state/", referral_views.referral_state, name="referral_state"),
    path("referrals/<uuid:code>/link/", referral_views.referral_link_renew, name="referral_link"),
    path("referrals/<uuid:code>/slip.pdf", referral_views.referral_slip, name="referral_slip"),
    # Follow-ups
    path("follow-ups/<uuid:code>/done/", path_views.followup_done, name="followup_done"),
    # Intakes
    path("intake/new/", intake_views.intake_new, name="intake_new"),
    path("intake/sent/", intake_views.intake_sent, name="intake_sent"),
    path("intakes/", intake_views.intake_inbox, name="intake_inbox"),
    path("intakes/links/", intake_views.intake_links, name="intake_links"),
    path(
        "intakes/links/<uuid:code>/revoke/",
        intake_views.intake_link_revoke,
        name="intake_link_revoke",
    ),
    path("intakes/<uuid:code>/", intake_views.intake_detail, name="intake_detail"),
    path("intakes/<uuid:code>/accept/", intake_views.intake_accept, name="intake_accept"),
    path("intakes/<uuid:code>/dismiss/", intake_views.intake_dismiss, name="intake_dismiss"),
]
