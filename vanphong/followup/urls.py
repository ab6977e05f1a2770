from django.urls import path

from vanphong.followup import figure_views, programme_views, views

app_name = "followup"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("giao/", views.create, name="create"),
    path("chuong-trinh/", programme_views.programme_list, name="programmes"),
    path("chuong-trinh/them/", programme_views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:programme_id>/", programme_views.programme_detail, name="programme"),
    path("chuong-trinh/<int:programme_id>/muc/them/", programme_views.item_add,
         name="programme_item_add"),
    path("chuong-trinh/<int:programme_id>/duyet/", programme_views.programme_approve,
         name="programme_approve"),
    path("chuong-trinh/<int:programme_id>/bao-cao.xlsx", programme_views.report_xlsx,
         name="programme_xlsx"),
    path("chuong-trinh/<int:programme_id>/bao-cao.pdf", programme_views.report_pdf,
         name="programme_pdf"),
    path("chuong-trinh/muc/<int:item_id>/quyet-dinh/", programme_views.item_decide,
         name="programme_item_decide"),
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
