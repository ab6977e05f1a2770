from django.urls import path

from vanphong.records import archive_views as archive
from vanphong.records import disposal_views as disposals
from vanphong.records import package_views as packages
from vanphong.records import search_views, views
from vanphong.records import transfer_views as transfers

app_name = "records"
urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("danh-muc/<int:plan_id>/", views.plan_detail, name="plan"),
    path("danh-muc/<int:plan_id>/de-muc/", views.heading_add, name="heading_add"),
    path("danh-muc/<int:plan_id>/ho-so/", views.dossier_add, name="dossier_add"),
    path("danh-muc/<int:plan_id>/duyet/", views.plan_approve, name="plan_approve"),
    path("danh-muc/<int:plan_id>/sao-chep/", views.plan_copy, name="plan_copy"),
    path("danh-muc/<int:plan_id>/danh-muc.pdf", views.plan_pdf, name="plan_pdf"),
    path("dua-vao/", views.file_from_document, name="file_document"),
    path("goi-y/", views.suggest_at_registration, name="suggest"),
    path("tieu-huy/", disposals.disposals, name="disposals"),
    path("tieu-huy/<int:disposal_id>/", disposals.disposal_detail, name="disposal"),
    path("tieu-huy/<int:disposal_id>/<str:step>/", disposals.disposal_step, name="disposal_step"),
    path("tieu-huy/<int:disposal_id>/bien-ban.pdf", disposals.disposal_pdf,
         name="disposal_pdf"),
    path("goi-ho-so/", packages.archived_list, name="archived_list"),
    path("goi-ho-so/<uuid:dossier_id>/", packages.archived_detail, name="archived"),
    path("goi-ho-so/<uuid:dossier_id>/goi.zip", packages.archived_export, name="archived_export"),
    path("goi-ho-so/<uuid:dossier_id>/tep/<int:file_id>/", packages.archived_file,
         name="archived_file"),
    path("tim/", search_views.search, name="search"),
    path("kho/", archive.boxes, name="boxes"),
    path("so-su-dung/", archive.register_of_use, name="register_of_use"),
    path("so-su-dung/<int:loan_id>/<str:step>/", archive.loan_step, name="loan_step"),
    path("nop-luu/", transfers.transfers, name="transfers"),
    path("nop-luu/<int:transfer_id>/", transfers.transfer_detail, name="transfer"),
    path("nop-luu/<int:transfer_id>/<str:step>/", transfers.transfer_step, name="transfer_step"),
    path("nop-luu/<int:transfer_id>/nop-luu.pdf", transfers.transfer_pdf, name="transfer_pdf"),
    path("<uuid:dossier_id>/", views.dossier_detail, name="dossier"),
    path("<uuid:dossier_id>/dua-vao/", views.dossier_file, name="dossier_file"),
    path("<uuid:dossier_id>/rut/<int:item_id>/", views.dossier_unfile, name="dossier_unfile"),
    path("<uuid:dossier_id>/ket-thuc/", views.dossier_close, name="dossier_close"),
    path("<uuid:dossier_id>/mo-lai/", views.dossier_reopen, name="dossier_reopen"),
    path("<uuid:dossier_id>/muc-luc.pdf", views.contents_pdf, name="contents_pdf"),
    path("<uuid:dossier_id>/giu-lai/", transfers.dossier_delay, name="dossier_delay"),
    path("<uuid:dossier_id>/sua/", transfers.dossier_correct, name="dossier_correct"),
    path("<uuid:dossier_id>/tam-giu/", disposals.dossier_hold, name="dossier_hold"),
    path("<uuid:dossier_id>/goi.zip", packages.dossier_export, name="dossier_export"),
    path("<uuid:dossier_id>/xep-kho/", archive.dossier_shelve, name="dossier_shelve"),
    path("<uuid:dossier_id>/muon/", archive.loan_request, name="loan_request"),
]
