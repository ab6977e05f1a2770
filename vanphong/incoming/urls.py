from django.urls import path

from vanphong.incoming import views

app_name = "incoming"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("vao-so/", views.register, name="register"),
    path("vao-so/kiem-tra-trung/", views.duplicates_check, name="duplicates"),
    path("<uuid:document_id>/", views.detail, name="detail"),
    path("<uuid:document_id>/trinh/", views.route, name="route"),
    path("<uuid:document_id>/chi-dao/", views.instruct, name="instruct"),
    path("<uuid:document_id>/giao-lai/", views.reassign, name="reassign"),
    path("<uuid:document_id>/tien-do/", views.progress, name="progress"),
    path("<uuid:document_id>/hoan-thanh/", views.complete, name="complete"),
    path("<uuid:document_id>/tra-lai/", views.return_, name="return"),
    path("<uuid:document_id>/mo-lai/", views.reopen, name="reopen"),
    path("<uuid:document_id>/sua/", views.correct, name="correct"),
    path("<uuid:document_id>/chia-se/", views.share, name="share"),
    path("<uuid:document_id>/da-xem/", views.seen, name="seen"),
    path("<uuid:document_id>/tep/<int:attachment_id>/", views.download, name="download"),
    path("<uuid:document_id>/phieu-giai-quyet.pdf", views.slip, name="slip"),
]
