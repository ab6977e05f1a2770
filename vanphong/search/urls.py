from django.urls import path

from vanphong.search import views

app_name = "search"
urlpatterns = [
    path("", views.page, name="page"),
    path("goi-y/", views.suggestions, name="suggestions"),
    path("xuat.xlsx", views.export, name="export"),
]
