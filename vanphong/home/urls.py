from django.urls import path

from vanphong.home import views

app_name = "home"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("viec-cua-toi/<str:kind>/<str:key>/", views.queue, name="queue"),
    path("dieu-hanh/", views.dashboard, name="dashboard"),
    path("lam-viec-cho/", views.act_for, name="act_for"),
]
