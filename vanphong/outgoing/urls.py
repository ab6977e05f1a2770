from django.urls import path

from vanphong.outgoing import views

app_name = "outgoing"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("soan-thao/", views.new, name="new"),
    path("giu-so/", views.reservations, name="reservations"),
    path("giu-so/<int:reservation_id>/huy/", views.release, name="release"),
    path("<uuid:document_id>/", views.detail, name="detail"),
    path("<uuid:document_id>/sua/", views.edit, name="edit"),
    path("<uuid:document_id>/trinh/", views.submit, name="submit"),
    path("<uuid:document_id>/dong-y/", views.approve, name="approve"),
    path("<uuid:document_id>/ky/", views.sign, name="sign"),
    path("<uuid:document_id>/tra-lai/", views.return_, name="return"),
    path("<uuid:document_id>/huy/", views.withdraw, name="withdraw"),
    path("<uuid:document_id>/gop-y/", views.comment, name="comment"),
    path("<uuid:document_id>/phat-hanh/", views.issue, name="issue"),
    path("<uuid:document_id>/thu-hoi/", views.recall, name="recall"),
    path("<uuid:document_id>/tao-lai-ban-phat-hanh/", views.retry_final, name="retry_final"),
    path("<uuid:document_id>/gui-lai/<int:recipient_id>/", views.resend_mail, name="resend"),
    path("<uuid:document_id>/phien-ban/<int:number>/", views.version_file, name="version"),
    path("<uuid:document_id>/so-sanh/", views.compare, name="compare"),
    path("<uuid:document_id>/tep/<int:attachment_id>/", views.attachment_file,
         name="attachment"),
    path("<uuid:document_id>/xem-truoc.pdf", views.preview, name="preview"),
    path("<uuid:document_id>/ban-phat-hanh.<str:kind>", views.final_file, name="final"),
]
