from django.urls import path

from vanphong.schedule import meeting_views as meetings
from vanphong.schedule import views

app_name = "schedule"
urlpatterns = [
    path("lich-tuan/", views.week, name="week"),
    path("lich-tuan/su-kien/them/", views.event_add, name="event_add"),
    path("lich-tuan/su-kien/<uuid:event_id>/", views.event_detail, name="event"),
    path("lich-tuan/su-kien/<uuid:event_id>/sua/", views.event_edit, name="event_edit"),
    path("lich-tuan/su-kien/<uuid:event_id>/duyet/", views.event_approve, name="event_approve"),
    path("lich-tuan/su-kien/<uuid:event_id>/huy/", views.event_cancel, name="event_cancel"),
    path("lich-tuan/su-kien/<uuid:event_id>/tham-du/", views.event_rsvp, name="event_rsvp"),
    path("lich-tuan/<str:week_start>/duyet-tat-ca/", views.week_approve, name="week_approve"),
    path("lich-tuan/<str:week_start>/cong-bo/", views.week_publish, name="week_publish"),
    path("lich-tuan/<str:week_start>/de-nghi-duyet/", views.week_ask_approval,
         name="week_ask_approval"),
    path("lich-tuan/<str:week_start>/in/", views.week_print, name="week_print"),
    path("lich-tuan/<str:week_start>/lich-tuan.pdf", views.week_pdf, name="week_pdf"),
    path("lich-cua-toi/", views.my_calendar, name="mine"),
    path("lich-cua-toi/dong-bo/", views.my_calendar_link, name="mine_link"),
    path("lich/<str:key>.ics", views.feed, name="feed"),
    path("hop/", meetings.meeting_list, name="meetings"),
    path("hop/them/", meetings.meeting_create, name="meeting_create"),
    path("hop/<uuid:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("hop/<uuid:meeting_id>/giay-moi/", meetings.invitation, name="meeting_invitation"),
    path("hop/<uuid:meeting_id>/tai-lieu/", meetings.share, name="meeting_share"),
    path("hop/<uuid:meeting_id>/tai-lieu/<int:document_id>/", meetings.document,
         name="meeting_document"),
    path("hop/<uuid:meeting_id>/diem-danh/", meetings.attendance, name="meeting_attendance"),
    path("hop/<uuid:meeting_id>/bien-ban/", meetings.minutes, name="meeting_minutes"),
    path("hop/<uuid:meeting_id>/bien-ban/tep/", meetings.minutes_file,
         name="meeting_minutes_file"),
    path("hop/<uuid:meeting_id>/ket-luan/", meetings.conclusions, name="meeting_conclusions"),
    path("hop/ket-luan/<int:conclusion_id>/giao-nhiem-vu/", meetings.conclusion_tasks,
         name="conclusion_tasks"),
]
