import { useState } from 'react';
import type { AddressSuggestion, AddressValue } from '../../core/api/addresses.ts';
import type { CccdParsed } from '../../core/api/cccd.ts';
import { formatDateVi } from '../../core/text/vi-date.ts';
import { formatAddress } from './AddressInput.tsx';
import './scan.css';

/** A person block of the form a card can fill: requester, mother, father, bên nam … */
export type PersonTarget = { id: string; label: string };

/** The address a card fills: the converted current one when there is one, otherwise the card's text. */
export function cardAddress(card: CccdParsed, chosen?: AddressSuggestion): AddressValue {
  const conv = card.addressConversion;
  const pick = conv?.commune ? { commune: conv.commune, province: conv.province } : chosen;
  if (!conv || !pick) return { text: card.address };
  const value: AddressValue = { detail: conv.detail, commune: pick.commune, province: pick.province };
  value.text = formatAddress(value);
  return value;
}

/**
 * A scanned card, for the officer to check before it fills a person block: the card's data,
 * the warnings, the card's (old) address beside the current one — with a choice when the old
 * commune was split — and one button per person block.
 */
export function CccdScanResult(props: {
  card: CccdParsed;
  targets: PersonTarget[];
  onFill(targetId: string, card: CccdParsed, address: AddressValue): void;
  onDismiss?(): void;
}) {
  const { card } = props;
  const conv = card.addressConversion;
  const [chosen, setChosen] = useState<AddressSuggestion | undefined>(undefined);
  const needsChoice = conv?.ambiguous === true && chosen === undefined;
  const address = cardAddress(card, chosen);
  return (
    <section className="cccd-result panel" aria-label="Thông tin thẻ vừa quét">
      <dl className="cccd-fields">
        <dt>Họ tên</dt>
        <dd className="cccd-name">{card.fullName}</dd>
        <dt>Số định danh</dt>
        <dd>
          {card.idNumber}
          {card.oldIdNumber && <span className="muted"> (CMND cũ {card.oldIdNumber})</span>}
        </dd>
        <dt>Ngày sinh</dt>
        <dd>
          {formatDateVi(card.birthDate)} · {card.gender === 'male' ? 'Nam' : 'Nữ'}
        </dd>
        <dt>Giấy tờ</dt>
        <dd>
          {card.document.title}, cấp ngày {formatDateVi(card.issueDate)}, {card.document.issuer}
        </dd>
        <dt>Nơi thường trú</dt>
        <dd>
          {conv ? (
            <div className="cccd-address">
              <div>
                <span className="muted">Trên thẻ (địa giới cũ): </span>
                <span className="cccd-old">{card.address}</span>
              </div>
              <div>
                <span className="muted">Hiện nay: </span>
                {conv.ambiguous && (
                  <fieldset className="cccd-choice">
                    <legend>Xã cũ đã chia cho nhiều xã mới — chọn xã đúng:</legend>
                    {(conv.candidates ?? []).map((c) => (
                      <label key={c.commune.code}>
                        <input
                          type="radio"
                          name="cccd-commune"
                          checked={chosen?.commune.code === c.commune.code}
                          onChange={() => setChosen(c)}
                        />{' '}
                        {c.label}
                      </label>
                    ))}
                  </fieldset>
                )}
                {!needsChoice && <strong className="cccd-new">{address.text}</strong>}
              </div>
            </div>
          ) : (
            card.address || <span className="muted">(trống)</span>
          )}
        </dd>
      </dl>
      {card.warnings.length > 0 && (
        <ul className="cccd-warnings" role="status">
          {card.warnings.map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      )}
      <div className="cccd-targets">
        <span>Điền vào:</span>
        {props.targets.map((t) => (
          <button
            type="button"
            key={t.id}
            className="primary"
            disabled={needsChoice}
            title={needsChoice ? 'Chọn xã/phường hiện nay trước' : undefined}
            onClick={() => props.onFill(t.id, card, address)}
          >
            {t.label}
          </button>
        ))}
        {props.onDismiss && (
          <button type="button" onClick={props.onDismiss}>
            Bỏ qua
          </button>
        )}
      </div>
    </section>
  );
}
