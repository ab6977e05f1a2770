"""Words of Vietnamese administrative documents, for the search corpus: the forms
subjects (trích yếu) take per document type, body sentences, legal bases, places and
people's names. The activities they are about are in `topics.py`.

A line may carry the years it is current in after a "|" ("...;|2015-2025"); templates use
`{t}` (the topic), `{f}` (the field's name), `{p}` (a coming period), `{q}` (a period
just ended), `{y}` (the year) and a few more filled by `corpus.py`.
"""

from __future__ import annotations

# --- Subjects (trích yếu) per document type ------------------------------------------

SUBJECTS: dict[str, tuple[str, ...]] = {
    "Công văn": (
        "V/v triển khai thực hiện {t} {p}", "V/v tăng cường {t}",
        "V/v đôn đốc thực hiện {t} {p}", "V/v báo cáo kết quả {t} {q}",
        "V/v báo cáo tình hình {t} {q}", "V/v rà soát, tổng hợp số liệu về {t}",
        "V/v hướng dẫn thực hiện {t} {p}", "V/v góp ý dự thảo Kế hoạch {t} {p}",
        "V/v góp ý dự thảo Quy định về {t}", "V/v cung cấp thông tin, số liệu phục vụ {t}",
        "V/v chấn chỉnh, nâng cao hiệu quả {t}", "V/v đẩy mạnh {t} trong thời gian tới",
        "V/v cử cán bộ tham dự lớp tập huấn về {t} {p}",
        "V/v phối hợp kiểm tra {t} tại {place}", "V/v tiếp tục thực hiện {t}",
        "V/v xây dựng kế hoạch {t} {p}", "V/v tổ chức sơ kết {t} {q}",
        "V/v đề nghị hỗ trợ kinh phí thực hiện {t}",
        "V/v thực hiện ý kiến chỉ đạo của {leader} về {t}",
        "V/v khắc phục tồn tại, hạn chế trong {t}",
        "V/v giải quyết kiến nghị của công dân liên quan đến {t}",
        "V/v bổ sung hồ sơ, tài liệu về {t}", "V/v điều chỉnh thời gian thực hiện {t}",
        "V/v tham mưu triển khai {t} trên địa bàn", "V/v cập nhật dữ liệu {t} lên hệ thống",
        "V/v chuẩn bị nội dung làm việc về {t}", "V/v thông báo kết quả thẩm định {t}",
        "V/v đăng ký nhu cầu kinh phí {t} {p}", "V/v thực hiện nghiêm {t} {p}",
    ),
    "Quyết định": (
        "Về việc phê duyệt Kế hoạch {t} {p}", "Về việc thành lập Ban Chỉ đạo {t}",
        "Về việc kiện toàn Ban Chỉ đạo {t}", "Về việc thành lập Tổ công tác {t}",
        "Về việc thành lập Đoàn kiểm tra {t} {p}",
        "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong {t} {q}",
        "Về việc giao chỉ tiêu {t} {p}", "Về việc phân bổ kinh phí thực hiện {t} {p}",
        "Về việc ban hành Quy chế hoạt động của Ban Chỉ đạo {t}",
        "Về việc công bố danh mục thủ tục hành chính trong lĩnh vực {f}",
        "Về việc phê duyệt dự toán kinh phí {t} {p}", "Về việc cử cán bộ tham gia {t}",
        "Về việc phân công nhiệm vụ thành viên Ban Chỉ đạo {t}",
        "Về việc xử phạt vi phạm hành chính trong lĩnh vực {f}",
        "Về việc ban hành Kế hoạch {t} {p}", "Về việc giao dự toán ngân sách nhà nước năm {y}",
        "Về việc phê duyệt quyết toán dự án hoàn thành công trình {work}",
        "Về việc phê duyệt danh sách hộ được hỗ trợ {t} {p}",
        "Về việc bổ sung thành viên Tổ giúp việc {t}",
    ),
    "Kế hoạch": (
        "Triển khai thực hiện {t} {p}", "Tổ chức thực hiện {t} {p}",
        "Kiểm tra, giám sát {t} {p}", "Tuyên truyền về {t} {p}",
        "Thực hiện {t} trên địa bàn {p}", "Tổ chức Hội nghị sơ kết {t} {q}",
        "Hành động thực hiện {t} giai đoạn {range}", "Khắc phục tồn tại, hạn chế trong {t}",
        "Đẩy mạnh {t} {p}", "Tổ chức các hoạt động hưởng ứng {t} {p}",
        "Kiểm tra việc thực hiện {t} tại các thôn {p}",
    ),
    "Báo cáo": (
        "Kết quả {t} {q}", "Tình hình thực hiện {t} {q}", "Sơ kết {t} {q}",
        "Tổng kết {t} {q}, phương hướng, nhiệm vụ {p}",
        "Kết quả thực hiện nhiệm vụ {q}, phương hướng, nhiệm vụ {p}",
        "Giải trình, làm rõ một số nội dung liên quan đến {t}",
        "Tình hình kinh tế - xã hội, quốc phòng - an ninh {q}",
        "Đánh giá {n} năm thực hiện {t}", "Kết quả kiểm tra {t} tại {place}",
        "Kết quả rà soát {t} {q}",
    ),
    "Thông báo": (
        "Kết luận của {leader} tại cuộc họp về {t}",
        "Kết luận của {leader} tại buổi làm việc về {t}", "Kết quả kiểm tra {t} {q}",
        "Về việc tổ chức Hội nghị triển khai {t}", "Phân công nhiệm vụ thực hiện {t}",
        "Ý kiến chỉ đạo của {leader} về {t}", "Lịch tiếp công dân định kỳ năm {y}",
        "Về việc nghỉ Tết Nguyên đán {tet}", "Kết quả xét tuyển công chức năm {y}",
        "Về việc điều chỉnh thời gian tổ chức hội nghị {t}",
    ),
    "Giấy mời": (
        "Dự Hội nghị sơ kết {t} {q}", "Dự Hội nghị tổng kết {t} {q}",
        "Dự Hội nghị tập huấn về {t}", "Dự Hội nghị trực tuyến triển khai {t}",
        "Dự buổi làm việc về {t}", "Dự cuộc họp giao ban tháng {month}/{y}",
        "Dự Hội nghị quán triệt, triển khai {t}",
    ),
    "Tờ trình": (
        "Về việc đề nghị phê duyệt Kế hoạch {t} {p}", "Về việc đề nghị hỗ trợ kinh phí {t}",
        "Về việc đề nghị phê chuẩn quyết toán ngân sách xã năm {y1}",
        "Đề nghị thông qua dự toán thu, chi ngân sách xã năm {y2}",
        "Về việc đề nghị xem xét kết nạp quần chúng {person} vào Đảng",
        "Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích trong {t}",
        "Về việc đề nghị điều chỉnh kế hoạch đầu tư công năm {y}",
        "Đề nghị thông qua danh mục công trình, dự án {p}",
    ),
    "Nghị quyết": (
        "Về việc thông qua Kế hoạch {t} {p}", "Về kết quả giám sát chuyên đề {t}",
        "Về chương trình giám sát năm {y2}", "Về nhiệm vụ phát triển kinh tế - xã hội năm {y2}",
        "Về dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách địa phương năm {y2}",
        "Về việc phê chuẩn quyết toán ngân sách xã năm {y1}",
    ),
    "Nghị quyết/party": (
        "Về lãnh đạo {t} {p}", "Về tăng cường sự lãnh đạo của Đảng đối với {t}",
        "Về phương hướng, nhiệm vụ năm {y2}", "Về nhiệm vụ trọng tâm {p}",
        "Về đẩy mạnh {t} giai đoạn {range}",
    ),
    "Quyết định/party": (
        "Về việc thành lập Đoàn kiểm tra {t}",
        "Về việc chuẩn y kết quả bầu cử chi ủy, bí thư, phó bí thư chi bộ {place}",
        "Về việc kết nạp đảng viên đối với quần chúng {person}",
        "Về việc công nhận đảng viên chính thức đối với đồng chí {person}",
        "Về việc tặng Huy hiệu {badge} năm tuổi Đảng cho đảng viên",
        "Về việc phân công nhiệm vụ các đồng chí Ủy viên Ban Thường vụ",
        "Về việc thành lập Tổ giúp việc {t}", "Về việc kiện toàn Ban Chỉ đạo {t}",
        "Về việc chuyển sinh hoạt đảng chính thức cho đảng viên {person}",
        "Về việc ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ nhiệm kỳ {term}",
    ),
    "Nghị quyết (QPPL)": (
        "Quy định mức chi hỗ trợ {t} trên địa bàn tỉnh Lâm Đồng",
        "Quy định chính sách hỗ trợ {t} trên địa bàn tỉnh",
        "Ban hành Quy định về {t} trên địa bàn tỉnh",
        "Quy định phân cấp nhiệm vụ chi trong lĩnh vực {f}",
    ),
    "Quyết định (QPPL)": (
        "Ban hành Quy định về {t} trên địa bàn tỉnh Lâm Đồng",
        "Quy định chi tiết một số nội dung về {t}",
        "Sửa đổi, bổ sung một số điều của Quy định về {t}",
        "Ban hành Quy chế phối hợp trong {t} trên địa bàn tỉnh",
    ),
    "Nghị định": (
        "Quy định chi tiết một số điều của Luật {law}", "Quy định về {t}",
        "Sửa đổi, bổ sung một số điều của các nghị định quy định về {t}",
        "Quy định xử phạt vi phạm hành chính trong lĩnh vực {f}",
    ),
    "Thông tư": (
        "Hướng dẫn thực hiện {t}", "Quy định chi tiết và hướng dẫn thi hành một số điều của "
        "Luật {law}", "Sửa đổi, bổ sung một số điều của Thông tư hướng dẫn {t}",
        "Quy định chế độ báo cáo thống kê trong lĩnh vực {f}",
    ),
    "Chỉ thị": (
        "Về tăng cường {t}", "Về việc đẩy mạnh {t}",
        "Về tăng cường sự lãnh đạo, chỉ đạo đối với {t}", "Về việc chấn chỉnh {t}",
        "Về việc tổ chức Tết Nguyên đán {tet}",
    ),
    "Hướng dẫn": (
        "Thực hiện {t} {p}", "Một số nội dung về {t}", "Triển khai {t}",
        "Nghiệp vụ {t}", "Tổ chức {t} {p}",
    ),
    "Chương trình": (
        "Công tác năm {y2}", "Hành động thực hiện {t} giai đoạn {range}",
        "Giám sát năm {y2}", "Phối hợp thực hiện {t} giai đoạn {range}",
        "Công tác trọng tâm {p}",
    ),
    "Công điện": (
        "Về việc chủ động ứng phó với mưa lớn, lũ quét, sạt lở đất",
        "Về việc tập trung ứng phó với bão số {n}",
        "Về việc tăng cường phòng cháy, chữa cháy rừng trong cao điểm mùa khô",
        "Về việc khẩn trương khống chế dịch tả lợn châu Phi",
        "Về việc khắc phục hậu quả mưa lũ", "Về việc tăng cường {t}",
        "Về việc bảo đảm an ninh, trật tự dịp Tết Nguyên đán {tet}",
    ),
    "Kết luận": (
        "Của Ban Thường vụ về {t}", "Về tiếp tục thực hiện {t}",
        "Về tiếp tục đẩy mạnh {t} giai đoạn {range}", "Về kết quả kiểm tra {t}",
    ),
    "Bản sao": ("Sao gửi {central}",),
    "Thông tri": ("Về lãnh đạo {t}", "Về việc tổ chức {t}"),
    "Quy chế": (
        "Quy chế phối hợp trong {t}", "Quy chế làm việc nhiệm kỳ {term}",
        "Quy chế quản lý {t}",
    ),
    "Quy định": ("Quy định về {t}", "Về trách nhiệm nêu gương trong {t}"),
    "Đề án": ("{T} trên địa bàn giai đoạn {range}", "Nâng cao hiệu quả {t} giai đoạn {range}"),
    "Phương án": ("{T} {p}", "Phương án bảo đảm {t} {p}"),
}
SECRET_SUBJECTS = (
    "Về công tác bảo vệ chính trị nội bộ {p}", "Phương án bảo vệ an ninh chính trị nội bộ {p}",
    "Diễn tập khu vực phòng thủ {p}", "Về tình hình an ninh nông thôn {q}",
    "Về công tác nhân sự cấp ủy nhiệm kỳ {term}", "Kết quả thẩm tra, xác minh lý lịch {q}",
    "Công tác bảo vệ bí mật nhà nước {p}", "Bảo vệ an ninh, trật tự các mục tiêu trọng điểm {p}",
    "Về tình hình tư tưởng và dư luận xã hội {q}",
)
LEADERS = (
    "đồng chí Chủ tịch UBND tỉnh", "Thường trực Tỉnh ủy", "đồng chí Bí thư Tỉnh ủy",
    "đồng chí Phó Chủ tịch UBND tỉnh", "Ban Thường vụ Tỉnh ủy", "Thường trực HĐND tỉnh",
    "đồng chí Giám đốc Sở", "lãnh đạo UBND huyện", "Thường trực Huyện ủy",
    "đồng chí Chủ tịch UBND xã", "Thường trực Đảng ủy xã",
)
WORKS = (
    "đường giao thông {place}", "nhà văn hóa {place}", "kênh mương nội đồng {place}",
    "sân thể thao {place}", "điểm trường mầm non {place}", "cầu dân sinh {place}",
    "hệ thống điện chiếu sáng {place}", "trụ sở làm việc Ban Công tác Mặt trận {place}",
)
LAWS = (
    "Đất đai", "Tổ chức chính quyền địa phương", "Cán bộ, công chức", "Ngân sách nhà nước",
    "Đầu tư công", "Bảo hiểm xã hội", "Phòng, chống tham nhũng", "Thi đua, khen thưởng",
    "Lưu trữ", "Thực hiện dân chủ ở cơ sở", "Giao dịch điện tử", "Dân quân tự vệ",
    "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở", "Phòng cháy, chữa cháy và cứu nạn, "
    "cứu hộ", "Bảo vệ môi trường", "Tài nguyên nước", "Lâm nghiệp", "Trồng trọt", "Chăn nuôi",
)
CENTRAL_DOCUMENTS = (
    "Chỉ thị số 03-CT/TW ngày 14/5/2011 của Bộ Chính trị|2011",
    "Chỉ thị số 36-CT/TW ngày 30/5/2014 của Bộ Chính trị về đại hội đảng bộ các cấp|2014",
    "Nghị quyết số 39-NQ/TW ngày 17/4/2015 của Bộ Chính trị về tinh giản biên chế|2015",
    "Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Hội nghị Trung ương 4 khóa XII|2016",
    "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng|2017",
    "Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng|2017",
    "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị|2016",
    "Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương|2018",
    "Kết luận số 21-KL/TW ngày 25/10/2021 của Hội nghị Trung ương 4 khóa XIII|2021",
    "Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương|2021",
    "Nghị quyết số 27-NQ/TW ngày 09/11/2022 của Hội nghị Trung ương 6 khóa XIII|2022",
    "Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp|2024",
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị|2024",
    "Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị|2025",
    "Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị|2025",
    "Quy định số 399-QĐ/TW ngày 09/01/2026 của Ban Bí thư|2026",
)

# --- Body sentences ------------------------------------------------------------------

#: What a letter, plan or directive asks for.
TASKS = (
    "Tổ chức quán triệt, triển khai thực hiện nghiêm túc các nội dung về {t} đến toàn thể "
    "cán bộ, công chức, viên chức và người lao động.",
    "Tăng cường công tác tuyên truyền, phổ biến về {t} bằng nhiều hình thức phù hợp, giúp "
    "người dân hiểu, đồng thuận và tích cực tham gia.",
    "Rà soát, đánh giá thực trạng {t}; xác định rõ những khó khăn, vướng mắc và nguyên nhân "
    "để có giải pháp khắc phục kịp thời.",
    "Phân công cụ thể cán bộ, công chức phụ trách {t}, gắn với trách nhiệm của người đứng đầu.",
    "Bố trí nguồn lực, kinh phí phù hợp để tổ chức thực hiện {t} bảo đảm hiệu quả, đúng quy "
    "định.",
    "Tăng cường kiểm tra, giám sát việc thực hiện {t}; kịp thời biểu dương tập thể, cá nhân "
    "làm tốt, chấn chỉnh những nơi thực hiện chưa nghiêm.",
    "Phối hợp chặt chẽ với Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội "
    "trong tuyên truyền, vận động Nhân dân tham gia {t}.",
    "Cập nhật đầy đủ, chính xác số liệu về {t} vào hệ thống thông tin báo cáo theo đúng biểu "
    "mẫu kèm theo.",
    "Chủ động xây dựng kế hoạch cụ thể về {t}, xác định rõ nội dung, lộ trình, thời gian hoàn "
    "thành và trách nhiệm của từng bộ phận.",
    "Đề cao vai trò, trách nhiệm của người đứng đầu cấp ủy, chính quyền trong lãnh đạo, chỉ "
    "đạo {t}.",
    "Lồng ghép nội dung {t} vào các chương trình, kế hoạch phát triển kinh tế - xã hội của "
    "địa phương.",
    "Kịp thời tổng hợp, báo cáo những khó khăn, vướng mắc phát sinh trong quá trình thực hiện "
    "{t} để được hướng dẫn, giải quyết.",
    "Tiếp tục đẩy mạnh cải cách thủ tục hành chính, ứng dụng công nghệ thông tin trong {t}.",
    "Nâng cao chất lượng, hiệu quả {t}, bảo đảm thực chất, tránh hình thức.",
    "Chỉ đạo các thôn, tổ dân phố tổ chức họp dân để phổ biến, quán triệt nội dung về {t}.",
    "Xử lý nghiêm các trường hợp vi phạm liên quan đến {t} theo quy định của pháp luật.",
    "Tổ chức tập huấn, bồi dưỡng nghiệp vụ về {t} cho đội ngũ cán bộ, công chức cấp xã.",
    "Thường xuyên nắm bắt tình hình, kịp thời tham mưu cấp ủy, chính quyền các giải pháp "
    "nâng cao hiệu quả {t}.",
    "Huy động sự tham gia của doanh nghiệp, các tổ chức và cá nhân vào {t} theo phương châm "
    "Nhà nước và Nhân dân cùng làm.",
    "Định kỳ hằng quý đánh giá kết quả {t}, báo cáo cấp trên theo quy định.",
    "Công khai, minh bạch các thông tin về {t} tại trụ sở và trên cổng thông tin điện tử.",
    "Rà soát, sửa đổi, bổ sung các quy chế, quy định nội bộ liên quan đến {t} cho phù hợp với "
    "tình hình thực tế.",
    "Phát huy vai trò giám sát của Nhân dân và các đoàn thể đối với {t}.",
    "Chủ động phối hợp với các cơ quan chuyên môn cấp trên để giải quyết dứt điểm các tồn tại "
    "trong {t}.",
)
#: What a report says was done.
RESULTS = (
    "Công tác {t} tiếp tục được cấp ủy, chính quyền quan tâm lãnh đạo, chỉ đạo và triển khai "
    "đồng bộ, đạt nhiều kết quả tích cực.",
    "Nhận thức của cán bộ, đảng viên và Nhân dân về {t} có chuyển biến rõ nét.",
    "Việc triển khai {t} được thực hiện đúng kế hoạch, bám sát chỉ đạo của cấp trên.",
    "Các cơ quan, đơn vị đã ban hành văn bản hướng dẫn, phân công cụ thể nhiệm vụ về {t}.",
    "Công tác phối hợp giữa các ban, ngành, đoàn thể trong {t} ngày càng chặt chẽ, hiệu quả.",
    "Nhiều mô hình hay, cách làm sáng tạo trong {t} được nhân rộng trên địa bàn.",
    "Công tác kiểm tra, giám sát việc thực hiện {t} được duy trì thường xuyên.",
    "Cơ sở vật chất, trang thiết bị phục vụ {t} từng bước được đầu tư, nâng cấp.",
    "Các chỉ tiêu chủ yếu về {t} cơ bản đạt và vượt kế hoạch đề ra.",
    "Việc ứng dụng công nghệ thông tin trong {t} được đẩy mạnh, góp phần rút ngắn thời gian "
    "xử lý công việc.",
    "Người dân đồng tình, ủng hộ và tích cực tham gia {t}.",
    "Các kiến nghị, phản ánh của người dân liên quan đến {t} được tiếp nhận và giải quyết kịp "
    "thời.",
)
LIMITS = (
    "Tuy nhiên, việc thực hiện {t} ở một số nơi còn chậm, chưa đồng bộ.",
    "Công tác tuyên truyền về {t} có lúc chưa thường xuyên, hình thức chưa phong phú.",
    "Nguồn lực đầu tư cho {t} còn hạn chế, chưa đáp ứng yêu cầu.",
    "Sự phối hợp giữa các bộ phận trong {t} có lúc chưa chặt chẽ.",
    "Chất lượng báo cáo về {t} chưa cao, số liệu có lúc chưa đầy đủ, kịp thời.",
    "Một bộ phận cán bộ, công chức chưa thật sự chủ động trong {t}.",
    "Trình độ, năng lực của một số cán bộ phụ trách {t} chưa đáp ứng yêu cầu nhiệm vụ.",
    "Hạ tầng công nghệ thông tin phục vụ {t} còn thiếu, chưa đồng bộ.",
)
CAUSES = (
    "Nguyên nhân chủ yếu là do địa bàn rộng, dân cư phân tán, điều kiện kinh tế của người dân "
    "còn nhiều khó khăn.",
    "Nguyên nhân là do khối lượng công việc lớn trong khi biên chế còn thiếu, một số cán bộ "
    "kiêm nhiệm nhiều việc.",
    "Một số văn bản hướng dẫn của cấp trên ban hành chậm, chưa cụ thể.",
    "Công tác kiểm tra, đôn đốc có lúc chưa quyết liệt.",
)
SOLUTIONS = (
    "Tiếp tục nâng cao chất lượng, hiệu quả {t}, gắn với thực hiện các nhiệm vụ chính trị của "
    "địa phương.",
    "Tăng cường sự lãnh đạo của cấp ủy, sự quản lý, điều hành của chính quyền đối với {t}.",
    "Đổi mới nội dung, hình thức tuyên truyền về {t}, chú trọng tuyên truyền trên nền tảng số.",
    "Tập trung tháo gỡ khó khăn, vướng mắc, phấn đấu hoàn thành các chỉ tiêu về {t}.",
    "Nâng cao năng lực, trách nhiệm của đội ngũ cán bộ làm công tác {t}.",
    "Huy động các nguồn lực xã hội để thực hiện {t}.",
    "Kịp thời sơ kết, tổng kết, rút kinh nghiệm trong {t}.",
    "Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số trong {t}.",
)
PURPOSES = (
    "Triển khai thực hiện có hiệu quả {t}, góp phần hoàn thành thắng lợi các chỉ tiêu, nhiệm "
    "vụ phát triển kinh tế - xã hội của địa phương.",
    "Nâng cao nhận thức, trách nhiệm của các cấp, các ngành và toàn thể Nhân dân về {t}.",
    "Xác định cụ thể nội dung, thời gian, lộ trình và trách nhiệm của các cơ quan, đơn vị "
    "trong {t}.",
    "Việc triển khai {t} phải bảo đảm thiết thực, hiệu quả, tiết kiệm, phù hợp với điều kiện "
    "thực tế của địa phương.",
    "Các cơ quan, đơn vị chủ động phối hợp chặt chẽ, thường xuyên trao đổi thông tin trong quá "
    "trình thực hiện.",
    "Gắn trách nhiệm của người đứng đầu với kết quả thực hiện {t}.",
)
#: Sentences with numbers, dates, places and people (filled at each use).
FIGURES = (
    "Trong {q}, toàn xã đã tổ chức {n} buổi tuyên truyền về {t} với trên {m} lượt người "
    "tham dự.",
    "Kết quả đến nay đạt {pct}% kế hoạch năm, tăng {d}% so với cùng kỳ năm trước.",
    "Tổng kinh phí thực hiện là {money} triệu đồng, trong đó ngân sách nhà nước {money2} triệu "
    "đồng, còn lại là nguồn xã hội hóa.",
    "Đã tiếp nhận và giải quyết {n} hồ sơ, trong đó {n2} hồ sơ giải quyết trước và đúng hạn, "
    "đạt tỷ lệ {pct}%.",
    "Toàn xã hiện có {m} hộ với {m2} nhân khẩu, trong đó {n} hộ nghèo và {n2} hộ cận nghèo.",
    "Tại {place}, đã kiểm tra {n} trường hợp, phát hiện và xử lý {n2} trường hợp vi phạm.",
    "Đồng chí {person}, {role} được giao theo dõi, đôn đốc và tổng hợp kết quả thực hiện.",
    "Thời gian thực hiện từ ngày {date} đến hết ngày {date2}.",
    "Các đơn vị gửi báo cáo kết quả về bộ phận tổng hợp trước ngày {date2} để tổng hợp, "
    "báo cáo cấp trên.",
    "Giao {unit} chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức thực hiện; hoàn "
    "thành trước ngày {date2}.",
    "Tỷ lệ người dân hài lòng với {t} đạt {pct}%.",
    "Năm {y}, {n} tập thể và {n2} cá nhân được khen thưởng vì có thành tích xuất sắc trong {t}.",
    "Đến ngày {date}, đã có {m} hồ sơ được số hóa, đạt {pct}% tổng số hồ sơ phải số hóa.",
    "Đã huy động được {money} triệu đồng và {n} ngày công lao động từ Nhân dân.",
    "Tổ chức {n} đoàn kiểm tra tại {place} và các thôn lân cận.",
    "Trên địa bàn xã có {n} thôn, {m} hộ gia đình; diện tích tự nhiên {area} ha.",
    "Số lượt truy cập, sử dụng dịch vụ công trực tuyến trong {q} là {m}, đạt {pct}%.",
)
DECISION_ARTICLES = (
    "Điều 1. {S} (có danh sách, nội dung chi tiết kèm theo).",
    "Điều 2. Giao {unit} chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức triển "
    "khai thực hiện, định kỳ báo cáo kết quả.",
    "Điều 3. Kinh phí thực hiện từ nguồn ngân sách được giao năm {y} và các nguồn huy động hợp "
    "pháp khác.",
)
DECISION_CLOSING = (
    "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị "
    "và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
)
STATE_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;|2015-2025",
    "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
    "chính quyền địa phương ngày 22 tháng 11 năm 2019;|2020-2025",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;|2025-2026",
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;|2016-2025",
    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;|2016-2026",
    "Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;|2015-2025",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;|2024-2026",
    "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;|2015-2024",
    "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;|2024-2026",
    "Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;|2015-2026",
    "Căn cứ Luật Phòng, chống tham nhũng ngày 20 tháng 11 năm 2018;|2019-2026",
    "Căn cứ Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020;|2022-2026",
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;|2023-2026",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
    "văn thư;|2020-2026",
    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện "
    "cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;|2018-2026",
    "Căn cứ Nghị định số 33/2023/NĐ-CP ngày 10 tháng 6 năm 2023 của Chính phủ quy định về cán "
    "bộ, công chức cấp xã;|2023-2025",
    "Căn cứ Nghị định số 92/2009/NĐ-CP ngày 22 tháng 10 năm 2009 của Chính phủ về chức danh, "
    "số lượng, một số chế độ, chính sách đối với cán bộ, công chức ở xã;|2015-2019",
    "Căn cứ chương trình công tác năm {y} của {issuer};",
    "Căn cứ tình hình thực tế của địa phương;",
    "Căn cứ Quy chế làm việc của {issuer} nhiệm kỳ {termlabel};",
)
PARTY_BASES = (
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
    "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ nhiệm kỳ {termlabel};",
    "Thực hiện Nghị quyết Đại hội Đảng bộ nhiệm kỳ {termlabel};",
    "Căn cứ Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương về công tác kiểm "
    "tra, giám sát và kỷ luật của Đảng;|2021-2026",
    "Căn cứ Quy định số 30-QĐ/TW ngày 26/7/2016 của Ban Chấp hành Trung ương thi hành Chương "
    "VII và Chương VIII Điều lệ Đảng;|2016-2021",
    "Căn cứ Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức "
    "và kỹ thuật trình bày văn bản của Đảng;|2018-2026",
    "Thực hiện chương trình công tác năm {y} của Ban Thường vụ;",
    "Xét đề nghị của Ban Tổ chức và Văn phòng,",
)
UNITS = (
    "Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an xã",
    "Ban Chỉ huy Quân sự xã", "công chức Văn phòng - Thống kê", "công chức Địa chính - Xây dựng",
    "công chức Tài chính - Kế toán", "công chức Tư pháp - Hộ tịch", "công chức Văn hóa - Xã hội",
    "Trạm Y tế xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Văn phòng Đảng ủy",
    "Ban Xây dựng Đảng", "Ủy ban Kiểm tra Đảng ủy", "Trung tâm Phục vụ hành chính công xã",
)
ROLES = (
    "Phó Chủ tịch UBND xã", "Chủ tịch UBND xã", "Phó Bí thư Thường trực Đảng ủy",
    "Chủ tịch Ủy ban MTTQ Việt Nam xã", "công chức Văn phòng - Thống kê",
    "công chức Địa chính - Xây dựng", "Trưởng Công an xã", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã",
    "Trưởng thôn", "Bí thư Chi bộ", "Chủ tịch Hội Nông dân xã", "công chức Tư pháp - Hộ tịch",
    "Trưởng phòng Kinh tế", "Trưởng phòng Văn hóa - Xã hội", "Chánh Văn phòng Đảng ủy",
)
PLACES = (
    "thôn 1", "thôn 2", "thôn 3", "thôn 4", "thôn 5", "thôn 6", "thôn Tân Lập", "thôn Tân Hiệp",
    "thôn Phú Thạnh", "thôn Hiệp Thuận", "thôn Bắc Hội", "thôn Định An", "thôn Đa Thọ",
    "thôn Trung Hiệp", "thôn Phú Trung", "buôn K'Long", "buôn Ka Đơn", "buôn Bon Rơm",
    "tổ dân phố Tân Hòa 1", "tổ dân phố Tân Hòa 2", "khu vực chợ Tân Hòa",
    "Trung tâm văn hóa xã", "hội trường UBND xã",
)
MEETING_HOURS = ("07 giờ 30", "08 giờ 00", "13 giờ 30", "14 giờ 00")

# --- People's names (weights roughly as in the population) ---------------------------

SURNAMES = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 21),
    ("Phan", 45), ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Trương", 8), ("Đinh", 7), ("Lâm", 5), ("Mai", 5),
    ("Đoàn", 5), ("Cao", 4), ("Hà", 4), ("Trịnh", 4), ("Lương", 3), ("Tạ", 2), ("Chu", 2),
    ("Thái", 2), ("Tô", 2), ("Kiều", 1), ("Quách", 1), ("Triệu", 1), ("La", 1), ("Đàm", 1),
    ("K'", 4), ("Ka", 3), ("Kră Jăn", 1), ("Liêng Hót", 1), ("Bon Niêng", 1), ("Ha", 1),
)
ETHNIC = frozenset({"K'", "Ka", "Kră Jăn", "Liêng Hót", "Bon Niêng", "Ha"})
MIDDLE_MALE = (("Văn", 40), ("Đức", 8), ("Minh", 8), ("Quốc", 6), ("Hữu", 6), ("Thanh", 5),
               ("Công", 5), ("Xuân", 4), ("Ngọc", 4), ("Trọng", 4), ("Đình", 5), ("Quang", 5),
               ("Anh", 3), ("Tuấn", 2), ("Duy", 3), ("Thế", 3), ("Mạnh", 2), ("Viết", 2),
               ("Bá", 2), ("Tiến", 2), ("Hồng", 2), ("Tấn", 3), ("Phước", 2), ("Hoàng", 2))
MIDDLE_FEMALE = (("Thị", 50), ("Thu", 5), ("Ngọc", 6), ("Thanh", 5), ("Minh", 3), ("Kim", 4),
                 ("Hồng", 4), ("Phương", 3), ("Thùy", 3), ("Mỹ", 3), ("Diệu", 2), ("Bích", 2),
                 ("Thúy", 3), ("Hoài", 2), ("Cẩm", 2), ("Kiều", 1), ("Lệ", 2), ("Ánh", 2),
                 ("Bảo", 2), ("Quỳnh", 2), ("Khánh", 2))
GIVEN_MALE = (
    "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Phong", "Quang", "Trung", "Sơn", "Thành", "Hiếu",
    "Khánh", "Cường", "Hòa", "Lợi", "Tâm", "Vinh", "Phúc", "Toàn", "Nghĩa", "Thịnh", "Hưng",
    "Minh", "Nam", "Bình", "Thắng", "Tùng", "Đạt", "Huy", "Hoàng", "Việt", "Thái", "Tài",
    "Định", "Lực", "Dương", "Quý", "Hậu", "Tú", "Khoa", "Trí", "Tín", "Lâm", "Phát", "Tiến",
    "Bảo", "Duy", "Kiên", "Mạnh", "Quân", "Thuận", "Hiệp", "Tường", "Chiến", "Đông", "Điệp",
)
GIVEN_FEMALE = (
    "Lan", "Hương", "Nga", "Hạnh", "Thủy", "Yến", "Loan", "Trang", "Liên", "Ngân", "Diệp",
    "Vân", "Dung", "Huyền", "Oanh", "Trinh", "Hoa", "Mai", "Hằng", "Thảo", "Linh", "Phượng",
    "Nhung", "Hà", "Thu", "Hiền", "Tuyết", "Xuân", "Ngọc", "Anh", "Châu", "Quyên", "Nhàn",
    "Sương", "Thắm", "Thơ", "Uyên", "Vy", "Yên", "Bích", "Duyên", "Giang", "Hồng", "Kiều",
    "Lành", "Mơ", "Nguyệt", "Nhi", "Phương", "Quỳnh",
)
