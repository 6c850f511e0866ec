import { z } from 'zod';

/** A unit of the current (from 01/7/2025) two-level administration: a province or a commune. */
export type AddressUnit = { code: string; name: string };

/** One autocomplete suggestion: a current commune and its province. */
export type AddressSuggestion = {
  commune: AddressUnit;
  province: AddressUnit;
  /** Short text for the suggestion list: "Phường Sa Đéc, Đồng Tháp". */
  label: string;
};

/** The value of an address field at the counter: free text, or a detail plus a chosen commune. */
export type AddressValue = {
  text?: string;
  /** Số nhà, đường, ấp/khóm/tổ — what comes before the commune. */
  detail?: string;
  commune?: AddressUnit;
  province?: AddressUnit;
};

export const AddressSearchQuery = z.object({
  q: z.string({ error: 'Vui lòng nhập từ khóa tìm địa chỉ' }).max(200, 'Từ khóa tìm quá dài').default(''),
});
export type AddressSearchQuery = z.infer<typeof AddressSearchQuery>;

export const AddressConvertInput = z.object({
  text: z
    .string({ error: 'Vui lòng nhập địa chỉ cần chuyển đổi' })
    .trim()
    .min(1, 'Vui lòng nhập địa chỉ cần chuyển đổi')
    .max(500, 'Địa chỉ quá dài (tối đa 500 ký tự)'),
});
export type AddressConvertInput = z.infer<typeof AddressConvertInput>;

/**
 * An address read into the current two-level administration.
 * `source` says whether the text named old units (province / district / commune before 01/7/2025)
 * that were converted, or already named a current commune. When an old commune was split among
 * several current ones, `ambiguous` is true, `commune` is null and the officer picks from `candidates`.
 */
export type AddressConversion = {
  detail: string;
  commune: AddressUnit | null;
  province: AddressUnit;
  ambiguous: boolean;
  candidates?: AddressSuggestion[];
  source: 'old' | 'current';
  /** The text as given (NFC, spaces collapsed). */
  original: string;
  /** The old units recognised, for showing beside the new ones ("Xã Tân Khánh Đông, Thành phố Sa Đéc, Tỉnh Đồng Tháp"). */
  oldUnits?: string;
  /** The current address in one line, for forms: "Ấp Tân Hòa, Phường Sa Đéc, Tỉnh Đồng Tháp"; absent when ambiguous. */
  formatted?: string;
};
