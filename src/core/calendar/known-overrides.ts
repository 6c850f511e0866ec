import type { DayOverride } from './DayOverride.ts';

/**
 * The government's announced days off and make-up Saturdays for civil servants, as far as they
 * were found in public sources (/work/shared/reference/public-holidays.md §2). Entries that the
 * rules in holidays.ts already produce are repeated here on purpose: they are the announcement,
 * and they keep these years exact if a default rule changes. The administrator adds later years
 * in the database.
 */
export const KNOWN_OVERRIDES: readonly DayOverride[] = [
  // 2025 — Công văn 8726/VPCP-KGVX (26/11/2024): Tết Ất Tỵ Sat 25/01 – Sun 02/02.
  { date: '2025-01-27', kind: 'off', note: 'Tết Ất Tỵ (28 tháng Chạp)' },
  { date: '2025-01-28', kind: 'off', note: 'Tết Ất Tỵ (29 tháng Chạp)' },
  { date: '2025-01-29', kind: 'off', note: 'Tết Ất Tỵ (mùng 1)' },
  { date: '2025-01-30', kind: 'off', note: 'Tết Ất Tỵ (mùng 2)' },
  { date: '2025-01-31', kind: 'off', note: 'Tết Ất Tỵ (mùng 3)' },
  // 2025 — 30/4–1/5: Fri 02/5 swapped with Sat 26/4 (confidence: likely).
  { date: '2025-04-26', kind: 'work', note: 'Làm bù cho ngày 02/5/2025' },
  { date: '2025-05-02', kind: 'off', note: 'Nghỉ hoán đổi 30/4–1/5 (làm bù thứ Bảy 26/4/2025)' },
  // 2025 — Thông báo 6150/TB-BLĐTBXH: Quốc khánh Sat 30/8 – Tue 02/9.
  { date: '2025-09-01', kind: 'off', note: 'Quốc khánh 2025' },
  { date: '2025-09-02', kind: 'off', note: 'Quốc khánh 2025' },
  // 2026 — Tết Dương lịch Thu 01/01 – Sun 04/01 (VPCP, 25/12/2025); Fri 02/01 swapped, the
  // make-up Saturday was not found in the sources (add it when known).
  { date: '2026-01-02', kind: 'off', note: 'Nghỉ hoán đổi Tết Dương lịch 2026' },
  // 2026 — Thông báo 9441/TB-BNV (16/10/2025): Tết Bính Ngọ Sat 14/02 – Sun 22/02.
  { date: '2026-02-16', kind: 'off', note: 'Tết Bính Ngọ (29 tháng Chạp)' },
  { date: '2026-02-17', kind: 'off', note: 'Tết Bính Ngọ (mùng 1)' },
  { date: '2026-02-18', kind: 'off', note: 'Tết Bính Ngọ (mùng 2)' },
  { date: '2026-02-19', kind: 'off', note: 'Tết Bính Ngọ (mùng 3)' },
  { date: '2026-02-20', kind: 'off', note: 'Tết Bính Ngọ (mùng 4)' },
  // 2026 — Quốc khánh Sat 29/8 – Wed 02/9: Mon 31/8 swapped with Sat 22/8 (làm bù).
  { date: '2026-08-22', kind: 'work', note: 'Làm bù cho ngày 31/8/2026' },
  { date: '2026-08-31', kind: 'off', note: 'Nghỉ hoán đổi Quốc khánh 2026 (làm bù thứ Bảy 22/8/2026)' },
  { date: '2026-09-01', kind: 'off', note: 'Quốc khánh 2026' },
  { date: '2026-09-02', kind: 'off', note: 'Quốc khánh 2026' },
];
