import { type FormEvent, Fragment, useMemo, useState } from 'react';
import { type CounterView, UNIT_KIND_LABELS, type UnitKind, type UnitView } from '../../core/api/units.ts';
import { api } from '../ui/api.ts';
import { Alert, Field, type FormErrors, NO_ERRORS, toFormErrors } from '../ui/FormBits.tsx';
import { useApi } from '../ui/useApi.ts';
import { CounterDisplays } from './CounterDisplays.tsx';

function UnitTree(props: {
  units: UnitView[];
  parentId: number | null;
  selected: number | null;
  onSelect(id: number): void;
  root?: boolean;
}) {
  // At the root, a unit whose parent the caller cannot see is shown as a root of its own.
  const visible = new Set(props.units.map((u) => u.id));
  const children = props.root
    ? props.units.filter((u) => u.parentId === null || !visible.has(u.parentId))
    : props.units.filter((u) => u.parentId === props.parentId);
  if (children.length === 0) return null;
  return (
    <ul className={props.root ? 'tree root' : 'tree'}>
      {children.map((u) => (
        <li key={u.id}>
          <button
            type="button"
            className="node"
            aria-pressed={props.selected === u.id}
            onClick={() => props.onSelect(u.id)}
          >
            <span>{u.name}</span>
            <span className="code">{u.agencyCode}</span>
            {!u.active && <span className="badge off">ngừng</span>}
          </button>
          <UnitTree units={props.units} parentId={u.id} selected={props.selected} onSelect={props.onSelect} />
        </li>
      ))}
    </ul>
  );
}

interface UnitDraft {
  name: string;
  kind: UnitKind;
  parentId: number | null;
  agencyCode: string;
  address: string;
  phone: string;
}

const EMPTY_DRAFT: UnitDraft = {
  name: '',
  kind: 'commune',
  parentId: null,
  agencyCode: '',
  address: '',
  phone: '',
};

function UnitForm(props: { units: UnitView[]; unit: UnitView | null; onSaved(u: UnitView): void }) {
  const [draft, setDraft] = useState<UnitDraft>(() =>
    props.unit
      ? { ...props.unit, address: props.unit.address ?? '', phone: props.unit.phone ?? '' }
      : EMPTY_DRAFT,
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [ok, setOk] = useState<string | null>(null);
  const set = <K extends keyof UnitDraft>(k: K, v: UnitDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setOk(null);
    const body = { ...draft, address: draft.address || null, phone: draft.phone || null };
    try {
      const saved = props.unit
        ? await api<UnitView>('PATCH', `/api/units/${props.unit.id}`, body)
        : await api<UnitView>('POST', '/api/units', body);
      setOk(props.unit ? 'Đã lưu thay đổi' : 'Đã tạo đơn vị');
      props.onSaved(saved);
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  async function toggleActive() {
    if (!props.unit) return;
    try {
      const saved = await api<UnitView>('PATCH', `/api/units/${props.unit.id}`, {
        active: !props.unit.active,
      });
      setOk(saved.active ? 'Đã mở lại đơn vị' : 'Đã ngừng hoạt động đơn vị');
      props.onSaved(saved);
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  return (
    <form onSubmit={save} aria-label={props.unit ? 'Sửa đơn vị' : 'Thêm đơn vị'}>
      <Alert errors={errors} ok={ok} />
      <Field label="Tên đơn vị" name="name" errors={errors}>
        <input value={draft.name} onChange={(e) => set('name', e.target.value)} />
      </Field>
      <div className="row">
        <Field label="Loại" name="kind" errors={errors}>
          <select value={draft.kind} onChange={(e) => set('kind', e.target.value as UnitKind)}>
            {Object.entries(UNIT_KIND_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Mã cơ quan" name="agencyCode" errors={errors}>
          <input
            value={draft.agencyCode}
            placeholder="000.00.29.H18"
            onChange={(e) => set('agencyCode', e.target.value)}
          />
        </Field>
      </div>
      <Field label="Đơn vị cấp trên" name="parentId" errors={errors}>
        <select
          value={draft.parentId ?? ''}
          onChange={(e) => set('parentId', e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">— Không (cấp cao nhất) —</option>
          {props.units
            .filter((u) => u.id !== props.unit?.id)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
      </Field>
      <Field label="Địa chỉ" name="address" errors={errors}>
        <input value={draft.address} onChange={(e) => set('address', e.target.value)} />
      </Field>
      <Field label="Điện thoại" name="phone" errors={errors}>
        <input value={draft.phone} onChange={(e) => set('phone', e.target.value)} />
      </Field>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        {props.unit && (
          <button type="button" className="shrink danger" onClick={() => void toggleActive()}>
            {props.unit.active ? 'Ngừng hoạt động' : 'Mở lại'}
          </button>
        )}
        <button type="submit" className="primary shrink">
          {props.unit ? 'Lưu' : 'Tạo đơn vị'}
        </button>
      </div>
    </form>
  );
}

function Counters(props: { unit: UnitView }) {
  const { data: counters, reload } = useApi<CounterView[]>(`/api/units/${props.unit.id}/counters`);
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [screens, setScreens] = useState<number | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    try {
      await api('POST', `/api/units/${props.unit.id}/counters`, { number: Number(number), name });
      setNumber('');
      setName('');
      reload();
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  async function toggle(c: CounterView) {
    try {
      await api('PATCH', `/api/counters/${c.id}`, { active: !c.active });
      reload();
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  return (
    <section aria-label="Quầy" style={{ marginTop: 14 }}>
      <h2>Quầy của bộ phận một cửa</h2>
      <Alert errors={errors} />
      <table className="data">
        <thead>
          <tr>
            <th>Số</th>
            <th>Tên quầy</th>
            <th>Trạng thái</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {counters?.map((c) => (
            <Fragment key={c.id}>
              <tr className={c.active ? '' : 'inactive'}>
                <td>{c.number}</td>
                <td>{c.name}</td>
                <td>
                  {c.active ? (
                    <span className="badge">hoạt động</span>
                  ) : (
                    <span className="badge off">ngừng</span>
                  )}
                </td>
                <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <button
                    type="button"
                    aria-expanded={screens === c.id}
                    onClick={() => setScreens(screens === c.id ? null : c.id)}
                  >
                    Màn hình công dân
                  </button>{' '}
                  <button type="button" onClick={() => void toggle(c)}>
                    {c.active ? 'Ngừng' : 'Mở lại'}
                  </button>
                </td>
              </tr>
              {screens === c.id && (
                <tr>
                  <td colSpan={4}>
                    <CounterDisplays counterId={c.id} counterName={c.name} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <form
        className="row"
        onSubmit={add}
        style={{ marginTop: 8, alignItems: 'start' }}
        aria-label="Thêm quầy"
      >
        <Field label="Số quầy" name="number" errors={errors}>
          <input inputMode="numeric" value={number} onChange={(e) => setNumber(e.target.value)} />
        </Field>
        <Field label="Tên quầy" name="name" errors={errors}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit" className="shrink" style={{ marginTop: 20 }}>
          Thêm quầy
        </button>
      </form>
    </section>
  );
}

export function UnitsPage() {
  const { data: units, error, reload } = useApi<UnitView[]>('/api/units');
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const unit = useMemo(() => units?.find((u) => u.id === selected) ?? null, [units, selected]);

  return (
    <>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>Đơn vị và quầy</h1>
        <button
          type="button"
          className="primary shrink"
          onClick={() => {
            setCreating(true);
            setSelected(null);
          }}
        >
          + Thêm đơn vị
        </button>
      </div>
      {error && <div className="alert error">{error}</div>}
      <div className="grid2">
        <section className="panel" aria-label="Cây đơn vị">
          <h2>Cây đơn vị</h2>
          {units && (
            <UnitTree
              units={units}
              parentId={null}
              root
              selected={selected}
              onSelect={(id) => {
                setSelected(id);
                setCreating(false);
              }}
            />
          )}
        </section>
        <section className="panel" aria-label="Chi tiết đơn vị">
          {creating && units && (
            <>
              <h2>Thêm đơn vị</h2>
              <UnitForm
                key="new"
                units={units}
                unit={null}
                onSaved={(u) => {
                  reload();
                  setCreating(false);
                  setSelected(u.id);
                }}
              />
            </>
          )}
          {!creating && unit && units && (
            <>
              <h2>{unit.name}</h2>
              <UnitForm key={`${unit.id}-${unit.active}`} units={units} unit={unit} onSaved={reload} />
              <Counters unit={unit} />
            </>
          )}
          {!creating && !unit && <p className="muted">Chọn một đơn vị trong cây để xem và sửa.</p>}
        </section>
      </div>
    </>
  );
}
