import type { AddressConversion, AddressSuggestion, AddressUnit } from '../../../core/api/addresses.ts';
import { foldVietnamese } from '../../../core/text/fold.ts';
import type { AddressCatalogue } from './address-catalogue.ts';
import type { AddressCommuneTable, AddressMappingTable, AddressProvinceTable } from './addresses.repo.ts';

/** Unit types as folded words, longest first so that "thi tran" wins over a bare word. */
const UNIT_TYPES = [
  'thanh pho',
  'thi tran',
  'thi xa',
  'dac khu',
  'phuong',
  'xa',
  'quan',
  'huyen',
  'tinh',
] as const;
type UnitType = (typeof UNIT_TYPES)[number];
const COMMUNE_TYPES: ReadonlySet<UnitType> = new Set(['phuong', 'xa', 'thi tran', 'dac khu']);
const DISTRICT_TYPES: ReadonlySet<UnitType> = new Set(['quan', 'huyen', 'thi xa', 'thanh pho']);

/**
 * Abbreviations printed on cards and typed by officers: "P.", "X.", "TT.", "Tp.", "TP", "Q.", "H.",
 * "TX.", "T.". An abbreviation counts only with a dot, a space or a digit after it, so that names
 * such as "Phú Mỹ" or "Hưng Yên" are never read as one.
 */
const ABBREVIATIONS: [RegExp, UnitType][] = [
  [/^t\.?\s*p(?:\.\s*|\s+|(?=\d))/, 'thanh pho'],
  [/^tx(?:\.\s*|\s+)/, 'thi xa'],
  [/^tt(?:\.\s*|\s+)/, 'thi tran'],
  [/^p(?:\.\s*|\s+|(?=\d))/, 'phuong'],
  [/^x(?:\.\s*|\s+)/, 'xa'],
  [/^q(?:\.\s*|\s+|(?=\d))/, 'quan'],
  [/^h(?:\.\s*|\s+)/, 'huyen'],
  [/^t(?:\.\s*|\s+)/, 'tinh'],
];

/** Short names people use for a province instead of its name (folded). */
const PROVINCE_ALIASES: Record<string, string> = {
  hcm: 'ho chi minh',
  tphcm: 'ho chi minh',
  'sai gon': 'ho chi minh',
  hn: 'ha noi',
  brvt: 'ba ria vung tau',
  'ba ria': 'ba ria vung tau',
  'vung tau': 'ba ria vung tau',
};

/** Folded, punctuation as spaces, numbers without leading zeros ("Phường 01" ≡ "Phường 1"). */
function core(s: string): string {
  return s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => (/^[0-9]+$/.test(w) ? String(Number(w)) : w))
    .join(' ');
}

type NamePart = { type: UnitType | undefined; core: string };

/** A catalogue name always starts with its type word: "Phường Sa Đéc" → phuong / "sa dec". */
function splitCatalogueName(name: string): NamePart {
  const folded = foldVietnamese(name);
  for (const t of UNIT_TYPES) {
    if (folded.startsWith(`${t} `)) return { type: t, core: core(folded.slice(t.length + 1)) };
  }
  return { type: undefined, core: core(folded) };
}

/**
 * The readings of one comma-separated part typed by a person: with its type word or abbreviation
 * taken off, and also whole (names such as "Quan Hóa" or "Xuân Trường" start like a type word).
 */
function readPart(text: string): NamePart[] {
  const folded = foldVietnamese(text).trim();
  const readings: NamePart[] = [];
  for (const t of UNIT_TYPES) {
    if (folded.startsWith(`${t} `) || folded.startsWith(`${t}.`)) {
      readings.push({ type: t, core: core(folded.slice(t.length)) });
      break;
    }
  }
  if (readings.length === 0) {
    for (const [re, t] of ABBREVIATIONS) {
      const m = re.exec(folded);
      if (m) {
        readings.push({ type: t, core: core(folded.slice(m[0].length)) });
        break;
      }
    }
  }
  readings.push({ type: undefined, core: core(folded) });
  return readings.filter((r) => r.core !== '');
}

type Province = AddressUnit & { shortName: string };
type Commune = AddressUnit & { provinceCode: string; type: UnitType | undefined; core: string };

type OldCommune = {
  name: string;
  type: UnitType | undefined;
  district: string;
  districtPart: NamePart;
  province: string;
  newCommuneCodes: string[];
};

type SearchEntry = {
  commune: Commune;
  province: Province;
  /** Folded words of the commune name without its type word ("sa", "dec"). */
  nameWords: string[];
  typeWords: string[];
  provinceWords: string[];
  nameCore: string;
  suggestion: AddressSuggestion;
};

export type ConvertFailure = { ok: false; reason: string };
export type ConvertResult = { ok: true; value: AddressConversion } | ConvertFailure;

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function pickByType<T extends { type: UnitType | undefined }>(found: T[], wanted: UnitType | undefined): T[] {
  if (wanted === undefined) return found;
  const same = found.filter((f) => f.type === wanted);
  return same.length > 0 ? same : found;
}

/**
 * The address catalogue in memory: a cache of the database rows, rebuilt when the catalogue
 * changes. Search is a scan over 3,321 precomputed entries (well under a millisecond), which keeps
 * the code simple; a prefix index would only pay off for a much larger list.
 */
export class AddressIndex {
  readonly version: string | null;
  private readonly provinces = new Map<string, Province>();
  private readonly communes = new Map<string, Commune>();
  /** province code → commune core → communes */
  private readonly communesByCore = new Map<string, Map<string, Commune[]>>();
  /** folded core of a current province name or alias → province code */
  private readonly newProvinceByCore = new Map<string, string>();
  /** folded core of an old province name → old commune core → old communes */
  private readonly oldCommunes = new Map<string, Map<string, OldCommune[]>>();
  /** folded core of an old province name → the current provinces its communes went into */
  private readonly oldProvinceTargets = new Map<string, Set<string>>();
  private readonly entries: SearchEntry[] = [];

  constructor(rows: {
    version: string | null;
    provinces: AddressProvinceTable[];
    communes: AddressCommuneTable[];
    mappings: AddressMappingTable[];
  }) {
    this.version = rows.version;
    for (const p of rows.provinces) {
      const province: Province = { code: p.code, name: p.name, shortName: p.short_name };
      this.provinces.set(p.code, province);
      this.newProvinceByCore.set(splitCatalogueName(p.name).core, p.code);
      this.newProvinceByCore.set(core(foldVietnamese(p.short_name)), p.code);
    }
    for (const c of rows.communes) {
      const part = splitCatalogueName(c.name);
      const commune: Commune = { code: c.code, name: c.name, provinceCode: c.province_code, ...part };
      this.communes.set(c.code, commune);
      const byCore = getOrCreate(this.communesByCore, c.province_code, () => new Map<string, Commune[]>());
      byCore.set(part.core, [...(byCore.get(part.core) ?? []), commune]);
      const province = this.provinces.get(c.province_code);
      if (!province) continue;
      const folded = foldVietnamese(c.name);
      const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
      const typeWordCount = part.type ? part.type.split(' ').length : 0;
      this.entries.push({
        commune,
        province,
        nameWords: words.slice(typeWordCount),
        typeWords: words.slice(0, typeWordCount),
        provinceWords: core(foldVietnamese(province.name)).split(' '),
        nameCore: part.core,
        suggestion: {
          commune: { code: commune.code, name: commune.name },
          province: { code: province.code, name: province.name },
          label: `${commune.name}, ${province.shortName}`,
        },
      });
    }
    const groups = new Map<string, OldCommune & { provinceCore: string; core: string }>();
    for (const m of rows.mappings) {
      if (!m.old_commune || !m.old_district || !m.old_province) continue;
      const key = `${m.old_commune}|${m.old_district}|${m.old_province}`;
      let g = groups.get(key);
      if (!g) {
        const part = splitCatalogueName(m.old_commune);
        g = {
          name: m.old_commune,
          type: part.type,
          core: part.core,
          district: m.old_district,
          districtPart: splitCatalogueName(m.old_district),
          province: m.old_province,
          provinceCore: splitCatalogueName(m.old_province).core,
          newCommuneCodes: [],
        };
        groups.set(key, g);
      }
      if (!g.newCommuneCodes.includes(m.new_commune_code)) g.newCommuneCodes.push(m.new_commune_code);
      getOrCreate(this.oldProvinceTargets, g.provinceCore, () => new Set<string>()).add(m.new_province_code);
    }
    for (const g of groups.values()) {
      const byCore = getOrCreate(this.oldCommunes, g.provinceCore, () => new Map<string, OldCommune[]>());
      byCore.set(g.core, [...(byCore.get(g.core) ?? []), g]);
    }
  }

  /** An index straight from a parsed catalogue, without a database (tests, benchmarks). */
  static fromCatalogue(catalogue: AddressCatalogue, version: string | null = null): AddressIndex {
    return new AddressIndex({
      version,
      provinces: catalogue.provinces.map((p) => ({
        code: p.code,
        name: p.name,
        short_name: p.shortName,
        name_folded: foldVietnamese(p.name),
      })),
      communes: catalogue.communes.map((c) => ({
        code: c.code,
        name: c.name,
        province_code: c.provinceCode,
        name_folded: foldVietnamese(c.name),
      })),
      mappings: catalogue.mappings.map((m, i) => ({
        id: i + 1,
        old_code: m.oldCode,
        old_commune: m.oldCommune,
        old_district: m.oldDistrict,
        old_province: m.oldProvince,
        old_commune_folded: null,
        old_district_folded: null,
        old_province_folded: null,
        new_commune_code: m.newCommuneCode,
        new_province_code: m.newProvinceCode,
      })),
    });
  }

  get counts(): { provinces: number; communes: number } {
    return { provinces: this.provinces.size, communes: this.communes.size };
  }

  /**
   * Current communes matching a query, diacritics-insensitive: every query word must start a word
   * of the commune's or the province's name (or, ranked last, occur inside one). Word-start matches
   * in the commune's own name rank first, then the province, then shorter names.
   */
  search(query: string, limit = 20): AddressSuggestion[] {
    const words = core(foldVietnamese(query.normalize('NFC')))
      .split(' ')
      .filter((w) => w !== '');
    if (words.length === 0) return [];
    const phrase = words.join(' ');
    const scored: { score: number; entry: SearchEntry }[] = [];
    for (const entry of this.entries) {
      let score = 0;
      let nameHits = 0;
      for (const w of words) {
        if (entry.nameWords.includes(w)) {
          score += 4;
          nameHits++;
        } else if (entry.nameWords.some((n) => n.startsWith(w))) {
          score += 3;
          nameHits++;
        } else if (entry.typeWords.some((n) => n.startsWith(w))) score += 1;
        else if (entry.provinceWords.some((n) => n.startsWith(w))) score += 2;
        else if (w.length >= 2 && entry.nameWords.some((n) => n.includes(w))) score += 0.5;
        else {
          score = -1;
          break;
        }
      }
      if (score < 0 || nameHits === 0) continue;
      if (entry.nameCore === phrase) score += 6;
      else if (entry.nameCore.startsWith(phrase)) score += 3;
      scored.push({ score, entry });
    }
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        a.entry.nameWords.length - b.entry.nameWords.length ||
        a.entry.commune.name.localeCompare(b.entry.commune.name, 'vi'),
    );
    return scored.slice(0, limit).map((s) => s.entry.suggestion);
  }

  findCommune(code: string): AddressSuggestion | undefined {
    const c = this.communes.get(code);
    const p = c && this.provinces.get(c.provinceCode);
    if (!c || !p) return undefined;
    return {
      commune: { code: c.code, name: c.name },
      province: { code: p.code, name: p.name },
      label: `${c.name}, ${p.shortName}`,
    };
  }

  private provinceCores(part: string): string[] {
    const cores = readPart(part).map((r) => r.core);
    return [...new Set(cores.flatMap((c) => [c, PROVINCE_ALIASES[c] ?? c, c.replace(/^tp /, '')]))];
  }

  private findOld(
    provinceCores: string[],
    communePart: string,
    districtPart: string | undefined,
  ): OldCommune[] {
    const communeReadings = readPart(communePart);
    const districtReadings = districtPart === undefined ? undefined : readPart(districtPart);
    for (const pc of provinceCores) {
      const byCore = this.oldCommunes.get(pc);
      if (!byCore) continue;
      let found: OldCommune[] = [];
      for (const r of communeReadings) {
        for (const o of pickByType(byCore.get(r.core) ?? [], r.type)) if (!found.includes(o)) found.push(o);
      }
      if (districtReadings) {
        found = found.filter((o) => districtReadings.some((r) => r.core === o.districtPart.core));
        const typed = districtReadings[0]?.type;
        const sameType = found.filter((o) => o.districtPart.type === typed);
        if (typed !== undefined && sameType.length > 0) found = sameType;
      }
      if (found.length > 0) return found;
    }
    return [];
  }

  private findCurrent(provinceCodes: Iterable<string>, communePart: string): Commune[] {
    const found: Commune[] = [];
    for (const code of provinceCodes) {
      const byCore = this.communesByCore.get(code);
      if (!byCore) continue;
      for (const reading of readPart(communePart)) {
        let list = byCore.get(reading.core) ?? [];
        if (reading.type !== undefined) list = list.filter((c) => c.type === reading.type);
        for (const c of list) if (!found.includes(c)) found.push(c);
      }
    }
    return found;
  }

  private suggestion(code: string): AddressSuggestion {
    const s = this.findCommune(code);
    if (!s) throw new Error(`address catalogue: commune ${code} has no province`);
    return s;
  }

  /**
   * Reads an address written either the old way (…, xã/phường, huyện/quận/thị xã/thành phố, tỉnh)
   * or the current way (…, xã/phường, tỉnh) and answers it in the current administration.
   * Fails, with a Vietnamese reason, when no province and commune can be recognised.
   */
  convert(text: string): ConvertResult {
    const original = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
    const parts = original
      .split(/[,;\n]/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    while (parts.length > 0 && /^(viet nam|vn)$/.test(core(foldVietnamese(parts.at(-1) ?? '')))) parts.pop();
    if (parts.length < 2) {
      return {
        ok: false,
        reason: 'Địa chỉ cần có ít nhất xã/phường và tỉnh/thành phố, ngăn cách bởi dấu phẩy',
      };
    }
    const provincePart = parts.at(-1)!;
    const provinceCores = this.provinceCores(provincePart);
    const newProvinceCodes = new Set<string>();
    for (const c of provinceCores) {
      const code = this.newProvinceByCore.get(c);
      if (code) newProvinceCodes.add(code);
      for (const t of this.oldProvinceTargets.get(c) ?? []) newProvinceCodes.add(t);
    }
    if (newProvinceCodes.size === 0) {
      return { ok: false, reason: `Không nhận ra tỉnh/thành phố «${provincePart}» trong địa chỉ` };
    }
    const n = parts.length;
    const secondLast = readPart(parts[n - 2]!)[0]?.type;

    // Old three levels: the part before the province is a district.
    if (n >= 3 && (secondLast === undefined || DISTRICT_TYPES.has(secondLast))) {
      const olds = this.findOld(provinceCores, parts[n - 3]!, parts[n - 2]!);
      if (olds.length > 0) return { ok: true, value: this.fromOld(olds, parts.slice(0, n - 3), original) };
    }
    // Current two levels: the part before the province is a commune.
    if (secondLast === undefined || COMMUNE_TYPES.has(secondLast)) {
      const current = this.findCurrent(newProvinceCodes, parts[n - 2]!);
      if (current.length === 1) {
        const s = this.suggestion(current[0]!.code);
        const detail = parts.slice(0, n - 2).join(', ');
        return {
          ok: true,
          value: {
            detail,
            commune: s.commune,
            province: s.province,
            ambiguous: false,
            source: 'current',
            original,
            formatted: [detail, s.commune.name, s.province.name].filter((x) => x !== '').join(', '),
          },
        };
      }
      // An old commune written without its district ("Xã Tân Khánh Đông, Đồng Tháp").
      const olds = this.findOld(provinceCores, parts[n - 2]!, undefined);
      if (olds.length > 0) return { ok: true, value: this.fromOld(olds, parts.slice(0, n - 2), original) };
      if (current.length > 1) {
        const candidates = current.map((c) => this.suggestion(c.code));
        return {
          ok: true,
          value: {
            detail: parts.slice(0, n - 2).join(', '),
            commune: null,
            province: candidates[0]!.province,
            ambiguous: true,
            candidates,
            source: 'current',
            original,
          },
        };
      }
    }
    return {
      ok: false,
      reason: `Không tìm thấy xã/phường trong địa chỉ «${original}» (cả theo đơn vị hành chính cũ và mới)`,
    };
  }

  private fromOld(olds: OldCommune[], detailParts: string[], original: string): AddressConversion {
    const codes = [...new Set(olds.flatMap((o) => o.newCommuneCodes))];
    const candidates = codes.map((c) => this.suggestion(c));
    const detail = detailParts.join(', ');
    const first = candidates[0]!;
    const oldUnits = olds.map((o) => `${o.name}, ${o.district}, ${o.province}`).join(' / ');
    if (candidates.length === 1) {
      return {
        detail,
        commune: first.commune,
        province: first.province,
        ambiguous: false,
        source: 'old',
        original,
        oldUnits,
        formatted: [detail, first.commune.name, first.province.name].filter((x) => x !== '').join(', '),
      };
    }
    return {
      detail,
      commune: null,
      province: first.province,
      ambiguous: true,
      candidates,
      source: 'old',
      original,
      oldUnits,
    };
  }
}
