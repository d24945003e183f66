// Vietnamese: the default language and the shape every other language must match.
import directoryVi from './vi-directory.ts';
import adminVi from './vi-admin.ts';
import errorsVi from './vi-errors.ts';
import eventsVi from './vi-events.ts';
import boothsVi from './vi-booths.ts';
import matchmakingVi from './vi-matchmaking.ts';
import scheduleVi from './vi-schedule.ts';
import dashboardVi from './vi-dashboard.ts';
import conferenceVi from './vi-conference.ts';

const vi = {
  app: {
    name: 'OCOP Connect',
    tagline: 'Hội chợ và kết nối giao thương sản phẩm OCOP',
    skipToContent: 'Chuyển đến nội dung chính',
    mainNav: 'Điều hướng chính',
    signOut: 'Đăng xuất',
    language: 'Ngôn ngữ',
    notFound: 'Không tìm thấy trang này.',
    backToEvents: 'Về danh sách sự kiện',
  },
  nav: {
    events: 'Sự kiện',
    producers: 'Chủ thể OCOP',
    buyers: 'Nhà mua hàng',
    products: 'Sản phẩm',
    accounts: 'Tài khoản',
    import: 'Nhập dữ liệu',
    myProfile: 'Hồ sơ của tôi',
  },
  roles: {
    organiser: 'Ban tổ chức',
    producer: 'Chủ thể OCOP',
    buyer: 'Nhà mua hàng',
    official: 'Cán bộ quản lý',
  },
  state: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    offline: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    failed: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
    forbidden: 'Bạn không có quyền thực hiện thao tác này.',
    notFound: 'Không tìm thấy dữ liệu.',
    conflict: 'Dữ liệu trùng hoặc vừa được người khác thay đổi. Vui lòng tải lại và kiểm tra.',
    stillSaving: 'Thay đổi của bạn vẫn đang được lưu. Vui lòng tải lại sau giây lát để kiểm tra.',
    answerLost: 'Thay đổi của bạn đã được lưu, nhưng màn hình chưa nhận được phản hồi. Vui lòng tải lại để xem.',
    busy: 'Máy chủ đang bận xử lý một thay đổi khác. Vui lòng thử lại sau giây lát.',
    rateLimited: 'Bạn đã thử quá nhiều lần. Vui lòng chờ vài phút rồi thử lại.',
    tooLarge: 'Dữ liệu gửi lên quá lớn.',
  },
  login: {
    title: 'Đăng nhập',
    intro: 'Đăng nhập để quản lý hội chợ, gian hàng và phiên kết nối giao thương.',
    email: 'Email',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    badCredentials: 'Email hoặc mật khẩu không đúng.',
    rateLimited: 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.',
    invalid: 'Vui lòng kiểm tra lại các trường được đánh dấu.',
    emailRequired: 'Vui lòng nhập email.',
    emailInvalid: 'Email không hợp lệ.',
    passwordRequired: 'Vui lòng nhập mật khẩu.',
    passwordInvalid: 'Mật khẩu không hợp lệ.',
  },
  events: {
    confirmStatus: {
      draft: 'Chuyển "{name}" về bản nháp? Nhà sản xuất, nhà mua hàng và cán bộ sẽ không còn thấy sự kiện này.',
      closed: 'Kết thúc "{name}"? Sự kiện sẽ không nhận thêm đăng ký.',
    },
    title: 'Sự kiện',
    intro: 'Hội chợ và hội nghị kết nối giao thương sản phẩm OCOP.',
    empty: 'Chưa có sự kiện nào.',
    venue: 'Địa điểm',
    hostProvince: 'Tỉnh chủ trì',
    partnerProvinces: 'Tỉnh đối tác',
    dates: 'Thời gian',
    status: 'Trạng thái',
    changeStatus: 'Đổi trạng thái',
    statusSaved: 'Đã cập nhật trạng thái.',
    live: 'Cập nhật trực tiếp',
    connecting: 'Đang kết nối…',
    withdrawn: 'Ban tổ chức đã rút sự kiện này: sự kiện không còn khả dụng và thông tin hiển thị trước đó có thể đã cũ.',
    checkAgain: 'Kiểm tra lại',
    timeZoneNote: 'Giờ Việt Nam (GMT+7)',
  },
  eventKinds: {
    fair: 'Hội chợ',
    conference: 'Hội nghị',
  },
  eventStatuses: {
    draft: 'Bản nháp',
    published: 'Đã công bố',
    live: 'Đang diễn ra',
    closed: 'Đã kết thúc',
  },
  tabs: {
    booths: 'Gian hàng',
    applications: 'Đăng ký',
    sessions: 'Phiên kết nối',
    programme: 'Chương trình',
    delegations: 'Đoàn đại biểu',
    agreements: 'Ký kết',
  },
  sessions: {
    title: 'Phiên kết nối',
    empty: 'Sự kiện này chưa có phiên kết nối nào.',
    window: 'Thời gian',
    tables: 'Số bàn',
    slotLength: 'Mỗi lượt',
    minutes: '{count} phút',
    maxMeetings: 'Tối đa mỗi chủ thể',
    meetingsCount: '{count} cuộc gặp',
    slots: 'Khung giờ ({count})',
    noSlots: 'Chưa có khung giờ.',
  },
  ...directoryVi,
  ...adminVi,
  ...errorsVi,
  ...eventsVi,
  ...boothsVi,
  ...matchmakingVi,
  ...scheduleVi,
  ...dashboardVi,
  ...conferenceVi,
};

export type MessageSchema = typeof vi;
export default vi;
