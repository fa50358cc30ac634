from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi, get_language_from_path

from sportello.core.demo import is_demo
from sportello.core.navigation import navigation_for


def site(request) -> dict:
    language = get_language()
    is_public = bool(get_language_from_path(request.path_info))
    names = dict(settings.LANGUAGES)
    if is_public:
        switcher = [
            {
                "code": code,
                "name": names[code],
                "url": translate_url(request.get_full_path(), code),
                "bidi": code == "ar",
            }
            for code in settings.PUBLIC_LANGUAGES
        ]
    else:
        switcher = [{"code": code, "name": names[code]} for code in settings.STAFF_LANGUAGES]
    return {
        "LANGUAGE_BIDI": get_language_bidi(),
        "is_public_page": is_public,
        "language_switcher": switcher,
        "current_language": language,
        "demo_data": is_demo(),
        "navigation": navigation_for(request.user) if hasattr(request, "user") else [],
    }
