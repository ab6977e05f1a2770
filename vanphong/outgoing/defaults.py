"""Default drafting templates (rules.md §1.1, §1.3, §2.1, §2.3). Administrators edit and
add templates; these only seed a new installation. The layout itself (header, number,
date, signature block, "Nơi nhận") is built by `layout.py` from the organization's
style, so a template holds only the body a drafter starts from."""

from __future__ import annotations

from typing import Any

# (style, document type name, template name, body)
TEMPLATES = [
    ("state", "Quyết định", "Quyết định cá biệt (mẫu 1.2)",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n"
     "Căn cứ …;\n"
     "Theo đề nghị của …\n\n"
     "QUYẾT ĐỊNH:\n\n"
     "Điều 1. …\n\n"
     "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
     "Điều 3. Văn phòng, … và các cá nhân có liên quan chịu trách nhiệm thi hành Quyết "
     "định này./."),
    ("state", "Công văn", "Công văn hành chính (mẫu 1.5)",
     "Thực hiện …, [tên cơ quan] đề nghị … như sau:\n\n"
     "1. …\n\n"
     "2. …\n\n"
     "Đề nghị quý cơ quan quan tâm, phối hợp./."),
    ("state", "Tờ trình", "Tờ trình (mẫu 1.4)",
     "Căn cứ …;\n\n"
     "[Tên cơ quan] kính trình … xem xét, quyết định …:\n\n"
     "I. SỰ CẦN THIẾT\n\n…\n\n"
     "II. NỘI DUNG ĐỀ NGHỊ\n\n…\n\n"
     "Kính trình … xem xét, quyết định./."),
    ("state", "Báo cáo", "Báo cáo (mẫu 1.4)",
     "I. KẾT QUẢ THỰC HIỆN\n\n…\n\n"
     "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n\n…\n\n"
     "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI\n\n…\n\n"
     "IV. KIẾN NGHỊ, ĐỀ XUẤT\n\n…/."),
    ("state", "Kế hoạch", "Kế hoạch (mẫu 1.4)",
     "I. MỤC ĐÍCH, YÊU CẦU\n\n…\n\n"
     "II. NỘI DUNG, THỜI GIAN THỰC HIỆN\n\n…\n\n"
     "III. TỔ CHỨC THỰC HIỆN\n\n…/."),
    ("state", "Thông báo", "Thông báo (mẫu 1.4)",
     "[Nội dung thông báo] …\n\n"
     "[Tên cơ quan] thông báo để các cơ quan, đơn vị, cá nhân biết, thực hiện./."),
    ("state", "Giấy mời", "Giấy mời (mẫu 1.7)",
     "[Tên cơ quan] trân trọng kính mời: …\n\n"
     "Tới dự: …\n\n"
     "Thời gian: … giờ … phút, ngày … tháng … năm …\n\n"
     "Địa điểm: …\n\n"
     "Rất mong được đón tiếp./."),
    ("party", "Nghị quyết", "Nghị quyết của Đảng ủy",
     "- Căn cứ Điều lệ Đảng;\n"
     "- Căn cứ Quy chế làm việc của Đảng ủy xã nhiệm kỳ …;\n"
     "- Xét đề nghị của …,\n\n"
     "ĐẢNG ỦY XÃ QUYẾT NGHỊ:\n\n"
     "1. …\n\n"
     "2. …\n\n"
     "3. Các chi bộ, cơ quan, đoàn thể có liên quan căn cứ Nghị quyết tổ chức thực hiện."),
    ("party", "Công văn", "Công văn của Đảng ủy",
     "Thực hiện …, Ban Thường vụ Đảng ủy đề nghị …:\n\n"
     "1. …\n\n"
     "2. …"),
    ("party", "Báo cáo", "Báo cáo của Đảng ủy",
     "I. TÌNH HÌNH VÀ KẾT QUẢ\n\n…\n\n"
     "II. HẠN CHẾ, NGUYÊN NHÂN\n\n…\n\n"
     "III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI\n\n…"),
    ("party", "Thông báo", "Thông báo kết luận",
     "Ngày …, Ban Thường vụ Đảng ủy họp, nghe … Sau khi thảo luận, Ban Thường vụ kết "
     "luận như sau:\n\n"
     "1. …\n\n"
     "2. …"),
    ("party", "Kế hoạch", "Kế hoạch của Đảng ủy",
     "I. MỤC ĐÍCH, YÊU CẦU\n\n…\n\n"
     "II. NỘI DUNG\n\n…\n\n"
     "III. TỔ CHỨC THỰC HIỆN\n\n…"),
]


def seed_templates(template_model: Any, document_type_model: Any) -> int:
    """Create the default templates that are missing; returns how many were added.
    Used by the data migration and by `build_office` (a flushed test database loses the
    migration's rows)."""
    added = 0
    for style, type_name, name, body in TEMPLATES:
        document_type = document_type_model.objects.filter(
            system=style, organization=None, name=type_name
        ).first()
        if document_type is None:
            continue
        _, created = template_model.objects.get_or_create(
            style=style, organization=None, document_type=document_type, name=name,
            defaults={"body": body},
        )
        added += created
    return added
