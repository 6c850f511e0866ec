import { HttpError, notFound } from '../../http/errors.ts';
import type { DisplayRatingError, PrefillError } from './live.intake.ts';
import type { PairingError } from './live.pairing.ts';
import type { LiveError } from './live.service.ts';

/** The one place where live failures become HTTP answers with Vietnamese messages. */
export function liveErrorToHttp(e: LiveError | PairingError | PrefillError | DisplayRatingError): HttpError {
  switch (e.error) {
    case 'counter_not_found':
      return notFound('Không tìm thấy quầy');
    case 'template_not_found':
      return new HttpError(422, 'Không tìm thấy mẫu đơn của thủ tục', 'templateId');
    case 'session_not_found':
      return notFound('Không tìm thấy phiên tiếp nhận');
    case 'session_closed':
      return new HttpError(409, 'Phiên tiếp nhận đã kết thúc');
    case 'bad_path':
      return new HttpError(422, `Trường "${e.path}" không có trong mẫu đơn`, 'path');
    case 'too_large':
      return new HttpError(413, 'Dữ liệu nhập quá lớn');
    case 'rate_limited':
      return new HttpError(429, 'Nhập sai mã quá nhiều lần, vui lòng thử lại sau 15 phút');
    case 'invalid_code':
      return new HttpError(422, 'Mã ghép nối không đúng hoặc đã hết hạn', 'code');
    case 'display_not_found':
      return notFound('Không tìm thấy màn hình');
    case 'already_paired':
      return new HttpError(409, 'Màn hình đã được ghép nối');
    case 'dossier_not_found':
      return notFound('Không tìm thấy hồ sơ của phiên này');
    case 'prefill_not_found':
      return notFound('Không tìm thấy tờ khai với mã này');
    case 'prefill_other_unit':
      return new HttpError(
        422,
        'Tờ khai này được khai cho đơn vị khác, không tiếp nhận tại quầy này',
        'code',
      );
    case 'prefill_used':
      return new HttpError(
        410,
        `Mã khai trước đã được dùng để tiếp nhận hồ sơ${e.dossierCode ? ` ${e.dossierCode}` : ''}`,
        'code',
      );
    case 'prefill_expired':
      return new HttpError(410, 'Mã khai trước đã hết hạn, công dân cần khai lại', 'code');
    case 'rating_not_found':
      return notFound('Không có hồ sơ vừa tiếp nhận tại quầy này để đánh giá');
    case 'already_rated':
      return new HttpError(409, 'Hồ sơ này đã được đánh giá, cảm ơn ông/bà');
    case 'forbidden':
      return new HttpError(403, 'Bạn không có quyền thực hiện thao tác này');
  }
}
