import { describeValue } from './card-to-block.ts';

export interface PrefillCandidate {
  dossierCode: string;
  at: string;
  path: string;
  values: Record<string, unknown>;
}

export interface CitizenOfferState {
  prefix: string;
  title: string;
  idNumber: string;
  candidate: PrefillCandidate;
  /** Sub-keys of the block that the template has, with their labels. */
  fields: { sub: string; label: string }[];
}

/**
 * Values this citizen gave in an earlier dossier, offered for the block being typed. The officer takes
 * them one by one (or all at once); nothing is filled without a click.
 */
export function CitizenOffer(props: {
  offer: CitizenOfferState;
  current: (sub: string) => unknown;
  /** Takes some of the values, keyed by the block's sub-keys. */
  onTake(block: Record<string, unknown>): void;
  onDismiss(): void;
}) {
  const { offer } = props;
  const rows = offer.fields.filter(
    (f) =>
      offer.candidate.values[f.sub] !== undefined &&
      describeValue(offer.candidate.values[f.sub]) !== describeValue(props.current(f.sub)),
  );
  return (
    <section className="panel co" aria-label="Thông tin từ hồ sơ trước">
      <div className="co-head">
        <strong>
          Công dân có số định danh {offer.idNumber} đã nộp hồ sơ {offer.candidate.dossierCode}
        </strong>
        <span className="muted"> — dùng lại cho {offer.title}?</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted">Các thông tin trong hồ sơ trước giống thông tin đang nhập.</p>
      ) : (
        <table className="data co-rows">
          <tbody>
            {rows.map((f) => (
              <tr key={f.sub}>
                <th>{f.label}</th>
                <td>{describeValue(offer.candidate.values[f.sub])}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => props.onTake({ [f.sub]: offer.candidate.values[f.sub] })}
                  >
                    Dùng
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        {rows.length > 1 && (
          <button
            type="button"
            className="primary"
            onClick={() =>
              props.onTake(Object.fromEntries(rows.map((f) => [f.sub, offer.candidate.values[f.sub]])))
            }
          >
            Dùng tất cả
          </button>
        )}
        <button type="button" onClick={props.onDismiss}>
          Bỏ qua
        </button>
      </div>
    </section>
  );
}
