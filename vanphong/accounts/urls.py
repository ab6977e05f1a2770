from django.urls import path

from vanphong.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/ma-xac-thuc/", views.login_code, name="login_code"),
    path("dang-nhap/cai-dat-xac-thuc/", views.login_enrol, name="login_enrol"),
    path("tai-khoan/bao-mat/", views.security, name="security"),
    path("tai-khoan/bao-mat/cai-dat/", views.security_enrol, name="security_enrol"),
    path("tai-khoan/bao-mat/ma-du-phong/", views.recovery_codes, name="recovery_codes"),
    path("tai-khoan/bao-mat/tat/", views.security_off, name="security_off"),
]
