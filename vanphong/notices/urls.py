from django.urls import path

from vanphong.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:notice_id>/mo/", views.notice_open, name="open"),
    path("da-doc-het/", views.notice_read_all, name="read_all"),
]
