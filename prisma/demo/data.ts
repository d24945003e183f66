// The demo's organisations, as readable tables. seed.ts turns them into rows.
// Names are realistic but illustrative: any likeness to a real business's details is not a claim about it.

export type Category =
  | 'coffee'
  | 'pepper'
  | 'durian'
  | 'honey'
  | 'rice'
  | 'cashew'
  | 'cocoa'
  | 'macadamia'
  | 'avocado'
  | 'dried_food'
  | 'processed_food'
  | 'beverage'
  | 'herbal'
  | 'handicraft'
  | 'textile';

/** A product line: category, name ({b} = the producer's brand), price range in VND, capacity per month. */
export type ProductTemplate = [category: Category, name: string, minVnd: number, maxVnd: number, capacity: number, unit: string];

// prettier-ignore
export const PRODUCT_TEMPLATES: Record<string, ProductTemplate> = {
  cf_rang: ['coffee', 'Cà phê rang xay {b}', 120_000, 220_000, 2, 'tấn'],
  cf_hat: ['coffee', 'Cà phê hạt rang mộc {b}', 150_000, 260_000, 2, 'tấn'],
  cf_phin: ['coffee', 'Cà phê phin giấy {b}', 85_000, 140_000, 5_000, 'hộp'],
  cf_culi: ['coffee', 'Cà phê Culi {b}', 180_000, 300_000, 1, 'tấn'],
  cf_hoatan: ['coffee', 'Cà phê hòa tan 3in1 {b}', 55_000, 95_000, 8_000, 'hộp'],
  cf_honey: ['coffee', 'Cà phê Robusta chế biến mật ong {b}', 250_000, 420_000, 1, 'tấn'],
  cf_arabica: ['coffee', 'Cà phê Arabica {b}', 220_000, 380_000, 1, 'tấn'],
  cf_tea: ['herbal', 'Trà hoa cà phê {b}', 90_000, 160_000, 1_000, 'hộp'],
  pepper_black: ['pepper', 'Tiêu đen {b}', 140_000, 220_000, 3, 'tấn'],
  pepper_red: ['pepper', 'Tiêu đỏ (tiêu chín) {b}', 300_000, 450_000, 1, 'tấn'],
  pepper_green: ['pepper', 'Tiêu xanh ngâm muối {b}', 60_000, 110_000, 2_000, 'hũ'],
  durian_eaknop: ['durian', 'Sầu riêng {b}', 70_000, 120_000, 20, 'tấn'],
  durian_ri6: ['durian', 'Sầu riêng Ri6 {b}', 65_000, 110_000, 15, 'tấn'],
  durian_mono: ['durian', 'Sầu riêng Monthong {b}', 75_000, 130_000, 15, 'tấn'],
  durian_frozen: ['durian', 'Múi sầu riêng cấp đông {b}', 250_000, 420_000, 5, 'tấn'],
  durian_freeze: ['dried_food', 'Sầu riêng sấy thăng hoa {b}', 180_000, 320_000, 2_000, 'hộp'],
  durian_candy: ['processed_food', 'Kẹo sầu riêng {b}', 45_000, 80_000, 3_000, 'hộp'],
  honey_cf: ['honey', 'Mật ong hoa cà phê {b}', 150_000, 250_000, 2, 'tấn'],
  honey_forest: ['honey', 'Mật ong rừng {b}', 350_000, 600_000, 300, 'lít'],
  honey_pollen: ['honey', 'Phấn hoa cà phê {b}', 120_000, 200_000, 200, 'kg'],
  honey_cashew: ['honey', 'Mật ong hoa điều {b}', 140_000, 230_000, 1, 'tấn'],
  rice_clean: ['rice', 'Gạo sạch {b}', 22_000, 32_000, 30, 'tấn'],
  rice_lak: ['rice', 'Gạo thơm Lắk {b}', 25_000, 35_000, 50, 'tấn'],
  rice_st25: ['rice', 'Gạo ST25 {b}', 32_000, 45_000, 80, 'tấn'],
  rice_st24: ['rice', 'Gạo ST24 {b}', 28_000, 40_000, 60, 'tấn'],
  rice_shrimp: ['rice', 'Gạo ST25 lúa – tôm {b}', 38_000, 55_000, 30, 'tấn'],
  rice_buonchoah: ['rice', 'Gạo Buôn Choah {b}', 26_000, 36_000, 40, 'tấn'],
  cashew_salt: ['cashew', 'Hạt điều rang muối {b}', 280_000, 380_000, 2, 'tấn'],
  cashew_wood: ['cashew', 'Hạt điều rang củi {b}', 300_000, 420_000, 1, 'tấn'],
  cashew_silk: ['cashew', 'Hạt điều vỏ lụa {b}', 260_000, 350_000, 2, 'tấn'],
  cocoa_powder: ['cocoa', 'Bột ca cao nguyên chất {b}', 180_000, 300_000, 500, 'kg'],
  cocoa_choco: ['cocoa', 'Sô-cô-la đen 70% {b}', 60_000, 120_000, 4_000, 'thanh'],
  cocoa_bean: ['cocoa', 'Hạt ca cao lên men {b}', 90_000, 140_000, 3, 'tấn'],
  mac_crack: ['macadamia', 'Hạt mắc ca sấy nứt vỏ {b}', 250_000, 380_000, 2, 'tấn'],
  mac_oil: ['macadamia', 'Dầu mắc ca ép lạnh {b}', 350_000, 550_000, 300, 'chai'],
  bev_macmilk: ['beverage', 'Sữa hạt mắc ca {b}', 25_000, 45_000, 10_000, 'chai'],
  avocado_034: ['avocado', 'Bơ 034 {b}', 35_000, 60_000, 30, 'tấn'],
  avocado_sap: ['avocado', 'Bơ sáp {b}', 30_000, 55_000, 20, 'tấn'],
  avocado_dried: ['avocado', 'Bơ sấy dẻo {b}', 90_000, 150_000, 1_500, 'hộp'],
  dry_banana: ['dried_food', 'Chuối sấy dẻo {b}', 40_000, 70_000, 2, 'tấn'],
  dry_jackfruit: ['dried_food', 'Mít sấy giòn {b}', 50_000, 90_000, 2, 'tấn'],
  dry_mango: ['dried_food', 'Xoài sấy dẻo {b}', 60_000, 100_000, 1, 'tấn'],
  dry_bamboo: ['dried_food', 'Măng rừng khô {b}', 150_000, 250_000, 500, 'kg'],
  dry_beef: ['dried_food', 'Bò một nắng {b}', 450_000, 600_000, 800, 'kg'],
  dry_fish: ['dried_food', 'Cá cơm khô {b}', 180_000, 300_000, 1, 'tấn'],
  dry_fish_lak: ['dried_food', 'Cá thác lác khô {b}', 220_000, 350_000, 300, 'kg'],
  dry_tuna: ['dried_food', 'Khô cá ngừ đại dương {b}', 350_000, 500_000, 500, 'kg'],
  dry_shrimp: ['dried_food', 'Tôm khô {b}', 650_000, 1_100_000, 800, 'kg'],
  dry_shallot: ['dried_food', 'Hành tím sấy {b}', 120_000, 180_000, 2, 'tấn'],
  proc_ricepaper: ['processed_food', 'Bánh tráng {b}', 30_000, 60_000, 20_000, 'xấp'],
  proc_fishsauce: ['processed_food', 'Nước mắm {b}', 60_000, 150_000, 10_000, 'lít'],
  proc_bird_nest: ['processed_food', 'Yến sào {b}', 2_500_000, 4_500_000, 20, 'kg'],
  proc_tuna: ['processed_food', 'Cá ngừ đại dương cắt khúc {b}', 220_000, 350_000, 5, 'tấn'],
  proc_sugar: ['processed_food', 'Đường mía thủ công {b}', 30_000, 50_000, 10, 'tấn'],
  proc_pia: ['processed_food', 'Bánh pía sầu riêng {b}', 60_000, 120_000, 30_000, 'bánh'],
  proc_melang: ['processed_food', 'Bánh mè láng {b}', 25_000, 45_000, 5_000, 'hộp'],
  proc_sausage: ['processed_food', 'Lạp xưởng tươi {b}', 180_000, 260_000, 2, 'tấn'],
  proc_lotus_seed: ['processed_food', 'Hạt sen sấy {b}', 220_000, 320_000, 500, 'kg'],
  proc_pomelo: ['processed_food', 'Mứt vỏ bưởi {b}', 50_000, 90_000, 2_000, 'hộp'],
  bev_ruoucan: ['beverage', 'Rượu cần {b}', 150_000, 350_000, 1_000, 'ché'],
  bev_quande: ['beverage', 'Rượu nếp {b}', 80_000, 200_000, 3_000, 'chai'],
  herb_lemongrass: ['herbal', 'Tinh dầu sả chanh {b}', 60_000, 120_000, 2_000, 'chai'],
  herb_lingzhi: ['herbal', 'Nấm linh chi {b}', 400_000, 900_000, 200, 'kg'],
  herb_soursop: ['herbal', 'Trà mãng cầu {b}', 70_000, 120_000, 2_000, 'hộp'],
  herb_tea: ['herbal', 'Trà thảo mộc {b}', 60_000, 110_000, 2_000, 'hộp'],
  herb_lotus: ['herbal', 'Trà tim sen {b}', 80_000, 150_000, 1_500, 'hộp'],
  herb_ginseng: ['herbal', 'Sâm Ngọc Linh {b}', 15_000_000, 80_000_000, 20, 'kg'],
  herb_artichoke: ['herbal', 'Trà atiso {b}', 70_000, 130_000, 5_000, 'hộp'],
  hand_basket: ['handicraft', 'Gùi mây tre đan {b}', 250_000, 900_000, 200, 'sản phẩm'],
  hand_wood: ['handicraft', 'Tượng gỗ Tây Nguyên {b}', 500_000, 5_000_000, 50, 'sản phẩm'],
  hand_pottery: ['handicraft', 'Gốm nung lộ thiên {b}', 150_000, 1_200_000, 300, 'sản phẩm'],
  hand_khmer: ['handicraft', 'Đồ thủ công Khmer {b}', 120_000, 800_000, 300, 'sản phẩm'],
  textile_ede: ['textile', 'Vải thổ cẩm dệt tay {b}', 400_000, 2_500_000, 100, 'tấm'],
  textile_bag: ['textile', 'Túi thổ cẩm {b}', 180_000, 450_000, 400, 'chiếc'],
  textile_scarf: ['textile', 'Khăn thổ cẩm {b}', 150_000, 350_000, 500, 'chiếc'],
};

/** [full name (its prefix gives the legal type), locality, brand, product template codes] */
export type ProducerRow = [name: string, locality: string, brand: string, products: string];

export interface ProducerGroup {
  provinceId: string;
  /** telephone area code of the former province */
  area: string;
  /** traceability portal of the province */
  trace: string;
  rows: ProducerRow[];
}

const DL = 'https://truyxuat.daklak.gov.vn/p/';
// prettier-ignore
export const PRODUCER_GROUPS: ProducerGroup[] = [
  { provinceId: 'dak-lak', area: '0262', trace: DL, rows: [
    ['Công ty TNHH Cà phê Ê Đê Xanh', 'Xã Ea Tu, Buôn Ma Thuột', 'Ê Đê Xanh', 'cf_rang cf_hat cf_phin'],
    ['Công ty CP Cà phê Buôn Ma Thuột Hương Xưa', 'Phường Tân Lợi, Buôn Ma Thuột', 'Hương Xưa', 'cf_rang cf_culi cf_hoatan'],
    ['HTX Dịch vụ Nông nghiệp Hòa Thắng', 'Xã Hòa Thắng, Buôn Ma Thuột', 'Hòa Thắng', 'cf_hat pepper_black'],
    ['Hộ kinh doanh Dệt thổ cẩm Akô Dhông', 'Buôn Akô Dhông, Phường Tân Lợi, Buôn Ma Thuột', 'Akô Dhông', 'textile_ede textile_bag'],
    ['Công ty TNHH Ca cao Tây Nguyên Việt', 'Xã Hòa Phú, Buôn Ma Thuột', 'Tây Nguyên Việt', 'cocoa_powder cocoa_choco'],
    ['Tổ hợp tác Bơ sáp Cư Êbur', 'Xã Cư Êbur, Buôn Ma Thuột', 'Cư Êbur', 'avocado_034 avocado_sap'],
    ['Hộ kinh doanh Rượu cần Buôn Kô Tam', 'Xã Ea Tu, Buôn Ma Thuột', 'Kô Tam', 'bev_ruoucan'],
    ['Công ty CP Thực phẩm Đắk Lắk Xanh', 'Phường Ea Tam, Buôn Ma Thuột', 'Đắk Xanh', 'dry_banana dry_jackfruit durian_candy'],
    ['HTX Nông nghiệp Thống Nhất Buôn Hồ', 'Phường Thống Nhất, Buôn Hồ', 'Thống Nhất', 'cf_hat cf_honey'],
    ['Hộ kinh doanh Mật ong An Lạc', 'Phường An Lạc, Buôn Hồ', 'An Lạc', 'honey_cf honey_pollen'],
    ['Tổ hợp tác Sầu riêng Ea Drông', 'Xã Ea Drông, Buôn Hồ', 'Ea Drông', 'durian_ri6 durian_mono'],
    ['Công ty TNHH Tiêu sạch Cư Bao', 'Xã Cư Bao, Buôn Hồ', 'Cư Bao', 'pepper_black pepper_red'],
    ['HTX Bơ An Bình', 'Phường An Bình, Buôn Hồ', 'An Bình', 'avocado_034 avocado_dried'],
    ['HTX Nông nghiệp Krông Na', 'Xã Krông Na, Buôn Đôn', 'Krông Na', 'honey_forest bev_ruoucan'],
    ['Hộ kinh doanh Măng rừng Ea Wer', 'Xã Ea Wer, Buôn Đôn', 'Ea Wer', 'dry_bamboo'],
    ['Tổ hợp tác Thủ công mỹ nghệ Bản Đôn', 'Xã Krông Na, Buôn Đôn', 'Bản Đôn', 'hand_basket hand_wood'],
    ['Công ty TNHH Nông sản Tân Hòa', 'Xã Tân Hòa, Buôn Đôn', 'Tân Hòa', 'dry_mango cashew_salt'],
    ['HTX Dịch vụ Nông nghiệp Ea Nuôl', 'Xã Ea Nuôl, Buôn Đôn', 'Ea Nuôl', 'rice_clean pepper_black'],
    ['HTX Nông nghiệp Dịch vụ Ea Tiêu', 'Xã Ea Tiêu, Cư Kuin', 'Ea Tiêu', 'cf_rang pepper_black'],
    ['Công ty TNHH Ca cao Dray Bhăng', 'Xã Dray Bhăng, Cư Kuin', 'Dray Bhăng', 'cocoa_bean cocoa_powder cocoa_choco'],
    ['Hộ kinh doanh Mật ong Hòa Hiệp', 'Xã Hòa Hiệp, Cư Kuin', 'Hòa Hiệp', 'honey_cf'],
    ['Tổ hợp tác Sầu riêng Ea Bhốk', 'Xã Ea Bhốk, Cư Kuin', 'Ea Bhốk', 'durian_ri6 durian_frozen'],
    ['Công ty CP Mắc ca Ea Ktur', 'Xã Ea Ktur, Cư Kuin', 'Ea Ktur', 'mac_crack mac_oil'],
    ['HTX Nông nghiệp Hữu cơ Ea Hu', 'Xã Ea Hu, Cư Kuin', 'Ea Hu', 'rice_clean herb_lemongrass'],
    ['HTX Cà phê Chất lượng cao Ea Tul', "Xã Ea Tul, Cư M'gar", 'Ea Tul', 'cf_rang cf_hat cf_honey cf_tea'],
    ['Công ty TNHH Cà phê Quảng Phú', "Thị trấn Quảng Phú, Cư M'gar", 'Quảng Phú', 'cf_rang cf_phin'],
    ['Hộ kinh doanh Cà phê Rang mộc Ea Pốk', "Thị trấn Ea Pốk, Cư M'gar", 'Ea Pốk', 'cf_culi'],
    ['Tổ hợp tác Tiêu sạch Cư Suê', "Xã Cư Suê, Cư M'gar", 'Cư Suê', 'pepper_black pepper_green'],
    ["HTX Nông nghiệp Ea M'Droh", "Xã Ea M'Droh, Cư M'gar", "Ea M'Droh", 'cf_hat honey_cf'],
    ['Công ty CP Nông sản Quảng Hiệp', "Xã Quảng Hiệp, Cư M'gar", 'Quảng Hiệp', 'cashew_salt cashew_wood'],
    ['Hộ kinh doanh Chuối sấy Ea Kiết', "Xã Ea Kiết, Cư M'gar", 'Ea Kiết', 'dry_banana'],
    ["HTX Sản xuất Thương mại Dịch vụ Cư Dliê M'nông", "Xã Cư Dliê M'nông, Cư M'gar", 'Cư Dliê', 'cf_rang avocado_034'],
    ['Tổ hợp tác Trồng nấm Ea Tar', "Xã Ea Tar, Cư M'gar", 'Ea Tar', 'herb_lingzhi'],
    ['HTX Nông nghiệp Ea Khal', "Xã Ea Khal, Ea H'leo", 'Ea Khal', 'cf_hat pepper_black'],
    ["Công ty TNHH Mắc ca Ea H'leo", "Thị trấn Ea Drăng, Ea H'leo", 'Ea Drăng', 'mac_crack bev_macmilk'],
    ['Hộ kinh doanh Mật ong rừng Dliê Yang', "Xã Dliê Yang, Ea H'leo", 'Dliê Yang', 'honey_forest honey_pollen'],
    ['Tổ hợp tác Sầu riêng Ea Sol', "Xã Ea Sol, Ea H'leo", 'Ea Sol', 'durian_mono'],
    ['HTX Dịch vụ Nông nghiệp Ea Hiao', "Xã Ea Hiao, Ea H'leo", 'Ea Hiao', 'cashew_salt pepper_black'],
    ['Tổ hợp tác Sầu riêng Ea Knốp', 'Thị trấn Ea Knốp, Ea Kar', 'Ea Knốp', 'durian_eaknop durian_ri6'],
    ['Công ty TNHH Sầu riêng Xuân Phú', 'Xã Xuân Phú, Ea Kar', 'Xuân Phú', 'durian_mono durian_freeze durian_frozen'],
    ['HTX Nông nghiệp Cư Huê', 'Xã Cư Huê, Ea Kar', 'Cư Huê', 'pepper_black cf_hat'],
    ['Hộ kinh doanh Mật ong Ea Păl', 'Xã Ea Păl, Ea Kar', 'Ea Păl', 'honey_cashew honey_cf'],
    ['HTX Ca cao Cư Ni', 'Xã Cư Ni, Ea Kar', 'Cư Ni', 'cocoa_bean cocoa_powder'],
    ['Công ty CP Nông nghiệp Công nghệ cao Ea Kar', 'Thị trấn Ea Kar, Ea Kar', 'Ea Kar', 'avocado_034 durian_ri6 dry_jackfruit'],
    ['Tổ hợp tác Bơ Ea Sô', 'Xã Ea Sô, Ea Kar', 'Ea Sô', 'avocado_sap'],
    ['HTX Nông nghiệp Ea Lê', 'Xã Ea Lê, Ea Súp', 'Ea Lê', 'rice_clean cashew_salt'],
    ["Hộ kinh doanh Mật ong Cư M'Lan", "Xã Cư M'Lan, Ea Súp", "Cư M'Lan", 'honey_forest'],
    ['Tổ hợp tác Lúa gạo Ea Bung', 'Xã Ea Bung, Ea Súp', 'Ea Bung', 'rice_clean'],
    ['Công ty TNHH Điều Ea Súp', 'Thị trấn Ea Súp, Ea Súp', 'Ea Súp', 'cashew_wood cashew_silk'],
    ['HTX Nông nghiệp Dịch vụ Quảng Điền', 'Xã Quảng Điền, Krông Ana', 'Quảng Điền', 'rice_clean'],
    ['Công ty TNHH Sầu riêng Dray Sáp', 'Xã Dray Sáp, Krông Ana', 'Dray Sáp', 'durian_ri6 durian_candy'],
    ['Hộ kinh doanh Chuối sấy Buôn Trấp', 'Thị trấn Buôn Trấp, Krông Ana', 'Buôn Trấp', 'dry_banana dry_jackfruit'],
    ['Tổ hợp tác Cà phê Ea Na', 'Xã Ea Na, Krông Ana', 'Ea Na', 'cf_rang'],
    ['HTX Nông nghiệp Bình Hòa', 'Xã Bình Hòa, Krông Ana', 'Bình Hòa', 'rice_clean proc_ricepaper'],
    ['Hộ kinh doanh Trà mãng cầu Ea Bông', 'Xã Ea Bông, Krông Ana', 'Ea Bông', 'herb_soursop'],
    ['HTX Nông nghiệp Yang Mao', 'Xã Yang Mao, Krông Bông', 'Yang Mao', 'cf_arabica honey_forest'],
    ['Hộ kinh doanh Thổ cẩm Cư Pui', 'Xã Cư Pui, Krông Bông', 'Cư Pui', 'textile_ede textile_scarf'],
    ['Tổ hợp tác Dược liệu Hòa Sơn', 'Xã Hòa Sơn, Krông Bông', 'Hòa Sơn', 'herb_lemongrass herb_tea'],
    ['Công ty TNHH Nông sản Krông Kmar', 'Thị trấn Krông Kmar, Krông Bông', 'Krông Kmar', 'dry_bamboo mac_crack'],
    ['HTX Rượu cần Yang Reh', 'Xã Yang Reh, Krông Bông', 'Yang Reh', 'bev_ruoucan'],
    ['HTX Nông nghiệp Pơng Drang', 'Xã Pơng Drang, Krông Búk', 'Pơng Drang', 'cf_rang cf_hat pepper_black'],
    ['Công ty CP Thực phẩm Cư Né', 'Xã Cư Né, Krông Búk', 'Cư Né', 'durian_candy dry_jackfruit'],
    ['Tổ hợp tác Mắc ca Chư Kbô', 'Xã Chư Kbô, Krông Búk', 'Chư Kbô', 'mac_crack'],
    ['Hộ kinh doanh Mật ong Ea Ngai', 'Xã Ea Ngai, Krông Búk', 'Ea Ngai', 'honey_cf honey_pollen'],
    ['HTX Sầu riêng Tân Lập', 'Xã Tân Lập, Krông Búk', 'Tân Lập', 'durian_ri6'],
    ['HTX Nông nghiệp Dịch vụ Phú Lộc', 'Xã Phú Lộc, Krông Năng', 'Phú Lộc', 'cf_hat pepper_black'],
    ['Công ty TNHH Cà phê Krông Năng', 'Thị trấn Krông Năng, Krông Năng', 'Krông Năng', 'cf_rang cf_phin cf_hoatan'],
    ['Tổ hợp tác Bơ Ea Tóh', 'Xã Ea Tóh, Krông Năng', 'Ea Tóh', 'avocado_034'],
    ['Hộ kinh doanh Tiêu Tam Giang', 'Xã Tam Giang, Krông Năng', 'Tam Giang', 'pepper_red pepper_black'],
    ['HTX Mắc ca Ea Hồ', 'Xã Ea Hồ, Krông Năng', 'Ea Hồ', 'mac_crack bev_macmilk'],
    ['Hộ kinh doanh Mít sấy Phú Xuân', 'Xã Phú Xuân, Krông Năng', 'Phú Xuân', 'dry_jackfruit'],
    ['Công ty TNHH Hồ tiêu Phước An', 'Thị trấn Phước An, Krông Pắc', 'Phước An', 'pepper_black pepper_red pepper_green'],
    ['HTX Cà phê Ea Kly', 'Xã Ea Kly, Krông Pắc', 'Ea Kly', 'cf_rang cf_hat'],
    ['Hộ kinh doanh Mật ong Hoa cà phê Ea Phê', 'Xã Ea Phê, Krông Pắc', 'Ea Phê', 'honey_cf honey_pollen'],
    ['Tổ hợp tác Sầu riêng Ea Yông', 'Xã Ea Yông, Krông Pắc', 'Ea Yông', 'durian_ri6 durian_mono'],
    ['HTX Nông nghiệp Hòa An', 'Xã Hòa An, Krông Pắc', 'Hòa An', 'rice_clean'],
    ['Công ty CP Sầu riêng Krông Pắc', 'Xã Ea Kênh, Krông Pắc', 'Ea Kênh', 'durian_frozen durian_freeze'],
    ['HTX Dịch vụ Nông nghiệp Vụ Bổn', 'Xã Vụ Bổn, Krông Pắc', 'Vụ Bổn', 'cashew_salt cf_hat'],
    ['Hộ kinh doanh Bơ sấy Tân Tiến', 'Xã Tân Tiến, Krông Pắc', 'Tân Tiến', 'avocado_dried'],
    ['Tổ hợp tác Ca cao Ea Uy', 'Xã Ea Uy, Krông Pắc', 'Ea Uy', 'cocoa_bean'],
    ['HTX Nông nghiệp Buôn Triết', 'Xã Buôn Triết, Lắk', 'Buôn Triết', 'rice_lak'],
    ['Tổ hợp tác Gốm Yang Tao', 'Xã Yang Tao, Lắk', 'Yang Tao', 'hand_pottery'],
    ['Hộ kinh doanh Cá khô hồ Lắk', 'Thị trấn Liên Sơn, Lắk', 'Hồ Lắk', 'dry_fish_lak'],
    ['Tổ hợp tác Dệt thổ cẩm Đắk Liêng', 'Xã Đắk Liêng, Lắk', 'Đắk Liêng', 'textile_ede textile_bag'],
    ['Hộ kinh doanh Rượu cần Bông Krang', 'Xã Bông Krang, Lắk', 'Bông Krang', 'bev_ruoucan'],
    ['HTX Nông nghiệp Krông Jing', "Xã Krông Jing, M'Đrắk", 'Krông Jing', 'honey_forest cashew_salt'],
    ["Hộ kinh doanh Bò một nắng M'Đrắk", "Thị trấn M'Đrắk, M'Đrắk", "M'Đrắk", 'dry_beef'],
    ['Tổ hợp tác Chăn nuôi Ea Riêng', "Xã Ea Riêng, M'Đrắk", 'Ea Riêng', 'dry_beef'],
    ['HTX Nông nghiệp Cư Prao', "Xã Cư Prao, M'Đrắk", 'Cư Prao', 'cashew_wood herb_lemongrass'],
  ] },
  // Former Phú Yên, part of Đắk Lắk since July 2025.
  { provinceId: 'dak-lak', area: '0257', trace: DL, rows: [
    ['Công ty CP Cá ngừ Đại dương Biển Xanh', 'Phường 6, Tuy Hòa (Phú Yên cũ)', 'Biển Xanh', 'proc_tuna dry_tuna'],
    ['Hộ kinh doanh Bánh tráng Hòa Đa', 'Xã An Mỹ, Tuy An (Phú Yên cũ)', 'Hòa Đa', 'proc_ricepaper'],
    ['HTX Nước mắm Gành Đỏ', 'Phường Xuân Đài, Sông Cầu (Phú Yên cũ)', 'Gành Đỏ', 'proc_fishsauce'],
    ['Công ty TNHH Yến sào Đá Bia', 'Phường Hòa Hiệp Bắc, Đông Hòa (Phú Yên cũ)', 'Đá Bia', 'proc_bird_nest'],
    ['Hộ kinh doanh Rượu Quán Đế Hòa Trị', 'Xã Hòa Trị, Phú Hòa (Phú Yên cũ)', 'Quán Đế', 'bev_quande'],
    ['HTX Nông nghiệp Sơn Thành Đông', 'Xã Sơn Thành Đông, Tây Hòa (Phú Yên cũ)', 'Sơn Thành', 'rice_clean proc_sugar'],
    ['Tổ hợp tác Mật ong Củng Sơn', 'Thị trấn Củng Sơn, Sơn Hòa (Phú Yên cũ)', 'Củng Sơn', 'honey_forest'],
    ['Hộ kinh doanh Cá cơm khô An Ninh', 'Xã An Ninh Đông, Tuy An (Phú Yên cũ)', 'An Ninh', 'dry_fish'],
    ['Tổ hợp tác Đan lát Ea Chà Rang', 'Xã Ea Chà Rang, Sơn Hòa (Phú Yên cũ)', 'Ea Chà Rang', 'hand_basket'],
    ['Công ty TNHH Thực phẩm Ô Loan', 'Xã An Cư, Tuy An (Phú Yên cũ)', 'Ô Loan', 'proc_fishsauce dry_fish'],
  ] },
  // Former Sóc Trăng, part of Cần Thơ since July 2025.
  { provinceId: 'can-tho', area: '0299', trace: 'https://truyxuat.cantho.gov.vn/p/', rows: [
    ['Công ty TNHH Gạo Lúa tôm Mỹ Xuyên', 'Phường Mỹ Xuyên (Sóc Trăng cũ)', 'Mỹ Xuyên', 'rice_st25 rice_shrimp'],
    ['Công ty CP Bánh pía Phú Lợi', 'Phường Phú Lợi (Sóc Trăng cũ)', 'Phú Lợi', 'proc_pia proc_melang'],
    ['Hộ kinh doanh Bánh pía Vũng Thơm', 'Xã Thuận Hòa (Sóc Trăng cũ)', 'Vũng Thơm', 'proc_pia'],
    ['HTX Hành tím Vĩnh Châu', 'Phường Vĩnh Châu (Sóc Trăng cũ)', 'Vĩnh Châu', 'dry_shallot'],
    ['Hộ kinh doanh Tôm khô Vĩnh Hải', 'Xã Vĩnh Hải (Sóc Trăng cũ)', 'Vĩnh Hải', 'dry_shrimp'],
    ['Công ty TNHH Thực phẩm Tân Long', 'Phường Sóc Trăng (Sóc Trăng cũ)', 'Tân Long', 'proc_sausage proc_pia'],
    ['HTX Nông nghiệp Cù Lao Dung', 'Xã Cù Lao Dung (Sóc Trăng cũ)', 'Cù Lao Dung', 'proc_sugar'],
    ['Tổ hợp tác Sen Mỹ Tú', 'Xã Mỹ Tú (Sóc Trăng cũ)', 'Mỹ Tú', 'herb_lotus proc_lotus_seed'],
    ['HTX Gạo thơm Ngã Năm', 'Phường Ngã Năm (Sóc Trăng cũ)', 'Ngã Năm', 'rice_st24 rice_st25'],
    ['Hộ kinh doanh Mè láng Châu Thành', 'Xã Châu Thành (Sóc Trăng cũ)', 'Châu Thành', 'proc_melang'],
    ['Công ty CP Nông sản Trần Đề', 'Xã Trần Đề (Sóc Trăng cũ)', 'Trần Đề', 'dry_shrimp dry_fish'],
    ['Tổ hợp tác Thủ công Khmer Thạnh Trị', 'Xã Thạnh Trị (Sóc Trăng cũ)', 'Thạnh Trị', 'hand_khmer'],
    ['HTX Bưởi Năm Roi Kế Sách', 'Xã Kế Sách (Sóc Trăng cũ)', 'Kế Sách', 'proc_pomelo'],
    ['Hộ kinh doanh Hạt sen Long Phú', 'Xã Long Phú (Sóc Trăng cũ)', 'Long Phú', 'proc_lotus_seed'],
    ['Công ty TNHH Nước mắm Ba Xuyên', 'Phường Mỹ Quới (Sóc Trăng cũ)', 'Ba Xuyên', 'proc_fishsauce'],
  ] },
  { provinceId: 'gia-lai', area: '0269', trace: 'https://truyxuat.gialai.gov.vn/p/', rows: [
    ['HTX Nông nghiệp Hồ tiêu Chư Sê', 'Xã Ia Blang, Chư Sê (Gia Lai)', 'Chư Sê', 'pepper_black pepper_red'],
    ['Công ty TNHH Cà phê Phố Núi', 'Phường Diên Hồng, Pleiku (Gia Lai)', 'Phố Núi', 'cf_rang cf_arabica'],
  ] },
  { provinceId: 'quang-ngai', area: '0260', trace: 'https://truyxuat.quangngai.gov.vn/p/', rows: [
    ['Công ty CP Sâm Ngọc Linh Măng Ri', 'Xã Măng Ri, Tu Mơ Rông (Kon Tum cũ)', 'Măng Ri', 'herb_ginseng'],
    ['Hộ kinh doanh Cà phê Măng Đen', 'Thị trấn Măng Đen, Kon Plông (Kon Tum cũ)', 'Măng Đen', 'cf_arabica dry_bamboo'],
  ] },
  { provinceId: 'lam-dong', area: '0263', trace: 'https://truyxuat.lamdong.gov.vn/p/', rows: [
    ['HTX Cà phê Arabica Cầu Đất', 'Xã Xuân Trường, Đà Lạt (Lâm Đồng)', 'Cầu Đất', 'cf_arabica'],
    ['Công ty TNHH Atiso Langbiang', 'Phường 8, Đà Lạt (Lâm Đồng)', 'Langbiang', 'herb_artichoke'],
    ['HTX Mắc ca Tuy Đức', 'Xã Đắk Búk So, Tuy Đức (Đắk Nông cũ)', 'Tuy Đức', 'mac_crack mac_oil'],
    ['Hộ kinh doanh Tiêu Đắk Song', 'Xã Thuận Hạnh, Đắk Song (Đắk Nông cũ)', 'Đắk Song', 'pepper_black'],
    ['Tổ hợp tác Gạo Buôn Choah', 'Xã Buôn Choah, Krông Nô (Đắk Nông cũ)', 'Krông Nô', 'rice_buonchoah'],
  ] },
];

/** The producers that have a demo sign-in: email → the producer's name. */
export const PRODUCER_LOGINS: Record<string, string> = {
  'htx.caphe@demo.ocop.vn': 'HTX Cà phê Chất lượng cao Ea Tul',
  'hokd.matong@demo.ocop.vn': 'Hộ kinh doanh Mật ong Hoa cà phê Ea Phê',
  'cty.hotieu@demo.ocop.vn': 'Công ty TNHH Hồ tiêu Phước An',
  'tht.saurieng@demo.ocop.vn': 'Tổ hợp tác Sầu riêng Ea Knốp',
  'gaost25@demo.ocop.vn': 'Công ty TNHH Gạo Lúa tôm Mỹ Xuyên',
};

/** [name, orgType, provinceId, categories, minStars, regions, sign-in (before @demo.ocop.vn), representative] */
export type BuyerRow = [
  string,
  'supermarket_chain' | 'distributor' | 'exporter' | 'ecommerce' | 'horeca',
  string,
  Category[],
  3 | 4,
  string[],
  string,
  string,
];

const FOOD: Category[] = ['coffee', 'pepper', 'honey', 'rice', 'cashew', 'macadamia', 'dried_food', 'processed_food', 'beverage'];
const NATIONWIDE = ['Toàn quốc'];
// prettier-ignore
export const BUYERS: BuyerRow[] = [
  ['BigC / GO! (Central Retail Việt Nam)', 'supermarket_chain', 'ho-chi-minh', [...FOOD, 'durian', 'avocado'], 3, NATIONWIDE, 'bigc', 'Nguyễn Thị Thu Hà'],
  ['WinMart / Vinmart (WinCommerce – Masan)', 'supermarket_chain', 'ha-noi', [...FOOD, 'avocado', 'herbal'], 3, NATIONWIDE, 'vinmart', 'Trần Quốc Bảo'],
  ['Co.opmart (Saigon Co.op)', 'supermarket_chain', 'ho-chi-minh', [...FOOD, 'durian', 'herbal'], 3, NATIONWIDE, 'coopmart', 'Lê Thị Ngọc Ánh'],
  ['MM Mega Market Việt Nam', 'supermarket_chain', 'ho-chi-minh', [...FOOD, 'cocoa'], 4, NATIONWIDE, 'mmmega', 'Phạm Minh Tuấn'],
  ['Bách Hóa Xanh', 'supermarket_chain', 'ho-chi-minh', ['coffee', 'rice', 'dried_food', 'processed_food', 'avocado', 'durian'], 3, ['Đông Nam Bộ', 'Tây Nguyên', 'Đồng bằng sông Cửu Long'], 'bachhoaxanh', 'Võ Thanh Tùng'],
  ['Lotte Mart Việt Nam', 'supermarket_chain', 'ho-chi-minh', ['coffee', 'honey', 'cashew', 'macadamia', 'dried_food', 'processed_food'], 4, NATIONWIDE, 'lottemart', 'Đặng Thị Kim Oanh'],
  ['AEON Việt Nam', 'supermarket_chain', 'ho-chi-minh', ['coffee', 'rice', 'honey', 'cocoa', 'dried_food', 'herbal'], 4, ['Hà Nội', 'Hồ Chí Minh', 'Bình Dương'], 'aeon', 'Hoàng Đức Anh'],
  ['Satra Foods (Tổng Công ty Thương mại Sài Gòn)', 'supermarket_chain', 'ho-chi-minh', ['rice', 'dried_food', 'processed_food', 'pepper'], 3, ['Đông Nam Bộ'], 'satra', 'Bùi Thị Hồng Nhung'],
  ['Công ty CP Xuất nhập khẩu Cà phê Simexco Đắk Lắk', 'exporter', 'dak-lak', ['coffee', 'pepper'], 3, ['EU', 'Nhật Bản', 'Hoa Kỳ'], 'simexco', 'Y Kông Niê'],
  ['Công ty CP Phúc Sinh', 'exporter', 'ho-chi-minh', ['pepper', 'coffee', 'cashew'], 4, ['EU', 'Trung Đông', 'Hoa Kỳ'], 'phucsinh', 'Huỳnh Gia Phúc'],
  ['Công ty TNHH Xuất nhập khẩu Nông sản Tây Nguyên', 'exporter', 'dak-lak', ['durian', 'avocado', 'macadamia', 'cocoa'], 3, ['Trung Quốc', 'Hàn Quốc', 'Úc'], 'xnk.taynguyen', 'Đỗ Văn Hải'],
  ['Công ty TNHH Xuất khẩu Gạo Mekong Xanh', 'exporter', 'can-tho', ['rice', 'dried_food'], 4, ['Philippines', 'EU', 'Singapore'], 'gao.mekong', 'Thạch Thị Sa Ri'],
  ['Postmart – Sàn TMĐT nông sản của Bưu điện Việt Nam', 'ecommerce', 'ha-noi', [...FOOD, 'herbal', 'handicraft', 'textile'], 3, NATIONWIDE, 'postmart', 'Nguyễn Hoài Nam'],
  ['Voso – Sàn TMĐT Viettel Post', 'ecommerce', 'ha-noi', [...FOOD, 'herbal'], 3, NATIONWIDE, 'voso', 'Phan Thị Mỹ Linh'],
  ['Sàn TMĐT Chợ phiên OCOP Việt', 'ecommerce', 'ho-chi-minh', [...FOOD, 'handicraft', 'textile', 'herbal'], 3, NATIONWIDE, 'chophien', 'Trịnh Minh Khôi'],
  ['Công ty CP Phân phối Đặc sản Vùng miền Hà Nội', 'distributor', 'ha-noi', ['coffee', 'honey', 'dried_food', 'processed_food', 'herbal', 'macadamia'], 4, ['Đồng bằng sông Hồng', 'Trung du miền núi phía Bắc'], 'dacsan.hanoi', 'Vũ Thị Lan Anh'],
  ['Công ty TNHH Thương mại Nông sản sạch Tây Đô', 'distributor', 'can-tho', ['coffee', 'pepper', 'durian', 'avocado', 'honey'], 3, ['Đồng bằng sông Cửu Long'], 'taydo', 'Lâm Quốc Thịnh'],
  ['Chuỗi cửa hàng Đặc sản OCOP Đà Nẵng', 'distributor', 'da-nang', ['coffee', 'honey', 'dried_food', 'processed_food', 'handicraft', 'textile'], 3, ['Duyên hải miền Trung'], 'ocop.danang', 'Lê Văn Thắng'],
  ['Khách sạn Cao nguyên Xanh Buôn Ma Thuột', 'horeca', 'dak-lak', ['coffee', 'honey', 'avocado', 'beverage', 'rice', 'textile'], 3, ['Tây Nguyên'], 'caonguyenxanh', "H'Nhi Êban"],
  ['Chuỗi nhà hàng Bếp Tây Nguyên', 'horeca', 'ho-chi-minh', ['coffee', 'pepper', 'rice', 'dried_food', 'beverage'], 3, ['Hồ Chí Minh', 'Đồng Nai'], 'beptaynguyen', 'Trương Công Danh'],
];

/**
 * The fair's floor plan: each zone is a block of rows 3 m deep, two rows back to back, then a
 * 3 m aisle. `front` is a first row of its own (c corner, s standard, p premium 6×3, v pavilion 6×6)
 * followed by an aisle; then `rows` rows of ten (or `cells`) 3×3 booths with corners at both ends.
 */
export interface ZoneSpec {
  letter: string;
  name: string;
  x: number;
  y: number;
  rows: number;
  /** booths per regular row (10 when not given) */
  cells?: number;
  front?: string;
}
export const FAIR_ZONES: ZoneSpec[] = [
  { letter: 'A', name: 'Khu A – OCOP Đắk Lắk', x: 0, y: 0, rows: 8 },
  { letter: 'B', name: 'Khu B – Cà phê, ca cao', x: 36, y: 0, rows: 4, front: 'cpsssspc' },
  { letter: 'C', name: 'Khu C – Các tỉnh Tây Nguyên', x: 72, y: 0, rows: 4, front: 'vvvvv' },
  { letter: 'D', name: 'Khu D – Ẩm thực, du lịch', x: 0, y: 39, rows: 4 },
  { letter: 'E', name: 'Khu E – Doanh nghiệp', x: 36, y: 39, rows: 3, front: 'cppppc' },
];
/** Booths closed on the plan (pillars, fire exits). */
export const FAIR_BLOCKED = ['A35', 'A46', 'B20', 'C26', 'D01', 'E16'];
export const DRAFT_ZONES: ZoneSpec[] = [{ letter: 'A', name: 'Khu A – OCOP vùng biển', x: 0, y: 0, rows: 2, cells: 6 }];
