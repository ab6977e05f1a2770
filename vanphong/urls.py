from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from vanphong.accounts.views import LoginView
from vanphong.api.urls import api

urlpatterns = [
    path("dang-nhap/", LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("vanphong.accounts.urls")),
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
]

if settings.VANPHONG_DJANGO_ADMIN:
    # Off by default: the product's administration pages do the everyday work. When
    # turned on, only superusers whose session was verified by a second factor get in.
    from vanphong.accounts.admin_site import SecondFactorAdminSite

    admin.site.__class__ = SecondFactorAdminSite
    urlpatterns.append(path("django-admin/", admin.site.urls))
