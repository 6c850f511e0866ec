import type { Timeliness } from '../dossier/timeliness.ts';

/** One line of the logbook (Sổ theo dõi hồ sơ), as the API returns it and the screen shows it. */
export interface LogbookRow {
  /** Volume (the year) and running number in the unit's logbook. */
  logbookYear: number | null;
  logbookNumber: number | null;
  code: string;
  applicantName: string;
  procedureCode: string;
  procedureName: string;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  status: string;
  statusLabel: string;
  /** Against the first appointment; null while the dossier is open and not yet late. */
  timeliness: Timeliness | null;
  timelinessLabel: string;
  channel: string;
  channelLabel: string;
}

export interface LogbookView {
  unit: { id: number; name: string };
  from: string;
  to: string;
  rows: LogbookRow[];
}
