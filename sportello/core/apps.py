from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sportello.core"
    label = "core"

    def ready(self):
        from sportello.core import checks  # noqa: F401  (registers the production checks)
