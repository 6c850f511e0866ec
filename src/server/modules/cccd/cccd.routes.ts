import type { FastifyInstance } from 'fastify';
import { type CccdParsed, CccdParseInput } from '../../../core/api/cccd.ts';
import { parseCccdQr } from '../../../core/cccd/parse-cccd-qr.ts';
import { parseInput } from '../../http/errors.ts';
import { getAddressIndex } from '../addresses/addresses.service.ts';
import { requireRole } from '../auth/auth.guard.ts';

/** Today's date (ISO) at the desks, which are all in Asia/Ho_Chi_Minh whatever the server's zone. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export async function cccdRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/api/cccd/parse',
    { schema: { tags: ['cccd'], summary: 'Đọc mã QR trên thẻ CCCD / thẻ căn cước' } },
    async (request, reply) => {
      requireRole(request, 'officer', 'processor', 'admin');
      const { text } = parseInput(CccdParseInput, request.body);
      const parsed = parseCccdQr(text, { today: todayInVietnam() });
      if (!parsed.ok) {
        return reply
          .status(422)
          .send({ message: parsed.reason, reason: parsed.reason, code: parsed.code, field: 'text' });
      }
      const card = parsed.value;
      const body: CccdParsed = {
        idNumber: card.idNumber,
        oldIdNumber: card.oldIdNumber,
        fullName: card.fullName,
        birthDate: card.birthDate,
        gender: card.gender,
        address: card.address,
        issueDate: card.issueDate,
        document: card.document,
        // parseCccdQr runs checkIdNumber against the card's own birth date and gender.
        warnings: card.warnings,
      };
      if (card.address !== '') {
        const conversion = (await getAddressIndex(app.deps.db)).convert(card.address);
        if (conversion.ok && conversion.value.source === 'old') body.addressConversion = conversion.value;
      }
      return body;
    },
  );
}
