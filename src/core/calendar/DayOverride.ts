import { z } from 'zod';
import { parseIsoDate } from './iso-date.ts';

/**
 * A day whose status the government announced for one year: an extra day off (the Prime
 * Minister's choice of Tết days, a swapped weekday) or a make-up Saturday (làm bù). An override
 * beats every computed rule for its date.
 */
export const DayOverride = z.object({
  date: z.string().refine((s) => parseIsoDate(s) !== undefined, { message: 'Ngày phải có dạng YYYY-MM-DD' }),
  kind: z.enum(['off', 'work']),
  note: z.string().optional(),
});
export type DayOverride = z.infer<typeof DayOverride>;
