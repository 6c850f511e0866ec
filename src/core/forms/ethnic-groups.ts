/**
 * The 54 ethnic groups of Viet Nam. `code2008` follows QĐ 1019/QĐ-TCTK (2008, used by QCVN 109:2017 for
 * exchange with the national population database); `code1979` follows QĐ 121-TCTK/PPCĐ (1979, used by
 * health-insurance XML). The two lists disagree on most codes, so both are kept.
 * `name` is what a form prints; `aliases` are other names people say (in the official list's brackets).
 */
export interface EthnicGroup {
  code2008: string;
  code1979: string;
  name: string;
  aliases: readonly string[];
}

export const ETHNIC_GROUPS: readonly EthnicGroup[] = [
  { code2008: '01', code1979: '01', name: 'Kinh', aliases: ['Việt'] },
  { code2008: '02', code1979: '02', name: 'Tày', aliases: [] },
  { code2008: '03', code1979: '03', name: 'Thái', aliases: [] },
  { code2008: '04', code1979: '06', name: 'Mường', aliases: [] },
  { code2008: '05', code1979: '05', name: 'Khơ-me', aliases: ['Khmer'] },
  { code2008: '06', code1979: '04', name: 'Hoa', aliases: ['Hán'] },
  { code2008: '07', code1979: '07', name: 'Nùng', aliases: [] },
  { code2008: '08', code1979: '08', name: "H'Mông", aliases: ['Mèo', 'HMông', 'Mông'] },
  { code2008: '09', code1979: '09', name: 'Dao', aliases: [] },
  { code2008: '10', code1979: '10', name: 'Gia-rai', aliases: [] },
  { code2008: '11', code1979: '12', name: 'Ê-đê', aliases: [] },
  { code2008: '12', code1979: '13', name: 'Ba-na', aliases: [] },
  { code2008: '13', code1979: '15', name: 'Sán Chay', aliases: [] },
  { code2008: '14', code1979: '17', name: 'Chăm', aliases: [] },
  { code2008: '15', code1979: '16', name: 'Cơ-ho', aliases: [] },
  { code2008: '16', code1979: '14', name: 'Xơ-đăng', aliases: [] },
  { code2008: '17', code1979: '18', name: 'Sán Dìu', aliases: [] },
  { code2008: '18', code1979: '19', name: 'Hrê', aliases: [] },
  { code2008: '19', code1979: '21', name: 'Ra-glai', aliases: [] },
  { code2008: '20', code1979: '20', name: 'Mnông', aliases: [] },
  { code2008: '21', code1979: '24', name: 'Thổ', aliases: [] },
  { code2008: '22', code1979: '22', name: 'Xtiêng', aliases: [] },
  { code2008: '23', code1979: '29', name: 'Khơ-mú', aliases: [] },
  { code2008: '24', code1979: '23', name: 'Bru-Vân Kiều', aliases: [] },
  { code2008: '25', code1979: '26', name: 'Cơ-tu', aliases: [] },
  { code2008: '26', code1979: '25', name: 'Giáy', aliases: [] },
  { code2008: '27', code1979: '31', name: 'Tà-ôi', aliases: [] },
  { code2008: '28', code1979: '28', name: 'Mạ', aliases: [] },
  { code2008: '29', code1979: '27', name: 'Giẻ-Triêng', aliases: [] },
  { code2008: '30', code1979: '30', name: 'Co', aliases: [] },
  { code2008: '31', code1979: '32', name: 'Chơ-ro', aliases: [] },
  { code2008: '32', code1979: '34', name: 'Xinh-mun', aliases: [] },
  { code2008: '33', code1979: '35', name: 'Hà Nhì', aliases: [] },
  { code2008: '34', code1979: '36', name: 'Chu-ru', aliases: [] },
  { code2008: '35', code1979: '37', name: 'Lào', aliases: [] },
  { code2008: '36', code1979: '38', name: 'La Chí', aliases: [] },
  { code2008: '37', code1979: '33', name: 'Kháng', aliases: [] },
  { code2008: '38', code1979: '40', name: 'Phù Lá', aliases: [] },
  { code2008: '39', code1979: '41', name: 'La Hủ', aliases: [] },
  { code2008: '40', code1979: '39', name: 'La Ha', aliases: [] },
  { code2008: '41', code1979: '46', name: 'Pà Thẻn', aliases: [] },
  { code2008: '42', code1979: '42', name: 'Lự', aliases: [] },
  { code2008: '43', code1979: '11', name: 'Ngái', aliases: [] },
  { code2008: '44', code1979: '44', name: 'Chứt', aliases: [] },
  { code2008: '45', code1979: '43', name: 'Lô Lô', aliases: [] },
  { code2008: '46', code1979: '45', name: 'Mảng', aliases: [] },
  { code2008: '47', code1979: '47', name: 'Cơ Lao', aliases: [] },
  { code2008: '48', code1979: '49', name: 'Bố Y', aliases: [] },
  { code2008: '49', code1979: '48', name: 'Cống', aliases: [] },
  { code2008: '50', code1979: '50', name: 'Si La', aliases: [] },
  { code2008: '51', code1979: '51', name: 'Pu Péo', aliases: [] },
  { code2008: '52', code1979: '54', name: 'Rơ-măm', aliases: [] },
  { code2008: '53', code1979: '52', name: 'Brâu', aliases: [] },
  { code2008: '54', code1979: '53', name: 'Ơ Đu', aliases: [] },
];
