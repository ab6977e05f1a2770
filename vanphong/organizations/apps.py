from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "vanphong.organizations"
    verbose_name = "Cơ quan, tổ chức và nhân sự"

    def ready(self) -> None:
        from vanphong import checks  # noqa: F401  (registers the start-up checks)
