from django.urls import path

from vanphong.followup import figure_views, views

app_name = "followup"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("giao/", views.create, name="create"),
    path("theo-doi/", figure_views.figures_page, name="figures"),
    path("theo-doi.xlsx", figure_views.figures_xlsx, name="figures_xlsx"),
    path("theo-doi.pdf", figure_views.figures_pdf, name="figures_pdf"),
    path("theo-doi/danh-sach/", figure_views.drill_page, name="drill"),
    path("theo-doi/danh-sach.xlsx", figure_views.drill_xlsx, name="drill_xlsx"),
    path("<uuid:task_id>/", views.detail, name="detail"),
    path("<uuid:task_id>/tien-do/", views.progress, name="progress"),
    path("<uuid:task_id>/xin-gia-han/", views.request_extension, name="request_extension"),
    path("<uuid:task_id>/gia-han/", views.decide_extension, name="decide_extension"),
    path("<uuid:task_id>/hoan-thanh/", views.complete, name="complete"),
    path("<uuid:task_id>/mo-lai/", views.reopen, name="reopen"),
    path("<uuid:task_id>/huy/", views.cancel, name="cancel"),
    path("<uuid:task_id>/don-doc/", views.remind, name="remind"),
    path("<uuid:task_id>/giao-tiep/", views.delegate, name="delegate"),
    path("<uuid:task_id>/nhiem-vu-con/", views.subtask, name="subtask"),
    path("<uuid:task_id>/tep/<int:file_id>/", views.download, name="download"),
]
