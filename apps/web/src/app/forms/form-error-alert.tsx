import { Alert } from 'antd';

/** What a save failed with, above the form, for the part that `applyApiErrorToForm` could not put on a field. */
export function FormErrorAlert({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null;
}
