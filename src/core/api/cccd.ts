import { z } from 'zod';
import type { AddressConversion } from './addresses.ts';

export const CccdParseInput = z.object({
  text: z.string({ error: 'Chưa có dữ liệu quét từ mã QR trên thẻ' }).max(2000, 'Dữ liệu quét quá dài'),
});
export type CccdParseInput = z.infer<typeof CccdParseInput>;

/** A chip ID card read from its QR code, as `POST /api/cccd/parse` answers. Dates are ISO yyyy-mm-dd. */
export type CccdParsed = {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  birthDate: string;
  gender: 'male' | 'female';
  address: string;
  issueDate: string;
  document: { kind: 'cccd' | 'the_can_cuoc'; title: string; issuer: string };
  warnings: string[];
  /** Present when the card prints an address in the old three-level administration and it could be read. */
  addressConversion?: AddressConversion;
};

/** The 422 answer: `message` and `reason` are the same Vietnamese sentence; `code` is for programs. */
export type CccdParseRefusal = { message: string; reason: string; code: string; field: 'text' };
