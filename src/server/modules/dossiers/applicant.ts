import { type FormTemplate, templateFields } from '../../../core/forms/FormTemplate.ts';
import { formatAddress } from '../../../core/forms/field-types.ts';
import { getAt } from '../../../core/forms/value-path.ts';

export interface Applicant {
  name: string;
  idNumber: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/**
 * Who submits the dossier, read from the form: the requester block when the template has one
 * (civil-status forms), otherwise the first person-name field and the identity, address, phone and
 * email fields that share its prefix.
 */
export function applicantFrom(template: FormTemplate, values: Record<string, unknown>): Applicant {
  const fields = templateFields(template);
  const nameField =
    fields.find((f) => f.key === 'requester.fullName') ?? fields.find((f) => f.type === 'personName');
  const prefix = nameField?.key.includes('.') ? nameField.key.slice(0, nameField.key.lastIndexOf('.')) : '';
  const within = (type: string) =>
    fields.find((f) => f.type === type && (prefix === '' || f.key.startsWith(`${prefix}.`))) ??
    fields.find((f) => f.type === type);
  const identity = within('identityDocument');
  const idField = within('idNumber');
  const address = within('address');
  const phone = within('phone');
  const email = within('email');
  const identityValue = identity ? getAt(values, identity.key) : undefined;
  const idNumber =
    (identityValue && typeof identityValue === 'object'
      ? text((identityValue as { number?: unknown }).number)
      : null) ?? (idField ? text(getAt(values, idField.key)) : null);
  const addressText = address ? formatAddress(getAt(values, address.key)) : '';
  return {
    name: (nameField && text(getAt(values, nameField.key))) ?? '',
    idNumber,
    address: addressText || null,
    phone: phone ? text(getAt(values, phone.key)) : null,
    email: email ? text(getAt(values, email.key)) : null,
  };
}
