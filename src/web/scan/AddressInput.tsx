import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { AddressSuggestion, AddressValue } from '../../core/api/addresses.ts';
import { api } from '../ui/api.ts';
import './scan.css';

/** The one-line address forms print: "Ấp Tân Hòa, Phường Sa Đéc, Tỉnh Đồng Tháp". */
export function formatAddress(v: AddressValue): string {
  if (!v.commune) return v.text ?? v.detail ?? '';
  return [v.detail, v.commune.name, v.province?.name].filter((x) => x && x.trim() !== '').join(', ');
}

/**
 * An address field: the detail (house number, street, hamlet) as free text, and the current
 * commune chosen from `/api/addresses/search` (diacritics optional; ↑ ↓ to move, Enter to choose,
 * Esc to close). Typing in the commune box after a choice clears the choice.
 */
export function AddressInput(props: {
  value: AddressValue;
  onChange(value: AddressValue): void;
  id?: string;
  /** The public portal passes '/api/public/addresses/search'. */
  searchPath?: string;
  invalid?: boolean;
  disabled?: boolean;
}) {
  const { value, onChange } = props;
  const searchPath = props.searchPath ?? '/api/addresses/search';
  const listId = useId();
  const chosenLabel = value.commune
    ? `${value.commune.name}${value.province ? `, ${value.province.name}` : ''}`
    : '';
  const [query, setQuery] = useState(chosenLabel);
  const [items, setItems] = useState<AddressSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const seq = useRef(0);

  // A value set from outside (a scanned card) shows in the commune box.
  useEffect(() => {
    if (chosenLabel) setQuery(chosenLabel);
  }, [chosenLabel]);

  useEffect(() => {
    if (!open || query.trim() === '' || query === chosenLabel) {
      setItems([]);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api<AddressSuggestion[]>('GET', `${searchPath}?q=${encodeURIComponent(query)}`)
        .then((found) => {
          if (mine !== seq.current) return;
          setItems(found);
          setActive(0);
        })
        .catch(() => {
          if (mine === seq.current) setItems([]);
        });
    }, 120);
    return () => clearTimeout(timer);
  }, [query, open, searchPath, chosenLabel]);

  const choose = (s: AddressSuggestion) => {
    const next: AddressValue = { detail: value.detail ?? '', commune: s.commune, province: s.province };
    next.text = formatAddress(next);
    onChange(next);
    setQuery(`${s.commune.name}, ${s.province.name}`);
    setOpen(false);
    setItems([]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && items.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (e.key === 'ArrowUp' && items.length > 0) {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && open && items[active]) {
      e.preventDefault();
      choose(items[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const showList = open && items.length > 0;
  return (
    <div className="address-input">
      <input
        className="address-detail"
        aria-label="Số nhà, đường, ấp/khóm/tổ"
        placeholder="Số nhà, đường, ấp/khóm"
        value={value.detail ?? ''}
        disabled={props.disabled}
        onChange={(e) => {
          const next: AddressValue = { ...value, detail: e.target.value };
          next.text = formatAddress(next);
          onChange(next);
        }}
      />
      <div className="address-commune">
        <input
          id={props.id}
          role="combobox"
          aria-label="Xã/phường, tỉnh/thành phố"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList ? `${listId}-${active}` : undefined}
          aria-invalid={props.invalid || undefined}
          placeholder="Xã/phường (gõ không dấu được)"
          value={query}
          disabled={props.disabled}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            if (value.commune) {
              const next: AddressValue = { detail: value.detail ?? '' };
              next.text = formatAddress(next);
              onChange(next);
            }
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {showList && (
          <div className="address-suggestions" id={listId} role="listbox">
            {items.map((s, i) => (
              <div
                key={s.commune.code}
                tabIndex={-1}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                // mousedown, not click: the input keeps focus and its blur does not close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(s);
                }}
              >
                {s.label}
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
