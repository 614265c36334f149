"""Engine messages (always Vietnamese) listed for the translation catalog, so English users read them too.

`N_` only marks a string for `pybabel extract -k N_`; the translation happens where the message is shown.
"""


def N_(text: str) -> str:
    return text


ENGINE_MESSAGES = (
    N_("Trường bắt buộc."), N_("Sai kiểu dữ liệu."), N_("Giá trị không nằm trong danh sách cho phép."),
    N_("Giá trị không được phép."), N_("Sai định dạng."), N_("Quá dài."), N_("Quá ngắn."),
    N_("Nhỏ hơn giá trị tối thiểu."), N_("Lớn hơn giá trị tối đa."), N_("Trường không có trong biểu mẫu."),
    N_("Giá trị quá dài."), N_("Dữ liệu biểu mẫu không hợp lệ."), N_("Công việc này thuộc vai trò khác."),
    N_("Không tìm thấy hồ sơ."), N_("Không tìm thấy công việc."), N_("Không tìm thấy quy trình."),
    N_("Công việc đã được người khác nhận hoặc đã xong."), N_("Bạn không giữ công việc này."),
    N_("Công việc đã xong, đã hủy hoặc đang do người khác giữ."), N_("Hồ sơ không còn đang xử lý."),
    N_("Hồ sơ vừa được người khác cập nhật; hãy tải lại."), N_("Vai trò của bạn không được mở hồ sơ quy trình này."),
    N_("Vai trò của bạn không được hủy hồ sơ này."), N_("Trang này dành cho vai trò khác."),
    N_("Chỉ quản trị viên được triển khai quy trình."), N_("Mật khẩu quá ngắn."), N_("Ít nhất 8 ký tự."),
    N_("Tên đăng nhập đã tồn tại."), N_("Đã tồn tại."), N_("Mật khẩu không được phép."), N_("Không dùng mật khẩu mẫu."),
    N_("Hãy chọn xã."), N_("Không tìm thấy hồ sơ lấy ý kiến."), N_("Không tìm thấy thủ tục."),
    N_("Quy trình gặp lỗi sau bước này; hồ sơ được đánh dấu lỗi."), N_("Đã giải quyết"), N_("Không thụ lý"),
    N_("Người gửi đã rút"), N_("Đã hướng dẫn gửi đến cơ quan có thẩm quyền"), N_("Đã trả lời"),
    N_("Đã chuyển cơ quan có thẩm quyền"), N_("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang và thử lại."),
    N_("Bắt buộc."), N_("Thiếu tên quyết định."), N_("Năm không hợp lệ."), N_("Từ 1900 đến 2200."),
    N_("Ngày không hợp lệ."), N_("Ngày theo dạng YYYY-MM-DD."), N_("Không có quyết định cho ngày này."),
    N_("Chỉ quản trị viên được sửa lịch ngày nghỉ."), N_("Chỉ kiểm tra viên và quản trị viên được xem nhật ký kiểm tra."),
    N_("Định dạng không hợp lệ."),
    N_("Sự kiện không nằm trong chuỗi (thiếu số thứ tự hoặc mã băm): bị chèn ngoài hệ thống."),
    N_("Mã băm của sự kiện trước không khớp: chuỗi bị cắt hoặc sự kiện trước bị sửa."),
    N_("Nội dung sự kiện không khớp mã băm: đã bị sửa."), N_("Các sự kiện cuối của chuỗi đã bị xóa."),
    N_("Đầu chuỗi không khớp sự kiện cuối: có sự kiện bị thêm hoặc đầu chuỗi bị sửa."),
    # engine.people.accounts: users and units
    N_("Không tự khóa tài khoản của chính mình."), N_("Không tự bỏ vai trò quản trị của chính mình."),
    N_("Không tìm thấy người dùng."), N_("Đơn vị không tồn tại."), N_("Không tìm thấy."), N_("Phải chọn đơn vị."),
    N_("Bắt buộc với quản trị viên của một đơn vị."), N_("Vai trò không hợp lệ."),
    N_("Phải là các mã vai trò đã biết, ít nhất một."), N_("Tên đăng nhập không hợp lệ."),
    N_("3-64 ký tự: chữ thường, số, '.', '-', '_'."), N_("Mã đơn vị không hợp lệ."),
    N_("2-64 ký tự: chữ thường, số, '.', '-', '_'."), N_("Loại đơn vị không hợp lệ."), N_("Mã đơn vị đã tồn tại."),
    N_("Đơn vị cha không đúng loại."), N_("Tỉnh không có đơn vị cha."), N_("Bỏ trống với tỉnh."),
    N_("Chỉ quản trị viên cấp quốc gia được tạo tỉnh."), N_("Chỉ quản trị viên được quản lý người dùng và đơn vị."),
    N_("Mật khẩu quá dài."), N_("Nhiều nhất 256 ký tự."), N_("Mật khẩu không được trùng tên đăng nhập."),
    N_("Trùng tên đăng nhập."), N_("Mật khẩu hiện tại không đúng."), N_("Không đúng."),
    N_("Hai lần nhập mật khẩu mới không khớp."), N_("Không khớp."),
    N_("Đăng nhập sai quá nhiều lần; hãy thử lại sau."),
    N_("Đã gửi quá nhiều lần từ địa chỉ này; hãy thử lại sau."),
    # engine.definitions.forms, engine.core.json_bounds: numbers and nesting past what can be stored
    N_("Số quá lớn."), N_("Số nguyên quá lớn."), N_("Dữ liệu lồng nhau quá sâu."),
    # engine.definitions.forms: a form that cannot check data (a `$ref` out of its package, stored earlier, or a cycle)
    N_("Biểu mẫu không kiểm tra được dữ liệu: tham chiếu ra ngoài gói quy trình hoặc vòng tròn."),
    N_("Biểu mẫu không hợp lệ."),
    N_("Không đọc được dữ liệu đã lưu của hồ sơ này; hãy báo quản trị viên."),
    # engine.definitions.forms: the evaluation budget
    N_("Không kiểm tra xong dữ liệu biểu mẫu trong thời gian cho phép."),
    N_("Dữ liệu quá lớn hoặc quá phức tạp để kiểm tra."),
    # engine.trust.access, engine.people.accounts, engine.people.users: shared changes, self-grants, reserved names
    N_("Chỉ quản trị viên cấp tỉnh (hoặc quốc gia) được triển khai quy trình và sửa lịch ngày nghỉ: "
       "chúng áp dụng cho mọi xã."),
    N_("Không tự cấp vai trò cho chính mình: hãy nhờ một quản trị viên khác."),
    N_("Tên đăng nhập này dành cho hệ thống."), N_("Tên dành riêng cho hệ thống; hãy chọn tên khác."),
)
