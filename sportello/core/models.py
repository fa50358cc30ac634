from django.db import models


class DemoData(models.Model):
    """Present (one row) when the synthetic demo data was loaded: every page then says so."""

    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demo data marker"

    def __str__(self) -> str:
        return f"demo data loaded at {self.loaded_at}"
