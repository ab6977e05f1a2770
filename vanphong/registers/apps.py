from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "vanphong.registers"
    verbose_name = "Sổ đăng ký và cấp số"
