"""Translated fields (django-modeltranslation): Italian canonical, fallback to Italian.

Each field gets name_it, name_en, name_fr, name_ar, name_ro, name_sq columns; reading `name`
gives the active language's text or, when empty, the Italian one.
"""

from modeltranslation.translator import TranslationOptions, register

from sportello.directory.models import Organization, RequiredDocument, Service, TaxonomyTerm


@register(TaxonomyTerm)
class TaxonomyTermTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("description",)


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = (
        "name",
        "description",
        "eligibility_description",
        "application_process",
        "fees_description",
        "alert",
    )


@register(RequiredDocument)
class RequiredDocumentTranslation(TranslationOptions):
    fields = ("document",)
