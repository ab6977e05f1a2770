from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vanphong.accounts"
    verbose_name = "Đăng nhập và bảo mật tài khoản"
