"""Staff pages of the courses, under /app/."""

from django.urls import path

from sportello.learning import views

app_name = "learning"

urlpatterns = [
    path("courses/", views.course_list, name="course_list"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<uuid:code>/", views.course_detail, name="course_detail"),
    path("courses/<uuid:code>/sessions/new/", views.session_create, name="session_create"),
    path("courses/<uuid:code>/enrol/", views.enrol, name="enrol"),
    path("courses/<uuid:code>/signatures.pdf", views.signature_register, name="signatures"),
    path("courses/<uuid:code>/selection/", views.selection, name="selection"),
    path("sessions/<uuid:code>/", views.register, name="register"),
    path(
        "sessions/<uuid:code>/signatures.pdf",
        views.session_signature_register,
        name="session_signatures",
    ),
    path("enrolments/<uuid:code>/certificate.pdf", views.certificate, name="certificate"),
    path("enrolments/<uuid:code>/assessment/", views.assessment, name="assessment"),
    path("selections/<uuid:code>/operator/", views.give_operator_role, name="give_operator_role"),
]
