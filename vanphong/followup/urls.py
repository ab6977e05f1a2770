from django.urls import path

from vanphong.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("giao/", views.create, name="create"),
    path("<uuid:task_id>/", views.detail, name="detail"),
    path("<uuid:task_id>/tien-do/", views.progress, name="progress"),
    path("<uuid:task_id>/xin-gia-han/", views.request_extension, name="request_extension"),
    path("<uuid:task_id>/gia-han/", views.decide_extension, name="decide_extension"),
    path("<uuid:task_id>/hoan-thanh/", views.complete, name="complete"),
    path("<uuid:task_id>/mo-lai/", views.reopen, name="reopen"),
    path("<uuid:task_id>/huy/", views.cancel, name="cancel"),
    path("<uuid:task_id>/don-doc/", views.remind, name="remind"),
    path("<uuid:task_id>/tep/<int:file_id>/", views.download, name="download"),
]
