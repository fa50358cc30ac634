from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sportello.accounts.access import roles
from sportello.accounts.models import Role
from sportello.territory import selectors, services
from sportello.territory.forms import PlaceFilterForm, PlaceForm
from sportello.territory.models import Place

EDITORS = (Role.COORDINATOR, Role.OPERATOR)


@roles(Role.COORDINATOR, Role.OPERATOR, Role.MUNICIPAL_OFFICER)
def place_list(request: HttpRequest) -> HttpResponse:
    form = PlaceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    places = selectors.place_list(
        municipality=filters.get("municipality"), kind=filters.get("kind", "")
    )
    return render(
        request,
        "territory/place_list.html",
        {"form": form, "places": places, "can_edit": request.user.role in EDITORS},
    )


@roles(*EDITORS)
def place_create(request: HttpRequest) -> HttpResponse:
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        place = services.place_save(by=request.user, place=Place(), data=form.cleaned_data)
        messages.success(request, _("Place “%(name)s” added.") % {"name": place.name})
        return redirect("territory:place_list")
    return render(request, "territory/place_form.html", {"form": form})


@roles(*EDITORS)
def place_edit(request: HttpRequest, code) -> HttpResponse:
    place = selectors.get_place_for(code)
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST" and form.is_valid():
        services.place_save(by=request.user, place=place, data=form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect("territory:place_list")
    return render(request, "territory/place_form.html", {"form": form, "place": place})


@roles(Role.COORDINATOR, Role.OPERATOR, Role.MUNICIPAL_OFFICER, Role.TRAINER)
def project(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "territory/project.html",
        {"project": selectors.current_project(), "municipalities": selectors.municipality_counts()},
    )
