from django.urls import path

from sportello.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("login/code/", views.login_code, name="login_code"),
    path("account/", views.account, name="account"),
    path("account/confirm/", views.reauth, name="reauth"),
    path("account/two-step/", views.two_factor_enrol, name="two_factor_enrol"),
    path("account/two-step/off/", views.two_factor_disable, name="two_factor_disable"),
    path("account/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("account/recovery-codes/print/", views.recovery_codes_print, name="recovery_codes_print"),
    path(
        "account/recovery-codes/new/",
        views.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<uuid:code>/", views.user_edit, name="user_edit"),
    path("users/<uuid:code>/two-step/reset/", views.two_factor_reset, name="two_factor_reset"),
    path("audit/", views.audit_log, name="audit_log"),
]
