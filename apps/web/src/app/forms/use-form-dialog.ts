import type { UseMutationResult } from '@tanstack/react-query';
import { App, type FormInstance, type ModalProps } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiErrorToForm } from './api-form-errors.ts';

type Options<Values, Saved, Variables> = {
  form: FormInstance<Values>;
  open: boolean;
  save: UseMutationResult<Saved, Error, Variables>;
  onClose: () => void;
  /** API field name → form field name, where the form edits a value in other units. */
  rename?: Record<string, string>;
};

/**
 * What the create / edit modals and drawers have in common: a clean form on every opening, a save
 * that says so and closes, and a failed save's field errors on the fields with the rest in `error`
 * (for `FormErrorAlert`).
 */
export function useFormDialog<Values, Saved, Variables>({ form, open, save, onClose, rename }: Options<Values, Saved, Variables>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  /** Call when the dialog opens: nothing typed or reported the last time may show through. */
  const reset = useCallback(
    (values: Parameters<FormInstance<Values>['setFieldsValue']>[0]) => {
      setError(null);
      form.resetFields();
      form.setFieldsValue(values);
    },
    [form],
  );

  const submit = (variables: Variables, doneMessage: string, onSaved?: (saved: Saved) => void) => {
    setError(null);
    save.mutate(variables, {
      onSuccess: (saved) => {
        message.success(doneMessage);
        onSaved?.(saved);
        onClose();
      },
      onError: (failure) => setError(applyApiErrorToForm(form, failure, rename)),
    });
  };

  const modalProps = {
    open,
    // Rendered while closed too, so the form is mounted when `reset` fills it on opening.
    forceRender: true,
    onCancel: onClose,
    // Through the form, so its rules run before anything is sent.
    onOk: () => form.submit(),
    okText: t('common.save'),
    cancelText: t('common.cancel'),
    confirmLoading: save.isPending,
  } satisfies ModalProps;

  return { error, reset, submit, saving: save.isPending, modalProps };
}
