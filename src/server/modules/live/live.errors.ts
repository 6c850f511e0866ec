import { HttpError, notFound } from '../../http/errors.ts';
import type { PairingError } from './live.pairing.ts';
import type { LiveError } from './live.service.ts';

/** The one place where live failures become HTTP answers with Vietnamese messages. */
export function liveErrorToHttp(e: LiveError | PairingError): HttpError {
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
    case 'forbidden':
      return new HttpError(403, 'Bạn không có quyền thực hiện thao tác này');
  }
}
