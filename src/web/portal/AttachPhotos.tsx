import { useState } from 'react';

/** Photos or PDFs of the papers, sent to an online dossier with its secret (taken with the phone camera). */
export function AttachPhotos(props: { code: string; secret: string }) {
  const [sent, setSent] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(files: FileList | null) {
    if (!files) return;
    setBusy(true);
    setError(null);
    for (const f of [...files]) {
      const form = new FormData();
      form.append('secret', props.secret);
      form.append('file', f, f.name);
      try {
        const res = await fetch(`/api/public/dossiers/${encodeURIComponent(props.code)}/attachments`, {
          method: 'POST',
          body: form,
        });
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { message?: string };
          setError(`${f.name}: ${body.message ?? `lỗi ${res.status}`}`);
          continue;
        }
        setSent((s) => [...s, f.name]);
      } catch {
        setError('Không gửi được, kiểm tra mạng rồi thử lại');
      }
    }
    setBusy(false);
  }

  return (
    <div className="pt-attach">
      <label className="button pt-wide pt-file">
        {busy ? 'Đang gửi…' : 'Chụp / chọn ảnh giấy tờ để đính kèm'}
        <input
          type="file"
          accept="image/jpeg,image/png,application/pdf"
          capture="environment"
          multiple
          disabled={busy}
          onChange={(e) => void send(e.target.files)}
        />
      </label>
      {sent.length > 0 && (
        <ul role="status" aria-label="Đã gửi">
          {sent.map((n) => (
            <li key={n}>Đã gửi: {n}</li>
          ))}
        </ul>
      )}
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
