from django.urls import path

app_name = "incoming"
urlpatterns: list = []
