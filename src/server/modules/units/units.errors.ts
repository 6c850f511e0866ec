import { HttpError } from '../../http/errors.ts';
import type { UnitError } from './units.service.ts';

/** The one place where unit and counter failures become HTTP answers. */
export function unitErrorToHttp(e: UnitError): HttpError {
  switch (e.error) {
    case 'not_found':
      return new HttpError(404, 'Không tìm thấy đơn vị hoặc quầy');
    case 'parent_not_found':
      return new HttpError(422, 'Đơn vị cấp trên không tồn tại', 'parentId');
    case 'duplicate_agency_code':
      return new HttpError(409, 'Mã cơ quan đã được dùng cho đơn vị khác', 'agencyCode');
    case 'cycle':
      return new HttpError(422, 'Không thể đặt đơn vị làm cấp dưới của chính nó', 'parentId');
    case 'duplicate_counter_number':
      return new HttpError(409, 'Số quầy đã có trong đơn vị này', 'number');
  }
}
