// Vietnamese: a buyer's suggested producers, wish lists, a session's settings and buyers, and
// the automatic schedule (generating, reviewing and publishing a proposal).
const scheduleVi = {
  buyerSuggestions: {
    title: 'Chủ thể OCOP gợi ý',
    total: '{count} chủ thể phù hợp',
    introInstant:
      'Chủ thể có sản phẩm hợp với nhu cầu của bạn, phù hợp nhất ở đầu. Chọn khung giờ trống để đặt lịch gặp, hoặc thêm vào danh sách muốn gặp.',
    introRequest:
      'Chủ thể có sản phẩm hợp với nhu cầu của bạn, phù hợp nhất ở đầu. Ở phiên này chủ thể gửi yêu cầu gặp; hãy thêm chủ thể bạn quan tâm vào danh sách muốn gặp để ban tổ chức xếp lịch.',
    empty: 'Chưa có chủ thể nào phù hợp với nhu cầu của bạn.',
    why: 'Lý do phù hợp',
    more: 'Xem thêm {count} chủ thể',
    reasons: {
      category: 'Có sản phẩm nhóm {category}',
      category_any: 'Có sản phẩm (bạn mua mọi nhóm)',
      min_stars_met: 'Sản phẩm {stars} sao (bạn cần tối thiểu {minStars} sao)',
      stars: 'Sản phẩm {stars} sao',
      region: 'Ở khu vực bạn thu mua: {region}',
      region_nationwide: 'Bạn thu mua trên toàn quốc',
      volume: 'Công suất đáp ứng sản lượng bạn cần',
      no_shared_category: 'Không có sản phẩm thuộc nhóm bạn mua',
      stars_below_min: 'Sản phẩm nhóm {category} chưa đủ {minStars} sao',
    },
  },
  wishes: {
    title: 'Danh sách muốn gặp',
    count: '{count}/{max}',
    introProducer:
      'Ban tổ chức xếp lịch tự động theo danh sách này: nhà mua hàng bạn muốn gặp nhất ở đầu. Hai bên cùng muốn gặp nhau được ưu tiên.',
    introBuyer:
      'Ban tổ chức xếp lịch tự động theo danh sách này: chủ thể bạn muốn gặp nhất ở đầu. Hai bên cùng muốn gặp nhau được ưu tiên.',
    empty: 'Danh sách đang trống.',
    want: 'Muốn gặp',
    addShort: 'Thêm',
    addNamed: 'Thêm {name} vào danh sách muốn gặp',
    onList: 'Đã có trong danh sách',
    addBuyer: 'Thêm nhà mua hàng',
    noBuyer: '— chọn nhà mua hàng —',
    allListed: 'Đã thêm mọi nhà mua hàng của phiên',
    chooseBuyer: 'Hãy chọn một nhà mua hàng.',
    findProducer: 'Tìm chủ thể theo tên',
    fromSuggestions: 'Hoặc thêm từ danh sách chủ thể gợi ý.',
    up: 'Đưa {name} lên trên',
    down: 'Đưa {name} xuống dưới',
    remove: 'Bỏ {name} khỏi danh sách',
    added: 'Đã thêm {name} vào danh sách muốn gặp.',
    removed: 'Đã bỏ {name} khỏi danh sách muốn gặp.',
    moved: 'Đã chuyển {name} sang vị trí {rank}.',
    refused: 'Không lưu được danh sách:',
  },
};

export default scheduleVi;
