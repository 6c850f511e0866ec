// Phụ lục I of Thông tư 07/2016/TT-BCA (kept by Thông tư 59/2021/TT-BCA): the first three digits of the
// 12-digit personal ID number name the province where the birth was registered. Copied from
// /work/shared/reference/id-province-codes.md (marked "sure"; the codes equal the GSO province codes with a
// leading 0). The numbers are for life, so codes of provinces merged in 2025 stay valid forever.
//
// `since2025` is informational only (Nghị quyết 202/2025/QH15, marked "likely" in the reference): which
// province the area belongs to from 01/7/2025. It is not part of the annex and never changes a code.
//
// Country codes for births registered abroad (Phụ lục II) could not be found, so they are not listed; a
// number whose first three digits are not below gets a warning, not a refusal.

export type ProvinceCode = {
  readonly code: string;
  readonly name: string;
  readonly since2025: string;
};

export const PROVINCE_CODES: readonly ProvinceCode[] = [
  { code: '001', name: 'Hà Nội', since2025: 'TP Hà Nội' },
  { code: '002', name: 'Hà Giang', since2025: 'Tuyên Quang' },
  { code: '004', name: 'Cao Bằng', since2025: 'Cao Bằng' },
  { code: '006', name: 'Bắc Kạn', since2025: 'Thái Nguyên' },
  { code: '008', name: 'Tuyên Quang', since2025: 'Tuyên Quang' },
  { code: '010', name: 'Lào Cai', since2025: 'Lào Cai' },
  { code: '011', name: 'Điện Biên', since2025: 'Điện Biên' },
  { code: '012', name: 'Lai Châu', since2025: 'Lai Châu' },
  { code: '014', name: 'Sơn La', since2025: 'Sơn La' },
  { code: '015', name: 'Yên Bái', since2025: 'Lào Cai' },
  { code: '017', name: 'Hòa Bình', since2025: 'Phú Thọ' },
  { code: '019', name: 'Thái Nguyên', since2025: 'Thái Nguyên' },
  { code: '020', name: 'Lạng Sơn', since2025: 'Lạng Sơn' },
  { code: '022', name: 'Quảng Ninh', since2025: 'Quảng Ninh' },
  { code: '024', name: 'Bắc Giang', since2025: 'Bắc Ninh' },
  { code: '025', name: 'Phú Thọ', since2025: 'Phú Thọ' },
  { code: '026', name: 'Vĩnh Phúc', since2025: 'Phú Thọ' },
  { code: '027', name: 'Bắc Ninh', since2025: 'Bắc Ninh' },
  { code: '030', name: 'Hải Dương', since2025: 'TP Hải Phòng' },
  { code: '031', name: 'Hải Phòng', since2025: 'TP Hải Phòng' },
  { code: '033', name: 'Hưng Yên', since2025: 'Hưng Yên' },
  { code: '034', name: 'Thái Bình', since2025: 'Hưng Yên' },
  { code: '035', name: 'Hà Nam', since2025: 'Ninh Bình' },
  { code: '036', name: 'Nam Định', since2025: 'Ninh Bình' },
  { code: '037', name: 'Ninh Bình', since2025: 'Ninh Bình' },
  { code: '038', name: 'Thanh Hóa', since2025: 'Thanh Hóa' },
  { code: '040', name: 'Nghệ An', since2025: 'Nghệ An' },
  { code: '042', name: 'Hà Tĩnh', since2025: 'Hà Tĩnh' },
  { code: '044', name: 'Quảng Bình', since2025: 'Quảng Trị' },
  { code: '045', name: 'Quảng Trị', since2025: 'Quảng Trị' },
  { code: '046', name: 'Thừa Thiên Huế', since2025: 'TP Huế' },
  { code: '048', name: 'Đà Nẵng', since2025: 'TP Đà Nẵng' },
  { code: '049', name: 'Quảng Nam', since2025: 'TP Đà Nẵng' },
  { code: '051', name: 'Quảng Ngãi', since2025: 'Quảng Ngãi' },
  { code: '052', name: 'Bình Định', since2025: 'Gia Lai' },
  { code: '054', name: 'Phú Yên', since2025: 'Đắk Lắk' },
  { code: '056', name: 'Khánh Hòa', since2025: 'Khánh Hòa' },
  { code: '058', name: 'Ninh Thuận', since2025: 'Khánh Hòa' },
  { code: '060', name: 'Bình Thuận', since2025: 'Lâm Đồng' },
  { code: '062', name: 'Kon Tum', since2025: 'Quảng Ngãi' },
  { code: '064', name: 'Gia Lai', since2025: 'Gia Lai' },
  { code: '066', name: 'Đắk Lắk', since2025: 'Đắk Lắk' },
  { code: '067', name: 'Đắk Nông', since2025: 'Lâm Đồng' },
  { code: '068', name: 'Lâm Đồng', since2025: 'Lâm Đồng' },
  { code: '070', name: 'Bình Phước', since2025: 'Đồng Nai' },
  { code: '072', name: 'Tây Ninh', since2025: 'Tây Ninh' },
  { code: '074', name: 'Bình Dương', since2025: 'TP Hồ Chí Minh' },
  { code: '075', name: 'Đồng Nai', since2025: 'Đồng Nai' },
  { code: '077', name: 'Bà Rịa - Vũng Tàu', since2025: 'TP Hồ Chí Minh' },
  { code: '079', name: 'Hồ Chí Minh', since2025: 'TP Hồ Chí Minh' },
  { code: '080', name: 'Long An', since2025: 'Tây Ninh' },
  { code: '082', name: 'Tiền Giang', since2025: 'Đồng Tháp' },
  { code: '083', name: 'Bến Tre', since2025: 'Vĩnh Long' },
  { code: '084', name: 'Trà Vinh', since2025: 'Vĩnh Long' },
  { code: '086', name: 'Vĩnh Long', since2025: 'Vĩnh Long' },
  { code: '087', name: 'Đồng Tháp', since2025: 'Đồng Tháp' },
  { code: '089', name: 'An Giang', since2025: 'An Giang' },
  { code: '091', name: 'Kiên Giang', since2025: 'An Giang' },
  { code: '092', name: 'Cần Thơ', since2025: 'TP Cần Thơ' },
  { code: '093', name: 'Hậu Giang', since2025: 'TP Cần Thơ' },
  { code: '094', name: 'Sóc Trăng', since2025: 'TP Cần Thơ' },
  { code: '095', name: 'Bạc Liêu', since2025: 'Cà Mau' },
  { code: '096', name: 'Cà Mau', since2025: 'Cà Mau' },
];

const byCode: ReadonlyMap<string, ProvinceCode> = new Map(PROVINCE_CODES.map((p) => [p.code, p]));

export function findProvinceByCode(code: string): ProvinceCode | undefined {
  return byCode.get(code);
}
