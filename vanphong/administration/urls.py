from django.urls import path
from django.views.generic import TemplateView

app_name = "administration"
# Placeholder until the administration pages land.
urlpatterns = [path("", TemplateView.as_view(template_name="base.html"), name="index")]
