import { CHANNEL_INFO, type Channel, type DossierStatus, STATUS_INFO } from '../../../core/dossier/states.ts';
import type { DossierRow } from './dossiers.service.ts';
import { isOnTime } from './dossiers.service.ts';

export function toDossierView(d: DossierRow, now: Date = new Date()) {
  const status = d.status as DossierStatus;
  return {
    id: d.id,
    code: d.code,
    unitId: d.unit_id,
    procedureCode: d.procedure_code,
    templateId: d.template_id,
    templateVersion: d.template_version,
    status,
    statusLabel: STATUS_INFO[status].label,
    portalStatusCode: STATUS_INFO[status].portalCode,
    channel: d.channel as Channel,
    channelLabel: CHANNEL_INFO[d.channel as Channel].label,
    applicant: {
      name: d.applicant_name,
      idNumber: d.applicant_id_number,
      address: d.applicant_address,
      phone: d.applicant_phone,
      email: d.applicant_email,
    },
    documents: JSON.parse(d.documents) as unknown[],
    values: JSON.parse(d.values) as Record<string, unknown>,
    officerId: d.officer_id,
    counterId: d.counter_id,
    processorId: d.processor_id,
    receivedAt: d.received_at,
    dueAt: d.due_at,
    committedDueAt: d.committed_due_at,
    finishedAt: d.finished_at,
    returnedAt: d.returned_at,
    pausedAt: d.paused_at,
    logbook: d.logbook_number ? { year: d.logbook_year, number: d.logbook_number } : null,
    digitised: d.digitised === 1,
    onTime: isOnTime(d, now),
  };
}
