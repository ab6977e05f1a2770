from django.urls import path

from vanphong.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("tai-len/", views.upload, name="upload"),
    path("do-chinh-xac/", views.accuracy, name="accuracy"),
    path("goi-y/", views.suggestion, name="suggestion"),
    path("lo/<str:batch_id>/", views.batch_view, name="batch"),
    path("<uuid:item_id>/", views.confirm, name="confirm"),
    path("<uuid:item_id>/bo/", views.discard, name="discard"),
    path("<uuid:item_id>/thu-lai/", views.retry, name="retry"),
    path("<uuid:item_id>/anh-trang-dau.jpg", views.preview, name="preview"),
    path("<uuid:item_id>/tep-goc/", views.original, name="original"),
    path("<uuid:item_id>/ban-co-lop-chu.pdf", views.searchable, name="searchable"),
]
