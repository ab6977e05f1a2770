from django.urls import path

from vanphong.registers import views

app_name = "registers"
urlpatterns = [
    path("", views.register_list, name="list"),
    path("thong-ke-van-ban-di/", views.outgoing_statistics, name="outgoing_statistics"),
    path("<int:register_id>/", views.register_detail, name="detail"),
    path("<int:register_id>/in-so.pdf", views.register_pdf, name="pdf"),
    path("<int:register_id>/xuat-excel.xlsx", views.register_xlsx, name="xlsx"),
]
