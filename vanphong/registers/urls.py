from django.urls import path

app_name = "registers"
urlpatterns: list = []
