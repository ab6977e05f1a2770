from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from vanphong.api.urls import api

urlpatterns = [
    path(
        "dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("vanphong.home.urls")),
    path("van-ban-den/", include("vanphong.incoming.urls")),
    path("van-ban-di/", include("vanphong.outgoing.urls")),
    path("tiep-nhan/", include("vanphong.intake.urls")),
    path("tim-kiem/", include("vanphong.search.urls")),
    path("nhiem-vu/", include("vanphong.followup.urls")),
    path("thong-bao/", include("vanphong.notices.urls")),
    path("ho-so/", include("vanphong.records.urls")),
    path("", include("vanphong.schedule.urls")),
    path("so-dang-ky/", include("vanphong.registers.urls")),
    path("quan-tri/", include("vanphong.administration.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
