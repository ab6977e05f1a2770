from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "vanphong.organizations"
    verbose_name = "Cơ quan, tổ chức và nhân sự"
